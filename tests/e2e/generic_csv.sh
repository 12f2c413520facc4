# A CSV export of any shape: the config names its columns (format csv).
. "$ROOT/tests/lib.sh"
cat > "$WORK/y.ini" <<INI
[report]
as_of = 2014-10-01
window_start = 2014-09-01
period_high = 2014-09
primary = btc

[source.btc]
format = csv
path = $ROOT/tests/fixtures/yahoo_v7_download.csv
time_column = Date
open_column = Open
high_column = High
low_column = Low
close_column = Close
volume_column = Volume
asset = BTC
venue = Yahoo
INI
"$MSTRESS" build -q --config "$WORK/y.ini" --out "$WORK/out"
/usr/bin/python3 - "$WORK/out/stats.json" "$ROOT/tests/fixtures/yahoo_v7_download.csv" <<'PY'
import csv, json, sys
s = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert s["btc"]["latest_close"]["value"] == float(rows[-1]["Close"])
assert s["btc"]["ath_intraday"]["value"] == max(float(r["High"]) for r in rows)
PY
# a column that is not there is named
sed 's/^close_column = Close$/close_column = Last/' "$WORK/y.ini" > "$WORK/bad.ini"
if "$MSTRESS" build -q --config "$WORK/bad.ini" --out "$WORK/x" 2> "$WORK/err"; then die "a missing column was accepted"; fi
expect_in "$WORK/err" "no 'Last' column in the header"
