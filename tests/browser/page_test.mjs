// Browser test of the page `rasad serve` serves: builds a store from ../shared/seeds, starts the
// server on a free loopback port, drives Debian's Chromium headless with Playwright, and saves a
// screenshot. Usage: node page_test.mjs RASAD_BINARY ARTIFACT_DIR
// Exit 0 pass, 1 fail, 77 skipped (Chromium or the seeds missing).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const rasad = resolve(process.argv[2] || join(root, 'build/rasad'));
const artifacts = resolve(process.argv[3] || join(root, 'build/artifacts'));
const seeds = process.env.RASAD_SEEDS || resolve(root, '../shared/seeds');
const chromium = process.env.RASAD_CHROMIUM || '/usr/bin/chromium';

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(77);
}
if (!existsSync(chromium)) skip(`no Chromium at ${chromium} (apt-get install chromium, or run scripts/setup)`);
if (!existsSync(seeds)) skip(`no seeds at ${seeds}`);
if (!existsSync(rasad)) { console.error(`FAIL: no rasad binary at ${rasad}`); process.exit(1); }
const { chromium: pw } = await import('playwright-core').catch(() =>
  skip('playwright-core is not installed (npm ci in tests/browser, or run scripts/setup)'));

const tmp = mkdtempSync(join(tmpdir(), 'rasad-browser-'));
const db = join(tmp, 'seeds.db');
let server = null, browser = null, failed = false;
const step = (s) => console.log(`- ${s}`);

// Starts `rasad serve` on port 0 and reads the port from its first line.
function startServer() {
  return new Promise((ok, fail) => {
    const p = spawn(rasad, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`rasad serve did not start: ${out}`)), 20000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); ok({ proc: p, url: `http://127.0.0.1:${m[1]}/` }); }
    });
    p.on('exit', (code) => { clearTimeout(timer); fail(new Error(`rasad serve exited with ${code}: ${out}`)); });
  });
}

try {
  step(`ingest ${seeds}`);
  const ing = spawnSync(rasad, ['-q', 'ingest', seeds, '--db', db], { encoding: 'utf8' });
  assert.equal(ing.status, 0, `rasad ingest failed: ${ing.stdout}${ing.stderr}`);
  server = await startServer();
  step(`server at ${server.url}`);

  browser = await pw.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  // Default view: Iran–Russia from 2020 to 2024.
  await page.goto(server.url);
  await page.waitForSelector('#events tbody tr', { timeout: 15000 });
  const a0 = await page.inputValue('#actor-a'), b0 = await page.inputValue('#actor-b');
  assert.deepEqual([a0, b0].map((v) => v.match(/\b([A-Z]{3})\)?$/)?.[1]).sort(), ['IRN', 'RUS'],
    `default dyad is IRN-RUS, got '${a0}' and '${b0}'`);
  assert.equal(await page.inputValue('#from'), '2020-01');
  assert.equal(await page.inputValue('#to'), '2024-12');
  step('default view is IRN-RUS, 2020-01 to 2024-12');

  // Pick the dyad by hand: Russia in Arabic, Iran in Persian.
  async function pick(input, text, code) {
    await page.fill(input, '');
    await page.type(input, text);
    const option = page.locator(`${input} ~ .suggestions li[data-code="${code}"]`);
    await option.first().waitFor({ timeout: 10000 });
    await option.first().dispatchEvent('mousedown');
    assert.match(await page.inputValue(input), new RegExp(`\\(${code}\\)$`));
  }
  // Start elsewhere (a dyad the seeds need not have) so that picking changes something.
  await page.goto(server.url + '#dyad=KAZ-TUR');
  await page.reload();
  await page.waitForSelector('#events[data-view^="dyad=KAZ-TUR"]');
  await pick('#actor-a', 'روسيا', 'RUS');
  await pick('#actor-b', 'ایران', 'IRN');
  await page.fill('#from', '2020-01');
  await page.fill('#to', '2024-12');
  await page.click('#show');
  await page.waitForSelector('#events[data-view^="dyad=RUS-IRN&from=2020-01&to=2024-12"]');
  step('picked RUS (روسيا) and IRN (ایران)');

  // The chart: month columns for 2020-01..2024-12 and bars where there are dated events.
  const months = await page.locator('#chart rect.month').count();
  assert.equal(months, 60, 'one column per month from 2020-01 to 2024-12');
  const bars = await page.locator('#chart rect.bar').count();
  assert.ok(bars > 0, 'the chart draws bars for the dated events');
  const rows = await page.locator('#events tbody tr').count();
  assert.ok(rows > 0, 'the list shows events');
  step(`chart: ${months} months, ${bars} bars; list: ${rows} events`);

  // Clicking a month with events narrows the list to it.
  const month = await page.locator('#chart g[data-month]:has(rect.bar)').first().getAttribute('data-month');
  await page.locator(`#chart rect.month[data-month="${month}"]`).click();
  await page.waitForFunction((m) => {
    const cells = [...document.querySelectorAll('#events tbody tr td:first-child')];
    return cells.length > 0 && cells.every((td) => td.textContent.startsWith(m));
  }, month, { timeout: 10000 });
  assert.ok(await page.locator('#month-filter').isVisible());
  step(`clicked ${month}: the list shows only ${month}`);
  await page.click('#clear-month');
  await page.waitForSelector('#events[data-view^="dyad=RUS-IRN&from=2020-01&to=2024-12"]');
  assert.equal(await page.locator('#events tbody tr').count(), rows, 'clearing the month shows the whole period again');

  // The merged phone call of seeds 000 (Arabic) and 001 (Persian).
  const call = await page.evaluate(async () => {
    const r = await (await fetch('api/events?dyad=IRN-RUS&type=CONSULT&limit=500')).json();
    const ids = [];
    for (const e of r.events) {
      const d = await (await fetch(`api/events/${e.id}`)).json();
      const docs = new Set(d.mentions.map((m) => m.doc.slice(0, 3)));
      if (docs.has('000') && docs.has('001')) ids.push(e.id);
    }
    return ids;
  });
  assert.ok(call.length >= 1, 'the store has an IRN-RUS CONSULT event reported by seeds 000 and 001');
  const id = call[0];
  const row = page.locator(`#events tbody tr[data-id="${id}"]`);
  assert.equal(await row.count(), 1, `the merged call (event ${id}) is in the list for 2020-2024`);
  await row.click();
  await page.waitForSelector('#mentions .mention');
  const cards = await page.$$eval('#mentions .mention', (els) => els.map((c) => ({
    doc: c.dataset.doc, lang: c.dataset.lang,
    dir: c.querySelector('.sentence').getAttribute('dir'),
    trigger: c.querySelector('mark.trigger')?.textContent ?? null,
    source: c.querySelector('mark.source')?.textContent ?? null,
    target: c.querySelector('mark.target')?.textContent ?? null,
  })));
  const ar = cards.find((c) => c.doc.startsWith('000')), fa = cards.find((c) => c.doc.startsWith('001'));
  assert.ok(ar && fa, `both reports are shown: ${JSON.stringify(cards)}`);
  assert.equal(ar.lang, 'ar');
  assert.equal(fa.lang, 'fa');
  for (const c of [ar, fa]) {
    assert.equal(c.dir, 'rtl', `${c.lang} sentence is right-to-left`);
    assert.ok(c.trigger && c.trigger.length > 0, `${c.lang} trigger highlighted`);
    assert.ok(c.source && c.source.length > 0, `${c.lang} source highlighted`);
  }
  // The highlight is the trigger the API names (byte spans converted correctly).
  const api = await page.evaluate(async (i) => (await (await fetch(`api/events/${i}`)).json()).mentions, id);
  for (const c of [ar, fa]) {
    const m = api.find((x) => x.doc === c.doc);
    assert.equal(c.trigger, m.trigger_text, `highlighted trigger of ${c.doc}`);
  }
  step(`event ${id}: ${cards.length} reports (ar: trigger '${ar.trigger}', fa: trigger '${fa.trigger}')`);

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, 'serve_page.png');
  await page.screenshot({ path: shot, fullPage: true });
  step(`screenshot ${shot}`);
  assert.deepEqual(errors, [], 'no errors in the page');
  console.log('PASS');
} catch (e) {
  failed = true;
  console.error(`FAIL: ${e.stack || e}`);
  try {
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0]) {
        mkdirSync(artifacts, { recursive: true });
        await pages[0].screenshot({ path: join(artifacts, 'serve_page_failure.png'), fullPage: true });
      }
    }
  } catch { /* the failure is reported already */ }
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) {
    server.proc.removeAllListeners('exit');
    server.proc.kill('SIGTERM');
    await new Promise((ok) => { server.proc.on('exit', ok); setTimeout(ok, 5000); });
  }
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
