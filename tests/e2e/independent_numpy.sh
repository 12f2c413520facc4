# Recomputes a dozen statistics with numpy (Debian's python3-numpy) from the
# embedded data and compares them with stats.json to 1e-9.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/out"
/usr/bin/python3 "$ROOT/tests/independent_numpy.py" "$WORK/out/stats.json" "$ROOT/data"
