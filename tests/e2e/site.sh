# --site keeps each report under its date, the latest as index.html, an
# archive page and an Atom feed (well-formed, newest first, stable).
. "$ROOT/tests/lib.sh"
site="$WORK/site"
"$MSTRESS" build -q --site "$site" --as-of 2026-01-30
"$MSTRESS" build -q --site "$site" --site-url https://example.org/r/
for f in 2026-01-30/report.html 2026-01-30/report.pdf 2026-02-06/report.html 2026-02-06/stats.json \
	index.html archive.html feed.atom; do
	[ -f "$site/$f" ] || die "missing $f"
done
# the home page is the latest issue, its links resolved from the issue's folder
grep -v '^<base href="2026-02-06/">$' "$site/index.html" | cmp -s - "$site/2026-02-06/report.html" ||
	die "index.html is not the latest report"
expect_in "$site/index.html" '<base href="2026-02-06/">'
# every issue page: the feed's autodiscovery link, and a navigation bar to
# the latest issue, the one before, the archive, the feed and its PDF
for f in 2026-01-30/report.html 2026-02-06/report.html; do
	expect_in "$site/$f" '<link rel="alternate" type="application/atom+xml" href="../feed.atom"'
	for a in '<a href="../index.html">Latest issue</a>' '<a href="../archive.html">Archive</a>' \
		'<a href="../feed.atom">Atom feed</a>' '<a href="report.pdf">PDF</a>'; do
		expect_in "$site/$f" "$a"
	done
done
expect_in "$site/2026-02-06/report.html" '<a href="../2026-01-30/report.html">Previous issue (30 January 2026)</a>'
if grep -q 'Previous issue' "$site/2026-01-30/report.html"; then die "the first issue has a previous one"; fi
# publishing an issue gives the one before it a "next issue" link; one
# published between two relinks both its neighbours, and a rebuild of a
# relinked issue is byte for byte the relinked page
expect_in "$site/2026-01-30/report.html" '<a href="../2026-02-06/report.html">Next issue (6 February 2026)</a>'
if grep -q 'Next issue' "$site/2026-02-06/report.html"; then die "the latest issue has a next one"; fi
nav="$WORK/nav"
"$MSTRESS" build -q --site "$nav" --as-of 2026-01-30
"$MSTRESS" build -q --site "$nav" --as-of 2026-02-13
"$MSTRESS" build -q --site "$nav" --as-of 2026-02-06
expect_in "$nav/2026-01-30/report.html" '<a href="../2026-02-06/report.html">Next issue (6 February 2026)</a>'
expect_in "$nav/2026-02-13/report.html" '<a href="../2026-02-06/report.html">Previous issue (6 February 2026)</a>'
expect_in "$nav/2026-02-06/report.html" '<a href="../2026-02-13/report.html">Next issue (13 February 2026)</a>'
expect_in "$nav/index.html" '<a href="../2026-02-06/report.html">Previous issue (6 February 2026)</a>'
cp "$nav/2026-02-13/report.html" "$WORK/relinked.html"
"$MSTRESS" build -q --site "$nav" --as-of 2026-02-13
cmp -s "$WORK/relinked.html" "$nav/2026-02-13/report.html" || die "a relinked page differs from its rebuild"
expect_in "$site/archive.html" '<a href="2026-01-30/report.html">'
/usr/bin/python3 - "$site/feed.atom" <<'PY'
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
feed = ET.parse(sys.argv[1]).getroot()
assert feed.tag == A + "feed"
assert feed.find(A + "updated").text == "2026-02-06T00:00:00Z"
entries = feed.findall(A + "entry")
assert [e.find(A + "updated").text[:10] for e in entries] == ["2026-02-06", "2026-01-30"], entries
assert entries[0].find(A + "link").get("href") == "https://example.org/r/2026-02-06/report.html"
assert entries[0].find(A + "id").text == "https://example.org/r/2026-02-06/report.html"
# each issue its own title (its headline) and summary (its lead), from its stats.json
import json, os
site = os.path.dirname(sys.argv[1])
for e in entries:
    st = json.load(open(os.path.join(site, e.find(A + "updated").text[:10], "stats.json")))
    assert e.find(A + "title").text == st["report"]["title"] == st["editorial"]["headline"]
    assert e.find(A + "summary").text == st["editorial"]["lead"]
assert entries[0].find(A + "title").text != entries[1].find(A + "title").text
assert entries[0].find(A + "summary").text != entries[1].find(A + "summary").text
assert feed.find(A + "author/" + A + "name").text == "Market Stress Research"
PY
# without --site-url the ids are tag: URIs of the publisher's domain
"$MSTRESS" build -q --site "$WORK/tagged"
/usr/bin/python3 - "$WORK/tagged/feed.atom" <<'PY'
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
feed = ET.parse(sys.argv[1]).getroot()
assert feed.find(A + "id").text == "tag:example.org,2024:reports", feed.find(A + "id").text
assert feed.find(A + "entry/" + A + "id").text == "tag:example.org,2024:report/2026-02-06"
PY
[ -n "${VNU:-}" ] && java -jar "$VNU" "$site/archive.html" > "$WORK/vnu.txt" 2>&1 || die "archive.html: $(cat "$WORK/vnu.txt")"
cp "$site/feed.atom" "$WORK/feed1"
"$MSTRESS" build -q --site "$site" --site-url https://example.org/r/
cmp -s "$site/feed.atom" "$WORK/feed1" || die "the feed changed on a rebuild"
# a site of 5,100 earlier issues (stand-ins: a page and a title each): the
# one just built leads the index and the feed, the archive lists them all,
# the feed the newest 100
big="$WORK/big"
/usr/bin/python3 - "$big" <<'PY'
import datetime, json, os, sys
day = datetime.date(2005, 1, 1)
for i in range(5100):
    d = os.path.join(sys.argv[1], (day + datetime.timedelta(days=i)).isoformat())
    os.makedirs(d)
    open(os.path.join(d, "report.html"), "w").write("<!DOCTYPE html><title>old</title>")
    json.dump({"report": {"title": f"Old issue {i}", "subtitle": ""}}, open(os.path.join(d, "stats.json"), "w"))
PY
"$MSTRESS" build -q --site "$big" --site-url https://example.org/r/
expect_in "$big/index.html" '<base href="2026-02-06/">'
prev=$(ls "$big" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' | sort | tail -n 2 | head -n 1)
[ "$prev" = 2018-12-18 ] || die "the issue before the new one is $prev"
expect_in "$big/2026-02-06/report.html" "<a href=\"../$prev/report.html\">Previous issue (18 December 2018)</a>"
[ "$(grep -c '<li>' "$big/archive.html")" -eq 5101 ] || die "the archive lists $(grep -c '<li>' "$big/archive.html") issues, not 5101"
/usr/bin/python3 - "$big/feed.atom" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
entries = ET.parse(sys.argv[1]).getroot().findall("a:entry", ns)
assert len(entries) == 100, len(entries)
assert entries[0].find("a:link", ns).get("href") == "https://example.org/r/2026-02-06/report.html"
PY
