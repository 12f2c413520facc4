// The page in a real browser (Debian's Chromium through playwright-core):
// node tests/browser.js REPORT_DIR
// At 390 and 1280 px, light and dark: the page never scrolls sideways on a
// phone, no chart label renders under 11 CSS px there, no date or number in
// a table breaks across lines, the contents' links resolve, the readout shows
// a known figure at its point and steps with the keys, and axe-core finds no
// serious or critical violation. Prints one line per failure; exits 1 if any.
const path = require("path");
const fs = require("fs");
const { chromium } = require("playwright-core");

const dir = path.resolve(process.argv[2]);
const page_url = "file://" + path.join(dir, "report.html");
const stats = JSON.parse(fs.readFileSync(path.join(dir, "stats.json"), "utf8"));
const axe_path = require.resolve("axe-core/axe.min.js");
const failures = [];
const fail = (what) => failures.push(what);

// the figure the readout must show: the primary's latest close, as the model writes it
const latest = stats.primary.latest_close;
const want = `${latest.date}: ${latest.display}`;

async function check(browser, width, scheme) {
  const where = `${width} px, ${scheme}`;
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(page_url);
  for (const e of errors) fail(`${where}: script error: ${e}`);

  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (width <= 600 && sideways > 0) fail(`${where}: the page scrolls sideways by ${sideways} px`);

  // chart text as drawn: its font size times the SVG's scale on screen
  const small = await page.evaluate(() => {
    const out = [];
    for (const t of document.querySelectorAll("figure.chart svg text")) {
      const svg = t.ownerSVGElement;
      if (!svg.getClientRects().length) continue;     // the other layout, hidden
      const px = parseFloat(t.getAttribute("font-size")) * svg.getScreenCTM().a;
      if (px < 11) out.push(`${svg.id || svg.closest("figure").id}: "${t.textContent}" at ${px.toFixed(1)} px`);
    }
    return out;
  });
  if (width <= 600) for (const s of small.slice(0, 5)) fail(`${where}: chart text under 11 px: ${s}`);

  // tokens kept whole: each date or number in a table is on one line
  const broken = await page.evaluate(() => {
    const out = [];
    for (const s of document.querySelectorAll("table .nw")) {
      if (!s.getClientRects().length) continue;        // in a folded <details>
      if (s.getClientRects().length > 1) out.push(s.textContent);
    }
    // and no cell breaks a token that is not marked: a digit, a hyphen or minus, a digit
    for (const td of document.querySelectorAll("table td, table th")) {
      const r = document.createRange();
      r.selectNodeContents(td);
      const lines = new Set([...r.getClientRects()].map((q) => Math.round(q.top)));
      if (lines.size > 1 && /\d[-\u2212]\d/.test(td.textContent) && !td.querySelector(".nw"))
        out.push(td.textContent);
    }
    return out;
  });
  for (const b of broken.slice(0, 5)) fail(`${where}: a table token breaks across lines: "${b}"`);

  // the contents: every link names a heading of the page
  const dangling = await page.evaluate(() =>
    [...document.querySelectorAll(".toc a")].map((a) => a.getAttribute("href"))
      .filter((h) => !h.startsWith("#") || !document.getElementById(h.slice(1))));
  if (!(await page.locator(".toc a").count())) fail(`${where}: no table of contents`);
  for (const d of dangling) fail(`${where}: a contents link goes nowhere: ${d}`);

  // the readout: the pointer on the price chart's last close shows it
  const fig = page.locator("#chart-price");
  const svg = fig.locator(width <= 600 ? ".chart-phone svg" : ".chart-page svg");
  await svg.scrollIntoViewIfNeeded();
  const at = await svg.evaluate((s, date) => {
    const rec = s.getAttribute("data-readout").split(";").find((r) => r.includes("," + date + ":"));
    if (!rec) return null;
    const [x, y] = rec.split(",").map(Number);
    const q = new DOMPoint(x, y).matrixTransform(s.getScreenCTM());
    return { x: q.x, y: q.y };
  }, latest.date);
  const line = width <= 600 ? fig.locator(".chart-phone .readout") : fig.locator(".chart-page .readout");
  if (!at) {
    fail(`${where}: the price chart carries no point for ${latest.date}`);
  } else {
    await page.mouse.move(at.x, at.y);
    const got = await line.textContent();
    if (got !== want) fail(`${where}: the readout at ${latest.date} says "${got}", not "${want}"`);
  }
  await svg.focus();
  await page.keyboard.press("Home");
  const first = await line.textContent();
  await page.keyboard.press("ArrowRight");
  const second = await line.textContent();
  if (!/^\d{4}-\d{2}-\d{2}: /.test(first) || first === second)
    fail(`${where}: the arrow keys do not step through the points ("${first}", then "${second}")`);

  // accessibility: axe-core's rules, serious and critical ones
  await page.addScriptTag({ path: axe_path });
  const result = await page.evaluate(async () => {
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].target.join(" ")}`);
  });
  for (const v of result) fail(`${where}: axe: ${v}`);
  await page.close();
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                          args: ["--no-sandbox"] });
  try {
    for (const width of [390, 1280])
      for (const scheme of ["light", "dark"]) await check(browser, width, scheme);
  } finally {
    await browser.close();
  }
  for (const f of failures) console.log(f);
  console.log(`browser: ${failures.length} failure(s)`);
  process.exit(failures.length ? 1 : 0);
})().catch((e) => { console.log(`browser: ${e.stack || e}`); process.exit(1); });
