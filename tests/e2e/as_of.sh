# --as-of moves the report's date: an earlier day gives that day's close and
# a drawdown measured to it.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --as-of 2026-02-05 --out "$WORK/out"
/usr/bin/python3 - "$WORK/out/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
b = s["primary"]
assert s["report"]["as_of"] == "2026-02-05", s["report"]["as_of"]
assert b["latest_close"]["date"] == "2026-02-05"
assert abs(b["latest_close"]["value"] - 62809.25676686) < 1e-6, b["latest_close"]
assert abs(b["drawdown_from_ath"]["value"] - (62809.25676686 / 126209.56024004 - 1)) < 1e-12
PY
