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
# the newsletter as a newsletter: a masthead with its number and week, a
# headline and subject of the week, three bullets, a link to the full
# report; the fact-check only in the issue of the article's week
/usr/bin/python3 - "$WORK/out" <<'PY'
import json, sys
out = sys.argv[1]
s = json.load(open(f"{out}/stats.json"))
w = s["editorial"]["week"]
md = open(f"{out}/report.md").read().replace("\\", "")
assert w["issue"] == 110, w["issue"]     # the 110th week since 1 January 2024
assert md.startswith("**Market Stress Research · The weekly · No. 110 · 31 January 2026 to 6 February 2026**"), md[:200]
assert s["report"]["title"] == w["headline"] == \
    "Bitcoin fell 16.1\u00a0% in the week to 6 February 2026 as $5.73B of positions were liquidated", w["headline"]
assert s["editorial"]["subject"] == "No. 110 · Bitcoin −16.1\u00a0% · week to 6 Feb 2026", s["editorial"]["subject"]
assert len(w["bullets"]) == 3 and all(b in md for b in w["bullets"]), w["bullets"]
assert "to a low at 00:00 UTC on 6 February 2026" in w["bullets"][1]
assert "[Read the full report on the web](https://example.org/)" in md
assert "## Checking the article" in md          # the article's week
PY
"$MSTRESS" build -q --period week --as-of 2026-02-13 --out "$WORK/next"
if grep -q "Checking the article" "$WORK/next/report.md"; then die "the fact-check is repeated in the next week's issue"; fi
expect_in "$WORK/next/report.md" "No. 111"
# the weekly email carries the week: its subject and bullets
mkdir -p "$WORK/d"
cp -r "$ROOT/data/." "$WORK/d/"
sed -i 's/^as_of = 2026-02-06$/as_of = 2026-02-06\nperiod = week/' "$WORK/d/default.ini"
printf 'email,name\nann@example.org,Ann\n' > "$WORK/to.csv"
"$MSTRESS" mail -q --config "$WORK/d/default.ini" --to "$WORK/to.csv" --dry-run --out "$WORK/mail"
/usr/bin/python3 - "$WORK/mail" <<'PY'
import email, email.policy, glob, json, sys
out = sys.argv[1]
w = json.load(open(f"{out}/stats.json"))["editorial"]["week"]
m = email.message_from_bytes(open(glob.glob(f"{out}/mail/*.eml")[0], "rb").read(), policy=email.policy.default)
assert m["Subject"].startswith("No. 110 · Bitcoin"), m["Subject"]
plain = next(p for p in m.walk() if p.get_content_type() == "text/plain").get_content()
html = next(p for p in m.walk() if p.get_content_type() == "text/html").get_content()
for b in w["bullets"]:
    assert b in plain, b
assert "The week, issue No. 110" in html
PY
# since the last issue: each figure beside the same figure of a build as of
# a week earlier (the same numbers, not read from its files), the changes
# agreeing with the week's own figures
"$MSTRESS" build -q --as-of 2026-01-30 --out "$WORK/last"
/usr/bin/python3 - "$WORK/out/stats.json" "$WORK/last/stats.json" <<'PY'
import json, sys
s, last = (json.load(open(p)) for p in sys.argv[1:])
rows = {r["label"]: r for r in s["week"]["deltas"]}
paths = {"Bitcoin, close": ("primary", "latest_close"), "Fear & Greed Index": ("sentiment", "latest"),
         "ETF cost basis": ("etf", "cost_basis"), "Total crypto market cap": ("market_cap", "latest"),
         "Bitcoin, drawdown from the high": ("primary", "drawdown_from_ath")}
for label, (a, b) in paths.items():
    r = rows[label]
    assert r["before"]["value"] == last[a][b]["value"], (label, r["before"], last[a][b])
    assert r["now"]["value"] == s[a][b]["value"], label
    assert r["before"]["date"] == "2026-01-30", r["before"]
clean = lambda t: t.replace("\u00a0", " ").replace("\u2212", "-")
assert clean(rows["Bitcoin, close"]["change"]) == clean(s["week"]["primary"]["change"]["display"]), rows["Bitcoin, close"]
assert clean(rows["ETF net flows since launch"]["change"]) == clean(s["week"]["etf_flows"]["display"]), rows["ETF net flows since launch"]
assert rows["Fear & Greed Index"]["change"] == "\u22127"       # 16 to 9
PY
expect_in "$WORK/out/report.md" "### Since the last issue"
# a weekly without any hourly source: the week's figures that need none
mkdir -p "$WORK/nohourly"
cp -r "$ROOT/data/." "$WORK/nohourly/"
/usr/bin/python3 - "$WORK/nohourly/default.ini" <<'PY'
import re, sys
p = sys.argv[1]
parts = re.split(r"(?m)^(?=\[)", open(p).read())
open(p, "w").write("".join(x for x in parts if not re.match(r"\[source\.\w*hourly", x)))
PY
"$MSTRESS" build -q --config "$WORK/nohourly/default.ini" --period week --out "$WORK/nh"
expect_in "$WORK/nh/report.md" "## This week"
if grep -qi "worst 24" "$WORK/nh/report.md"; then die "a 24-hour fall without hourly prices"; fi
grep -qi "worst 24" "$WORK/out/report.md" || die "the weekly with hourly prices lacks its 24-hour fall"
# the chart of the week: the week's hourly prices with the worst 24-hour fall
# (the figures' own, 17.1 % on Binance's perpetual to its 10 October low)
"$MSTRESS" build -q --period week --as-of 2025-10-12 --out "$WORK/oct"
expect_in "$WORK/oct/report.md" "(chart:week)"
expect_in "$WORK/oct/charts/week.svg" "The week&#39;s worst 24 hours: Bitcoin fell 17.1"
expect_in "$WORK/oct/report.html" "The week&#39;s worst 24 hours"
expect_in "$WORK/oct/report.html" '<a href="https://example.org/">Read the full report on the web</a>'
/usr/bin/python3 - "$WORK/oct/stats.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))["week"]["worst_24h"]
assert w["display"] == "\u221217.1\u00a0%" and w["time"].startswith("2025-10-10 21:00"), w
PY
[ ! -e "$WORK/nh/charts/week.svg" ] || die "a chart of the week without hourly prices"
[ ! -e "$WORK/report/charts/week.svg" ] || die "the report has the weekly's chart"
# the stress index since the last issue: each side as the index stood at its
# own date (the value of 30 January is the one in that day's own build)
"$MSTRESS" build -q --as-of 2026-01-30 --out "$WORK/jan30"
then=$(awk -F, '$1 == "2026-01-30" { printf "%.2f", $2 }' "$WORK/jan30/stress_index.csv")
now=$(awk -F, '$1 == "2026-02-06" { printf "%.2f", $2 }' "$WORK/out/stress_index.csv")
[ -n "$then" ] && [ -n "$now" ] || die "no stress index on the two dates"
tr -d '\\' < "$WORK/out/report.md" > "$WORK/weekly.txt"
expect_in "$WORK/weekly.txt" "| Market stress index | $now (2026-02-06) | $then (2026-01-30) |"
