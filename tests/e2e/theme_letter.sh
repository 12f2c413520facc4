# templates/theme.ini decides the paper: a Letter theme gives Letter pages,
# and a broken theme is an error naming its line, with out/ untouched.
. "$ROOT/tests/lib.sh"
mkdir -p "$WORK/home"
cp -r "$ROOT/templates" "$ROOT/fonts" "$ROOT/data" "$WORK/home/"
sed -i 's/^size = A4$/size = Letter/' "$WORK/home/templates/theme.ini"
MSTRESS_HOME="$WORK/home" "$MSTRESS" build -q --out "$WORK/out"
pdfinfo "$WORK/out/report.pdf" 2>/dev/null | grep -q "^Page size: *612 x 792 pts (letter)" || die "not Letter pages"
snapshot "$WORK/out" > "$WORK/before.sum"
printf '[page]\nsize = A3\n' > "$WORK/home/templates/theme.ini"
if MSTRESS_HOME="$WORK/home" "$MSTRESS" build -q --out "$WORK/out" 2> "$WORK/err"; then die "bad theme accepted"; fi
expect_in "$WORK/err" "templates/theme.ini:2:1: error: size: 'A3' is neither A4 nor Letter"
snapshot "$WORK/out" > "$WORK/after.sum"
diff "$WORK/before.sum" "$WORK/after.sum" || die "a failed run changed out/"
