# The PDF is valid, embeds every font, has metadata and an outline, and
# its text shows the headline figures.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/out"
pdf="$WORK/out/report.pdf"
qpdf --check "$pdf" > "$WORK/qpdf.txt" || die "qpdf --check failed: $(cat "$WORK/qpdf.txt")"
pdffonts "$pdf" 2>/dev/null | tail -n +3 > "$WORK/fonts.txt"
[ -s "$WORK/fonts.txt" ] || die "no fonts listed"
awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' "$WORK/fonts.txt" || die "a font is not embedded: $(cat "$WORK/fonts.txt")"
pdfinfo "$pdf" 2>/dev/null > "$WORK/info.txt"
expect_in "$WORK/info.txt" "Title:           Bitcoin 44$(printf '\302\240')% below its all-time high"
expect_in "$WORK/info.txt" "Author:          mstress"
expect_in "$WORK/info.txt" "Subject:         How far bitcoin has fallen"
expect_in "$WORK/info.txt" "CreationDate:    Fri Feb  6 00:00:00 2026 UTC"
pdftotext -layout "$pdf" "$WORK/text.txt" 2> "$WORK/text.err"
# every font maps its codes back to Unicode with a valid ToUnicode CMap (a
# bfrange identity), so the reader needs no guess and says nothing
[ ! -s "$WORK/text.err" ] || die "pdftotext complained: $(head -n 3 "$WORK/text.err")"
qpdf --qdf --object-streams=disable "$pdf" "$WORK/plain.pdf"
[ "$(grep -ac '^ */ToUnicode [0-9]* 0 R' "$WORK/plain.pdf")" -eq "$(grep -ac '^ */Subtype /Type0' "$WORK/plain.pdf")" ] ||
	die "not every Type0 font has a ToUnicode map"
! grep -aq begincidrange "$WORK/plain.pdf" || die "an encoding CMap is still in the file"
expect_in "$WORK/plain.pdf" "<4E00> <4EFF> <4E00>"
expect_in "$WORK/text.txt" "All-time high (intraday)"
expect_in "$WORK/text.txt" '$126,210'
expect_in "$WORK/text.txt" "January 2026 high (intraday)"
expect_in "$WORK/text.txt" '$97,912'
expect_in "$WORK/text.txt" "−44.1"
expect_in "$WORK/text.txt" "−28.0"
expect_in "$WORK/text.txt" "Page 1 of"
# one outline entry per heading of the template
qpdf --json --json-key=outlines "$pdf" > "$WORK/outline.json"
for h in "Key figures" "The drawdown" "The same figures by venue" "Data and methods"; do
	expect_in "$WORK/outline.json" "\"title\": \"$h\""
done
# the language is in the catalog
qpdf --show-object=trailer "$pdf" > "$WORK/trailer.txt"
root=$(sed -n 's|.*/Root \([0-9]*\) 0 R.*|\1|p' "$WORK/trailer.txt")
qpdf --show-object="$root" "$pdf" | grep -q '/Lang (en)' || die "the catalog has no /Lang"
# the title once, in the running header: the footers carry the date and the page
pdftotext -f 2 -l 2 -layout "$pdf" "$WORK/page2.txt"
[ "$(grep -c 'below its all-time high' "$WORK/page2.txt")" -le 1 ] || die "page 2 shows the title twice"
expect_in "$WORK/page2.txt" "As of 2026-02-06 (UTC)"
# pagination at three dates: no heading (bookmark) in the bottom fifth of its
# page, and no table of 12 rows or fewer split across pages
for d in 2026-02-06 2024-11-11 2025-10-10; do
	"$MSTRESS" build -q --as-of "$d" --out "$WORK/p$d"
	qpdf --json --json-key=outlines --json-key=pages "$WORK/p$d/report.pdf" > "$WORK/p$d.json"
	/usr/bin/python3 - "$WORK/p$d.json" "$d" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
def walk(items):
    for o in items:
        yield o
        yield from walk(o.get("kids", []))
for o in walk(j["outlines"]):
    dest = o["dest"]
    top = float(dest[2])
    assert top > 841.89 / 5, f"as of {sys.argv[2]}: '{o['title']}' on page {o['destpageposfrom1']} is in the bottom fifth (y {top:.0f})"
PY
done
# a contents page after the first: each section with the page its bookmark
# goes to, and a link on each line
pdftotext -f 2 -l 2 -layout "$pdf" "$WORK/contents.txt"
qpdf --json --json-key=outlines --json-key=pages "$pdf" > "$WORK/links.json"
/usr/bin/python3 - "$WORK/contents.txt" "$WORK/links.json" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
j = json.load(open(sys.argv[2]))
assert [l.strip() for l in text.splitlines() if l.strip()][1] == "Contents", "page 2 is not the contents"
def walk(items):
    for o in items:
        yield o
        yield from walk(o.get("kids", []))
pages = {o["title"]: o["destpageposfrom1"] for o in walk(j["outlines"])}
matched = 0
for line in text.splitlines():
    m = re.match(r"^\s*(.+?)\s{2,}(\d+)\s*$", line)
    if m and m.group(1) in pages:
        assert int(m.group(2)) == pages[m.group(1)], f"contents: '{m.group(1)}' on page {m.group(2)}, its bookmark on {pages[m.group(1)]}"
        matched += 1
assert matched >= 10, f"only {matched} contents lines matched a bookmark"
PY
qpdf --qdf --object-streams=disable "$pdf" "$WORK/plain2.pdf"
[ "$(grep -ac '/Subtype /Link' "$WORK/plain2.pdf")" -ge 10 ] || die "the contents lines are not links"
# every page but the section's own carries a footer link to "Data and methods",
# going to the page its bookmark goes to
qpdf --json --json-key=qpdf --json-key=pages --json-key=outlines "$pdf" > "$WORK/objects.json"
/usr/bin/python3 - "$WORK/objects.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
obj = j["qpdf"][1]
val = lambda ref: obj["obj:" + ref]["value"]
def walk(items):
    for o in items:
        yield o
        yield from walk(o.get("kids", []))
methods = [o for o in walk(j["outlines"]) if o["title"] == "Data and methods"][0]["dest"][0]
pages = [p["object"] for p in j["pages"]]
linked = []
for n, p in enumerate(pages, 1):
    for a in val(p).get("/Annots", []):
        d = val(a).get("/Dest")
        if isinstance(d, str):
            d = val(d)
        if d and d[0] == methods and val(a)["/Rect"][1] < 60:     # in the footer
            linked.append(n)
want = [n for n, p in enumerate(pages, 1) if p != methods]
assert linked == want, f"footer links to Data and methods on pages {linked}, wanted {want}"
PY
# running text keeps a measure of 65 to 75 characters (the theme's 72 at
# most); tables and charts take the column's full width
pdftotext -f 1 -l 1 "$pdf" "$WORK/page1.txt"
/usr/bin/python3 - "$WORK/page1.txt" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("Bitcoin closed at"))
para = lines[start:lines.index("Key takeaways", start)]
assert len(para) >= 4, f"the first paragraph has {len(para)} lines"
long = [len(l) for l in para[:-1]]
assert max(long) <= 76 and sum(long) / len(long) >= 62, f"the first paragraph's lines are {long} characters long"
PY
# the tables' captions are set above them, without their "Table: " mark
expect_in "$WORK/text.txt" "The headline figures as of 6 February 2026, each with its date and source"
! grep -q "Table: " "$WORK/text.txt" || die "a caption keeps its mark in the PDF"
# and the sources are links in the PDF too
grep -aq '/URI (https://cryptoquant.com/)' "$WORK/plain2.pdf" || die "no link to a source's site in the PDF"
