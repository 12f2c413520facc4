# A tree finds its own files: a copy of a built tree, with its template
# edited, builds with the copy's template; the original tree's binary does
# not see the edit; a binary with no tree around it says where it looked.
. "$ROOT/tests/lib.sh"
# the binary itself (make valgrind runs the suite through wrapper scripts)
BIN=${MSTRESS_ELF:-$MSTRESS}
mkdir -p "$WORK/copy/build/release"
cp -R "$ROOT/templates" "$ROOT/fonts" "$ROOT/data" "$WORK/copy/"
cp "$BIN" "$WORK/copy/build/release/mstress"
printf '\nA line only the copy has.\n' >> "$WORK/copy/templates/report.md"
env -u MSTRESS_HOME "$WORK/copy/build/release/mstress" build -q --out "$WORK/out_copy"
expect_in "$WORK/out_copy/report.md" "A line only the copy has."
env -u MSTRESS_HOME "$BIN" build -q --out "$WORK/out_orig"
if grep -q "A line only the copy has" "$WORK/out_orig/report.md"; then die "the original tree read the copy's template"; fi
# MSTRESS_HOME still wins
MSTRESS_HOME="$WORK/copy" "$BIN" build -q --out "$WORK/out_env"
expect_in "$WORK/out_env/report.md" "A line only the copy has."
# alone: an error naming the places tried, exit 3
mkdir -p "$WORK/alone"
cp "$BIN" "$WORK/alone/mstress"
expect_exit 3 "$WORK/err.txt" env -u MSTRESS_HOME "$WORK/alone/mstress" build -q --out "$WORK/out_alone"
expect_in "$WORK/err.txt" "cannot find mstress's templates, fonts and data (tried $WORK/alone, $WORK/alone/.."
[ ! -e "$WORK/out_alone" ] || die "a failed build wrote its output directory"
