# Every input that once crashed a fuzz target (tests/fuzz/regressions/
# TARGET-WHAT) replayed through the target's code, on this build: on the
# sanitizer build a memory error fails the run.
. "$ROOT/tests/lib.sh"
dir=$(dirname "$MSTRESS")
n=0
for f in "$ROOT"/tests/fuzz/regressions/*; do
	t=$(basename "$f" | cut -d- -f1)
	"$dir/replay_$t" "$f" > "$WORK/out.txt" 2>&1 || die "$(basename "$f"): replay_$t failed: $(tail -n 3 "$WORK/out.txt")"
	n=$((n + 1))
done
[ "$n" -ge 2 ] || die "only $n regression inputs"
