# The bad-input catalogue: one case a row, each asserting the exit status,
# the message (file, and line and column where there are some) and that the
# previous good out/ is untouched.
. "$ROOT/tests/lib.sh"
out="$WORK/out"
"$MSTRESS" build -q --as-of 2026-02-01 --out "$out"     # the previous report
snapshot "$out" > "$WORK/before.sum"
D="$WORK/d"
cp -r "$ROOT/data" "$D"
btc_from_2024 "$D"
csv="$D/prices/cryptoquant_btc_usd_daily_ohlcv.csv"
cp "$csv" "$WORK/orig.csv"
cp "$ROOT/tests/fixtures/alternative_me_fng.json" "$WORK/fg.json"
cp "$ROOT/tests/fixtures/farside_btc.html" "$WORK/flows.html"
cat "$D/default.ini" - > "$D/more.ini" <<'INI'

[source.fg_json]
format = alternative_me_fng_json
path = fg.json
metric = fear_greed

[source.flows_html]
format = farside_html
path = flows.html
asset = BTC
INI
n=0
# case NAME CODE MESSAGE CONFIG SETUP...: restores the inputs, runs SETUP,
# builds, and checks the exit status, the message and out/.
case_() {
	name=$1 code=$2 msg=$3 ini=$4
	shift 4
	cp "$WORK/orig.csv" "$csv"
	cp "$WORK/fg.json" "$D/fg.json"
	cp "$WORK/flows.html" "$D/flows.html"
	"$@"
	set +e
	"$MSTRESS" build -q --config "$D/$ini" --out "$out" 2> "$WORK/$name.err"
	got=$?
	set -e
	[ $got -eq "$code" ] || die "$name: exit $got, not $code: $(cat "$WORK/$name.err")"
	expect_in "$WORK/$name.err" "$msg"
	snapshot "$out" | cmp -s - "$WORK/before.sum" || die "$name: out/ changed"
	n=$((n + 1))
}
c="d/prices/cryptoquant_btc_usd_daily_ohlcv.csv"
open_70() { sed -i "70s/^\([^,]*\),[^,]*,/\1,$1,/" "$csv"; }
# CSV
case_ quote 1 "$c:50: error: unterminated quoted field" default.ini sed -i '50s/,/,"/' "$csv"
case_ columns 1 "$c:60: error: 5 fields where the header has 6" default.ini sed -i '60s/,[^,]*$//' "$csv"
case_ text 1 "$c:70:12: error: Open 'x1' is not a finite number" default.ini open_70 x1
case_ nan 1 "$c:70:12: error: Open 'nan' is not a finite number" default.ini open_70 nan
case_ inf 1 "$c:70:12: error: Open 'inf' is not a finite number" default.ini open_70 inf
case_ negative 1 "$c:70:12: error: Open is -5: a price or capitalisation must be positive" default.ini open_70 -5
case_ zero 1 "$c:70:12: error: Open is 0: a price or capitalisation must be positive" default.ini open_70 0
case_ high_low 1 "$c:70:27: error: inconsistent bar: high 67914.7, low 68681.3" default.ini \
	sed -i '70s/^\([^,]*\),\([^,]*\),\([^,]*\),\([^,]*\),/\1,\2,\4,\3,/' "$csv"
case_ duplicate 1 "$c:81:1: error: time 2024-03-19 00:00 again with other values than line 80: conflicting rows" \
	default.ini sed -i '80{p;s/,\([0-9.]*\)$/,1\1/}' "$csv"
case_ order 1 "$c:91:1: error: out-of-order time 2024-03-29 00:00" default.ini sed -i '90{h;d};91G' "$csv"
case_ empty 1 "$c: error: empty file: no header, no data" default.ini truncate -s 0 "$csv"
case_ header_only 1 "error: primary = btc_price: the source has no bars from 2024-01-01 to the as-of date 2026-02-06" default.ini sed -i '2,$d' "$csv"
utf16() { printf '\377\376' | cat - "$WORK/orig.csv" > "$csv"; }
case_ utf16_bom 1 "$c:1:1: error: UTF-16/32 byte-order mark: save the file as UTF-8" default.ini utf16
binary() { head -c 3000 /bin/sh > "$csv"; }
case_ binary 1 "$c: error: holds NUL bytes: a binary file, not CSV" default.ini binary
# JSON
case_ json_truncated 1 "d/fg.json:6:32: error: not valid JSON: premature end of input" more.ini truncate -s 100 "$D/fg.json"
types() { sed -i '0,/"value": "[0-9]*"/s//"value": [1]/' "$D/fg.json"; }
case_ json_types 1 "d/fg.json: error: data[0]: expected a timestamp and a value from 0 to 100" more.ini types
huge() { sed -i '0,/"value": "[0-9]*"/s//"value": 1e400/' "$D/fg.json"; }
case_ json_huge 1 "d/fg.json:5:17: error: not valid JSON: real number overflow" more.ini huge
deep() { /usr/bin/python3 -c "import sys; open(sys.argv[1], 'w').write('[' * 100000 + ']' * 100000)" "$D/fg.json"; }
case_ json_deep 1 "d/fg.json:1:2049: error: not valid JSON: maximum parsing depth reached" more.ini deep
apierr() { echo '{"data":[],"metadata":{"error":"Rate limit exceeded"}}' > "$D/fg.json"; }
case_ json_api_error 1 "d/fg.json: error: alternative.me answered an error: Rate limit exceeded" more.ini apierr
# HTML
case_ challenge 1 "d/flows.html: error: a bot-challenge page came instead of the data" more.ini \
	cp "$ROOT/tests/fixtures/farside_challenge.html" "$D/flows.html"
notable() { echo '<html><body><p>moved</p></body></html>' > "$D/flows.html"; }
case_ no_table 1 "d/flows.html: error: no <table class=\"etf\"> in the page" more.ini notable
case_ renamed 1 "d/flows.html: error: no Total column in the table's header" more.ini sed -i 's/>Total</>Sum</g' "$D/flows.html"
# a row short of its Total cell: never the last fund's flow taken for the day's
case_ no_total_cell 1 "d/flows.html: error: 12 Jan 2024: 4 cells where the header has 5: the Total cannot be told" more.ini \
	sed -i '14s|<td><span class="tabletext">97.2</span></td>||' "$D/flows.html"
# a cell nested past libxml2's depth limit ends the parse: an error, not a table cut short
deep() {
	/usr/bin/python3 -c "import sys; p = sys.argv[1]; h = open(p).read(); print(h.replace('>386.0<', '>' + '<div>' * 300 + '386.0' + '</div>' * 300 + '<', 1), end='')" \
		"$D/flows.html" > "$D/deep.html" && mv "$D/deep.html" "$D/flows.html"
}
case_ too_deep 1 "error: the page could not be parsed to its end: Excessive depth in document" more.ini deep
# config
sed 's/^as_of = .*/as_of = 2026-02-30/' "$D/default.ini" > "$D/date.ini"
case_ bad_date 1 "date.ini:8:1: error: as_of: '2026-02-30' is not a date" date.ini true
printf '\n[source.nowhere]\nformat = cryptoquant_ohlcv\nasset = BTC\n' | cat "$D/default.ini" - > "$D/nourl.ini"
case_ no_url 1 "nourl.ini:$(($(wc -l < "$D/default.ini") + 2)):1: error: source 'nowhere' needs a 'format', and a 'path' or a 'url'" \
	nourl.ini true
sed 's/^as_of = /as_off = /' "$D/default.ini" > "$D/typo.ini"
case_ typo 1 "typo.ini:8:1: error: unknown key 'as_off' (did you mean 'as_of'?)" typo.ini true
# environment: fonts missing, out/ not a directory, a full disk, an interrupted run
mkdir -p "$WORK/home"
cp -r "$ROOT/templates" "$ROOT/data" "$WORK/home/"
set +e
MSTRESS_HOME="$WORK/home" "$MSTRESS" build -q --out "$out" 2> "$WORK/fonts.err"; got=$?
set -e
[ $got -eq 1 ] || die "fonts missing: exit $got"
expect_in "$WORK/fonts.err" "home/fonts/DejaVuSans.ttf: error: cannot load the TrueType font"
touch "$WORK/file"
set +e
"$MSTRESS" build -q --out "$WORK/file/out" 2> "$WORK/notdir.err"; got=$?
set -e
[ $got -eq 3 ] || die "out/ not creatable: exit $got"
expect_in "$WORK/notdir.err" "file/out: error: cannot create directory: Not a directory"
set +e
sh -c "ulimit -f 200; exec '$MSTRESS' build -q --out '$out'" 2> "$WORK/full.err"; got=$?
set -e
[ $got -eq 3 ] || die "a full disk: exit $got, not 3: $(cat "$WORK/full.err")"
expect_in "$WORK/full.err" "error: write failed: File too large"
snapshot "$out" | cmp -s - "$WORK/before.sum" || die "a full disk changed out/ (it must be all or nothing)"
# interrupted at different moments: the old report or the new one, whole; no temporary files
"$MSTRESS" build -q --out "$WORK/new"
snapshot "$WORK/new" > "$WORK/new.sum"
stopped=0
for t in 0.02 0.05 0.1 0.2 0.5 1 2; do
	rm -rf "$out"      # the new report has a chart the old one lacks
	"$MSTRESS" build -q --as-of 2026-02-01 --out "$out"
	"$MSTRESS" build -q --out "$out" & pid=$!
	sleep $t
	kill -INT $pid 2> /dev/null || true
	set +e
	wait $pid; got=$?
	set -e
	[ $got -eq 0 ] || [ $got -eq 130 ] || die "SIGINT at $t s: exit $got"
	[ $got -eq 0 ] || stopped=$((stopped + 1))
	snapshot "$out" > "$WORK/int.sum"
	cmp -s "$WORK/int.sum" "$WORK/before.sum" || cmp -s "$WORK/int.sum" "$WORK/new.sum" ||
		die "SIGINT at $t s left a mix of two reports"
	if find "$out" -name '*.tmp.*' | grep -q .; then die "SIGINT at $t s left temporary files"; fi
done
[ $stopped -gt 0 ] || die "no run was interrupted: the SIGINT cases tested nothing"
echo "$n catalogue cases; $stopped of 7 runs interrupted"
