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
assert s["primary"]["latest_close"]["value"] == float(rows[-1]["Close"])
assert s["primary"]["ath_intraday"]["value"] == max(float(r["High"]) for r in rows)
PY
# a column that is not there is named
sed 's/^close_column = Close$/close_column = Last/' "$WORK/y.ini" > "$WORK/bad.ini"
if "$MSTRESS" build -q --config "$WORK/bad.ini" --out "$WORK/x" 2> "$WORK/err"; then die "a missing column was accepted"; fi
expect_in "$WORK/err" "no 'Last' column in the header"
# bars need all four price columns; a close alone is a series of closes
sed '/^high_column = High$/d' "$WORK/y.ini" > "$WORK/partial.ini"
if "$MSTRESS" build -q --config "$WORK/partial.ini" --out "$WORK/x" 2> "$WORK/err"; then die "open, low, close accepted"; fi
expect_in "$WORK/err" "partial.ini:7:1: error: source 'btc': open, high, low and close columns go together (or close alone)"
cat "$WORK/y.ini" - > "$WORK/cg.ini" <<INI

[source.btc_coingecko]
format = coingecko_export
path = $ROOT/tests/fixtures/coingecko_export_btc.csv
asset = BTC
INI
sed -i 's/^as_of = .*/as_of = 2026-02-06/; s/^window_start = .*/window_start = 2014-09-01/' "$WORK/cg.ini"
"$MSTRESS" build --config "$WORK/cg.ini" --out "$WORK/cg" 2> "$WORK/cg.err"
expect_in "$WORK/cg.err" "coingecko_export_btc.csv:5: warning: 1 row with empty cells skipped"
/usr/bin/python3 - "$WORK/cg/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
cg = [x for x in s["sources"] if x["name"] == "btc_coingecko"][0]
assert cg["rows"] == 3 and cg["first"] == "2026-02-04" and cg["last"] == "2026-02-06", cg
PY
# wide files: 70 columns, the close the last; quote-free (the fast reader)
# and quoted (the general one) give the same report
/usr/bin/python3 - "$ROOT/tests/fixtures/yahoo_v7_download.csv" "$WORK" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
pad = [f"x{i}" for i in range(64)]
for quoted in (0, 1):
    with open(f"{sys.argv[2]}/wide{quoted}.csv", "w") as f:
        q = (lambda v: f'"{v}"') if quoted else (lambda v: v)
        f.write(",".join(q(h) for h in ["Date", "Open", "High", "Low"] + pad + ["Volume", "Close"]) + "\n")
        for r in rows:
            f.write(",".join(q(v) for v in [r["Date"], r["Open"], r["High"], r["Low"]] + ["0"] * 64 +
                             [r["Volume"], r["Close"]]) + "\n")
PY
for k in 0 1; do
	sed "s|^path = .*|path = $WORK/wide$k.csv|" "$WORK/y.ini" > "$WORK/wide$k.ini"
	"$MSTRESS" build -q --config "$WORK/wide$k.ini" --out "$WORK/wide$k"
done
/usr/bin/python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
fig = [json.load(open(f"{w}/{d}/stats.json"))["primary"] for d in ("out", "wide0", "wide1")]
assert fig[1] == fig[2], "the quote-free and the quoted 70-column files differ"
assert fig[1] == fig[0], "the 70-column file gives other figures"
assert fig[1]["latest_close"]["value"] > 0
PY
