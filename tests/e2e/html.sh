# The page is standalone (no remote assets), holds both charts as inline SVG
# with titles, and no id is used twice.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/out"
html="$WORK/out/report.html"
expect_in "$html" "<!DOCTYPE html>"
charts=$(ls "$WORK/out/charts/"*.svg | wc -l)
# each chart twice: laid out for the page and for a phone
[ "$(grep -c '<div class="chart-page"><svg' "$html")" -eq "$charts" ] || die "expected $charts inline SVG charts"
[ "$(grep -c '<div class="chart-phone"><svg' "$html")" -eq "$charts" ] || die "expected $charts phone layouts"
expect_in "$html" '<title id="price-phone-title">'
# a signed value in running text is kept whole
expect_in "$html" '<span class="nw">−14.0'

# the optional data table under a chart
expect_in "$html" '<details class="chart-data"><summary>The data</summary>'
expect_in "$html" '<th scope="row">Trough</th><td><span class="nw">2026-02-05</span></td><td><span class="nw">$62,809</span></td>'
# every chart has a title and a description
[ "$(grep -c "<desc id=" "$html")" -eq $((2 * charts)) ] || die "a chart lacks its description"
expect_in "$html" '<title id="price-title">'
expect_in "$html" '<title id="underwater-title">'
expect_in "$html" "<td style=\"text-align: left\">All-time high (intraday)</td>"
# (a link the reader may follow is not an asset: <a href> to the publisher is fine)
if grep -Eq '(src="|<link [^>]*href=")(https?:)?//' "$html"; then die "remote asset referenced"; fi
if grep -q '<?xml' "$html"; then die "XML declaration inside HTML"; fi
dups=$(grep -o ' id="[^"]*"' "$html" | sort | uniq -d | head -n 3)
[ -z "$dups" ] || die "duplicate ids: $dups"
# the standalone SVG files are documents of their own
expect_in "$WORK/out/charts/price.svg" '<?xml'
expect_in "$WORK/out/charts/price.svg" '<desc id="price-desc">'
# chart text is text: the price chart's title and an axis label, searchable in the page
expect_in "$html" ' below its all-time high</text>'
expect_in "$html" '>Jan 2025</text>'
# PNGs at 2x: 510 x 290 pt -> 1020 x 580 px
[ "$(od -An -tu1 -j16 -N8 "$WORK/out/charts/price.png" | tr -s ' ')" = " 0 0 3 252 0 0 2 68" ] ||
	die "price.png is not 1020x580"
# every table of the report has a caption (the "Table: " paragraph before it,
# without the mark) that names its box and the table, and no caption is left
# as a paragraph
/usr/bin/python3 - "$html" "$WORK/out/report.md" <<'PY'
import re, sys
html, md = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read()
body = re.sub(r'<details class="chart-data">.*?</details>', "", html, flags=re.S)     # a chart's own data
tables = re.findall(r"<table[^>]*>", body)
figs = re.findall(r'<figure class="table">\n<figcaption id="(caption-\d+)">(.*?)</figcaption>\n'
                  r'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="(caption-\d+)">\n'
                  r'<table aria-labelledby="(caption-\d+)">', body)
want = [l[len("Table: "):] for l in md.splitlines() if l.startswith("Table: ")]
assert len(tables) == len(figs) == len(want) >= 15, (len(tables), len(figs), len(want))
for (a, text, b, c), w in zip(figs, want):
    assert a == b == c, (a, b, c)
    plain = re.sub(r"<[^>]+>", "", text).replace("&#39;", "'").replace("&amp;", "&")
    assert plain == w.replace("\\", ""), (plain, w)
assert "<p>Table: " not in html
PY
# each source links to its provider's site
expect_in "$html" '<li><strong><a href="https://cryptoquant.com/">BTC daily prices, CryptoQuant</a></strong>'
expect_in "$html" '<a href="https://farside.co.uk/">BTC daily spot ETF net flows, Farside</a>'
