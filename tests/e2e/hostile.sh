# Hostile strings (markup, quotes, PDF string delimiters, non-ASCII) in the
# config's title and venues and in recipients' names: escaped and intact in
# the HTML, the SVG, the PDF text and metadata, stats.json and the email.
. "$ROOT/tests/lib.sh"
H='<script>alert(1)</script> & "q" </svg> (a\b) Zürich — 東京'
/usr/bin/python3 - "$ROOT/data/default.ini" "$WORK/h.ini" "$ROOT/data" "$H" <<'PY'
import re, sys
src, dst, data, h = sys.argv[1:]
s = open(src).read()
s = re.sub(r"(?m)^\[report\]$", lambda m: "[report]\ntitle = " + h, s)
s = re.sub(r"(?m)^venue = CryptoQuant$", lambda m: "venue = " + h, s)
s = re.sub(r"(?m)^(path|claims) = ", lambda m: m.group(1) + " = " + data + "/", s)
open(dst, "w").write(s)
PY
"$MSTRESS" build -q --config "$WORK/h.ini" --out "$WORK/o"
printf 'email,name\na@example.org,"<b>Eve</b> & ""Q"""\n' > "$WORK/to.csv"
"$MSTRESS" mail -q --config "$WORK/h.ini" --to "$WORK/to.csv" --dry-run --out "$WORK/m"
pdftotext "$WORK/o/report.pdf" - 2> /dev/null | tr '\n' ' ' > "$WORK/pdf.txt"
pdfinfo "$WORK/o/report.pdf" 2> /dev/null | sed -n 's/^Title: *//p' > "$WORK/pdf_title.txt"
/usr/bin/python3 - "$WORK" "$H" "$ROOT/templates/page.html" <<'PY'
import email, email.policy, glob, html, html.parser, json, sys
import xml.etree.ElementTree as ET
work, h = sys.argv[1:3]
for svg in glob.glob(work + "/o/charts/*.svg"):
    ET.parse(svg)                     # well-formed, one root

page = open(work + "/o/report.html", encoding="utf-8").read()

class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.text = [], []
    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs).get("id"))
    def handle_data(self, data):
        self.text.append(data)
p = Tags()
p.feed(page)
# the one script is the template's chart readout, byte for byte
assert p.scripts == ["readout"], f"data became a <script> element: {p.scripts}"
tpl = open(sys.argv[3], encoding="utf-8").read()
script = tpl[tpl.index('<script id="readout">'):tpl.index("</script>") + 9]
assert page.count(script) == 1, "the readout script differs from the template's"
assert "<script>alert" not in page
assert html.escape(h, quote=True) in page, "the title is not escaped in the page"
assert h in "".join(p.text), "the title's text is not intact in the page"
assert json.load(open(work + "/o/stats.json"))["report"]["title"] == h
assert h in open(work + "/pdf.txt", encoding="utf-8").read(), "the PDF text lost the title"
title = open(work + "/pdf_title.txt", encoding="utf-8").read().rstrip("\n")
assert title == h, "the PDF metadata changed the title: " + title
m = email.message_from_bytes(open(glob.glob(work + "/m/mail/*.eml")[0], "rb").read(), policy=email.policy.default)
assert len(m["Subject"]) <= 60 and "below its" in m["Subject"], m["Subject"]   # the data's subject, not the title
assert m["To"].addresses[0].display_name == '<b>Eve</b> & "Q"', m["To"]
for part in m.walk():
    if part.get_content_type() == "text/html":
        body = part.get_content()
        assert "<script>alert" not in body and "<b>Eve" not in body
        assert html.escape(h, quote=False) in body or html.escape(h) in body
    if part.get_content_type() == "text/plain":
        assert h in part.get_content()
PY
