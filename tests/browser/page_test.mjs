// Browser test of the page `rasad serve` serves: builds a store from ../shared/seeds, starts the
// server on a free loopback port, drives Debian's Chromium headless with Playwright through what
// an analyst does (pickers, every filter, permalinks, back/forward, downloads, map, network,
// evidence, keyboard, a 420 px screen), and saves screenshots.
// Usage: node page_test.mjs RASAD_BINARY ARTIFACT_DIR   (RASAD_DOCS_SHOT=FILE also writes the
// screenshot of docs/page.png there). Exit 0 pass, 1 fail, 77 skipped (Chromium or the seeds missing).
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
// The map's files are installed by scripts/setup (scripts/web-vendor); without them the map cannot
// be tested, which is a failure, not a skip.
if (!existsSync(join(root, 'web/vendor/dist/d3-geo.min.js'))) {
  console.error('FAIL: the map files are not installed in web/vendor/dist (run scripts/web-vendor, or scripts/setup)');
  process.exit(1);
}
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

// ---------------------------------------------------------------------------------------------
// helpers over one page

// Waits until the page shows the view of its URL in full (app.js marks body[data-rendered]).
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.rendered === `#${location.hash.slice(1)}` &&
    !document.querySelector('#status').textContent, null, { timeout: 15000 });
}

// Does `action` and waits for the view it leads to (a new URL, fully drawn).
async function act(page, action) {
  const before = await page.evaluate(() => location.hash);
  await action();
  await page.waitForFunction((b) => location.hash !== b, before, { timeout: 15000 });
  await settled(page);
  return page.evaluate(() => location.hash);
}

const hashParams = async (page) => Object.fromEntries(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)));

// The rows of a list as the page shows them.
function rows(page, table = '#events') {
  return page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => ({
    id: Number(tr.dataset.id),
    date: tr.cells[0].textContent, source: tr.cells[1].textContent, type: tr.cells[2].textContent,
    target: tr.cells[3].textContent, langs: [...tr.cells[4].querySelectorAll('.lang')].map((s) => s.textContent),
    multi: tr.cells[4].querySelector('.multi')?.textContent ?? '',
  })));
}

async function getJson(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, body: await r.json() };
  }, path);
}

// Every event id of /api/events with `params`, following the cursor.
async function apiIds(page, params) {
  const ids = [];
  let cursor = '';
  for (let guard = 0; guard < 50; ++guard) {
    const q = new URLSearchParams({ ...params, limit: 500, ...(cursor ? { cursor } : {}) });
    const r = await getJson(page, `api/events?${q}`);
    assert.equal(r.status, 200, `api/events?${q}: ${JSON.stringify(r.body)}`);
    ids.push(...r.body.events.map((e) => e.id));
    if (!r.body.next_cursor) break;
    cursor = r.body.next_cursor;
  }
  return ids;
}

const sorted = (a) => [...a].sort((x, y) => x - y);

// The ids both lists show (dated and undated).
async function shownIds(page) {
  return sorted([...(await rows(page)).map((r) => r.id), ...(await rows(page, '#undated-events')).map((r) => r.id)]);
}

async function pick(page, input, text, code) {
  await page.fill(input, '');
  await page.type(input, text);
  const option = page.locator(`${input} ~ .suggestions li[data-code="${code}"]`);
  await option.first().waitFor({ timeout: 10000 });
  await option.first().dispatchEvent('mousedown');
  assert.match(await page.inputValue(input), new RegExp(`\\(${code}\\)$`));
}

async function snap(page, name, options = {}) {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, name);
  await page.screenshot({ path, fullPage: true, ...options });
  step(`screenshot ${path}`);
}

// ---------------------------------------------------------------------------------------------

try {
  step(`ingest ${seeds}`);
  const ing = spawnSync(rasad, ['-q', 'ingest', seeds, '--db', db], { encoding: 'utf8' });
  assert.equal(ing.status, 0, `rasad ingest failed: ${ing.stdout}${ing.stderr}`);
  server = await startServer();
  step(`server at ${server.url}`);

  browser = await pw.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [], outside = [];
  const watch = (p) => {
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    // Offline: the page asks nothing of any other host (no tiles, no CDN).
    p.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url()); });
  };
  watch(page);

  // --- the default view: Iran–Russia from 2020 to 2024 ----------------------------------------
  await page.goto(server.url);
  await settled(page);
  const a0 = await page.inputValue('#actor-a'), b0 = await page.inputValue('#actor-b');
  assert.deepEqual([a0, b0].map((v) => v.match(/\b([A-Z]{3})\)?$/)?.[1]).sort(), ['IRN', 'RUS'],
    `default dyad is IRN-RUS, got '${a0}' and '${b0}'`);
  assert.equal(await page.inputValue('#from'), '2020-01');
  assert.equal(await page.inputValue('#to'), '2024-12');
  assert.deepEqual(await hashParams(page), { dyad: 'IRN-RUS', from: '2020-01', to: '2024-12' }, 'the URL holds the default view');
  step('default view is IRN-RUS, 2020-01 to 2024-12, in the URL');

  // --- pickers: Russia in Arabic, Iran in Persian -------------------------------------------
  await page.goto(server.url + '#dyad=KAZ-TUR');
  await settled(page);
  await pick(page, '#actor-a', 'روسيا', 'RUS');
  await pick(page, '#actor-b', 'ایران', 'IRN');
  await page.fill('#from', '2020-01');
  await page.fill('#to', '2024-12');
  await act(page, () => page.click('#show'));
  assert.deepEqual(await hashParams(page), { dyad: 'RUS-IRN', from: '2020-01', to: '2024-12' });
  const dyadIds = await apiIds(page, { dyad: 'RUS-IRN', from: '2020-01', to: '2024-12', undated: 0 });
  const dyadUndated = await apiIds(page, { dyad: 'RUS-IRN', undated: 'only' });
  assert.deepEqual(sorted((await rows(page)).map((r) => r.id)), sorted(dyadIds), 'the list is the dated events of the view');
  assert.deepEqual(sorted((await rows(page, '#undated-events')).map((r) => r.id)), sorted(dyadUndated),
    'the undated section is the undated events of the view');
  assert.ok(dyadUndated.length > 0, 'the seeds have undated IRN-RUS events');
  for (const r of await rows(page)) assert.match(r.date, /^20(2[0-4])/, `dated row ${r.id} is in 2020-2024: ${r.date}`);
  for (const r of await rows(page, '#undated-events')) assert.match(r.date, /^undated/, `row ${r.id} is shown as undated`);
  step(`picked RUS (روسيا) and IRN (ایران): ${dyadIds.length} dated events, ${dyadUndated.length} undated apart`);

  // --- the chart: every month labelled, a signed Goldstein axis -----------------------------
  const months = await page.locator('#chart rect.month').count();
  assert.equal(months, 60, 'one column per month from 2020-01 to 2024-12');
  const labels = await page.$$eval('#chart text.month-label', (ts) => ts.map((t) => t.textContent));
  assert.equal(labels.length, 60, 'a label on every month');
  assert.equal(labels[0], '2020-01');
  assert.equal(labels[1], '02');
  assert.equal(labels[12], '2021-01');
  const axis = await page.$$eval('#chart .goldstein-axis text', (ts) => ts.map((t) => ({ text: t.textContent, y: Number(t.getAttribute('y')) })));
  const zero = axis.find((t) => t.text === '0'), neg = axis.find((t) => t.text.startsWith('−')), pos = axis.find((t) => t.text.startsWith('+'));
  assert.ok(zero && neg && pos, `Goldstein axis has +, 0 and − ticks: ${JSON.stringify(axis)}`);
  assert.ok(neg.y > zero.y && pos.y < zero.y, 'negative Goldstein values are below zero');
  const bars = await page.locator('#chart rect.bar').count();
  const inChart = await page.evaluate(async () => (await (await fetch('api/timeline?dyad=RUS-IRN&from=2020-01&to=2024-12')).json()).periods
    .filter((p) => /^\d{4}-\d{2}$/.test(p.period)).length);
  assert.equal(await page.locator('#chart g[data-month]:has(rect.bar)').count(), inChart, 'a bar in each month with events');
  step(`chart: ${months} months, each labelled; Goldstein axis ${pos.text} / 0 / ${neg.text}; ${bars} bars`);

  // Clicking a month with events narrows the list to it.
  if (inChart > 0) {
    const month = await page.locator('#chart g[data-month]:has(rect.bar)').first().getAttribute('data-month');
    await act(page, () => page.locator(`#chart rect.month[data-month="${month}"]`).click());
    const inMonth = await rows(page);
    assert.ok(inMonth.length > 0 && inMonth.every((r) => r.date.startsWith(month)), `only ${month} is listed`);
    assert.equal((await hashParams(page)).month, month, 'the month is in the URL');
    await act(page, () => page.selectOption('#month-select', ''));
    assert.equal((await rows(page)).length, dyadIds.length, 'the whole period again');
    step(`clicked ${month}: the list shows only ${month}`);
  } else {
    step('no dated IRN-RUS event in the seeds with this coder: month narrowing not exercised');
  }

  // --- the merged call: evidence in two languages, "same event in other languages" -----------
  const call = await page.evaluate(async () => {
    const r = await (await fetch('api/events?dyad=IRN-RUS&type=CONSULT&limit=500')).json();
    for (const e of r.events) {
      const d = await (await fetch(`api/events/${e.id}`)).json();
      const docs = new Set(d.mentions.map((m) => m.doc.slice(0, 3)));
      if (docs.has('000') && docs.has('001')) return e.id;
    }
    return 0;
  });
  assert.ok(call > 0, 'the store has an IRN-RUS CONSULT event reported by seeds 000 and 001');
  const callRow = [...await rows(page), ...await rows(page, '#undated-events')].find((r) => r.id === call);
  assert.ok(callRow, `the merged call (event ${call}) is listed for 2020-2024`);
  assert.deepEqual(callRow.langs.sort(), ['ar', 'fa'], 'its row shows both languages');
  assert.equal(callRow.multi, '⇄ 2', 'and marks the same event in two languages');
  await act(page, () => page.locator(`tr[data-id="${call}"]`).click());
  assert.equal((await hashParams(page)).event, String(call), 'the selected event is in the URL');
  const cards = await page.$$eval('#mentions .mention', (els) => els.map((c) => ({
    doc: c.dataset.doc, lang: c.dataset.lang,
    dir: c.querySelector('.sentence').getAttribute('dir'),
    trigger: c.querySelector('mark.trigger')?.textContent ?? null,
    source: c.querySelector('mark.source')?.textContent ?? null,
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
  const mentions = (await getJson(page, `api/events/${call}`)).body.mentions;
  for (const c of [ar, fa]) assert.equal(c.trigger, mentions.find((x) => x.doc === c.doc).trigger_text, `highlighted trigger of ${c.doc}`);
  const langsLine = await page.$eval('#detail-langs .languages', (p) => ({ langs: p.dataset.langs, text: p.textContent }));
  assert.equal(langsLine.langs.split(',').sort().join(','), 'ar,fa');
  assert.match(langsLine.text, /same event in other languages/);
  step(`event ${call}: ${cards.length} reports (ar trigger '${ar.trigger}', fa trigger '${fa.trigger}'), languages: ${langsLine.text}`);
  await snap(page, 'serve_page.png');
  if (process.env.RASAD_DOCS_SHOT) {
    // The top of the page with the first evidence card, small enough for the docs (< 200 KB).
    await page.setViewportSize({ width: 1100, height: 900 });
    await settled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: process.env.RASAD_DOCS_SHOT, fullPage: true, clip: { x: 0, y: 0, width: 1100, height: 1250 } });
    await page.setViewportSize({ width: 1400, height: 1000 });
    step(`docs screenshot ${process.env.RASAD_DOCS_SHOT}`);
  }

  // --- permalink: a new browser page at the URL shows the same view and the same evidence ----
  await act(page, () => page.selectOption('#lang', 'fa').then(() => page.click('#show')));
  assert.equal((await hashParams(page)).event, undefined, 'another filter drops the selection');
  assert.ok(await page.locator('#detail').isHidden(), 'and its evidence');
  const faRows = await rows(page), faUndated = await rows(page, '#undated-events');
  assert.ok([...faRows, ...faUndated].every((r) => r.langs.includes('fa')), 'lang=fa: every event has a Persian report');
  assert.deepEqual(await shownIds(page), sorted([
    ...await apiIds(page, { dyad: 'RUS-IRN', lang: 'fa', from: '2020-01', to: '2024-12', undated: 0 }),
    ...await apiIds(page, { dyad: 'RUS-IRN', lang: 'fa', undated: 'only' })]), 'lang=fa: the API\'s events');
  const faEvent = [...faRows, ...faUndated][0].id;
  await act(page, () => page.locator(`tr[data-id="${faEvent}"]`).click());
  const permalink = page.url();
  const viewIds = await shownIds(page);
  const fresh = await context.newPage();
  watch(fresh);
  await fresh.goto(permalink);
  await settled(fresh);
  assert.equal(fresh.url(), permalink, 'the permalink is kept as is');
  assert.equal(await fresh.inputValue('#lang'), 'fa', 'the language filter is restored');
  assert.match(await fresh.inputValue('#actor-a'), /\(RUS\)$/, 'actor A is restored');
  assert.deepEqual(await shownIds(fresh), viewIds, 'the same events are listed');
  assert.equal(await fresh.getAttribute('#detail', 'data-event'), String(faEvent), 'the same event\'s evidence is open');
  assert.equal(await fresh.getAttribute(`tr[data-id="${faEvent}"]`, 'aria-selected'), 'true');
  await fresh.close();
  step(`permalink ${permalink.slice(server.url.length)} restores filters, lists and evidence`);

  // Back and forward walk the views.
  await page.goBack();
  await settled(page);
  assert.equal((await hashParams(page)).event, undefined, 'back: no selection');
  assert.ok(await page.locator('#detail').isHidden());
  await page.goBack();
  await settled(page);
  assert.equal((await hashParams(page)).lang, undefined, 'back: the view without the language filter');
  assert.equal(await page.inputValue('#lang'), '', 'and the form follows');
  assert.equal(await page.getAttribute('#detail', 'data-event'), String(call), 'and the call\'s evidence again');
  await page.goForward();
  await settled(page);
  assert.equal((await hashParams(page)).lang, 'fa', 'forward: lang=fa again');
  assert.ok(await page.locator('#detail').isHidden(), 'the evidence follows the selection');
  step('back and forward restore the views and their selection');

  // --- filters ------------------------------------------------------------------------------
  async function viewWith(hash) {
    await act(page, () => page.evaluate((h) => { location.hash = h; }, hash));
    return shownIds(page);
  }
  // PLOVER type and CAMEO code.
  let ids = await viewWith('dyad=IRN-RUS&type=CONSULT');
  assert.equal(await page.inputValue('#type'), 'CONSULT');
  assert.ok(ids.length > 0);
  assert.deepEqual(ids, sorted(await apiIds(page, { dyad: 'IRN-RUS', type: 'CONSULT' })));
  assert.ok([...await rows(page), ...await rows(page, '#undated-events')].every((r) => r.type.startsWith('CONSULT')));
  await act(page, () => page.selectOption('#type', '').then(() => page.selectOption('#cameo', '04')).then(() => page.click('#show')));
  assert.equal((await hashParams(page)).cameo, '04');
  ids = await shownIds(page);
  assert.ok(ids.length > 0 && [...await rows(page), ...await rows(page, '#undated-events')].every((r) => / 04\d*/.test(r.type)), 'cameo=04: CAMEO 04x only');
  assert.deepEqual(ids, sorted(await apiIds(page, { dyad: 'IRN-RUS', cameo: '04' })));
  step(`type CONSULT and CAMEO 04 filter the lists (${ids.length} events with 04)`);

  // Free text, through the form.
  await act(page, () => page.selectOption('#cameo', '').then(() => page.fill('#text', 'شنغهاي')).then(() => page.click('#show')));
  ids = await shownIds(page);
  const textIds = sorted(await apiIds(page, { dyad: 'IRN-RUS', text: 'شنغهاي' }));
  assert.deepEqual(ids, textIds, 'text: the events reported by documents with those words');
  assert.ok(ids.length > 0 && ids.length < (await apiIds(page, { dyad: 'IRN-RUS' })).length, 'text narrows the view');
  step(`text 'شنغهاي': ${ids.length} events`);

  // A person as an actor: Putin picked by his Persian name, alone, either side.
  await page.fill('#text', '');
  await pick(page, '#actor-a', 'پوتین', 'putin_vladimir');
  await page.fill('#actor-b', '');
  await act(page, () => page.click('#show'));
  assert.equal((await hashParams(page)).person, 'putin_vladimir');
  assert.equal((await hashParams(page)).dyad, undefined);
  ids = await shownIds(page);
  assert.ok(ids.length > 0);
  assert.deepEqual(ids, sorted(await apiIds(page, { person: 'بوتين' })), 'the Arabic name gives the same events');
  assert.deepEqual(ids, sorted(await apiIds(page, { actor: 'Putin' })), 'actor=Putin (a name, not a code) gives the same events');
  // An event is Putin's when some report of it names him: its row names him, or its evidence does.
  let onRow = 0;
  for (const r of [...await rows(page), ...await rows(page, '#undated-events')]) {
    if (/Putin/.test(r.source) || /Putin/.test(r.target)) { ++onRow; continue; }
    const ms = (await getJson(page, `api/events/${r.id}`)).body.mentions;
    assert.ok(ms.some((m) => m.source_person === 'putin_vladimir' || m.target_person === 'putin_vladimir'),
      `event ${r.id} has a report naming Putin: ${r.source} / ${r.target}`);
  }
  assert.ok(onRow > 0, 'rows name Putin');
  step(`person Putin (پوتین): ${ids.length} events, each reported with Putin as source or target (${onRow} on the row)`);

  // One actor: everything Iran did (Iran as source).
  await pick(page, '#actor-a', 'Iran', 'IRN');
  await page.selectOption('#side', 'source');
  await act(page, () => page.click('#show'));
  assert.deepEqual(await hashParams(page), { actor: 'IRN', side: 'source' });
  const did = [...await rows(page), ...await rows(page, '#undated-events')];
  assert.ok(did.length > 0 && did.every((r) => r.source.startsWith('IRN')), 'every event has Iran as its source');
  const either = await apiIds(page, { actor: 'IRN' });
  assert.ok(either.length > did.length, 'either side has more');
  step(`actor IRN as source: ${did.length} events (either side: ${either.length})`);

  // --- downloads: the view as CSV and JSON Lines ---------------------------------------------
  const viewShown = await shownIds(page);
  const csvHref = await page.getAttribute('#download-csv', 'href');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csvPath = join(artifacts, 'view.csv');
  mkdirSync(artifacts, { recursive: true });
  await download.saveAs(csvPath);
  const csv = (await import('node:fs')).readFileSync(csvPath, 'utf8').trim().split('\n');
  assert.match(csv[0], /^id,date,date_precision,/, 'CSV header');
  assert.deepEqual(sorted(csv.slice(1).map((l) => Number(l.split(',')[0]))), viewShown, 'the CSV has the rows of the view');
  assert.match(csvHref, /actor=IRN/);
  const jsonl = await page.evaluate(async () => (await (await fetch(document.querySelector('#download-jsonl').href)).text()));
  const records = jsonl.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(sorted(records.map((e) => e.id)), viewShown, 'the JSON Lines have the rows of the view');
  assert.ok(records.every((e) => e.source.code.startsWith('IRN')));
  step(`downloads: CSV ${csv.length - 1} rows, JSON Lines ${records.length} records = the view`);

  // --- map: points at the places, offline ----------------------------------------------------
  await act(page, () => page.click('#reset'));  // no filters: the whole store
  assert.equal(page.url(), `${server.url}#`, 'the view without filters is "#"');
  const land = await page.$eval('#map path.land', (p) => p.getAttribute('d').length);
  assert.ok(land > 10000, 'the world is drawn from the vendored geometry');
  const places = (await getJson(page, 'api/places')).body.places;
  const points = await page.$$eval('#map circle.point', (cs) => cs.map((c) => ({
    lat: Number(c.dataset.lat), lon: Number(c.dataset.lon), x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) })));
  assert.ok(points.length > 0, 'the map draws points');
  assert.equal(points.length, places.length, 'a point per place with coordinates');
  assert.ok(points.every((p) => !(p.lat === 0 && p.lon === 0)), 'never at 0,0');
  // Astana (51.18 N, 71.45 E) lies north-east of Shanghai (31.2 N, 121.5 E)... in latitude: above it.
  const astana = points.find((p) => Math.abs(p.lat - 51.18) < 0.1), shanghai = points.find((p) => Math.abs(p.lat - 31.22) < 0.1);
  if (astana && shanghai) assert.ok(astana.y < shanghai.y && astana.x < shanghai.x, 'points are projected where the places are');
  const total = (await getJson(page, 'api/events?limit=500')).body.events.length;
  const without = (await getJson(page, 'api/places')).body.without_coordinates;
  assert.match(await page.textContent('#map-note'), new RegExp(`${total - without} events at ${places.length} places`));
  step(`map: ${points.length} points, world outline ${land} bytes of path`);

  // --- network: edges, and a click on one shows that dyad -----------------------------------
  const dyads = (await getJson(page, 'api/dyads?limit=12')).body.dyads;
  const edges = await page.$$eval('#network .edge', (gs) => gs.map((g) => ({ dyad: g.dataset.dyad, events: Number(g.dataset.events) })));
  assert.ok(edges.length > 0, 'the network draws edges');
  assert.deepEqual(edges, dyads.map((d) => ({ dyad: d.dyad, events: d.events })), 'an edge per busiest pair, with its count');
  const target = edges.find((e) => e.dyad !== 'IRN-RUS') || edges[0];
  // Select an event first: the new dyad must not keep its evidence.
  const first = (await rows(page))[0] || (await rows(page, '#undated-events'))[0];
  await act(page, () => page.locator(`tr[data-id="${first.id}"]`).click());
  assert.ok(await page.locator('#detail').isVisible());
  await act(page, () => page.locator(`#network .edge[data-dyad="${target.dyad}"] line.hit`).dispatchEvent('click'));
  assert.equal((await hashParams(page)).dyad, target.dyad, 'clicking an edge shows its dyad');
  assert.ok(await page.locator('#detail').isHidden(), 'the previous event\'s evidence is gone');
  assert.equal((await shownIds(page)).length, (await apiIds(page, { dyad: target.dyad })).length);
  assert.equal(await page.getAttribute(`#network .edge[data-dyad="${target.dyad}"]`, 'class'), 'edge current');
  step(`network: ${edges.length} edges; clicked ${target.dyad} (${target.events} events)`);

  // --- keyboard: Tab reaches the rows, Enter selects, focus is visible ----------------------
  await page.focus('#show');
  let focused = null;
  for (let i = 0; i < 80 && !focused; ++i) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement.matches('#events tbody tr, #undated-events tbody tr') ? document.activeElement.dataset.id : null));
  }
  assert.ok(focused, 'Tab reaches the list rows');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused row shows its focus');
  await act(page, () => page.keyboard.press('Enter'));
  assert.equal(await page.getAttribute('#detail', 'data-event'), focused, 'Enter shows the focused event');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement.dataset.id || '');
  if (next) {
    await act(page, () => page.keyboard.press('Enter'));
    assert.equal(await page.getAttribute('#detail', 'data-event'), next, 'the next row by Tab and Enter');
  }
  // A network edge by keyboard.
  const edge = page.locator('#network .edge').first();
  const edgeDyad = await edge.getAttribute('data-dyad');
  if (edgeDyad !== (await hashParams(page)).dyad) {
    await edge.focus();
    await act(page, () => page.keyboard.press('Enter'));
    assert.equal((await hashParams(page)).dyad, edgeDyad, 'Enter on an edge shows its dyad');
  }
  step(`keyboard: Tab to event ${focused}, Enter selects it; edges answer Enter`);

  // --- inferred date ranges ------------------------------------------------------------------
  // The undated seeds carry the range the coder inferred from the office holders they name: the
  // undated list shows it as the API labels it ("undated, inferred 2020–2021").
  await act(page, () => page.evaluate(() => { location.hash = 'dyad=IRN-RUS&from=2020-01&to=2024-12&type=CONSULT'; }));
  const undatedRows = await rows(page, '#undated-events');
  const undatedApi = new Map();
  for (const id of await apiIds(page, { dyad: 'IRN-RUS', type: 'CONSULT', undated: 'only' })) {
    undatedApi.set(id, (await getJson(page, `api/events/${id}`)).body);
  }
  assert.ok(undatedRows.length > 0);
  let withRange = 0;
  for (const r of undatedRows) {
    const e = undatedApi.get(r.id);
    assert.ok(e, `undated row ${r.id} is an undated event of the API`);
    assert.equal(r.date, e.date_label, `row ${r.id} shows the API's date_label`);
    if (e.date_range) {
      ++withRange;
      assert.match(r.date, /^undated, inferred \d{4}/, `row ${r.id} shows its inferred range`);
    } else {
      assert.equal(r.date, 'undated');
    }
  }
  assert.ok(withRange > 0, 'the seeds have undated events with an inferred range');
  // The evidence shows the range of each report.
  const rangedRow = undatedRows.find((r) => undatedApi.get(r.id).date_range);
  await act(page, () => page.locator(`#undated-events tr[data-id="${rangedRow.id}"]`).click());
  assert.match(await page.textContent('#detail-meta'), /undated, inferred /);
  const metas = await page.$$eval('#mentions .mention .meta', (ms) => ms.map((m) => m.textContent));
  assert.ok(metas.some((m) => /undated, inferred \d{4}-\d{2}-\d{2}\.\./.test(m)), `a report shows its range: ${metas.join(' | ')}`);
  step(`undated events: ${withRange} of ${undatedRows.length} shown with their inferred range ('${rangedRow.date}')`);

  // ranged=overlap: the period holds the undated events too, by their inferred range, in every part
  // of the page (lists, chart, map and network ask the API with the same filters).
  await act(page, () => page.selectOption('#ranged', 'overlap').then(() => page.click('#show')));
  assert.equal((await hashParams(page)).ranged, 'overlap');
  const overlapping = await apiIds(page, { dyad: 'IRN-RUS', type: 'CONSULT', from: '2020-01', to: '2024-12', ranged: 'overlap', undated: 'only' });
  assert.deepEqual(sorted((await rows(page, '#undated-events')).map((r) => r.id)), sorted(overlapping),
    'the undated list: the undated events whose range overlaps the period');
  assert.ok(overlapping.length > 0 && overlapping.every((id) => undatedApi.get(id)?.date_range), 'only events with a range');
  await act(page, () => page.evaluate(() => { location.hash = 'dyad=IRN-RUS&from=2019-01&to=2021-12&type=CONSULT&ranged=within'; }));
  assert.equal(await page.inputValue('#ranged'), 'within', 'the form follows the URL');
  const within = await apiIds(page, { dyad: 'IRN-RUS', type: 'CONSULT', from: '2019-01', to: '2021-12', ranged: 'within', undated: 'only' });
  assert.ok(within.length > 0, 'the seeds have calls inferred within 2019-2021');
  assert.deepEqual(sorted((await rows(page, '#undated-events')).map((r) => r.id)), sorted(within));
  for (const id of within) {
    const [first, last] = undatedApi.get(id).date_range;
    assert.ok(first >= '2019-01' && last && last <= '2021-12~', `event ${id}'s range ${first}..${last} lies within the period`);
  }
  step(`ranged: ${overlapping.length} undated events overlap 2020-2024, ${within.length} lie within 2019-2021`);

  // --- 420 px wide: no horizontal overflow --------------------------------------------------
  const phone = await browser.newPage({ viewport: { width: 420, height: 900 } });
  watch(phone);
  await phone.goto(`${server.url}#dyad=IRN-RUS&from=2020-01&to=2024-12&event=${call}`);
  await settled(phone);
  const overflow = await phone.evaluate(() => {
    const w = document.documentElement.clientWidth;
    // Anything sticking out of the page (scrolling boxes may hold wider content inside).
    const out = [...document.querySelectorAll('body *')].filter((e) => {
      if (e.closest('.table-wrap, #chart, .suggestions, [hidden]')) return false;
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > w + 0.5 || r.left < -0.5);
    }).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className?.baseVal ?? e.className}`);
    return { scroll: document.documentElement.scrollWidth, client: w, out: out.slice(0, 8) };
  });
  assert.ok(overflow.scroll <= 420, `no horizontal scrolling at 420 px: scrollWidth ${overflow.scroll}`);
  assert.deepEqual(overflow.out, [], 'nothing sticks out at 420 px');
  assert.ok(await phone.locator('#mentions .mention').first().isVisible(), 'the evidence is shown at 420 px');
  await snap(phone, 'serve_page_420.png');
  await phone.close();
  step(`420 px: scrollWidth ${overflow.scroll}, nothing outside the page`);

  assert.deepEqual(outside, [], 'no request leaves the server (the map works offline)');
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
