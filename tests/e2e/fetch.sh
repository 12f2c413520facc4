# mstress fetch against a real HTTP server on 127.0.0.1, fault by fault:
# what it did, and that the cache still holds the last good data.
. "$ROOT/tests/lib.sh"
start_http_server
C="$WORK/cache"
fg=fear_greed
ok="$fg=$U/ok/alternative_me_fng.json"
# the report section and the local daily prices every config here starts from
base_ini() {
	cat <<INI
[report]
as_of = 2026-02-06
window_start = 2024-01-01
period_high = 2026-01
primary = btc_price

[source.btc_price]
format = cryptoquant_ohlcv
path = $ROOT/data/prices/cryptoquant_btc_usd_daily_ohlcv.csv
bad_rows = skip
INI
}
{ base_ini; cat <<INI; } > "$WORK/live.ini"
asset = BTC
venue = CryptoQuant

[source.fear_greed]
format = alternative_me_fng_json
url = $U/ok/alternative_me_fng.json
venue = alternative.me
INI
sed 's/^\[source.fear_greed\]$/[source.btc_etf_flows]/; s/alternative_me_fng_json/farside_html/; s|^url = .*|url = '"$U"'/challenge|' \
	"$WORK/live.ini" > "$WORK/farside.ini"
fetch() { "$MSTRESS" fetch --config "$WORK/live.ini" --cache "$C" --retries 2 --timeout 3 "$@"; }
sum() { sha256sum "$C/$fg.body" | cut -c1-64; }

# a good response is parsed, then kept with its record
fetch -q --source "$ok" > "$WORK/1.txt"
expect_in "$WORK/1.txt" "1 fetched, 0 unchanged, 0 failed to download, 0 not valid"
cmp -s "$C/$fg.body" "$ROOT/tests/fixtures/alternative_me_fng.json" || die "the body is not the response"
expect_in "$C/$fg.json" "\"etag\": \"\\\"v"
expect_in "$C/$fg.json" "\"sha256\": \"$(sha256sum "$ROOT/tests/fixtures/alternative_me_fng.json" | cut -c1-64)\""
good=$(sum)
# 304: the conditional GET keeps the copy
fetch -q --source "$ok" > "$WORK/2.txt"
expect_in "$WORK/2.txt" "0 fetched, 1 unchanged"
# a 500 that stays: retried, then the error; the copy stands
set +e
fetch -q --source "$fg=$U/e500" > "$WORK/3.txt" 2> "$WORK/3.err"; code=$?
set -e
[ $code -eq 4 ] || die "a server error must exit 4, not $code"
expect_in "$WORK/3.err" "HTTP 500 (after 3 attempts)"
[ "$(sum)" = "$good" ] || die "a failed fetch replaced the cache"
expect_in "$C/$fg.json" '"last_error": "HTTP 500 (after 3 attempts)"'
# the build from the cache says the source is stale
"$MSTRESS" build -q --offline --config "$WORK/live.ini" --cache "$C" --out "$WORK/out"
expect_in "$WORK/out/report.md" "**Stale**: the fetch of"
expect_in "$WORK/out/stats.json" '"stale": true'
# a 500 once, then fine: the retry gets it
fetch -q --source "$fg=$U/flaky/alternative_me_fng.json" > "$WORK/4.txt"
expect_in "$WORK/4.txt" "1 fetched"
# 429 with Retry-After: 1 second: honoured
start=$(date +%s%N)
fetch -q --source "$fg=$U/e429/alternative_me_fng.json" > "$WORK/5.txt"
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
expect_in "$WORK/5.txt" "1 fetched"
[ "$elapsed" -ge 900 ] || die "Retry-After not honoured (${elapsed} ms)"
good=$(sum)
# a response that is not valid data is refused, the copy stands
set +e
fetch -q --source "$fg=$U/invalid" > "$WORK/6.txt" 2> "$WORK/6.err"; code=$?
set -e
[ $code -eq 1 ] || die "invalid data must exit 1, not $code"
expect_in "$WORK/6.err" "not valid JSON"
[ "$(sum)" = "$good" ] || die "invalid data replaced the cache"
# a stalled server: the timeout, no retry past the limit
set +e
"$MSTRESS" fetch -q --config "$WORK/live.ini" --cache "$C" --retries 0 --timeout 1 --source "$fg=$U/stall" 2> "$WORK/7.err"; code=$?
set -e
[ $code -eq 4 ] || die "a timeout must exit 4"
expect_in "$WORK/7.err" "timed out"
# a trickle (a byte every 3 s): the low-speed limit ends it, not the timeout
t0=$(date +%s)
set +e
"$MSTRESS" fetch -q --config "$WORK/live.ini" --cache "$C" --retries 0 --timeout 60 --stall 2 \
	--source "$fg=$U/trickle" 2> "$WORK/7b.err"; code=$?
set -e
[ $code -eq 4 ] || die "a trickle must exit 4, not $code"
expect_in "$WORK/7b.err" "too slow"
[ $(($(date +%s) - t0)) -lt 20 ] || die "the trickle held the run $(($(date +%s) - t0)) s"
[ "$(sum)" = "$good" ] || die "a trickle replaced the cache"
# one deadline for the phase: a server that asks for a 300 s pause, and a
# stalled one, end at it (retries included), the cache intact
t0=$(date +%s)
set +e
"$MSTRESS" fetch -q --config "$WORK/live.ini" --cache "$C" --deadline 3 --source "$fg=$U/busy" 2> "$WORK/7c.err"; c1=$?
"$MSTRESS" fetch -q --config "$WORK/live.ini" --cache "$C" --deadline 2 --timeout 60 --source "$fg=$U/stall" 2> "$WORK/7d.err"; c2=$?
set -e
[ $c1 -eq 4 ] && [ $c2 -eq 4 ] || die "past the deadline must exit 4, not $c1 and $c2"
expect_in "$WORK/7c.err" "no time left for a retry within the 3 s deadline"
expect_in "$WORK/7d.err" "the fetch's 2 s deadline passed"
[ $(($(date +%s) - t0)) -lt 15 ] || die "the deadlines held the runs $(($(date +%s) - t0)) s"
[ "$(sum)" = "$good" ] || die "a run past its deadline replaced the cache"
# a truncated body and an oversized one
set +e
fetch -q --source "$fg=$U/truncated" 2> "$WORK/8.err"; c8=$?
"$MSTRESS" fetch -q --config "$WORK/live.ini" --cache "$C" --max-bytes 100000 --source "$fg=$U/big" 2> "$WORK/9.err"; c9=$?
set -e
[ $c8 -eq 4 ] && [ $c9 -eq 4 ] || die "truncated ($c8) and oversized ($c9) must exit 4"
expect_in "$WORK/9.err" "larger than the 100000-byte limit"
[ "$(sum)" = "$good" ] || die "a broken download replaced the cache"
# Farside behind a bot challenge: a clear error, nothing kept
set +e
"$MSTRESS" fetch -q --config "$WORK/farside.ini" --cache "$C" 2> "$WORK/10.err"; code=$?
set -e
[ $code -eq 1 ] || die "a challenge page must exit 1, not $code"
expect_in "$WORK/10.err" "a bot-challenge page came instead of the data"
[ ! -f "$C/btc_etf_flows.body" ] || die "a challenge page was kept"
# Binance klines come 1,000 to a page: asked for by startTime and joined
cat > "$WORK/klines.ini" <<INI
[report]
as_of = 2026-04-20
window_start = 2026-01-01
period_high = 2026-01
primary = btc

[source.btc]
format = binance_klines_json
url = $U/klines
asset = BTC
venue = Binance
INI
"$MSTRESS" fetch -q --config "$WORK/klines.ini" --cache "$C" > "$WORK/11.txt"
expect_in "$WORK/11.txt" "1 fetched"
[ "$(wc -l < "$WORK/klines.log")" -eq 3 ] || die "expected 3 pages, the server saw: $(cat "$WORK/klines.log")"
/usr/bin/python3 -c "
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 2500 and rows[0][0] == 1767225600000 and rows[-1][0] == 1767225600000 + 2499 * 3600000, len(rows)
" "$C/btc.body"
"$MSTRESS" build -q --offline --config "$WORK/klines.ini" --cache "$C" --out "$WORK/kl"
expect_in "$WORK/kl/stats.json" '"resolution": "1h"'
# pages that do not move forward are refused at the first one, with the
# cached copy kept: rows 1 ms apart, a page that starts before the time
# asked for; and the joined pages are held to --max-bytes
good_kl=$(sha256sum < "$C/btc.body")
for bad in creep overlap; do
	sed "s|^url = .*|url = $U/$bad|" "$WORK/klines.ini" > "$WORK/$bad.ini"
	set +e
	"$MSTRESS" fetch -q --config "$WORK/$bad.ini" --cache "$C" > /dev/null 2> "$WORK/$bad.err"; code=$?
	set -e
	[ $code -ne 0 ] || die "$bad pages accepted"
	[ "$(sha256sum < "$C/btc.body")" = "$good_kl" ] || die "$bad pages replaced the cached klines"
done
expect_in "$WORK/creep.err" "page 1: rows 1 ms apart: no kline interval is shorter than 1 s"
expect_in "$WORK/overlap.err" "page 1: row 1 opens before the startTime asked for"
set +e
"$MSTRESS" fetch -q --config "$WORK/klines.ini" --cache "$C" --max-bytes 150K > /dev/null 2> "$WORK/joined.err"; code=$?
set -e
[ $code -ne 0 ] || die "joined pages over --max-bytes accepted"
expect_in "$WORK/joined.err" ": the joined pages are larger than the size limit (--max-bytes)"
# a cache that cannot be written (a file-size limit standing in for a full
# disk) is an I/O failure, exit 3, not "not valid" data; the copy stays
cp "$C/btc.body" "$WORK/btc.body.before"
set +e
sh -c "ulimit -f 100; exec '$MSTRESS' fetch --config '$WORK/klines.ini' --cache '$C' --force" > "$WORK/full.txt" 2> "$WORK/full.err"; code=$?
set -e
[ $code -eq 3 ] || die "a cache that cannot be written must exit 3, not $code: $(cat "$WORK/full.err")"
expect_in "$WORK/full.txt" "0 not valid, 1 not stored (the cache could not be written)"
cmp -s "$C/btc.body" "$WORK/btc.body.before" || die "a failed store changed the cached body"
# CoinGlass: the key from the environment goes in the CG-API-KEY header,
# never into messages or the cache; no key, no request
{ base_ini; cat <<INI; } > "$WORK/cg.ini"

[source.btc_coingecko]
format = coingecko_market_chart_json
url = $U/ok/coingecko_market_chart_btc.json

[source.liquidations]
format = coinglass_liquidations_json
url = $U/key/coinglass_liquidations.json
metric = long_liquidations
INI
set +e
env -u COINGLASS_API_KEY "$MSTRESS" fetch --config "$WORK/cg.ini" --cache "$C" > "$WORK/12.txt" 2> "$WORK/12.err"; code=$?
set -e
[ $code -eq 4 ] || die "a missing API key must exit 4, not $code"
expect_in "$WORK/12.err" "source liquidations not fetched: COINGLASS_API_KEY is not set: CoinGlass needs an API key"
expect_in "$WORK/12.txt" "1 fetched, 0 unchanged, 1 failed to download"
[ ! -f "$WORK/keys.log" ] || die "a request went out without a key"
cmp -s "$C/btc_coingecko.body" "$ROOT/tests/fixtures/coingecko_market_chart_btc.json" || die "market_chart not kept"
COINGLASS_API_KEY=test-key-7f3a "$MSTRESS" fetch -v --config "$WORK/cg.ini" --cache "$C" > "$WORK/13.txt" 2> "$WORK/13.err"
expect_in "$WORK/13.txt" "1 fetched, 1 unchanged, 0 failed"
[ "$(cat "$WORK/keys.log")" = "test-key-7f3a" ] || die "the server saw the key as: $(cat "$WORK/keys.log")"
! grep -rq "test-key-7f3a" "$WORK/13.txt" "$WORK/13.err" "$C" || die "the API key was written out"
cmp -s "$C/liquidations.body" "$ROOT/tests/fixtures/coinglass_liquidations.json" || die "the keyed response was not kept"
# a key in another variable, named by the config
sed 's/^metric = long_liquidations$/&\napi_key_env = MY_CG_KEY/' "$WORK/cg.ini" > "$WORK/cg2.ini"
set +e
env -u COINGLASS_API_KEY MY_CG_KEY=wrong "$MSTRESS" fetch -q --config "$WORK/cg2.ini" --cache "$C" 2> "$WORK/14.err"; code=$?
set -e
[ $code -eq 4 ] || die "a rejected key must exit 4, not $code"
expect_in "$WORK/14.err" "HTTP 401"
[ "$(tail -n 1 "$WORK/keys.log")" = "wrong" ] || die "api_key_env was not used"
cmp -s "$C/liquidations.body" "$ROOT/tests/fixtures/coinglass_liquidations.json" || die "a 401 replaced the cache"
# on a terminal: the bytes as they come; elsewhere no progress; a line per source
script -qec "'$MSTRESS' fetch --config '$WORK/live.ini' --cache '$WORK/c2' --source '$fg=$U/slow/alternative_me_fng.json'" \
	/dev/null > "$WORK/tty.txt" 2>&1
expect_in "$WORK/tty.txt" "mstress: fetching $fg 0."
expect_in "$WORK/tty.txt" "kB (0 of 1 done)"
"$MSTRESS" fetch --config "$WORK/live.ini" --cache "$WORK/c3" --source "$fg=$U/slow/alternative_me_fng.json" \
	> "$WORK/plain.txt" 2>&1
if grep -q "fetching" "$WORK/plain.txt"; then die "progress without a terminal"; fi
expect_in "$WORK/plain.txt" "$fg           fetched    $(wc -c < "$ROOT/tests/fixtures/alternative_me_fng.json") bytes, 10 rows"
# the default build needs no network: --offline from the snapshot
"$MSTRESS" build -q --offline --out "$WORK/default"
cmp -s "$WORK/default/stats.json" "$ROOT/tests/golden/stats.json" || die "the offline default build changed"
# config --print shows the key's variable, never a key
"$MSTRESS" config --print --config "$WORK/cg2.ini" > "$WORK/print.txt"
expect_in "$WORK/print.txt" "api_key_env = MY_CG_KEY"
# a password and a key in a URL are sent, and shown nowhere: not in the
# messages (of a good fetch or a failed one), the cache record, config
# --print or stats.json
su=$(printf '%s' "$U" | sed 's|^http://|http://reader:hunter2pw@|')
sed "s|^url = .*|url = $su/ok/alternative_me_fng.json?limit=10\\&apikey=s3cr3tv4lue|" "$WORK/live.ini" > "$WORK/secret.ini"
"$MSTRESS" fetch -v --config "$WORK/secret.ini" --cache "$WORK/cs" > "$WORK/s1.txt" 2> "$WORK/s1.err"
expect_in "$WORK/s1.txt" "1 fetched"
sed "s|/ok/alternative_me_fng.json|/e500|" "$WORK/secret.ini" > "$WORK/secret500.ini"
"$MSTRESS" fetch -v --retries 0 --config "$WORK/secret500.ini" --cache "$WORK/cs" > "$WORK/s2.txt" 2> "$WORK/s2.err" || true
"$MSTRESS" config --print --config "$WORK/secret.ini" > "$WORK/s3.txt"
expect_in "$WORK/s3.txt" "url = http://***@127.0.0.1:"
expect_in "$WORK/s3.txt" "?limit=10&apikey=***"
"$MSTRESS" build -q --offline --config "$WORK/secret.ini" --cache "$WORK/cs" --out "$WORK/s_out"
expect_in "$WORK/s_out/stats.json" "apikey=***"
if grep -rqa "hunter2pw\|s3cr3tv4lue" "$WORK/s1.txt" "$WORK/s1.err" "$WORK/s2.txt" "$WORK/s2.err" "$WORK/s3.txt" \
	"$WORK/cs" "$WORK/s_out"; then
	die "a secret of the URL was written out: $(grep -rla "hunter2pw\|s3cr3tv4lue" "$WORK"/s[123].* "$WORK/cs" "$WORK/s_out")"
fi
# an answer that parses but is worse than the cached copy never replaces it:
# dated 2001 (nothing in the window), ending earlier, or with fewer rows; the
# record notes it (a build calls the source stale), fetch exits 1; --force
# stores it
P="$WORK/plaus"
mkdir -p "$P"
cp "$ROOT/tests/fixtures/alternative_me_fng.json" "$P/good.json"
/usr/bin/python3 - "$P" <<'PY'
import json, sys
d = sys.argv[1]
good = json.load(open(d + "/good.json"))
def write(name, rows):
    json.dump(dict(good, data=rows), open(f"{d}/{name}.json", "w"))
write("epoch", [dict(r, timestamp=str(int(r["timestamp"]) - 1763251200 + 979171200)) for r in good["data"]])
write("earlier", good["data"][1:])             # newest first: the last day gone
write("fewer", good["data"][:5])              # the five newest only
PY
sed "s|^url = .*|url = file://$P/good.json|" "$WORK/live.ini" > "$P/p.ini"
"$MSTRESS" fetch -q --config "$P/p.ini" --cache "$P/c" > /dev/null
good_sum=$(sha256sum "$P/c/fear_greed.body" | cut -c1-64)
for bad in epoch earlier fewer; do
	sed "s|^url = .*|url = file://$P/$bad.json|" "$WORK/live.ini" > "$P/$bad.ini"
	expect_exit 1 "$P/$bad.err" "$MSTRESS" fetch -q --config "$P/$bad.ini" --cache "$P/c"
	[ "$(sha256sum "$P/c/fear_greed.body" | cut -c1-64)" = "$good_sum" ] || die "$bad: the good copy was replaced"
	expect_in "$P/$bad.err" "the cached copy stays in use (fetch --force replaces it)"
done
expect_in "$P/epoch.err" "source fear_greed: the answer holds no rows in the report's window (its last is of 2001-01-11)"
expect_in "$P/earlier.err" "source fear_greed: the answer ends on 2025-11-15, before the cached copy (2025-11-16)"
expect_in "$P/fewer.err" "source fear_greed: the answer holds 5 rows in the report's window, the cached copy 10"
expect_in "$P/c/fear_greed.json" "\"last_error\": \"the answer holds 5 rows in the report's window, the cached copy 10\""
"$MSTRESS" fetch -q --force --config "$P/fewer.ini" --cache "$P/c" > /dev/null
cmp -s "$P/c/fear_greed.body" "$P/fewer.json" || die "--force did not store the answer"
# a cached body changed outside mstress is not what its record says: no
# validators go out for it (the server answers in full, not 304), and a build
# does not use it
fetch -q --source "$ok" > /dev/null
printf 'x' >> "$C/$fg.body"
expect_exit 1 "$WORK/tamper.err" "$MSTRESS" build --offline --config "$WORK/live.ini" --cache "$C" --out "$WORK/tamper"
expect_in "$WORK/tamper.err" "warning: the cached copy of source 'fear_greed' does not match its record's SHA-256"
fetch --source "$ok" > "$WORK/tamper.txt"
expect_in "$WORK/tamper.txt" "1 fetched, 0 unchanged"
cmp -s "$C/$fg.body" "$ROOT/tests/fixtures/alternative_me_fng.json" || die "the changed body was not replaced"
