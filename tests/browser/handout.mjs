// The handout in a real browser (Debian's Chromium, headless, driven by playwright-core):
// for each page given, it loads with no console errors and no request beyond the file itself,
// every SVG has a size, no dialog opens (a story `<script>alert(1)</script>` stays text), axe-core
// finds no serious or critical accessibility violation, and printing to A4 gives at most
// MAX_PAGES pages (0: no limit). A full-page screenshot and the PDF are saved beside each page.
//
// usage: node handout.mjs MAX_PAGES HANDOUT.html...   (NODE_PATH: where the npm packages are)
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'noop.js'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

const [maxPages, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
let failures = 0;
const fail = (page, what) => { failures += 1; console.error(`FAIL ${page}: ${what}`); };

for (const file of pages) {
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => { problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  const svgs = await page.$$eval('svg', (all) => all.map((s) => { const b = s.getBoundingClientRect(); return [b.width, b.height]; }));
  if (svgs.length < 5 || svgs.some(([w, h]) => w < 50 || h < 50)) problems.push(`SVG sizes ${JSON.stringify(svgs)}`);
  const text = await page.evaluate(() => document.body.innerText);
  if (text.length < 500) problems.push('the page has almost no text');
  await page.addScriptTag({ path: axePath });
  const axe = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    problems.push(`axe ${v.impact}: ${v.id} (${v.nodes.length}×) ${v.help}`);
  }
  const shot = file.replace(/\.html$/, '.png');
  await page.screenshot({ path: shot, fullPage: true });
  const pdf = await page.pdf({ path: file.replace(/\.html$/, '.pdf'), format: 'A4', printBackground: true });
  const pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (Number(maxPages) > 0 && pdfPages > Number(maxPages)) problems.push(`${pdfPages} A4 pages, at most ${maxPages}`);
  if (fs.statSync(shot).size < 30000) problems.push('the screenshot looks blank');
  problems.forEach((p) => fail(file, p));
  console.log(`${file}: ${svgs.length} SVGs, ${pdfPages} A4 pages, ${axe.violations.length} axe findings, ${problems.length} problems`);
  await page.close();
}
await browser.close();
process.exit(failures ? 1 : 0);
