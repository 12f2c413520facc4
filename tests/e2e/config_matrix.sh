# The configuration matrix: a later window, an ETH primary, no ETF source, an
# hourly primary and a minute-bar primary each build, and numpy recomputes
# their primary's figures and the ETF cost basis (BTC flows at BTC closes,
# whatever the primary) from the files (tests/independent_matrix.py).
. "$ROOT/tests/lib.sh"
cp -R "$ROOT/data" "$WORK/d"
D="$WORK/d"
variant() {     # variant NAME SED-SCRIPT: a copy of the default config
	sed "$2" "$D/default.ini" > "$D/$1.ini"
}
variant later 's/^window_start = .*/window_start = 2025-06-01/'
variant eth 's/^primary = .*/primary = eth_price/'
variant noetf '/^\[source.btc_etf_flows\]/,/^$/d'
variant hourly 's/^primary = .*/primary = btc_hourly/'
# three days of minute bars, a seeded random walk
/usr/bin/python3 - "$D/prices/minute.csv" <<'PY'
import datetime as dt, random, sys
rnd = random.Random(7)
t0 = dt.datetime(2026, 2, 3, tzinfo=dt.timezone.utc)
price = 76000.0
with open(sys.argv[1], "w") as f:
    f.write("timestamp,open,high,low,close,volume\n")
    for i in range(3 * 1440):
        o = price
        price *= 1 + rnd.gauss(0, 0.0012)
        h, l = max(o, price) * (1 + rnd.random() * 4e-4), min(o, price) * (1 - rnd.random() * 4e-4)
        t = (t0 + dt.timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        f.write(f"{t},{o:.2f},{h:.2f},{l:.2f},{price:.2f},{rnd.random() * 10:.4f}\n")
PY
variant minute 's/^primary = .*/primary = btc_minute/; s/^window_start = .*/window_start = 2026-02-03/'
printf '\n[source.btc_minute]\nformat = ohlcv_csv\npath = prices/minute.csv\nasset = BTC\nvenue = Minute bars\n' >> "$D/minute.ini"
# an asset mstress has no name for: the ticker names it
variant xyz 's/^primary = .*/primary = xyz_minute/; s/^window_start = .*/window_start = 2026-02-03/'
printf '\n[source.xyz_minute]\nformat = ohlcv_csv\npath = prices/minute.csv\nasset = XYZ\nvenue = Minute bars\n' >> "$D/xyz.ini"
grep -q '^\[source.btc_etf_flows\]' "$D/noetf.ini" && die "the no-ETF variant still has the ETF source"
for run in later:2026-02-06 later:2025-12-31 eth:2026-02-06 eth:2025-03-01 noetf:2026-02-06 \
	hourly:2026-02-06 hourly:2025-11-30 minute:2026-02-05 xyz:2026-02-05; do
	name=${run%%:*} as_of=${run#*:}
	"$MSTRESS" build -q --config "$D/$name.ini" --as-of "$as_of" --out "$WORK/$name-$as_of" 2> "$WORK/err.txt" ||
		die "$name as of $as_of: $(head -n 3 "$WORK/err.txt")"
	/usr/bin/python3 "$ROOT/tests/independent_matrix.py" "$WORK/$name-$as_of/stats.json" "$D/$name.ini" ||
		die "$name as of $as_of: numpy disagrees"
done
# the ETH report prices the BTC flows at BTC closes, not at ETH's
/usr/bin/python3 - "$WORK/eth-2026-02-06/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
cb = s["etf"]["cost_basis"]
assert cb["price_source"] == "btc_price" and 50000 < cb["value"] < 150000, cb
PY
# each report reads as written for its asset: names, units, the ETF flows' own asset
md() { tr -d '\\' < "$1" | sed 's/\xC2\xA0/ /g' | tr '\n' ' ' | tr -s ' '; }
md "$WORK/eth-2026-02-06/report.md" > "$WORK/eth.txt"
expect_in "$WORK/eth.txt" "Ether closed at **\$2,064** on 6 February 2026"
expect_in "$WORK/eth.txt" "below its high since 1 January 2024 of \$4,961"
expect_in "$WORK/eth.txt" "| Ether, latest close | \$2,064 | 2026-02-06 | CryptoQuant |"
expect_in "$WORK/eth.txt" "ETH a day"
expect_in "$WORK/eth.txt" "| BTC | CryptoQuant | 49.2 % |"     # the other asset beside it in the returns table
expect_in "$WORK/eth.txt" "US spot bitcoin ETFs took in a net"
if grep -q "Bitcoin closed\|bitcoin traded\|in BTC a day" "$WORK/eth.txt"; then die "the ETH report speaks of bitcoin"; fi
/usr/bin/python3 - "$WORK/eth-2026-02-06/stats.json" "$WORK/xyz-2026-02-05/stats.json" <<'PY'
import json, sys
eth, xyz = (json.load(open(p)) for p in sys.argv[1:])
assert "btc" not in eth and eth["primary"]["asset"] == "ETH" and eth["primary"]["asset_name"] == "Ether", eth["primary"]["asset"]
assert eth["primary"]["all_time"] is False and eth["etf"]["asset_noun"] == "bitcoin"
assert xyz["primary"]["asset_name"] == "XYZ" and xyz["primary"]["high_label"] == "high since 3 February 2026"
PY
md "$WORK/xyz-2026-02-05/report.md" > "$WORK/xyz.txt"
expect_in "$WORK/xyz.txt" "XYZ closed at"
expect_in "$WORK/xyz.txt" "| XYZ, latest close |"
# ETF flows are named by their own asset
sed '/^\[source.btc_etf_flows\]/,/^$/s/^asset = BTC$/asset = ETH/' "$D/default.ini" > "$D/ethflows.ini"
"$MSTRESS" build -q --config "$D/ethflows.ini" --out "$WORK/ethflows"
md "$WORK/ethflows/report.md" > "$WORK/ethflows.txt"
expect_in "$WORK/ethflows.txt" "US spot ether ETFs took in a net"
expect_in "$WORK/ethflows.txt" "![Daily net flows of the US spot ether ETFs"
if grep -q "spot bitcoin ETF" "$WORK/ethflows.txt"; then die "ether flows called bitcoin ETFs"; fi
