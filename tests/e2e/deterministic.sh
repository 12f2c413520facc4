# Two builds with the same inputs and as-of date give byte-identical files.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/a"
"$MSTRESS" build -q --out "$WORK/b"
snapshot "$WORK/a" > "$WORK/a.sum"
snapshot "$WORK/b" > "$WORK/b.sum"
diff "$WORK/a.sum" "$WORK/b.sum" || die "two runs differ"
charts=$(ls "$WORK/a/charts/"*.svg | wc -l)
[ "$charts" -ge 11 ] || die "expected at least 11 charts, got $charts"
# stats.json, report.md, report.html, report.pdf, stress_index.csv, and an SVG and a PNG per chart
[ "$(wc -l < "$WORK/a.sum")" -eq $((5 + 2 * charts)) ] || die "unexpected output files: $(cat "$WORK/a.sum")"
grep -q "stress_index.csv" "$WORK/a.sum" || die "no stress_index.csv"
