# The report read at four dates with different stories, against goldens
# reviewed by reading them (tests/regen.sh rewrites them): a record high
# (2024-11-11), a crash day (2025-10-10), a quiet week (2025-12-20) and a
# rebound (2025-04-25); and the words each story must carry, whatever the
# goldens say.
. "$ROOT/tests/lib.sh"
for day in 2024-11-11 2025-10-10 2025-12-20 2025-04-25; do
	"$MSTRESS" build -q --as-of "$day" --out "$WORK/$day"
	diff -u "$ROOT/tests/golden/reports/$day.md" "$WORK/$day/report.md" > "$WORK/$day.diff" ||
		die "$day: report.md differs from its golden: $(head -n 20 "$WORK/$day.diff")"
done
/usr/bin/python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
def ed(day):
    return json.load(open(f"{w}/{day}/stats.json"))
s = ed("2024-11-11")
e = s["editorial"]
assert s["report"]["title"] == e["headline"]
assert e["headline"].startswith("Bitcoin sets a record high of $89,627"), e["headline"]
assert "below the all-time high of $89,627 it set that day" in e["lead"], e["lead"]
assert "below its all-time high" not in e["headline"]
e = ed("2025-10-10")["editorial"]
assert e["headline"].endswith("after $1.18B of BTC liquidations"), e["headline"]
rules = [t["rule"] for t in e["takeaways"]]
assert rules[:2] == ["worst_day", "liquidations"], rules
assert "fourth-worst day" in e["takeaways"][0]["text"]
assert "longs were 88.7\u00a0% of it" in e["takeaways"][1]["text"]
e = ed("2025-12-20")["editorial"]
assert e["headline"].endswith("with the Fear & Greed Index at 20"), e["headline"]
assert "lost a net $298M in December so far" in " ".join(t["text"] for t in e["takeaways"])
e = ed("2025-04-25")["editorial"]
assert e["takeaways"][0]["rule"] == "rebound", e["takeaways"]
assert "has risen 24.2\u00a0% from its close of $76,277 on 8 April 2025" in e["takeaways"][0]["text"]
for day in ("2024-11-11", "2025-10-10", "2025-12-20", "2025-04-25"):
    e = ed(day)["editorial"]
    assert 3 <= len(e["takeaways"]) <= 5, (day, e["takeaways"])
    assert len(e["subject"]) <= 60, e["subject"]
PY
# chart titles say what each chart shows, by the figure's sign
"$MSTRESS" build -q --as-of 2025-10-06 --out "$WORK/peak"
"$MSTRESS" build -q --out "$WORK/feb"
title() { sed -n "s/.*<title id=\"$2-title\">\([^<]*\)<.*/\1/p" "$1/charts/$2.svg" | sed 's/\xC2\xA0/ /g'; }
[ "$(title "$WORK/peak" market_cap)" = 'The crypto market at its peak, $4.38T' ] || die "at the peak: $(title "$WORK/peak" market_cap)"
[ "$(title "$WORK/feb" market_cap)" = 'The crypto market is 44 % below its peak of $4.38T' ] || die "$(title "$WORK/feb" market_cap)"
[ "$(title "$WORK/feb" price)" = 'Bitcoin is 44 % below its all-time high' ] || die "$(title "$WORK/feb" price)"
[ "$(title "$WORK/feb" underwater)" = 'The deepest fall from a closing high: 49.6 % (5 Feb 2026)' ] || die "$(title "$WORK/feb" underwater)"
[ "$(title "$WORK/feb" liquidations)" = 'Longs took 89 % of the largest BTC liquidation day, 10 Oct 2025' ] || die "$(title "$WORK/feb" liquidations)"
[ "$(title "$WORK/feb" etf_flows)" = 'US spot bitcoin ETFs have taken in a net $54.7B since 11 Jan 2024' ] || die "$(title "$WORK/feb" etf_flows)"
[ "$(title "$WORK/feb" etf_monthly)" = 'US spot bitcoin ETFs lost $318M in February 2026 so far' ] || die "$(title "$WORK/feb" etf_monthly)"
[ "$(title "$WORK/peak" etf_monthly)" = 'US spot bitcoin ETFs took in $3.49B in October 2025 so far' ] || die "$(title "$WORK/peak" etf_monthly)"
[ "$(title "$WORK/feb" returns)" = 'One day in 20, bitcoin lost more than 3.9 %' ] || die "$(title "$WORK/feb" returns)"
[ "$(title "$WORK/feb" volatility)" = 'Bitcoin&#39;s 30-day volatility is 80 %, against a high of 84 % (26 Mar 2024)' ] || die "$(title "$WORK/feb" volatility)"
[ "$(title "$WORK/2024-11-11" liquidations)" = 'Shorts took 97 % of the largest BTC liquidation day, 20 Sep 2024' ] || die "$(title "$WORK/2024-11-11" liquidations)"
"$MSTRESS" build -q --as-of 2024-03-26 --out "$WORK/vol"
[ "$(title "$WORK/vol" volatility)" = 'Bitcoin&#39;s 30-day volatility, 84 %, is the highest since 31 Jan 2024' ] || die "$(title "$WORK/vol" volatility)"
[ "$(title "$WORK/feb" crash2)" = 'Bitcoin fell 15.5 % within 24 hours to 62,233 USDT on 5 Feb 2026' ] || die "$(title "$WORK/feb" crash2)"
[ "$(title "$WORK/feb" fear_greed)" = 'Fear &amp; Greed at 9 on 6 Feb 2026: Extreme Fear' ] || die "$(title "$WORK/feb" fear_greed)"
# the fact-check gives a key figure of the same quantity beside its own,
# with both dates, where the two differ
/usr/bin/python3 - "$WORK/feb/stats.json" "$WORK/feb/report.md" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
items = {i["id"]: i for i in s["claims"]["items"]}
k = items["etf_cost"]["key_figure"]
assert (k["display"], k["as_of"], items["etf_cost"]["checked_through"]) == ("$82,837", "2026-02-06", "2026-02-05"), k
assert k["display"] == s["etf"]["cost_basis"]["display"] and items["etf_cost"]["data_display"] == "$82,936"
# the same value at both dates, and a claim of a day the key figures share: nothing to pair
assert items["headline_drawdown"]["key_figure"] is None and items["mcap_from"]["key_figure"] is None
assert items["jan_high"]["key_figure"] is None, items["jan_high"]
assert s["claims"]["has_key_figures"] is True
md = open(sys.argv[2]).read().replace("\\", "")
assert "the ETF cost basis: $82,936 with the data to 5 February 2026, as checked here;\n  $82,837 with the data to 6 February 2026, in the key figures." in md, md[-3000:]
PY
# prices quoted in USDT (Binance's perpetuals) are shown in USDT, never as dollars
tr -d '\\' < "$WORK/2025-10-10/report.md" | sed 's/\xC2\xA0/ /g' > "$WORK/crash.txt"
expect_in "$WORK/crash.txt" "| Binance perpetual (hourly bars) | BTC | 121,579 USDT | 122,497 USDT | 101,516 USDT |"
if grep -q '\$101,516' "$WORK/crash.txt"; then die "a USDT price shown in dollars"; fi
