# Helpers for the end-to-end tests; each test is a POSIX sh script run with
# MSTRESS (the binary), ROOT (the project) and WORK (a fresh directory).
set -eu
die() { echo "$*" >&2; exit 1; }
# expect_in FILE TEXT: FILE holds TEXT.
expect_in() { grep -qF -- "$2" "$1" || die "$1 lacks: $2"; }
# expect_exit CODE ERRFILE CMD...: CMD exits with CODE, its standard error in ERRFILE.
expect_exit() {
	code=$1 err=$2
	shift 2
	set +e
	"$@" 2> "$err"
	got=$?
	set -e
	[ "$got" -eq "$code" ] || die "exit $got, not $code: $*: $(head -n 3 "$err")"
}
# every_nth N [K]: the lines of standard input, or with N > 1 every N-th from
# line K + 1 (K < N) and always the first and the last, so a sampled sweep
# still covers its whole range; make test's halves take complementary lines.
every_nth() {
	awk -v n="${1:-1}" -v k="${2:-0}" '{ last = $0 } NR == 1 || (NR - 1) % n == k { print; at = NR }
		END { if (at != NR) print last }'
}
# snapshot DIR: a checksum list of every file in DIR.
snapshot() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum); }
# start_http_server: tests/http_server.py on 127.0.0.1, its base URL in U;
# stopped when the test exits.
start_http_server() {
	/usr/bin/python3 "$ROOT/tests/http_server.py" "$ROOT/tests/fixtures" "$WORK/port" > "$WORK/server.log" 2>&1 &
	server_pid=$!
	trap 'kill "$server_pid" 2> /dev/null || true' EXIT
	i=0
	while [ ! -f "$WORK/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -f "$WORK/port" ] || die "no HTTP server: $(cat "$WORK/server.log")"
	U="http://127.0.0.1:$(cat "$WORK/port")"
}
# btc_from_2024 DIR: in a copy of data/ (DIR), the BTC daily file cut to the
# rows from 2024 (the extract the bad-input cases' lines and columns refer
# to: the full history's two bad bars of 2023 gone) and read strictly.
btc_from_2024() {
	awk -F, 'NR == 1 || $1 >= "2024-01-01"' "$1/prices/cryptoquant_btc_usd_daily_ohlcv.csv" > "$1/btc.tmp"
	mv "$1/btc.tmp" "$1/prices/cryptoquant_btc_usd_daily_ohlcv.csv"
	sed -i '/^bad_rows = skip$/d' "$1/default.ini"
}
