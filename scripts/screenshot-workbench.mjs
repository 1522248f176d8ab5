// Renews docs/img/workbench.png, the README's picture of the workbench: starts
// `detente serve`, opens the built-in case in Debian's chromium (playwright-core from
// tests/web), edits CHN's salience on the first issue, waits for the recomputed forecasts and
// saves the end of the positions table and the forecasts by model, 1100 × 1250 px.
//
//   node scripts/screenshot-workbench.mjs [build/detente] [docs/img/workbench.png]
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const binary = process.argv[2] || "build/detente";
const out = process.argv[3] || "docs/img/workbench.png";
const require = createRequire(resolve("tests/web/package.json"));
const { chromium } = require("playwright-core");

const server = spawn(binary, ["serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((ok, fail) => {
  let text = "";
  const timer = setTimeout(() => fail(new Error("serve printed no URL in 20 s")), 20000);
  server.stdout.on("data", (d) => {
    const m = /http:\/\/\S+/.exec((text += d));
    if (m) { clearTimeout(timer); ok(m[0]); }
  });
  server.on("exit", (code) => fail(new Error("serve exited with " + code)));
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                        args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  await page.waitForSelector("#network svg", { timeout: 30000 });
  const input = page.locator("table[data-name='positions'] tbody tr").first()
                    .locator("input[data-field='salience']");
  await input.fill("1");
  await input.dispatchEvent("change");
  await page.waitForFunction(() => /Recomputed/.test(document.querySelector("#recompute").textContent),
                             null, { timeout: 20000 });
  // The end of the positions table (the edited scenario's controls) and the forecasts by model.
  const forecasts = await page.locator("figure[data-name='forecasts']").boundingBox();
  const y = Math.max(0, forecasts.y - 230);
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y, width: 1100, height: 1250 } });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
