#!/bin/sh
# Rewrites the golden files from the current build: stats.json and each
# chart's display list. Review the diff before committing.
set -eu
MSTRESS=$(realpath "$1")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MSTRESS" build -q --dump-charts --out "$tmp"
cp "$tmp/stats.json" tests/golden/stats.json
mkdir -p tests/golden/charts
rm -f tests/golden/charts/*.txt
cp "$tmp"/charts/*.txt tests/golden/charts/
cp "$tmp/charts/price.png" tests/golden/charts/price.png
echo "regen: tests/golden updated; review with git diff"
# the report at four dates with different stories: a record high, a crash
# day, a quiet week, a rebound (tests/e2e/golden_reports.sh)
for day in 2024-11-11 2025-10-10 2025-12-20 2025-04-25; do
	"$MSTRESS" build -q --as-of "$day" --out "$tmp/$day"
	cp "$tmp/$day/report.md" "tests/golden/reports/$day.md"
done
echo "regen: tests/golden/reports updated"
# the PDF's pagination: the default report and three small documents
# (tests/e2e/golden_layout.sh)
mkdir -p tests/golden/layout
"$MSTRESS" build -q --dump-layout --out "$tmp/layout"
cp "$tmp/layout/layout.txt" tests/golden/layout/default.txt
for doc in table_across quote_across heading_at_foot; do
	cp -R templates "$tmp/t_$doc"
	cp "tests/fixtures/layout/$doc.md" "$tmp/t_$doc/report.md"
	"$MSTRESS" build -q --dump-layout --templates "$tmp/t_$doc" --out "$tmp/$doc"
	cp "$tmp/$doc/layout.txt" "tests/golden/layout/$doc.txt"
done
echo "regen: tests/golden/layout updated"
