# Recomputes the report's figures with Python's csv module (no code shared
# with mstress) from the embedded data and from the full files in
# ../shared/data, and compares them with stats.json.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/out"
/usr/bin/python3 "$ROOT/tests/independent_stats.py" "$WORK/out/stats.json" "$ROOT/data" "$ROOT/../shared/data"
