// End-to-end tests of the workbench (`detente serve`) and of report.html in a real browser:
// playwright-core driving Debian's chromium. Run by ctest (tests/web/CMakeLists via the
// top-level CMakeLists) as `node --test tests/web/browser.test.mjs` with DETENTE_BINARY set;
// `make test` installs playwright-core (npm ci) and chromium (scripts/install-deps) first.
// Exits 77 (skipped) when either is missing, with a message saying how to install them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const binary = process.env.DETENTE_BINARY || "build/detente";
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch (e) {
  console.log("skipped: playwright-core is not installed (run `make test`, or npm ci in tests/web)");
  process.exit(77);
}
if (!existsSync(chromiumPath)) {
  console.log(`skipped: no chromium at ${chromiumPath} (scripts/install-deps installs it)`);
  process.exit(77);
}

let server, url, browser;
const work = mkdtempSync(join(tmpdir(), "detente-web-"));

before(async () => {
  server = spawn(binary, ["serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("serve printed no URL in 20 s")), 20000);
    server.stdout.on("data", (d) => {
      out += d;
      const m = /http:\/\/\S+/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
    server.on("exit", (code) => reject(new Error("serve exited with " + code)));
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

async function openApp() {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const errors = [];
  // A refused edit is answered 422 on purpose (the browser logs it as a failed load).
  page.on("console", (m) => { if (m.type() === "error" && !/status of 422/.test(m.text())) errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  await page.waitForSelector("#network svg", { timeout: 30000 });
  return { page, errors };
}

const forecastCells = (page) =>
  page.$$eval("table[data-name='forecasts'] tbody tr", (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));

// Pairs of <text> elements whose boxes overlap by more than 1 px each way, per chart.
const overlappingText = (page) =>
  page.$$eval("svg.chart", (svgs) => {
    const bad = [];
    svgs.forEach((svg, k) => {
      const boxes = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim())
        .map((t) => ({ r: t.getBoundingClientRect(), t: t.textContent }));
      for (let i = 0; i < boxes.length; ++i)
        for (let j = i + 1; j < boxes.length; ++j) {
          const a = boxes[i].r, b = boxes[j].r;
          const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (ox > 1 && oy > 1) bad.push(`chart ${k} (${svg.querySelector("title")?.textContent}): "${boxes[i].t}" / "${boxes[j].t}"`);
        }
    });
    return bad;
  });

// Every <text> lies inside its chart's box (nothing clipped at an edge).
const clippedText = (page) =>
  page.$$eval("svg.chart", (svgs) => {
    const bad = [];
    for (const svg of svgs) {
      const box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll("text")) {
        const r = t.getBoundingClientRect();
        if (t.textContent.trim() && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
          bad.push(`"${t.textContent}" in ${svg.querySelector("title")?.textContent}`);
      }
    }
    return bad;
  });

// Runs an ensemble from the form and waits until its results are in the session's runs.
async function runEnsemble(page, runs) {
  const before = await page.evaluate(() => window.detente.state.runs.length);
  await page.fill("#runs", String(runs));
  await page.click("#run");
  await page.waitForFunction((n) => window.detente.state.runs.length > n && !document.querySelector("#run").disabled,
                             before, { timeout: 120000 });
  return page.textContent("#progress-text");
}

test("the app shows the built-in case and recomputes the forecasts on a salience edit", async () => {
  const { page, errors } = await openApp();
  assert.match(await page.textContent("header h1"), /Northeast Asia/i);
  const before = await forecastCells(page);
  assert.ok(before.length >= 5, "one forecast row per issue");
  // CHN's salience on the first issue: from 0.6 to 1 moves the weighted mean towards CHN.
  const input = page.locator("table[data-name='positions'] tbody tr").first().locator("input[data-field='salience']");
  await input.fill("1");
  await input.dispatchEvent("change");
  await page.waitForFunction(() => /Recomputed/.test(document.querySelector("#recompute").textContent), null, { timeout: 20000 });
  const after = await forecastCells(page);
  assert.notEqual(after[0][1], before[0][1], "the mean forecast of the first issue moved");
  const ms = Number(await page.getAttribute("#recompute", "data-ms"));
  const answer = Number(await page.getAttribute("#recompute", "data-answer-ms"));
  console.log(`recompute after an edit: ${ms} ms in all (${answer} ms for the API's answer, all six models), load ${(await import("node:os")).loadavg()[0].toFixed(1)}`);
  assert.ok(ms < 2000, `recompute took ${ms} ms`);
  // A bad value is refused with validate's message and leaves the forecasts alone.
  await input.fill("7");
  await input.dispatchEvent("change");
  await page.waitForSelector("#diagnostics:not([hidden]) li", { timeout: 20000 });
  assert.match(await page.textContent("#diagnostics"), /salience/);
  assert.deepEqual(await forecastCells(page), after);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an ensemble runs with progress, shows results, can be cancelled; two runs compare; CSV export", async () => {
  const { page, errors } = await openApp();
  const status = await runEnsemble(page, 300);
  assert.match(status, /done: 1500 of 1500 runs/);
  const outcomes = await page.$$eval("table[data-name='outcomes'] tbody tr", (r) => r.length);
  assert.ok(outcomes >= 3, "a row per outcome");
  assert.ok(await page.$("#results svg.chart"), "the outcome chart is drawn");
  // Edit, run again, compare.
  const input = page.locator("table[data-name='positions'] tbody tr").nth(2).locator("input[data-field='position']");
  await input.fill("5");
  await input.dispatchEvent("change");
  await page.waitForFunction(() => /Recomputed/.test(document.querySelector("#recompute").textContent));
  await runEnsemble(page, 300);
  const compare = await page.$$eval("table[data-name='compare'] tbody tr", (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.ok(compare.length >= 3, "rows of run A vs run B");
  for (const row of compare) assert.match(row[4], /^[+−]\d+\.\d pp$/);
  // CSV export of a table.
  const [download] = await Promise.all([page.waitForEvent("download"),
    page.click("table[data-name='compare'] + button.export-csv")]);
  const csv = readFileSync(await download.path(), "utf8");
  assert.match(csv.split("\n")[0], /^variant,outcome,A,B,B − A$/);
  assert.equal(csv.trim().split("\n").length, compare.length + 1);
  // SVG export of a chart.
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.click("figure[data-name='forecasts'] .export-svg")]);
  assert.match(readFileSync(await svgDownload.path(), "utf8"), /^<\?xml[^]*<svg[^]*<\/svg>$/);
  // Cancel a long run.
  await page.fill("#runs", "200000");
  await page.click("#run");
  await page.waitForFunction(() => /running/.test(document.querySelector("#progress-text").textContent), null, { timeout: 30000 });
  await page.click("#cancel");
  await page.waitForFunction(() => /cancelled/.test(document.querySelector("#progress-text").textContent), null, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the TOML download holds the edit", async () => {
  const { page } = await openApp();
  const input = page.locator("table[data-name='positions'] tbody tr").first().locator("input[data-field='salience']");
  await input.fill("0.9");
  await input.dispatchEvent("change");
  await page.waitForFunction(() => /Recomputed/.test(document.querySelector("#recompute").textContent));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-toml")]);
  const toml = readFileSync(await download.path(), "utf8");
  assert.match(toml, /salience = 0\.9  # edited in the workbench/);
  const file = join(work, "edited.toml");
  await download.saveAs(file);
  execFileSync(binary, ["validate", file]);  // throws unless exit status 0
  await page.close();
});

test("report.html: one file, no external requests, no console errors, no overlapping or clipped text, no sideways scroll at 800 px", async () => {
  const out = join(work, "run");
  execFileSync(binary, ["run", "--out-dir", out, "-q", "--runs", "400"]);
  const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
  const errors = [], external = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) external.push(r.url()); });
  await page.goto("file://" + join(out, "report.html"));
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  assert.deepEqual(errors, []);
  assert.deepEqual(external, []);
  for (const id of ["scenario", "bargaining", "network", "timeline", "ensemble"])
    assert.ok(await page.$(`section#${id} svg.chart, section#${id} table`), `section ${id} is drawn`);
  assert.ok(await page.$("section#ensemble svg.chart"), "the ensemble results are in the snapshot");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 800, `the page is ${width} px wide at 800`);
  assert.deepEqual(await overlappingText(page), []);
  assert.deepEqual(await clippedText(page), []);
  // The landscape table explains any disagreement with the exact split.
  const note = await page.textContent("#landscape-note");
  assert.ok(note.length > 20);
  await page.close();
});

test("the app's charts have no overlapping or clipped text either", async () => {
  const { page } = await openApp();
  await runEnsemble(page, 200);
  assert.deepEqual(await overlappingText(page), []);
  assert.deepEqual(await clippedText(page), []);
  await page.close();
});
