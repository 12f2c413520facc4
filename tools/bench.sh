#!/bin/sh
# make bench: the figures of doc/benchmarks.md, printed as
# "bench: NAME VALUE UNIT". Generates the peers' synthetic data once (into
# out/bench), then runs mstress and, where pandas and matplotlib are
# installed, the pandas + matplotlib peer on the same file.
# usage: tools/bench.sh MSTRESS BENCH_INGEST   (RUNS=5 PEER_RUNS=1 to change)
set -eu
MSTRESS=$(realpath "$1")
INGEST=$(realpath "$2")
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B="$ROOT/out/bench"
PEERS="$ROOT/tools/peers"
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-1}
mkdir -p "$B"
if [ ! -f "$B/min_5y.csv" ]; then
	echo "bench: generating the data (once)" >&2
	/usr/bin/python3 "$PEERS/gen_data.py" "$B" >&2
fi
cat > "$B/min_5y.ini" <<'INI'
[report]
title = Five years of minute bars
subtitle = A synthetic BTC-like series, for the benchmark
as_of = 2024-12-29
window_start = 2020-01-01
period_high = 2024-12
period_label = December 2024
primary = btc

[source.btc]
format = ohlcv_csv
path = min_5y.csv
asset = BTC
venue = Synthetic
INI

# median wall seconds and the largest RSS of RUNS runs of a command
measure() {
	name=$1
	shift
	: > "$B/times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %M" -a -o "$B/times" "$@" > /dev/null
		i=$((i + 1))
	done
	sort -n "$B/times" | awk -v n="$name" '{ w[NR] = $1; if ($2 > r) r = $2 }
		END { printf "bench: %s_wall %.3f s\nbench: %s_rss %.0f MB\n", n, w[int((NR + 1) / 2)], n, r / 1024 }'
	sort -n "$B/times" | awk -v n="$name" '{ w[NR] = $1 } END { printf "%s\n", w[int((NR + 1) / 2)] }' > "$B/$name.median"
}

echo "bench: machine $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB, $(uname -m)"
measure default_report "$MSTRESS" build -q --out "$B/default"
# what the stress index's histories add: the same report from the data with
# the open interest, funding, liquidation, Fear & Greed and market cap files
# cut to the window (2024 on), as they were before the index
rm -rf "$B/window" && cp -R "$ROOT/data" "$B/window"
for f in "$B"/window/derivatives/*.csv "$B/window/sentiment/alternative_me_fear_greed_daily.csv"; do
	awk -F, 'NR == 1 || $1 >= "2024-01-01"' "$f" > "$f.cut" && mv "$f.cut" "$f"
done
awk -F, 'NR == 1 || $1 >= 1704067200000' "$B/window/market_cap/coingecko_global_market_cap.csv" > "$B/cut" &&
	mv "$B/cut" "$B/window/market_cap/coingecko_global_market_cap.csv"
measure window_report "$MSTRESS" build -q --config "$B/window/default.ini" --out "$B/window_out"
awk -v a="$(cat "$B/default_report.median")" -v b="$(cat "$B/window_report.median")" \
	'BEGIN { printf "bench: history_adds %.3f s\n", a - b }'
measure min_5y_report "$MSTRESS" build -q --config "$B/min_5y.ini" --out "$B/min_5y"
echo "bench: min_5y_html $(wc -c < "$B/min_5y/report.html") bytes"
echo "bench: min_5y_pdf $(wc -c < "$B/min_5y/report.pdf") bytes"
echo "bench: min_5y_csv $(wc -c < "$B/min_5y.csv") bytes"
"$INGEST" "$B/min_5y.csv" ohlcv_csv "$RUNS"
if [ "$PEER_RUNS" -gt 0 ] && /usr/bin/python3 -c "import pandas, matplotlib" 2> /dev/null && [ -f "$PEERS/mpl_report.py" ]; then
	RUNS=$PEER_RUNS measure peer_min_5y /usr/bin/python3 "$PEERS/mpl_report.py" "$B/min_5y.csv" "$B/peer"
	awk -v p="$(cat "$B/peer_min_5y.median")" -v m="$(cat "$B/min_5y_report.median")" \
		'BEGIN { printf "bench: peer_over_mstress %.0f x\n", p / m }'
else
	echo "bench: peer skipped: /usr/bin/python3 lacks pandas or matplotlib" >&2
fi
