# Every command has --help; usage errors exit 2; --version names the version.
. "$ROOT/tests/lib.sh"
"$MSTRESS" --help | grep -q "^usage: mstress" || die "no main help"
"$MSTRESS" build --help | grep -q -- "--as-of" || die "no build help"
"$MSTRESS" render --help | grep -q -- "--data" || die "no render help"
[ "$("$MSTRESS" --version)" = "mstress 0.1.0" ] || die "wrong --version"
set +e
"$MSTRESS" frobnicate 2>/dev/null; [ $? -eq 2 ] || die "unknown command must exit 2"
"$MSTRESS" build --as-of 2026-13-01 2>/dev/null; [ $? -eq 2 ] || die "bad date must exit 2"
"$MSTRESS" build --bogus 2>/dev/null; [ $? -eq 2 ] || die "bad option must exit 2"
set -e
# usage errors take the diagnostics' shape ("WHERE: error: WHAT"), getopt's
# own messages included, then the usage
expect_exit 2 "$WORK/usage.err" "$MSTRESS" frobnicate
[ "$(head -n 1 "$WORK/usage.err")" = "mstress: error: unknown command 'frobnicate'" ] || die "$(head -n 1 "$WORK/usage.err")"
expect_exit 2 "$WORK/usage.err" "$MSTRESS" build --no-such-option
[ "$(head -n 1 "$WORK/usage.err")" = "mstress build: error: '--no-such-option': an unknown option, or one without its value" ] ||
	die "$(head -n 1 "$WORK/usage.err")"
expect_in "$WORK/usage.err" "usage: mstress build"
expect_exit 2 "$WORK/usage.err" "$MSTRESS" check --as-of 2026-13-01
[ "$(cat "$WORK/usage.err")" = "mstress check: error: --as-of '2026-13-01' is not a date (YYYY-MM-DD)" ] || die "$(cat "$WORK/usage.err")"
# render: a template with data and a partial, HTML-escaped
mkdir -p "$WORK/p"
printf '{{>head}} {{x}}\n' > "$WORK/t.mustache"
printf 'Head:' > "$WORK/p/head.mustache"
printf '{"x": "<&>"}' > "$WORK/d.json"
[ "$("$MSTRESS" render "$WORK/t.mustache" --data "$WORK/d.json" --partials "$WORK/p")" = "Head: &lt;&amp;&gt;" ] ||
	die "render output wrong"
printf '{"x": ' > "$WORK/bad.json"
if "$MSTRESS" render "$WORK/t.mustache" --data "$WORK/bad.json" 2> "$WORK/err"; then die "bad JSON accepted"; fi
expect_in "$WORK/err" "bad.json:1:"
# limits hold: numbers that are not numbers (nan), fractions where a count is
# meant, and overflows are usage errors, never a limit turned off
for bad in "--timeout nan" "--timeout 1.5" "--retries nan" "--retries 1e1" "--max-bytes nan" "--max-bytes 1e30" \
	"--max-bytes 99999999999999999999" "--max-bytes 17G" "--max-bytes 0"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$WORK/limit.err" "$MSTRESS" fetch $bad
	expect_in "$WORK/limit.err" "mstress fetch: error: bad value"
done
"$MSTRESS" fetch -q --max-bytes 64K --timeout 5 --retries 0 --cache "$WORK/cache" > /dev/null    # a size with a suffix
expect_exit 2 "$WORK/pause.err" "$MSTRESS" mail --dry-run --to "$WORK/none.csv" --pause nan
expect_in "$WORK/pause.err" "--pause takes seconds, 0 to 3600"
mkdir -p "$WORK/home"
cp -R "$ROOT/templates" "$ROOT/fonts" "$ROOT/data" "$WORK/home/"
sed -i 's/^margin_top = .*/margin_top = nan/' "$WORK/home/templates/theme.ini"
expect_exit 1 "$WORK/theme.err" env MSTRESS_HOME="$WORK/home" "$MSTRESS" build -q --out "$WORK/t"
expect_in "$WORK/theme.err" "theme.ini:5:1: error: margin_top: 'nan' is not a length"
# SOURCE_DATE_EPOCH gives the date only when neither --as-of nor the config does
SOURCE_DATE_EPOCH=1735689600 "$MSTRESS" build -q --out "$WORK/sde"       # 2025-01-01: the config's date wins
expect_in "$WORK/sde/stats.json" '"as_of": "2026-02-06"'
sed '/^as_of = /d' "$ROOT/data/default.ini" > "$WORK/home/data/undated.ini"
SOURCE_DATE_EPOCH=1770422400 "$MSTRESS" build -q --config "$WORK/home/data/undated.ini" --out "$WORK/sde2"   # 2026-02-07
expect_in "$WORK/sde2/stats.json" '"as_of": "2026-02-07"'
expect_exit 2 "$WORK/sde.err" env SOURCE_DATE_EPOCH=253402300800 "$MSTRESS" build -q --out "$WORK/sde3"
expect_in "$WORK/sde.err" "SOURCE_DATE_EPOCH='253402300800' is not a number of seconds up to the end of year 9999"
