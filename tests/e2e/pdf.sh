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
