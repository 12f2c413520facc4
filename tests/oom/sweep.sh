#!/bin/sh
# Allocation-failure injection over the default report: each allocation in
# turn fails (tests/oom/inject.c forks at every one), and every run must end
# in a clean error or, having absorbed the failure, in the same report; no
# crash, no leak, no word-less exit, and an earlier report in the output
# directory untouched by every failed run. Prints the figures.
# usage: tests/oom/sweep.sh OOM_MSTRESS
set -eu
MSTRESS=$(realpath "$1")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
# the report with no failure, and an earlier good report (another day) for
# the failing runs to leave alone
"$MSTRESS" build -q --out "$work/expect"
"$MSTRESS" build -q --as-of 2026-02-05 --out "$work/out"
cmp -s "$work/expect/stats.json" "$work/out/stats.json" && { echo "oom: the two reports must differ" >&2; exit 1; }
MSTRESS_OOM_SWEEP="$work/sweep.txt" MSTRESS_OOM_WATCH="$work/out" MSTRESS_OOM_EXPECT="$work/expect" \
	"$MSTRESS" build -q --out "$work/out" 2> "$work/parent.err" || {
	echo "oom: the run without failures failed:" >&2
	cat "$work/parent.err" >&2
	exit 1
}
[ -t 2 ] && printf '\r\033[K' >&2
figure() { sed -n "s/^$1 //p" "$work/sweep.txt"; }
n=$(figure allocations)
[ -n "$n" ] || { echo "oom: the sweep wrote no summary" >&2; exit 1; }
echo "oom: $n allocations, each failed in turn: $(figure clean_errors) clean errors, $(figure absorbed) absorbed"
bad=0
for k in crashed leaked silent touched_output wrong_output; do
	v=$(figure $k)
	[ "$v" = 0 ] || { echo "oom: $k: $v" >&2; bad=1; }
done
# a sweep that tried too little has not tried the report
[ "$n" -gt 1000 ] || { echo "oom: only $n allocations: was the injection linked in?" >&2; bad=1; }
[ "$bad" = 0 ] || { grep '^allocation ' "$work/sweep.txt" | head -n 20 >&2; exit 1; }
