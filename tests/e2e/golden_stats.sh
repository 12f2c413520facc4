# The default report's stats.json equals the reviewed golden copy (make regen
# rewrites it), so any change in a figure shows up as a diff.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/out"
diff -u "$ROOT/tests/golden/stats.json" "$WORK/out/stats.json" || die "stats.json differs from tests/golden/stats.json"
