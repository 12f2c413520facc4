# Data that ends before the as-of date is said to be stale where a reader
# sees it and in stats.json; max_stale_days makes it an error naming the
# config's line; a weekly build a day after the data still builds and dates
# its figures; keys that cannot apply at the as-of date are left out with a
# note, or are errors at their own line of the config.
. "$ROOT/tests/lib.sh"
cp -R "$ROOT/data" "$WORK/d"
"$MSTRESS" build -q --config "$WORK/d/default.ini" --as-of 2026-04-30 --out "$WORK/late"
expect_in "$WORK/late/report.md" "**Stale data.** Every source ends on 10 April 2026, before the as-of date"
/usr/bin/python3 - "$WORK/late/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["stale"]["any"] and s["stale"]["count"] == len(s["sources"]) == 17, s["stale"]
for src in s["sources"]:
    assert src["stale"] and src["behind_days"] == 20 and src["last_day"] == "2026-04-10", src["name"]
assert s["etf"]["cost_basis"]["date"] == "2026-04-10"
PY
# a Saturday: the ETF flows' last trading day is the Friday, so they are current
"$MSTRESS" build -q --config "$WORK/d/default.ini" --as-of 2026-02-07 --out "$WORK/sat"
/usr/bin/python3 - "$WORK/sat/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
src = {x["name"]: x for x in s["sources"]}
assert not src["btc_etf_flows"]["stale"] and src["btc_etf_flows"]["expected_day"] == "2026-02-06"
assert not s["stale"]["any"], s["stale"]
PY
if grep -q "Stale data" "$WORK/sat/report.md"; then die "current data called stale"; fi
# one source behind: named under the title with its last day
cp -R "$ROOT/data" "$WORK/one"
sed -i '/^2026-02-0[2-9]/d' "$WORK/one/sentiment/alternative_me_fear_greed_daily.csv"
"$MSTRESS" build -q --config "$WORK/one/default.ini" --out "$WORK/one_out"
expect_in "$WORK/one_out/report.md" "**Stale data.** Some sources end before the as-of date, so their figures are from their last
day: alternative\\.me (fear\\_greed) to 1 February 2026; every figure carries its own date."
expect_in "$WORK/one_out/report.md" "| Fear & Greed Index | 14 (Extreme Fear) | 2026\\-02\\-01 | alternative\\.me |"
# the limit: an error at the key's line, and out/ untouched
sed -i 's/^top_drawdowns = 5$/top_drawdowns = 5\nmax_stale_days = 5/' "$WORK/d/default.ini"
before=$(snapshot "$WORK/late")
expect_exit 1 "$WORK/err.txt" "$MSTRESS" build -q --config "$WORK/d/default.ini" --as-of 2026-04-30 --out "$WORK/late"
expect_in "$WORK/err.txt" "$WORK/d/default.ini:18:1: error: source 'btc_price' ends on 2026-04-10, 20 days before the as-of date 2026-04-30 (max_stale_days = 5)"
[ "$(snapshot "$WORK/late")" = "$before" ] || die "a failed build changed out/"
"$MSTRESS" build -q --config "$WORK/d/default.ini" --as-of 2026-04-15 --out "$WORK/within"
# the weekly newsletter a day after the data: built, its figures dated
"$MSTRESS" build -q --period week --as-of 2026-04-11 --out "$WORK/week"
expect_in "$WORK/week/report.md" "| Bitcoin, close | \\\$72\\,979 | 2026\\-04\\-10 |"
expect_in "$WORK/week/report.md" "**Stale data.** 16 of the 17 sources end before the as-of date,
on 10 April 2026"
# a period that has begun is clipped and labelled; one that has not is left out
"$MSTRESS" build -q --as-of 2026-01-15 --out "$WORK/jan"
expect_in "$WORK/jan/report.md" "| January 2026 to date high (intraday) |"
"$MSTRESS" build -q --as-of 2025-06-30 --out "$WORK/june"
/usr/bin/python3 - "$WORK/june/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["primary"]["period_high"] is None and s["primary"]["regime"] is None
assert "The configured period_high is left out: it begins after the as-of date." in s["left_out"], s["left_out"]
assert "2 of the configured crash days (crash_days) lie after the as-of date and are left out." in s["left_out"]
assert s["crash_days"] == [] and s["claims"]["checked"] is False
assert any(n.startswith("Binance perpetual (btc_hourly) is left out") for n in s["left_out"]), s["left_out"]
PY
expect_in "$WORK/june/report.md" "The article is dated after this report"
# keys that cannot apply are errors at their own line
cp "$ROOT/data/default.ini" "$WORK/d/bad.ini"
sed -i 's/^primary = btc_price$/primary = btc_hourly/' "$WORK/d/bad.ini"
expect_exit 1 "$WORK/err2.txt" "$MSTRESS" build -q --config "$WORK/d/bad.ini" --as-of 2025-06-30 --out "$WORK/bad"
expect_in "$WORK/err2.txt" "$WORK/d/bad.ini:12:1: error: primary = btc_hourly: the source has no bars from 2024-01-01 to the as-of date 2025-06-30"
expect_exit 1 "$WORK/err3.txt" "$MSTRESS" build -q --config "$WORK/d/bad.ini" --as-of 2023-12-31 --out "$WORK/bad"
expect_in "$WORK/err3.txt" "$WORK/d/bad.ini:9:1: error: window_start = 2024-01-01 is after the as-of date (2023-12-31)"
if grep -q "templates/" "$WORK/err2.txt" "$WORK/err3.txt"; then die "a configuration error named a template"; fi
