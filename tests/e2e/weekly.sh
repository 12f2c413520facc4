# The weekly newsletter (--period week): templates/weekly.md extends the
# report through Mustache inheritance and adds the week's figures.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --period week --out "$WORK/out"
expect_in "$WORK/out/report.md" "## This week"
expect_in "$WORK/out/report.md" "the week to 6 February 2026"
expect_in "$WORK/out/report.md" "## Key figures"          # the rest of the report stays
/usr/bin/python3 - "$WORK/out/stats.json" "$ROOT/data/prices/cryptoquant_btc_usd_daily_ohlcv.csv" <<'PY'
import csv, json, sys
s = json.load(open(sys.argv[1]))
w = s["week"]
assert s["report"]["period"] == "week"
assert (w["from"], w["to"]) == ("2026-01-31", "2026-02-06"), w
rows = {r["date"]: r for r in csv.DictReader(open(sys.argv[2]))}
days = [f"2026-01-{d:02d}" for d in (31,)] + [f"2026-02-{d:02d}" for d in range(1, 7)]
prev, last = float(rows["2026-01-30"]["Close"]), float(rows["2026-02-06"]["Close"])
assert abs(w["primary"]["change"]["value"] - (last / prev - 1)) < 1e-12, w["primary"]["change"]
assert abs(w["primary"]["low"]["value"] - min(float(rows[d]["Low"]) for d in days)) < 1e-9
assert abs(w["primary"]["high"]["value"] - max(float(rows[d]["High"]) for d in days)) < 1e-9
PY
qpdf --json --json-key=outlines "$WORK/out/report.pdf" > "$WORK/outline.json"
expect_in "$WORK/outline.json" '"title": "This week"'
# the report itself has no week
"$MSTRESS" build -q --out "$WORK/report"
if grep -q "## This week" "$WORK/report/report.md"; then die "the report has the week's section"; fi
set +e
"$MSTRESS" build -q --period month --out "$WORK/x" 2>/dev/null; [ $? -eq 2 ] || die "--period month must be a usage error"
