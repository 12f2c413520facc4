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
