# Sentences right for the numbers they carry: directions and sizes from the
# phrase layer, the degenerate cases at an all-time high, a first day, a
# reading that is the lowest, a close above a past period's high, a rise
# shown with its sign, and no claims section without a claims file.
. "$ROOT/tests/lib.sh"
md() { tr -d '\\' < "$1" | sed 's/\xC2\xA0/ /g' | tr '\n' ' ' | tr -s ' '; }
"$MSTRESS" build -q --as-of 2025-10-06 --out "$WORK/ath"
md "$WORK/ath/report.md" > "$WORK/ath.txt"
expect_in "$WORK/ath.txt" "Bitcoin closed at **\$124,710** on 6 October 2025, **1.2 %** below its all-time high of \$126,210"
expect_in "$WORK/ath.txt" "The total crypto market capitalisation stood at **\$4.38T** on 6 October 2025, its highest since 1 January 2024."
if grep -q "fell from\|, or \$0\|market cap lost" "$WORK/ath.txt"; then die "a fall from the peak to itself"; fi
"$MSTRESS" build -q --as-of 2024-01-02 --out "$WORK/first"
md "$WORK/first/report.md" > "$WORK/first.txt"
expect_in "$WORK/first.txt" "It has not closed below its highest close since 1 January 2024."
if grep -q "The deepest fall" "$WORK/first.txt"; then die "a deepest fall of nothing"; fi
"$MSTRESS" build -q --out "$WORK/feb"
md "$WORK/feb/report.md" > "$WORK/feb.txt"
expect_in "$WORK/feb.txt" "**44.1 %** below its all-time high of \$126,210 (intraday, 6 October 2025) and **28.0 %** below the January 2026 high"
expect_in "$WORK/feb.txt" "The deepest fall from a closing high since 1 January 2024 is **49.6 %**"
expect_in "$WORK/feb.txt" "The Fear & Greed Index read **9** (Extreme Fear) on 6 February 2026, its lowest reading since 1 January 2024."
if grep -q "the window" "$WORK/feb.txt"; then die "\"the window\" in reader copy"; fi
# dates in prose are for reading, in tables ISO
expect_in "$WORK/feb.txt" "| Bitcoin, latest close | \$70,544 | 2026-02-06 | CryptoQuant |"
expect_in "$WORK/feb.txt" "long positions worth \$51.5B were liquidated"
expect_in "$WORK/feb.txt" "the latest close is 14.8 % below it."
if grep -q "longs lost" "$WORK/feb.txt"; then die "liquidated notional called a loss"; fi
# a close above a past period's high
cp -R "$ROOT/data" "$WORK/d"
sed -i 's/^period_high = .*/period_high = 2025-06/; s/^period_label = .*/period_label = June 2025/' "$WORK/d/default.ini"
"$MSTRESS" build -q --config "$WORK/d/default.ini" --as-of 2025-08-13 --out "$WORK/aug"
md "$WORK/aug/report.md" > "$WORK/aug.txt"
grep -q "\*\*[0-9.]* %\*\* above the June 2025 high" "$WORK/aug.txt" || die "a close above the June high not said so"
/usr/bin/python3 -c "
import json, sys
b = json.load(open(sys.argv[1]))['primary']
f = b['drawdown_from_period_high']
assert f['value'] > 0 and f['direction'] == 'up' and f['display'].startswith('+'), f
" "$WORK/aug/stats.json"
# a rise carries its sign
"$MSTRESS" build -q --period week --as-of 2026-04-11 --out "$WORK/week"
md "$WORK/week/report.md" > "$WORK/week.txt"
expect_in "$WORK/week.txt" "Bitcoin rose 8.5 % over the week, from"
expect_in "$WORK/week.txt" "# Bitcoin rose 8.5 % in the week to 10 April 2026"
# no claims file: no section, and no sentence about configuration
sed -i '/^claims = /d' "$WORK/d/default.ini"
"$MSTRESS" build -q --config "$WORK/d/default.ini" --out "$WORK/noclaims"
if grep -q "Checking the article\|claims file\|\[report\]" "$WORK/noclaims/report.md"; then die "developer words in a report without claims"; fi
