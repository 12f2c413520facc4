# Several configs at once (--jobs), config --print, distinct exit statuses,
# colour and progress only on a terminal and never with NO_COLOR.
. "$ROOT/tests/lib.sh"
mkdir -p "$WORK/d"
cp -r "$ROOT/data/." "$WORK/d/"
cp "$WORK/d/default.ini" "$WORK/d/btc.ini"
sed 's/^as_of = 2026-02-06/as_of = 2026-01-30/' "$WORK/d/default.ini" > "$WORK/d/late_jan.ini"
"$MSTRESS" build -q --jobs 2 --config "$WORK/d/btc.ini" --config "$WORK/d/late_jan.ini" --out "$WORK/many"
expect_in "$WORK/many/btc/stats.json" '"as_of": "2026-02-06"'
expect_in "$WORK/many/late_jan/stats.json" '"as_of": "2026-01-30"'
# two configs of one name in two folders would share out/NAME: refused
mkdir -p "$WORK/d/other"
cp "$WORK/d/btc.ini" "$WORK/d/other/btc.ini"
expect_exit 2 "$WORK/same.err" "$MSTRESS" build -q --jobs 2 --config "$WORK/d/btc.ini" --config "$WORK/d/other/btc.ini" --out "$WORK/same"
expect_in "$WORK/same.err" "would both write to $WORK/same/btc: give one another name"
[ ! -e "$WORK/same" ] || die "a refused --jobs run wrote something"
# config --print: the merged configuration, which builds the same report
"$MSTRESS" config --print --as-of 2026-01-30 > "$WORK/printed.ini"
expect_in "$WORK/printed.ini" "as_of = 2026-01-30"
expect_in "$WORK/printed.ini" "[source.btc_price]"
expect_in "$WORK/printed.ini" "bad_rows = skip"
"$MSTRESS" build -q --config "$WORK/printed.ini" --out "$WORK/p"
cmp "$WORK/p/stats.json" "$WORK/many/late_jan/stats.json" || die "the printed config builds another report"
# exit statuses: 2 usage, 1 data, 3 a file that cannot be written
set +e
"$MSTRESS" build --jobs 0 2>/dev/null; [ $? -eq 2 ] || die "--jobs 0 must be a usage error"
printf '[report]\nas_of = soon\n' > "$WORK/bad.ini"
"$MSTRESS" build -q --config "$WORK/bad.ini" --out "$WORK/x" 2>/dev/null; [ $? -eq 1 ] || die "bad config must exit 1"
: > "$WORK/afile"
"$MSTRESS" build -q --out "$WORK/afile/sub" 2>/dev/null; [ $? -eq 3 ] || die "an unwritable output must exit 3"
set -e
# colour and progress: on a terminal only, and no colour with NO_COLOR
script -qec "'$MSTRESS' build --config '$WORK/bad.ini' --out '$WORK/x'" /dev/null > "$WORK/tty.txt" 2>&1 || true
grep -q "$(printf '\033')\[1;31merror" "$WORK/tty.txt" || die "no colour on a terminal"
NO_COLOR=1 script -qec "'$MSTRESS' build --config '$WORK/bad.ini' --out '$WORK/x'" /dev/null > "$WORK/nc.txt" 2>&1 || true
if grep -q "$(printf '\033')\[[0-9;]*m" "$WORK/nc.txt"; then die "colour despite NO_COLOR"; fi
"$MSTRESS" build --config "$WORK/bad.ini" --out "$WORK/x" 2> "$WORK/pipe.txt" || true
if grep -q "$(printf '\033')" "$WORK/pipe.txt"; then die "escape codes on a pipe"; fi
script -qec "'$MSTRESS' build --out '$WORK/y'" /dev/null > "$WORK/progress.txt" 2>&1
grep -q "typesetting the PDF" "$WORK/progress.txt" || die "no progress on a terminal"
"$MSTRESS" build -v --out "$WORK/z" 2> "$WORK/verbose.txt"
expect_in "$WORK/verbose.txt" "note: wrote"
