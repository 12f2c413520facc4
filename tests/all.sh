#!/bin/sh
# make test: the whole suite on the release build, then again on the
# sanitizer build (ASan, LeakSanitizer, UBSan), then the allocation-failure
# sweep sampled (tests/oom); the last line is the total.
# usage: tests/all.sh RELEASE_MSTRESS RELEASE_UNIT ASAN_MSTRESS ASAN_UNIT OOM_MSTRESS
set -u
cd "$(dirname "$0")/.."
export MSTRESS_HOME="$(pwd)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0
run() {
	echo "== $1 build"
	shift
	tests/run.sh "$@" | tee "$log"
	last=$(tail -n 1 "$log")
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	[ -n "$p" ] || { p=0; f=1; echo "FAIL $1: the suite printed no count"; }
	passed=$((passed + p))
	failed=$((failed + f))
}
# the commit's fault points: every second here, every fourth from the second
# in the sanitizer half (three in four between them; E2E_FAULT_STRIDE=1 runs all)
export E2E_FAULT_STRIDE=2 E2E_FAULT_OFFSET=0
run release "$1" "$2"
# the other long sweeps (the cut-data dates, the overlapping runs) take every
# 4th case here: the release half has run every one
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 E2E_STRIDE=4
export E2E_FAULT_STRIDE=4 E2E_FAULT_OFFSET=1
run sanitizer "$3" "$4"
unset ASAN_OPTIONS UBSAN_OPTIONS E2E_STRIDE E2E_FAULT_STRIDE E2E_FAULT_OFFSET
echo "== allocation failures"
# every 16th allocation (about 5,000 of them; make oomtest tries every one)
if OOM_STRIDE=16 tests/oom/sweep.sh "$5"; then
	echo "PASS oom/sweep"
	passed=$((passed + 1))
else
	echo "FAIL oom/sweep"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
