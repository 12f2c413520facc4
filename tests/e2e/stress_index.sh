# Market stress in context: numpy recomputes every day of stress_index.csv,
# bitcoin's falls since 2011 and the leverage figures from the data files at
# two dates; the report
# shows the index's value, regime and parts and the fall's rank as stats.json
# has them; the back-test tables of doc/methods.md are what the index gives at the
# data's end.
. "$ROOT/tests/lib.sh"
for d in 2026-02-06 2024-08-05; do
	"$MSTRESS" build -q --as-of "$d" --out "$WORK/$d"
	/usr/bin/python3 "$ROOT/tests/independent_stress.py" "$ROOT/data" "$d" "$WORK/$d/stress_index.csv" \
		> "$WORK/numpy-$d.txt"
	expect_in "$WORK/numpy-$d.txt" "numpy agrees on"
	/usr/bin/python3 "$ROOT/tests/independent_context.py" "$ROOT/data" "$WORK/$d/stats.json" > "$WORK/falls-$d.txt"
	expect_in "$WORK/falls-$d.txt" "numpy agrees on the"
done
/usr/bin/python3 - "$WORK/2026-02-06" <<'PY'
import csv, json, sys
out = sys.argv[1]
s = json.load(open(f"{out}/stats.json"))["stress"]
last = list(csv.DictReader(open(f"{out}/stress_index.csv")))[-1]
assert last["date"] == s["date"] == "2026-02-06", (last["date"], s["date"])
assert abs(float(last["index"]) - s["value"]["value"]) < 1e-9 and last["regime"] == s["regime"] == "extreme"
assert s["value"]["display"] == f"{float(last['index']):.2f}"
# the contributions add up to the index
total = sum(p["contribution"]["value"] for p in s["parts"] if p["has"])
assert abs(total - s["value"]["value"]) < 1e-12, (total, s["value"])
md = open(f"{out}/report.md").read().replace("\\", "")
line = f"The crypto market stress index reads **{s['value']['display']}** on 6 February 2026: **extreme**, higher than\n{s['percentile']['display']} of the days since 16 November 2016."
assert line in md, md[:1500]
assert f"| Market stress index (extreme) | {s['value']['display']} | 2026-02-06 |" in md
assert "## Market stress" in md and "(chart:stress)" in md
# the fall under way among the falls since 2011
h = json.load(open(f"{out}/stats.json"))["history"]
assert (h["count"], h["current"]["rank"], h["current"]["since"]["span"]) == (19, 7, "2021\u201322"), h["current"]
assert ("The fall under way, 49.6\u00a0% so far, ranks seventh of the 19 falls of\nmore than 20\u00a0% since "
        "1 January 2011: the deepest since 2021\u201322 (\u221276.6\u00a0%).") in md
PY
expect_in "$WORK/2026-02-06/charts/stress.svg" "Market stress is extreme"
# the back-test: the tables of doc/methods.md, at the data's end
"$MSTRESS" build -q --as-of 2026-04-10 --out "$WORK/end"
/usr/bin/python3 - "$WORK/end/stats.json" "$ROOT/doc/methods.md" <<'PY'
import json, re, sys
s = json.load(open(sys.argv[1]))["stress"]
doc = open(sys.argv[2]).read()
def block(name):
    return re.search(rf"<!-- {name} -->\n(.*?)<!-- /{name} -->", doc, re.S)[1]
peaks = "| # | Day | Index | Episode |\n|--:|:--|--:|:--|\n" + "".join(
    f"| {p['rank']} | {p['date']} | {p['value']['display']} | {p['episode'] or '–'} |\n" for p in s["peaks"])
assert block("peaks") == peaks, "doc/methods.md's peaks are not the index's:\n" + peaks
eps = "| Episode | Its day | Index's highest | Index | Regime |\n|:--|:--|:--|--:|:--|\n" + "".join(
    f"| {e['label']} | {e['episode_date']} | {e['date']} | {e['value']['display']} | {e['regime']} |\n"
    for e in s["episodes"])
assert block("episodes") == eps, "doc/methods.md's episodes are not the index's:\n" + eps
# what doc/methods.md says of them
regimes = {e["label"]: e["regime"] for e in s["episodes"]}
assert regimes["August 2024 (yen carry unwind)"] == "high"
assert regimes["October 2025 (tariff crash)"] == "elevated"
assert sum(1 for p in s["peaks"] if p["episode"]) == 5
PY
