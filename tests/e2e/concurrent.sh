# Runs that overlap never mix: 30 pairs of builds of two dates into one
# out/ leave one report whole (stats.json, the Markdown, the HTML and the
# PDF of the same date), and 30 pairs of fetches of two answers into one cache leave a
# body and a record of the same answer (its SHA-256). With E2E_STRIDE=N (the
# sanitizer half), 30 / N pairs of each.
. "$ROOT/tests/lib.sh"
out="$WORK/out"
pairs=$((30 / ${E2E_STRIDE:-1}))
i=0
while [ $i -lt $pairs ]; do
	"$MSTRESS" build -q --as-of 2026-02-06 --out "$out" 2> "$WORK/a.err" &
	a=$!
	"$MSTRESS" build -q --as-of 2026-01-30 --out "$out" 2> "$WORK/b.err" &
	b=$!
	wait $a || die "pair $i: the first build failed: $(cat "$WORK/a.err")"
	wait $b || die "pair $i: the second build failed: $(cat "$WORK/b.err")"
	/usr/bin/python3 - "$out" "$i" <<'PY'
import json, sys, datetime as dt
out, i = sys.argv[1], sys.argv[2]
as_of = json.load(open(out + "/stats.json"))["report"]["as_of"]
d = dt.date.fromisoformat(as_of)
text = f"{d.day} {d.strftime('%B')} {d.year}"
for f in ("report.md", "report.html"):
    body = open(f"{out}/{f}", encoding="utf-8").read()
    assert f"Data as of {text}" in body.replace("\\", ""), f"pair {i}: {f} is not of {as_of}"
PY
	pdftotext "$out/report.pdf" - | grep -q "As of $(sed -n 's/.*"as_of": "\([0-9-]*\)".*/\1/p' "$out/stats.json" | head -n 1)" ||
		die "pair $i: the PDF is not of the date of stats.json"
	i=$((i + 1))
done

# two answers for one source, fetched at once, over and over
cp -R "$ROOT/data" "$WORK/d"
cp "$ROOT/tests/fixtures/alternative_me_fng.json" "$WORK/one.json"
/usr/bin/python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
a = json.load(open(w + "/one.json"))
a["data"] = a["data"][:-1]       # another body: the oldest day less
json.dump(a, open(w + "/two.json", "w"))
PY
for k in one two; do
	sed "s|^\[source.fear_greed\]|&\nurl = file://$WORK/$k.json|; s|^format = alternative_me_fng_csv$|format = alternative_me_fng_json|" \
		"$WORK/d/default.ini" > "$WORK/d/$k.ini"
done
grep -q "url = file://$WORK/one.json" "$WORK/d/one.ini" || die "the fetch config was not made"
i=0
while [ $i -lt $pairs ]; do
	"$MSTRESS" fetch -q --force --config "$WORK/d/one.ini" --cache "$WORK/cache" > /dev/null 2> "$WORK/f1.err" &
	a=$!
	"$MSTRESS" fetch -q --force --config "$WORK/d/two.ini" --cache "$WORK/cache" > /dev/null 2> "$WORK/f2.err" &
	b=$!
	wait $a || die "fetch pair $i: $(cat "$WORK/f1.err")"
	wait $b || die "fetch pair $i: $(cat "$WORK/f2.err")"
	sum=$(sha256sum "$WORK/cache/fear_greed.body" | cut -c1-64)
	expect_in "$WORK/cache/fear_greed.json" "\"sha256\": \"$sum\""
	i=$((i + 1))
done
