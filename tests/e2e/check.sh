# The article check on the real claims file: the verdicts this data must
# give (each one worked out by hand in data/claims/…ini's comments and the
# README), both output formats, and the report's section.
. "$ROOT/tests/lib.sh"
"$MSTRESS" check -q --format json > "$WORK/claims.json"
/usr/bin/python3 - "$WORK/claims.json" "$ROOT/data/etf_flows/farside_btc_spot_etf_flows.csv" <<'PY'
import csv, json, sys
items = {c["id"]: c for c in json.load(open(sys.argv[1]))}
want = {
    # 63,100 / 125,000 - 1 = -49.5 %, not the -47.2 % the article prints
    "drop_from_peak": "inconsistent",
    # 4.3T - 2.5T = 1.8T, not 1.7T
    "mcap_lost": "inconsistent",
    # the January high was $97,861 to $97,964 across venues, not $97,600
    "jan_high": "differs",
    "touch_60k": "confirmed",
    "october_peak": "confirmed",
    "traders_feb": "unverifiable",
    "liquidations_oct10": "unverifiable",
    "etf_nov": "differs",
    "retracement_24h": "differs",
}
bad = [f"{k}: {items[k]['verdict']}, want {v}" for k, v in want.items() if items[k]["verdict"] != v]
assert not bad, bad
assert len(items) == 22, len(items)
for c in items.values():
    assert {"id", "verdict", "article_value", "data_value"} <= c.keys(), c
imp = items["drop_from_peak"]["implied_value"]
assert abs(imp - (63100 / 125000 - 1) * 100) < 1e-9, imp
nov = sum(float(r["Total"]) for r in csv.DictReader(open(sys.argv[2])) if r["date"].startswith("2025-11"))
assert abs(items["etf_nov"]["data_value"] - nov) < 1e-9, (items["etf_nov"]["data_value"], nov)
PY
"$MSTRESS" check -q > "$WORK/claims.txt"
head -n 1 "$WORK/claims.txt" | grep -q "^ID  *VERDICT  *ARTICLE  *DATA  *DATA TO  *CLAIM" || die "no table header"
expect_in "$WORK/claims.txt" "drop_from_peak      inconsistent"
expect_in "$WORK/claims.txt" "5 confirmed, 11 differ, 2 inconsistent, 4 unverifiable"
# each claim at its own date: the close the day before the article, the January high at the article's
grep -q "^current_close .* 2026-02-05  to the current" "$WORK/claims.txt" || die "current_close not dated 2026-02-05"
grep -q "^jan_high .* 2026-02-06  Bitcoin has fallen" "$WORK/claims.txt" || die "jan_high not dated 2026-02-06"
# an article after the as-of date is not checked
"$MSTRESS" check -q --as-of 2026-01-01 > "$WORK/early.txt"
expect_in "$WORK/early.txt" "The article is dated 2026-02-06, after the as-of date: its claims are not checked."
# the report carries the section and the verdicts
"$MSTRESS" build -q --out "$WORK/out"
expect_in "$WORK/out/report.md" "## Checking the article"
expect_in "$WORK/out/report.html" ">it has retraced <span class=\"nw\">47.2%</span></td>"
expect_in "$WORK/out/report.html" ">inconsistent</td>"
/usr/bin/python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert s['claims']['counts'] == {'confirmed': 5, 'differs': 11, 'inconsistent': 2, 'unverifiable': 4, 'total': 22}, s['claims']['counts']
" "$WORK/out/stats.json"
# a claims file with an error: named with its line, exit 1
printf '[claim.x]\nstat = median\n' > "$WORK/bad.ini"
if "$MSTRESS" check -q --claims "$WORK/bad.ini" 2> "$WORK/err"; then die "bad claims accepted"; fi
expect_in "$WORK/err" "bad.ini:2:1: error: unknown stat 'median'"
