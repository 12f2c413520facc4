# Recomputes the report's figures with Python's csv module (no code shared
# with mstress) from the embedded data, and compares them with stats.json.
# Where the shared data set sits beside the checkout (../shared/data, not in
# a bare clone), the figures are also recomputed from the full provider files.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/out"
set -- "$WORK/out/stats.json" "$ROOT/data"
[ -d "$ROOT/../shared/data/prices" ] && set -- "$@" "$ROOT/../shared/data"
/usr/bin/python3 "$ROOT/tests/independent_stats.py" "$@"
