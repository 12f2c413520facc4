# The PDF's pagination held steady: the layout log (--dump-layout: a line
# per page and per block) of the default report and of three small
# documents, a table across pages, a quote across pages and a heading near
# a page's foot, against tests/golden/layout/ (tests/regen.sh rewrites them).
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --offline --dump-layout --out "$WORK/default"
diff -u "$ROOT/tests/golden/layout/default.txt" "$WORK/default/layout.txt" > "$WORK/diff" ||
	die "the default report's pagination changed: $(head -n 20 "$WORK/diff")"
for doc in table_across quote_across heading_at_foot; do
	cp -R "$ROOT/templates" "$WORK/t_$doc"
	cp "$ROOT/tests/fixtures/layout/$doc.md" "$WORK/t_$doc/report.md"
	"$MSTRESS" build -q --offline --dump-layout --templates "$WORK/t_$doc" --out "$WORK/$doc"
	diff -u "$ROOT/tests/golden/layout/$doc.txt" "$WORK/$doc/layout.txt" > "$WORK/diff" ||
		die "$doc: the pagination changed: $(head -n 20 "$WORK/diff")"
done
# what the goldens hold: the rules themselves
# the long table splits with at least three body rows on each side of the break
awk '/table continues at row/ { n = $6; m = $8; ok = n >= 5 && n <= m - 2 } END { exit !ok }' \
	"$ROOT/tests/golden/layout/table_across.txt" || die "the long table no longer splits, or splits leaving fewer than three rows"
awk '/^page 3/ { p3 = 1 } p3 && /heading "The heading"/ { ok = 1 } END { exit !ok }' \
	"$ROOT/tests/golden/layout/heading_at_foot.txt" || die "the heading near the foot was not moved to the next page"
awk '/^page 1/ { p = 1 } /^page 2/ { p = 2 } p == 1 && / quote$/ { q = 1 } p == 2 && q && /Quoted paragraph 2/ { ok = 1 } END { exit !ok }' \
	"$ROOT/tests/golden/layout/quote_across.txt" || die "the quote no longer runs across a page"
# at several dates: a heading starts the same page as what follows it, and as
# the table after its first paragraph (with the table's caption)
for d in 2026-02-06 2025-10-10 2025-04-25 2024-11-11; do
	"$MSTRESS" build -q --offline --as-of "$d" --dump-layout --out "$WORK/at$d"
	/usr/bin/python3 - "$WORK/at$d/layout.txt" "$d" <<'PY'
import re, sys
page, blocks = 0, []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("page "):
        page = int(line.split()[1])
    elif re.match(r"^\s+[\d.]+ \w", line):
        kind = line.split()[1]
        blocks.append((page, kind, line.strip()))
for i, (p, kind, text) in enumerate(blocks):
    if kind != "heading" or i + 1 == len(blocks):
        continue
    follow = [blocks[i + 1]]
    if blocks[i + 1][1] == "paragraph" and i + 2 < len(blocks) and blocks[i + 2][1] == "table":
        follow.append(blocks[i + 2])
    for q, _, t in follow:
        assert q == p, f"as of {sys.argv[2]}: {text} on page {p}, {t} on page {q}"
PY
done
