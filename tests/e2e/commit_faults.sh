# The output set switched in whole: a kill (SIGKILL) at every file-system
# call of a build's writing and switching, and an error (EIO) at every
# rename, flush, folder creation and link, injected with strace; after each,
# the output folder holds the earlier report or the new one, whole, with the
# reader's own file kept, and a failed run says so. The next run sweeps
# what the killed ones left beside the folder.
. "$ROOT/tests/lib.sh"
command -v strace > /dev/null || die "strace is missing (tools/deps.sh --test installs it)"
listing() { (cd "$1" && find . \( -type f -o -type l \) | LC_ALL=C sort | xargs -r sha256sum); }
"$MSTRESS" build -q --as-of 2026-02-05 --out "$WORK/old"
echo "the reader's own notes" > "$WORK/old/notes.txt"
"$MSTRESS" build -q --out "$WORK/new"
cp "$WORK/old/notes.txt" "$WORK/new/"
listing "$WORK/old" > "$WORK/old.sum"
listing "$WORK/new" > "$WORK/new.sum"
cmp -s "$WORK/old.sum" "$WORK/new.sum" && die "the two reports must differ"
CALLS=rename,renameat,renameat2,fsync,mkdir,link,symlink,unlink,unlinkat,rmdir,write,openat
# LeakSanitizer cannot run under ptrace (the sanitizer build's leaks are
# checked by every other test)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# how often a clean run makes each call, from the first write of its outputs
mkdir "$WORK/count"
cp -a "$WORK/old" "$WORK/count/out"
strace -f -qq -o "$WORK/count.log" -e trace=$CALLS "$MSTRESS" build -q --out "$WORK/count/out"
listing "$WORK/count/out" | cmp -s - "$WORK/new.sum" || die "the run under strace wrote another report"
# the calls at or after the sibling folder's creation: openat and write
# before it read inputs and print nothing to the report
awk '/mkdir\(".*\.out\.new-/ { on = 1 } on' "$WORK/count.log" > "$WORK/commit.log"
[ -s "$WORK/commit.log" ] || die "no sibling folder was made: $(head -n 3 "$WORK/count.log")"
cat > "$WORK/one.sh" << 'ONE'
# one.sh CALL N MODE: the N-th CALL of a run fails (MODE err) or kills it (kill)
set -u
call=$1 n=$2 mode=$3
r="$WORK/r.$call.$n.$mode"
mkdir "$r"
cp -a "$WORK/old" "$r/out"
if [ "$mode" = kill ]; then how=signal=KILL; else how=error=EIO; fi
strace -f -qq -o /dev/null -e trace="$call" -e inject="$call:$how:when=$n" \
	"$MSTRESS" build -q --out "$r/out" > /dev/null 2> "$r/err"
rc=$?
(cd "$r/out" && find . \( -type f -o -type l \) | LC_ALL=C sort | xargs -r sha256sum) > "$r/sum"
if cmp -s "$r/sum" "$WORK/old.sum"; then got=old
elif cmp -s "$r/sum" "$WORK/new.sum"; then got=new
else echo "$call #$n ($mode): a mix in the output folder (exit $rc): $(diff "$WORK/old.sum" "$r/sum" | head -n 4)"; exit 1
fi
if [ "$mode" = err ] && [ "$rc" != 0 ] && ! grep -q "error: " "$r/err"; then
	echo "$call #$n ($mode): exit $rc without a message"; exit 1
fi
if [ "$mode" = err ] && [ "$rc" = 0 ] && [ "$got" = old ]; then
	echo "$call #$n ($mode): exit 0 with the earlier report in place"; exit 1
fi
if [ "$mode" = err ] && [ "$rc" != 0 ] && [ "$got" = new ]; then
	echo "$call #$n ($mode): exit $rc with the new report in place"; exit 1
fi
echo "$got"
ONE
# every kill point in the commit, and an error at every rename, flush,
# folder creation and link (the calls after the switch fail into a warning)
: > "$WORK/plan"
for call in $(echo $CALLS | tr , ' '); do
	n=$(grep -c " $call(" "$WORK/commit.log" || true)
	total=$(grep -c " $call(" "$WORK/count.log" || true)
	first=$((total - n + 1))
	i=$first
	while [ "$i" -le "$total" ]; do
		echo "$call $i kill" >> "$WORK/plan"
		case $call in rename*|fsync|mkdir|link|symlink) echo "$call $i err" >> "$WORK/plan" ;; esac
		i=$((i + 1))
	done
done
points=$(wc -l < "$WORK/plan")
[ "$points" -gt 100 ] || die "only $points fault points: $(cat "$WORK/plan" | head)"
# sampled by make test (E2E_FAULT_STRIDE, E2E_FAULT_OFFSET: the release half
# every second point, the sanitizer half every fourth from the second); all by default
every_nth "${E2E_FAULT_STRIDE:-1}" "${E2E_FAULT_OFFSET:-0}" < "$WORK/plan" > "$WORK/plan.run"
runs=$(wc -l < "$WORK/plan.run")
export WORK MSTRESS
xargs -P 2 -L 1 sh "$WORK/one.sh" < "$WORK/plan.run" > "$WORK/results" 2>&1 || die "$(grep -v '^old$\|^new$' "$WORK/results" | head -n 5)"
olds=$(grep -c '^old$' "$WORK/results" || true)
news=$(grep -c '^new$' "$WORK/results" || true)
[ $((olds + news)) = "$runs" ] || die "$runs runs, $olds + $news whole reports: $(grep -v '^old$\|^new$' "$WORK/results" | head -n 3)"
# both outcomes happened: faults before the switch keep the old, after it the new
[ "$olds" -gt 0 ] && [ "$news" -gt 0 ] || die "old $olds, new $news"
# killed runs left their sibling folders; the next run sweeps them (five
# of them tried)
ls -d "$WORK"/r.*.kill | while read -r r; do ls -a "$r" | grep -q '^\.out\.new-' && echo "$r"; done > "$WORK/left"
[ -s "$WORK/left" ] || die "no killed run left a folder behind: was any killed mid-write?"
for r in $(head -n 5 "$WORK/left"); do
	"$MSTRESS" build -q --out "$r/out" 2> "$r/err2" || die "$r: the run after the fault failed: $(head -n 2 "$r/err2")"
	listing "$r/out" | cmp -s - "$WORK/new.sum" || die "$r: the run after the fault wrote another report"
	ls -a "$r" | grep -q '^\.out\.new-' && die "$r: a dead run's folder was not swept"
done
echo "commit faults: $runs runs of $points fault points, $olds kept the earlier report, $news switched to the new, $(wc -l < "$WORK/left") left a folder"
