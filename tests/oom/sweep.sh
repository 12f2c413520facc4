#!/bin/sh
# Allocation-failure injection over the default report: each allocation in
# turn fails (tests/oom/inject.c forks at every one), and every run must end
# in a clean error or, having absorbed the failure, in the same report; no
# crash, no leak, no word-less exit, and an earlier report in the output
# directory untouched by every failed run. Two sweeps share the allocations
# (odd and even), one per core. Prints the figures. With OOM_STRIDE=S only
# every S-th allocation fails (make test samples, make oomtest tries all).
# usage: [OOM_STRIDE=S] tests/oom/sweep.sh OOM_MSTRESS
set -eu
MSTRESS=$(realpath "$1")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
# the report with no failure, and an earlier good report (another day) for
# the failing runs to leave alone
"$MSTRESS" build -q --out "$work/expect"
"$MSTRESS" build -q --as-of 2026-02-05 --out "$work/out0"
cmp -s "$work/expect/stats.json" "$work/out0/stats.json" && { echo "oom: the two reports must differ" >&2; exit 1; }
cp -a "$work/out0" "$work/out1"
stride=${OOM_STRIDE:-1}
case $stride in ''|*[!0-9]*|0) echo "oom: OOM_STRIDE must be a positive integer" >&2; exit 2;; esac
for k in 0 1; do
	MSTRESS_OOM_SHARD=$((k * stride))/$((2 * stride)) MSTRESS_OOM_SWEEP="$work/sweep$k.txt" MSTRESS_OOM_WATCH="$work/out$k" \
		MSTRESS_OOM_EXPECT="$work/expect" "$MSTRESS" build -q --out "$work/out$k" 2> "$work/parent$k.err" &
	eval "pid$k=\$!"
done
status=0
wait "$pid0" || status=1
wait "$pid1" || status=1
[ -t 2 ] && printf '\r\033[K' >&2
[ "$status" = 0 ] || { echo "oom: a run without failures failed:" >&2; cat "$work"/parent*.err >&2; exit 1; }
# figure NAME: the sum over both sweeps
figure() { sed -n "s/^$1 //p" "$work/sweep0.txt" "$work/sweep1.txt" | awk '{ s += $1 } END { print s + 0 }'; }
n=$(sed -n 's/^allocations //p' "$work/sweep0.txt")
[ -n "$n" ] || { echo "oom: the sweep wrote no summary" >&2; exit 1; }
tried=$(($(figure clean_errors) + $(figure absorbed) + $(figure crashed)))
echo "oom: $n allocations, $tried failed in turn: $(figure clean_errors) clean errors, $(figure absorbed) absorbed"
bad=0
for k in crashed leaked silent touched_output wrong_output left_by_full_run; do
	v=$(figure $k)
	[ "$v" = 0 ] || { echo "oom: $k: $v" >&2; bad=1; }
done
# every (S-th) allocation tried, and enough of them to have tried the report
[ "$tried" = $((n / stride)) ] || { echo "oom: $tried of $((n / stride)) allocations tried" >&2; bad=1; }
[ "$n" -gt 1000 ] || { echo "oom: only $n allocations: was the injection linked in?" >&2; bad=1; }
[ "$bad" = 0 ] || { grep -h '^allocation ' "$work"/sweep*.txt | head -n 20 >&2; exit 1; }
