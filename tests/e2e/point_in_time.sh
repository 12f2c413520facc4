# The cut-data invariant: at many as-of dates over the embedded data's whole
# span, a report built from the data and one built from a copy cut after the
# as-of date (tests/cut_data.py, which decides independently which rows a
# reader had by then) are the same documents, byte for byte; stats.json may
# differ only in each source's "file" object. The default configuration
# builds at every date, and no document names a later date.
. "$ROOT/tests/lib.sh"
DATES="2024-01-01 2024-01-02 2024-02-15 2024-03-14 2024-05-01 2024-06-30 2024-08-05 2024-09-30
2024-11-15 2024-12-17 2025-01-20 2025-03-01 2025-04-07 2025-06-30 2025-08-31 2025-09-01 2025-10-06
2025-10-10 2025-11-21 2025-12-31 2026-01-15 2026-02-05 2026-02-06 2026-03-15 2026-04-10 2026-04-30"
DATES=$(echo $DATES | tr ' ' '\n' | every_nth "${E2E_STRIDE:-1}" | xargs)
n=0
for d in $DATES; do
	"$MSTRESS" build -q --offline --as-of "$d" --out "$WORK/full/$d" 2> "$WORK/full.err" ||
		die "as of $d the default configuration does not build: $(head -n 3 "$WORK/full.err")"
	cfg=$(/usr/bin/python3 "$ROOT/tests/cut_data.py" "$ROOT/data/default.ini" "$d" "$WORK/cut/$d")
	"$MSTRESS" build -q --offline --config "$cfg" --as-of "$d" --out "$WORK/cutout/$d" 2> "$WORK/cut.err" ||
		die "as of $d the cut data does not build: $(head -n 3 "$WORK/cut.err")"
	for f in report.md report.html report.pdf stress_index.csv; do
		cmp -s "$WORK/full/$d/$f" "$WORK/cutout/$d/$f" ||
			die "as of $d, $f depends on data after the as-of date: $(diff "$WORK/full/$d/$f" "$WORK/cutout/$d/$f" | head -n 6)"
	done
	n=$((n + 1))
done
[ "$n" -ge $((22 / ${E2E_STRIDE:-1})) ] || die "only $n dates"
# the stress index's history never changes as data arrives: each date's
# stress_index.csv is the first lines of the one built at the data's end
latest="$WORK/full/${DATES##* }/stress_index.csv"
for d in $DATES; do
	lines=$(wc -l < "$WORK/full/$d/stress_index.csv")
	[ "$lines" -gt 1000 ] || die "as of $d the stress index has only $lines lines"
	head -n "$lines" "$latest" | cmp -s - "$WORK/full/$d/stress_index.csv" ||
		die "as of $d the stress index's history differs from the later build's"
done
/usr/bin/python3 - "$WORK" $DATES <<'PY'
import datetime, glob, json, re, sys
work, dates = sys.argv[1], sys.argv[2:]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
def without_files(path):
    s = json.load(open(path))
    for src in s["sources"]:
        assert isinstance(src.pop("file"), dict), src["name"]
    return s
for d in dates:
    a = without_files(f"{work}/full/{d}/stats.json")
    b = without_files(f"{work}/cutout/{d}/stats.json")
    assert a == b, f"as of {d}: stats.json differs beyond the files' own description"
    as_of = datetime.date.fromisoformat(d)
    docs = [f"{work}/full/{d}/report.md", f"{work}/full/{d}/report.html"] + glob.glob(f"{work}/full/{d}/charts/*.svg")
    for doc in docs:
        text = open(doc, encoding="utf-8").read().replace("\\", "")
        for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
            day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
            assert day <= as_of, f"as of {d}: {doc} names {m[0]}"
        for m in re.finditer(r"\b(%s) (\d{4})\b" % "|".join(MONTHS), text):
            first = datetime.date(int(m[2]), MONTHS.index(m[1]) + 1, 1)
            assert first <= as_of, f"as of {d}: {doc} names {m[0]}"
        for m in re.finditer(r"\b(\d{1,2})[ \u00a0](%s) (\d{4})\b" % "|".join(MONTHS), text):
            day = datetime.date(int(m[3]), MONTHS.index(m[2]) + 1, int(m[1]))
            assert day <= as_of, f"as of {d}: {doc} names {m[0]}"
    # every sentence reads right for its number: no sign before "below" or
    # "above", no "0.0 %" given a direction, no fall to the same value
    prose = open(f"{work}/full/{d}/report.md", encoding="utf-8").read().replace("\\", "")
    prose = " ".join(prose.replace("\u00a0", " ").replace("*", "").split())
    for bad in (r"\u2212\d[\d.,]* % (below|above)", r"\b0\.0 % (below|above|higher|lower)",
                r"(fell|rose) 0\.0 %", r"fell from (\$[\d.,]+[kMBT]?) \([^)]*\) to \1\b"):
        m = re.search(bad, prose)
        assert not m, f"as of {d}: report.md says {m[0]!r}"
    # every figure of the report's sources is of a day on or before the as-of date
    for src in a["sources"]:
        assert src["last"] <= d and src["last_day"] <= d, (d, src["name"], src["last"])
print("ok")
PY
