#!/bin/sh
# make fuzz: runs each libFuzzer target for SECONDS over the committed seeds
# (tests/fuzz/seeds/TARGET, a minimised corpus) and its working corpus
# (tests/fuzz/corpus/TARGET, not committed, started from the project's own
# files), keeping any crash in tests/fuzz/crashes/. To refresh the seeds:
#   build/fuzz/fuzz_T -merge=1 tests/fuzz/seeds/T tests/fuzz/corpus/T
# Each run's executions are added to tests/fuzz/ledger.tsv (date, target,
# executions, ok, crash or interrupted (by SIGINT), the commit checked out
# when it ended): commit it, and the totals over all runs are kept.
# usage: tools/fuzz.sh SECONDS RUNS TARGET...  (RUNS > 0: stop after that many
# executions instead of after SECONDS)
set -eu
cd "$(dirname "$0")/.."
secs=$1
runs=$2
shift 2
limit="-max_total_time=$secs"
[ "$runs" -gt 0 ] && limit="-runs=$runs"
status=0
for t in "$@"; do
	corpus=tests/fuzz/corpus/$t
	mkdir -p "$corpus" tests/fuzz/crashes
	if [ -z "$(ls -A "$corpus")" ]; then
		case $t in
		csv) i=0; for f in data/*/*.csv; do i=$((i + 1)); { printf "\\$(printf '%03o' $((i % 8)))"; head -c 4000 "$f"; } > "$corpus/seed$i"; done
		     # the JSON and HTML fixtures behind every format byte: the right parser is among them
		     for f in tests/fixtures/*.json tests/fixtures/*.html; do
			     for b in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
				     { printf "\\$(printf '%03o' $b)"; cat "$f"; } > "$corpus/$(basename "$f").$b"
			     done
		     done ;;
		config) cp data/default.ini "$corpus/"; cp templates/theme.ini "$corpus/"; cp data/claims/*.ini "$corpus/" ;;
		template) cp templates/report.md templates/weekly.md templates/page.html "$corpus/"; cp tests/spec/mustache/*.json "$corpus/" ;;
		document) head -c 4000 README.md > "$corpus/readme.md"; head -c 4000 templates/report.md > "$corpus/report.md" ;;
		numbers) printf '67577.90' > "$corpus/a"; printf '2026-02-06T00:20:00Z' > "$corpus/b"; printf '1770336000000' > "$corpus/c" ;;
		esac
	fi
	echo "fuzz: $t ($limit)"
	verdict=ok
	rc=0
	build/fuzz/fuzz_$t "$limit" -artifact_prefix=tests/fuzz/crashes/"$t"- -interrupted_exitcode=72 \
		-print_final_stats=1 "$corpus" "tests/fuzz/seeds/$t" 2> "build/fuzz/$t.log" || rc=$?
	if [ "$rc" = 72 ]; then
		verdict=interrupted     # SIGINT: the executions so far still count
		status=130
	elif [ "$rc" != 0 ]; then
		echo "fuzz: $t FOUND A CRASH: see build/fuzz/$t.log and tests/fuzz/crashes/" >&2
		status=1
		verdict=crash
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build/fuzz/$t.log")
	printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$t" "${execs:-0}" "$verdict" \
		"$(git rev-parse --short HEAD 2>/dev/null || echo -)" >> tests/fuzz/ledger.tsv
	awk -F '\t' -v t="$t" -v n="${execs:-0}" '$2 == t { s += $3 } END {
		printf "fuzz: %s %d executions, %d over all recorded runs\n", t, n, s }' tests/fuzz/ledger.tsv
done
exit $status
