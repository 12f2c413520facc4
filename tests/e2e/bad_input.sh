# Bad input gives a clear error naming file and line, a non-zero exit, and
# leaves the previous good output untouched.
. "$ROOT/tests/lib.sh"
out="$WORK/out"
"$MSTRESS" build -q --out "$out"
snapshot "$out" > "$WORK/before.sum"
mkdir -p "$WORK/cfg/prices"
cp -r "$ROOT/data/." "$WORK/cfg/"
btc_from_2024 "$WORK/cfg"

# a wrong config key
sed 's/^as_of = /as_off = /' "$ROOT/data/default.ini" > "$WORK/cfg/typo.ini"
if "$MSTRESS" build --config "$WORK/cfg/typo.ini" --out "$out" 2> "$WORK/err1"; then die "typo accepted"; fi
expect_in "$WORK/err1" "typo.ini:8:1: error: unknown key 'as_off' (did you mean 'as_of'?)"

# a malformed CSV row
f="$WORK/cfg/prices/cryptoquant_btc_usd_daily_ohlcv.csv"
sed -i '100s/^\([^,]*\),[^,]*,/\1,oops,/' "$f"
if "$MSTRESS" build --config "$WORK/cfg/default.ini" --out "$out" 2> "$WORK/err2"; then die "bad CSV accepted"; fi
expect_in "$WORK/err2" "cryptoquant_btc_usd_daily_ohlcv.csv:100:12: error: Open 'oops' is not a finite number"

# a template error
mkdir -p "$WORK/home"
cp -r "$ROOT/templates" "$ROOT/fonts" "$ROOT/data" "$WORK/home/"
printf '# x\n\n{{#btc}}\nnever closed\n' > "$WORK/home/templates/report.md"
if MSTRESS_HOME="$WORK/home" "$MSTRESS" build --out "$out" 2> "$WORK/err3"; then die "template error accepted"; fi
expect_in "$WORK/err3" "templates/report.md:3:1: error: section 'btc' is never closed"
# an unknown chart id, named at its line in the template (sections vanish from the rendered text)
printf '# x\n{{#primary}}\n{{/primary}}\n\n![a chart](chart:nope)\n' > "$WORK/home/templates/report.md"
if MSTRESS_HOME="$WORK/home" "$MSTRESS" build --out "$out" 2> "$WORK/err4"; then die "unknown chart accepted"; fi
expect_in "$WORK/err4" "templates/report.md:5:18: error: unknown chart id 'nope'"

snapshot "$out" > "$WORK/after.sum"
diff "$WORK/before.sum" "$WORK/after.sum" || die "a failed run changed out/"
ls "$out" | grep -q tmp && die "temporary files left in out/"
exit 0

# bytes from a data file never reach the terminal raw: controls and
# bidirectional overrides are shown escaped in the message
cp -r "$ROOT/data/." "$WORK/esc/"
btc_from_2024 "$WORK/esc"
f="$WORK/esc/prices/cryptoquant_btc_usd_daily_ohlcv.csv"
printf '2024-01-0\033[2J\342\200\256x,1,2,1,1.5,1\n' > "$WORK/row.txt"
sed -i "2r $WORK/row.txt" "$f"
expect_exit 1 "$WORK/esc.err" "$MSTRESS" build -q --config "$WORK/esc/default.ini" --out "$WORK/esc_out"
expect_in "$WORK/esc.err" "cryptoquant_btc_usd_daily_ohlcv.csv:3:1: error: '2024-01-0\\x1B[2J\\u{202E}x' is not a date or time"
if grep -q "$(printf '\033')" "$WORK/esc.err"; then die "an escape byte reached the terminal"; fi

# a title a feed or a page header cannot hold: refused at its line
sed "s/^title = .*/title = Bell$(printf '\007')here/" "$ROOT/data/default.ini" > "$WORK/cfg/bell.ini"
expect_exit 1 "$WORK/bell.err" "$MSTRESS" build -q --config "$WORK/cfg/bell.ini" --out "$WORK/bell"
expect_in "$WORK/bell.err" "bell.ini:4:1: error: title: a control character (0x07) in the text"
# a bidirectional override in the title, an escape in a venue, either in a
# recipient's name: refused, naming the line (they would show other text
# than is stored)
sed "s/^title = .*/title = Bitcoin $(printf '\342\200\256')%05 down/" "$ROOT/data/default.ini" > "$WORK/cfg/bidi.ini"
expect_exit 1 "$WORK/bidi.err" "$MSTRESS" build -q --config "$WORK/cfg/bidi.ini" --out "$WORK/bidi"
expect_in "$WORK/bidi.err" "bidi.ini:4:1: error: title: a bidirectional control (U+202E) in the text"
sed "0,/^venue = .*/s//venue = Coin$(printf '\033')[31mbase/" "$ROOT/data/default.ini" > "$WORK/cfg/venue.ini"
expect_exit 1 "$WORK/venue.err" "$MSTRESS" build -q --config "$WORK/cfg/venue.ini" --out "$WORK/venue"
expect_in "$WORK/venue.err" "error: venue: a control character (0x1B) in the text"
printf 'email,name\na@example.org,Ann\nb@example.org,Bob \342\200\256evil\n' > "$WORK/bidi.csv"
expect_exit 1 "$WORK/rcpt.err" "$MSTRESS" mail -q --to "$WORK/bidi.csv" --dry-run --out "$WORK/rcpt"
expect_in "$WORK/rcpt.err" "bidi.csv:3:1: error: 'b@example.org': a bidirectional control (U+202E) in the text"
[ ! -d "$WORK/rcpt/mail" ] || die "a message was written before the recipients were all checked"
/usr/bin/python3 -c "import sys; print('[report]\ntitle = ' + 'x' * 100000)" > "$WORK/cfg/long.ini"
expect_exit 1 "$WORK/long.err" "$MSTRESS" build -q --config "$WORK/cfg/long.ini" --out "$WORK/long"
expect_in "$WORK/long.err" "long.ini:2:1: error: title: 100000 characters, more than the 300 a title or label may have"
