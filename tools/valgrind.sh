#!/bin/sh
# make valgrind: the whole suite with every mstress process (and the unit
# tests, and the fuzz targets' replays of their regression inputs) under
# memcheck. Each process logs to its own file; the run fails when any log
# holds an error or a definite leak.
# usage: tools/valgrind.sh MSTRESS UNIT_TESTS REPLAY...
set -eu
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# tests/e2e/tree.sh needs the binary itself, in its tree (not a wrapper)
export MSTRESS_ELF="$(realpath "$1")"
# copies, so that a rebuild during the long run does not pull the binaries away
mkdir "$logs/bin"
cp "$@" "$logs/bin/"
bin="$logs/bin/$(basename "$1")"
unit="$logs/bin/$(basename "$2")"
shift 2
wrap() {
	cat > "$logs/$1" <<SH
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
	--show-leak-kinds=definite --log-file="$logs/$1.%p.log" "$2" "\$@"
SH
	chmod +x "$logs/$1"
}
wrap mstress "$bin"
wrap unit_tests "$unit"
# the replays sit beside mstress, where tests/e2e/fuzz_regressions.sh looks
for r in "$@"; do
	wrap "$(basename "$r")" "$logs/bin/$(basename "$r")"
done
set +e
# the long sweeps (the commit's fault points, the cut-data dates) at every 4th
# case, as in make test's sanitizer half: under memcheck each is a minute
E2E_STRIDE=${E2E_STRIDE:-4} E2E_FAULT_STRIDE=${E2E_FAULT_STRIDE:-4} tests/run.sh "$logs/mstress" "$logs/unit_tests"
suite=$?
set -e
n=$(find "$logs" -name '*.log' | wc -l)
bad=$(find "$logs" -name '*.log' -size +0 | wc -l)
find "$logs" -name '*.log' -size +0 | head -n 5 | while read -r f; do echo "--- $f"; head -n 30 "$f"; done
echo "valgrind: $n processes, $bad with memcheck errors or definite leaks"
[ "$suite" -eq 0 ] && [ "$bad" -eq 0 ]
