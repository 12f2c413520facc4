# A claim is checked with the data a reader had at the end of the article's
# date (or the claim's own), never later: an August-to-date flow claim of an
# article of 5 August 2024 built as of 31 August sums 1 to 5 August only, and
# the cost basis and the close are those of that day (recomputed here from
# the CSVs). An article dated after the as-of date is not checked.
. "$ROOT/tests/lib.sh"
cp -R "$ROOT/data" "$WORK/d"
cat > "$WORK/d/claims/aug.ini" <<'INI'
[article]
title = Spot bitcoin ETFs shed money in early August
date = 2024-08-05
file = none.txt

[claim.august_so_far]
quote = ETFs shed $355M so far in August
stat = etf_month_net
period = 2024-08
value = -355.2
unit = USD millions
tolerance = 0.05

[claim.basis]
quote = the ETFs' buyers paid about $55,000 on average
stat = etf_cost_basis
value = 55000
unit = USD
tolerance = 10000

[claim.close]
quote = bitcoin closed the day at $54,000
stat = close
asset = BTC
value = 54000
unit = USD
tolerance = 5000

[claim.earlier]
quote = bitcoin closed at $65,000 on 1 August
stat = close
asset = BTC
date = 2024-08-01
value = 65000
unit = USD
tolerance = 500
INI
sed -i 's|^claims = .*|claims = claims/aug.ini|' "$WORK/d/default.ini"
"$MSTRESS" build -q --config "$WORK/d/default.ini" --as-of 2024-08-31 --out "$WORK/o"
/usr/bin/python3 - "$WORK/o/stats.json" "$ROOT/data" <<'PY'
import csv, json, sys
s = json.load(open(sys.argv[1]))
data = sys.argv[2]
items = {x["id"]: x for x in s["claims"]["items"]}
assert s["claims"]["checked"] and s["claims"]["checked_through"] == "2024-08-05", s["claims"]["checked_through"]
# the file's first row, dated before the funds' launch on 2024-01-11, is dropped (data README)
flows = [(r["date"], float(r["Total"])) for r in csv.DictReader(open(data + "/etf_flows/farside_btc_spot_etf_flows.csv"))
         if r["date"] >= "2024-01-11"]
closes = {r["date"]: float(r["Close"]) for r in csv.DictReader(open(data + "/prices/cryptoquant_btc_usd_daily_ohlcv.csv"))
          if r["Close"]}
aug = items["august_so_far"]
want = sum(v for d, v in flows if "2024-08-01" <= d <= "2024-08-05")
assert abs(aug["data_value"] - want) < 1e-9 and abs(want + 355.2) < 1e-9, (aug["data_value"], want)
assert aug["verdict"] == "confirmed" and aug["checked_through"] == "2024-08-05"
whole = sum(v for d, v in flows if d.startswith("2024-08"))
assert abs(whole - want) > 100, "August as a whole would not tell the difference"
# the flow-weighted cost basis of every flow up to 5 August at BTC closes
dollars = sum(v for d, v in flows if d <= "2024-08-05" and d in closes)
coins = sum(v / closes[d] for d, v in flows if d <= "2024-08-05" and d in closes)
basis = items["basis"]
assert abs(basis["data_value"] - dollars / coins) < 1e-6 * dollars / coins, (basis["data_value"], dollars / coins)
assert basis["checked_through"] == "2024-08-05"
assert abs(items["close"]["data_value"] - closes["2024-08-05"]) < 1e-9, items["close"]["data_value"]
assert items["earlier"]["checked_through"] == "2024-08-01"
assert abs(items["earlier"]["data_value"] - closes["2024-08-01"]) < 1e-9
# the report's own cost basis is as of its date, the fact-check's as of the article's
dollars31 = sum(v for d, v in flows if d <= "2024-08-31" and d in closes)
coins31 = sum(v / closes[d] for d, v in flows if d <= "2024-08-31" and d in closes)
assert abs(s["etf"]["cost_basis"]["value"] - dollars31 / coins31) < 1e-6 * dollars31 / coins31
PY
expect_in "$WORK/o/report.md" "the data a reader had at the end of the article's date"
expect_in "$WORK/o/report.md" "| 2024\\-08\\-05 | ±\\\$10\\,000 | confirmed |"
# an article after the as-of date is not checked, and says so
"$MSTRESS" build -q --config "$WORK/d/default.ini" --as-of 2024-08-04 --out "$WORK/early"
expect_in "$WORK/early/report.md" "The article is dated after this report's date (4 August 2024): its claims are"
/usr/bin/python3 -c "
import json, sys
c = json.load(open('$WORK/early/stats.json'))['claims']
assert c['checked'] is False and c['items'] == [], c
"
