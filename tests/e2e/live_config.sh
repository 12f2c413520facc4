# data/live.ini, the live sources' config: every source fetched (here from
# the local server, through --source), then a report built from the cache.
. "$ROOT/tests/lib.sh"
start_http_server
C="$WORK/cache"
set -- --source "btc_price=$U/klines?symbol=BTCUSDT" --source "eth_price=$U/klines?symbol=ETHUSDT" \
	--source "btc_hourly=$U/klines?symbol=BTCUSDT&interval=1h" \
	--source "btc_etf_flows=$U/ok/farside_btc.html" \
	--source "liquidations=$U/key/coinglass_liquidations.json" \
	--source "liquidations_short=$U/key/coinglass_liquidations.json" \
	--source "fear_greed=$U/ok/alternative_me_fng.json"
COINGLASS_API_KEY=test-key-7f3a "$MSTRESS" fetch -q --config "$ROOT/data/live.ini" --cache "$C" "$@" > "$WORK/fetch.txt"
expect_in "$WORK/fetch.txt" "7 fetched, 0 unchanged, 0 failed to download, 0 not valid"
for s in btc_price eth_price btc_hourly btc_etf_flows liquidations liquidations_short fear_greed; do
	[ -s "$C/$s.body" ] || die "$s not cached"
done
"$MSTRESS" build -q --offline --config "$ROOT/data/live.ini" --cache "$C" --as-of 2026-04-20 --out "$WORK/out"
/usr/bin/python3 - "$WORK/out/stats.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
src = {x["name"]: x for x in s["sources"]}
assert set(src) == {"btc_price", "eth_price", "btc_hourly", "total_mcap", "btc_etf_flows", "liquidations",
                    "liquidations_short", "fear_greed"}, sorted(src)
for name in ("btc_price", "liquidations", "fear_greed"):
    assert src[name]["file"]["name"] == name + ".body (cache)", src[name]
# the server's klines: 2,500 hours from 2026-01-01, close 90001 + i; the
# January high is the high of hour 743 (2026-01-31 23:00): 90000 + 743 + 50
h = s["primary"]["period_high"]
assert h["value"] == 90793 and h["date"] == "2026-01-31", h
PY
