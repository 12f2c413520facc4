# Provider files as they come, under a stated policy: the full BTC history
# with its two bad bars of November 2023 (bad_rows = skip drops each with a
# warning; the default policy refuses the file at the first), an API export
# with exact duplicate rows (dropped with a count; a conflicting copy is an
# error), times with a UTC offset and naive local times in a declared zone
# (the same report as the UTC file), naive times without a zone (read as UTC,
# with a warning), and a relabeled CoinGecko export of closes (a venue of its
# own, its dates not shifted twice).
. "$ROOT/tests/lib.sh"
cp -R "$ROOT/data" "$WORK/d"
D="$WORK/d"
# the embedded default: the full history, its bad bars named, an all-time high
"$MSTRESS" build --out "$WORK/default" 2> "$WORK/default.err"
expect_in "$WORK/default.err" "cryptoquant_btc_usd_daily_ohlcv.csv:5437:26: warning: inconsistent bar: high 37631.5, low 35851.4 must bound open and close: row dropped (bad_rows = skip)"
expect_in "$WORK/default.err" "cryptoquant_btc_usd_daily_ohlcv.csv:5437: warning: 2 bad rows dropped (bad_rows = skip; lines 5437 to 5438)"
expect_in "$WORK/default/report.md" "its all\\-time high of \\\$126\\,210 (intraday, 6 October 2025)"
# the strict policy: the first bad bar is an error at its line
sed '/^bad_rows = skip$/d' "$D/default.ini" > "$D/strict.ini"
expect_exit 1 "$WORK/strict.err" "$MSTRESS" build -q --config "$D/strict.ini" --out "$WORK/strict"
expect_in "$WORK/strict.err" "cryptoquant_btc_usd_daily_ohlcv.csv:5437:26: error: inconsistent bar"
# a bad row inside the report's window is named as such
sed -i 's/^2026-01-15,\([^,]*\),[^,]*,/2026-01-15,\1,1,/' "$D/prices/cryptoquant_btc_usd_daily_ohlcv.csv"
"$MSTRESS" build --config "$D/default.ini" --out "$WORK/inside" 2> "$WORK/inside.err"
expect_in "$WORK/inside.err" "row dropped (bad_rows = skip); it lies inside the report's window"
expect_in "$WORK/inside.err" "3 bad rows dropped"
cp "$ROOT/data/prices/cryptoquant_btc_usd_daily_ohlcv.csv" "$D/prices/"

# exact duplicates (an API export repeats rows): dropped with a count, the
# report unchanged; a copy with other values is an error
f="$D/prices/cryptoquant_eth_usd_daily_ohlcv.csv"
sed -i '100p;200p;300p' "$f"
"$MSTRESS" build --config "$D/default.ini" --out "$WORK/dups" 2> "$WORK/dups.err"
expect_in "$WORK/dups.err" "cryptoquant_eth_usd_daily_ohlcv.csv: warning: 3 exact duplicate rows dropped"
cmp "$WORK/default/stats.json" "$WORK/dups/stats.json" > /dev/null 2>&1 ||
	/usr/bin/python3 - "$WORK/default/stats.json" "$WORK/dups/stats.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for s in a["sources"]:      # only the file's own facts differ (bytes, rows of the file)
    s.pop("file")
for s in b["sources"]:
    s.pop("file")
assert a == b, "duplicates changed the report"
PY
cp "$ROOT/data/prices/cryptoquant_eth_usd_daily_ohlcv.csv" "$f"
sed -i '300{p;s/,\([0-9.]*\)$/,9\1/}' "$f"
expect_exit 1 "$WORK/conflict.err" "$MSTRESS" build -q --config "$D/default.ini" --out "$WORK/conflict"
expect_in "$WORK/conflict.err" "cryptoquant_eth_usd_daily_ohlcv.csv:301:1: error: time"
expect_in "$WORK/conflict.err" "again with other values than line 300: conflicting rows"
cp "$ROOT/data/prices/cryptoquant_eth_usd_daily_ohlcv.csv" "$f"

# one hourly file three ways: UTC (Z), New York offsets, New York wall-clock
# times with the zone declared; the same bars, the same figures
/usr/bin/python3 - "$D/prices" <<'PY'
import csv, datetime as dt, sys
from zoneinfo import ZoneInfo
ny = ZoneInfo("America/New_York")
rows = list(csv.DictReader(open(sys.argv[1] + "/binance_um_perp_btcusdt_1h.csv")))
# three weeks around the autumn change of 2025 (2 November)
rows = [r for r in rows if 1761091200000 <= int(r["open_time"]) < 1762905600000]
outs = {k: open(f"{sys.argv[1]}/ny_{k}.csv", "w") for k in ("utc", "offset", "local")}
for f in outs.values():
    f.write("timestamp,open,high,low,close,volume\n")
for r in rows:
    t = dt.datetime.fromtimestamp(int(r["open_time"]) / 1000, dt.timezone.utc)
    vals = ",".join(r[k] for k in ("open", "high", "low", "close", "volume"))
    outs["utc"].write(t.strftime("%Y-%m-%dT%H:%M:%SZ") + "," + vals + "\n")
    loc = t.astimezone(ny)
    outs["offset"].write(loc.isoformat() + "," + vals + "\n")
    outs["local"].write(loc.strftime("%Y-%m-%d %H:%M:%S") + "," + vals + "\n")
PY
for k in utc offset local; do
	sed 's/^primary = .*/primary = ny/; s/^window_start = .*/window_start = 2025-10-22/; s/^as_of = .*/as_of = 2025-11-11/' \
		"$D/default.ini" > "$D/ny_$k.ini"
	printf '\n[source.ny]\nformat = ohlcv_csv\npath = prices/ny_%s.csv\nasset = BTC\nvenue = New York\n' "$k" >> "$D/ny_$k.ini"
done
echo "timezone = America/New_York" >> "$D/ny_local.ini"
for k in utc offset local; do
	"$MSTRESS" build --config "$D/ny_$k.ini" --out "$WORK/ny_$k" 2> "$WORK/ny_$k.err" ||
		die "$k: $(cat "$WORK/ny_$k.err")"
	if grep -q "carry no zone" "$WORK/ny_$k.err"; then die "$k: times with a zone called naive"; fi
done
/usr/bin/python3 - "$WORK/ny_utc/stats.json" "$WORK/ny_offset/stats.json" "$WORK/ny_local/stats.json" <<'PY'
import json, sys
u, o, l = (json.load(open(p))["primary"] for p in sys.argv[1:])
for k in ("latest_close", "ath_intraday", "max_drawdown", "drawdown_from_ath"):
    assert u[k]["value"] == o[k]["value"] == l[k]["value"], (k, u[k], o[k], l[k])
assert u["returns"]["volatility"]["value"] == l["returns"]["volatility"]["value"]
PY
# the local times without their zone: read as UTC, with a warning; the hour
# repeated on 2 November is then an error that says why
sed '/^timezone = /d' "$D/ny_local.ini" > "$D/ny_naive.ini"
expect_exit 1 "$WORK/naive.err" "$MSTRESS" build -q --config "$D/ny_naive.ini" --out "$WORK/naive"
expect_in "$WORK/naive.err" "time 2025-11-02 01:00 again with other values than line"
expect_in "$WORK/naive.err" "naive local times repeat an hour when daylight-saving time ends: set the source's timezone"
# a zone that does not exist is named at its line
sed -i 's|^timezone = .*|timezone = Mars/Olympus|' "$D/ny_local.ini"
expect_exit 1 "$WORK/zone.err" "$MSTRESS" build -q --config "$D/ny_local.ini" --out "$WORK/zone"
expect_in "$WORK/zone.err" "ny_local.ini:$(grep -n '^timezone' "$D/ny_local.ini" | cut -d: -f1):1: error: timezone 'Mars/Olympus': no such zone"

# a relabeled CoinGecko export: closes only, its four columns named, its dates
# already the day of each close
cp "$ROOT/tests/fixtures/coingecko_export_btc_relabeled.csv" "$D/prices/cg.csv"
cat >> "$D/default.ini" <<'INI'

[source.btc_coingecko]
format = coingecko_export
path = prices/cg.csv
time_column = event_date
close_column = close_price_usd
volume_column = volume_usd
value_column = market_cap_usd
dates = day
asset = BTC
venue = CoinGecko
INI
"$MSTRESS" build -q --config "$D/default.ini" --out "$WORK/cg"
expect_in "$WORK/cg/report.md" "| CoinGecko | BTC | \\\$70\\,418 | \\\$124\\,774 (close) | 2025\\-10\\-06 |"
/usr/bin/python3 - "$WORK/cg/stats.json" "$D/prices/cg.csv" <<'PY'
import csv, json, sys
s = json.load(open(sys.argv[1]))
v = next(x for x in s["venues"] if x["venue"] == "CoinGecko")
rows = {r["event_date"][:10]: r for r in csv.DictReader(open(sys.argv[2]))}
assert v["closes_only"] is True
want = float(rows["2026-02-06"]["close_price_usd"])      # not the 5th's: no second shift
assert abs(v["latest_close"]["value"] / want - 1) < 1e-12, v["latest_close"]
assert v["latest_close"]["date"] == "2026-02-06"
PY
"$MSTRESS" check -q --config "$D/default.ini" --format json > "$WORK/cg_check.json"
/usr/bin/python3 - "$WORK/cg_check.json" "$D/prices/cg.csv" <<'PY'
import csv, json, sys
item = {i["id"]: i for i in json.load(open(sys.argv[1]))}["current_close"]
rows = {r["event_date"][:10]: r for r in csv.DictReader(open(sys.argv[2]))}
cg = [v for v in item["data_values"] if v["venue"] == "CoinGecko"]
assert cg and abs(cg[0]["value"] / float(rows["2026-02-05"]["close_price_usd"]) - 1) < 1e-12, item["data_values"]
PY
