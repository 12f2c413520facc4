#!/bin/sh
# Runs every test: the unit tests (C), then the end-to-end tests of the
# mstress binary below. Prints one line per test and, last, the count.
# usage: tests/run.sh MSTRESS UNIT_TESTS
set -u
MSTRESS=$(realpath "$1")
UNIT=$(realpath "$2")
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# the tree under test, whatever tree the binaries were built in
export MSTRESS_HOME="$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
passed=0
failed=0

# each end-to-end test's time in whole seconds, so slow ones are seen
pass() { echo "PASS $1 ($(($(date +%s) - started)) s)"; passed=$((passed + 1)); }
fail() { echo "FAIL $1 ($(($(date +%s) - started)) s): $2"; failed=$((failed + 1)); }

# --- unit tests (they count themselves) ---
"$UNIT" > "$TMP/unit.out" 2> "$TMP/unit.err"
cat "$TMP/unit.out"
[ -s "$TMP/unit.err" ] && sed 's/^/    /' "$TMP/unit.err"
line=$(grep '^unit: ' "$TMP/unit.out" | tail -n 1)
if [ -z "$line" ]; then
	fail unit "the unit test binary crashed or printed no count"
else
	p=$(echo "$line" | sed 's/unit: \([0-9]*\) passed.*/\1/')
	f=$(echo "$line" | sed 's/.* \([0-9]*\) failed/\1/')
	passed=$((passed + p))
	failed=$((failed + f))
fi

# --- end-to-end tests (ONLY="a b": just those, for make check) ---
for t in tests/e2e/*.sh; do
	name=e2e/$(basename "$t" .sh)
	case " ${ONLY:-$(basename "$t" .sh)} " in
	*" $(basename "$t" .sh) "*) ;;
	*) continue ;;
	esac
	mkdir -p "$TMP/$name"
	started=$(date +%s)
	if out=$(MSTRESS="$MSTRESS" ROOT="$ROOT" WORK="$TMP/$name" VNU="${VNU:+$ROOT/$VNU}" sh "$t" 2>&1); then
		pass "$name"
	else
		fail "$name" "$(echo "$out" | tail -n 5 | tr '\n' ' ')"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
