# The page is valid HTML5: the Nu HTML checker (vnu-jar) finds no error and
# no warning.
. "$ROOT/tests/lib.sh"
[ -n "${VNU:-}" ] && [ -f "$VNU" ] || die "the Nu checker is missing (make test installs it)"
"$MSTRESS" build -q --out "$WORK/out"
java -jar "$VNU" --also-check-svg "$WORK/out/report.html" > "$WORK/vnu.txt" 2>&1 || die "vnu: $(head -n 20 "$WORK/vnu.txt")"
[ ! -s "$WORK/vnu.txt" ] || die "vnu: $(head -n 20 "$WORK/vnu.txt")"
java -jar "$VNU" --svg "$WORK/out/charts/price.svg" "$WORK/out/charts/underwater.svg" > "$WORK/svg.txt" 2>&1 ||
	die "vnu (SVG): $(head -n 20 "$WORK/svg.txt")"
