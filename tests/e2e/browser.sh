# The page in a real browser (tests/browser.js: Debian's Chromium driven by
# playwright-core, axe-core for accessibility) at two dates: the default
# report and a record-high day, at 390 and 1280 px, light and dark.
. "$ROOT/tests/lib.sh"
modules="$ROOT/build/tools/node_modules"
[ -d "$modules/playwright-core" ] && [ -d "$modules/axe-core" ] ||
	die "playwright-core or axe-core is missing (make test installs them into build/tools)"
[ -x /usr/bin/chromium ] || die "Chromium is missing (tools/deps.sh --test installs it)"
for d in 2026-02-06 2024-11-11; do
	"$MSTRESS" build -q --offline --as-of "$d" --out "$WORK/$d"
	NODE_PATH="$modules" node "$ROOT/tests/browser.js" "$WORK/$d" > "$WORK/$d.log" 2>&1 ||
		die "as of $d: $(head -n 8 "$WORK/$d.log")"
done
