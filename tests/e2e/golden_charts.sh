# Every chart's display list equals its reviewed golden dump (make regen
# rewrites them); the price chart's PNG matches its golden image within a
# pixel tolerance; the PDF draws charts as vectors, with no image at all.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --dump-charts --out "$WORK/out"
n=0
for g in "$ROOT"/tests/golden/charts/*.txt; do
	id=$(basename "$g" .txt)
	diff -u "$g" "$WORK/out/charts/$id.txt" > "$WORK/diff.txt" || die "chart $id differs from its golden dump: $(head -n 12 "$WORK/diff.txt")"
	n=$((n + 1))
done
[ "$n" -ge 11 ] || die "expected at least 11 golden charts, found $n"
[ "$(ls "$WORK/out/charts/"*.txt | wc -l)" -eq "$n" ] || die "a chart has no golden dump (make regen)"
/usr/bin/python3 "$ROOT/tests/png_compare.py" "$ROOT/tests/golden/charts/price.png" "$WORK/out/charts/price.png"
# a different picture must fail the comparison (the check can tell)
if /usr/bin/python3 "$ROOT/tests/png_compare.py" "$ROOT/tests/golden/charts/price.png" "$WORK/out/charts/crash1.png" > /dev/null 2>&1; then
	die "png_compare accepts a different chart"
fi
pdfimages -list "$WORK/out/report.pdf" > "$WORK/images.txt" 2>/dev/null
[ "$(wc -l < "$WORK/images.txt")" -eq 2 ] || die "the PDF holds images: $(cat "$WORK/images.txt")"
