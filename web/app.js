// rasad's page: pick actors (countries, organizations, people), filters and a period; see the
// relationship month by month, its places and its actor network; read the evidence of each event.
// Plain JavaScript modules against the JSON API of `rasad serve` (docs/SERVE.md); no framework,
// no build step. The whole view lives in the URL (js/view.js).
import { $, api, el, query, status } from './js/util.js';
import { describe, datedParams, emptyView, filters, filtersKey, fromHash, listKey, toHash, undatedParams, wholeParams } from './js/view.js';
import { actorsToFilters, filtersToActors, names, picker } from './js/picker.js';
import { drawChart, drawLegend, markMonth } from './js/chart.js';
import { EventList, downloadLinks } from './js/list.js';
import { clearEvidence, showEvidence } from './js/evidence.js';
import { drawMap } from './js/map.js';
import { drawNetwork } from './js/network.js';

let view = emptyView();
const drawn = { filters: null, list: null, event: null };  // what the page shows now
const pickers = {};
let dated, undated;

// ---------------------------------------------------------------------------------------------
// the form <-> the view

function fillForm(v) {
  const [a, b] = filtersToActors(v);
  pickers.a.show(a);
  pickers.b.show(b || '');
  for (const k of ['side', 'type', 'cameo', 'lang', 'ranged']) {
    const sel = $(`#${k}`);
    // A value the lists do not offer (a longer CAMEO code from a link) gets an option of its own.
    if (v[k] && ![...sel.options].some((o) => o.value === v[k])) sel.append(el('option', { value: v[k], text: v[k] }));
    sel.value = v[k];
  }
  for (const k of ['text', 'from', 'to']) $(`#${k}`).value = v[k];
  $('#undated').checked = v.undated;
}

async function readForm() {
  const [a, b] = await Promise.all([pickers.a.value(), pickers.b.value()]);
  // The filters only: navigate() keeps the month and the selection while they stay the same.
  const next = actorsToFilters(a, b);
  for (const k of ['side', 'type', 'cameo', 'lang', 'ranged']) next[k] = $(`#${k}`).value;
  for (const k of ['text', 'from', 'to']) next[k] = $(`#${k}`).value.trim();
  next.undated = $('#undated').checked;
  return next;
}

// ---------------------------------------------------------------------------------------------
// navigation: every change of the view is a history entry

function navigate(changes, { replace = false } = {}) {
  const next = { ...view, ...changes };
  // Other filters: another month and another selection.
  if (filtersKey(next) !== filtersKey(view)) {
    if (!('month' in changes)) next.month = '';
    if (!('event' in changes)) next.event = '';
  }
  view = next;
  const url = `#${toHash(view)}`;
  if (url !== location.hash) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  return render();
}

function title(v) {
  $('#chart-title').textContent = `Timeline: ${describe(v, names)}`;
  document.title = `rasad: ${describe(v, names)}`;
}

async function render() {
  const v = view;
  title(v);
  status('Loading…');
  try {
    const jobs = [];
    if (drawn.filters !== filtersKey(v)) {
      drawn.filters = filtersKey(v);
      jobs.push(loadChart(v), drawMap(wholeParams(v)), drawNetwork(wholeParams(v, { except: ['dyad'] }), v.dyad, pickDyad));
    } else {
      markMonth(v.month);
      $('#month-select').value = v.month;
    }
    if (drawn.list !== listKey(v)) {
      drawn.list = listKey(v);
      jobs.push(loadLists(v));
    }
    await Promise.all(jobs);
    if (view !== v) return;  // a newer view is being drawn
    await showSelection(v);
    title(v);  // the pickers have found the names by now
    status('');
    // The view the page now shows in full, for people reading the DOM (and the browser test).
    document.body.dataset.rendered = `#${toHash(v)}`;
  } catch (e) {
    if (view === v) status(e.message, true);
  }
}

async function loadChart(v) {
  const tl = await api(`api/timeline?${query({ ...filters(v), by: 'month', undated: v.from || v.to ? '' : 0 })}`);
  if (view !== v) return;
  drawChart(tl, v, pickMonth);
  const sel = $('#month-select');
  sel.replaceChildren(el('option', { value: '', text: 'whole period' }),
    ...tl.periods.filter((p) => /^\d{4}-\d{2}$/.test(p.period) && p.events)
      .map((p) => el('option', { value: p.period, text: `${p.period} (${p.events})` })));
  if (v.month && ![...sel.options].some((o) => o.value === v.month)) sel.append(el('option', { value: v.month, text: v.month }));
  sel.value = v.month;
}

async function loadLists(v) {
  const select = (id) => navigate({ event: String(id) });
  downloadLinks(wholeParams(v, { month: true }));
  const jobs = [dated.load(false, datedParams(v), v.event, select)];
  $('#undated-section').hidden = !v.undated;
  if (v.undated) jobs.push(undated.load(false, undatedParams(v), v.event, select));
  else undated.clear();
  await Promise.all(jobs);
}

// The evidence panel shows the selected event, and nothing once the selection is gone.
async function showSelection(v) {
  dated.mark(v.event);
  undated.mark(v.event);
  if (!v.event) { drawn.event = null; clearEvidence(); return; }
  if (drawn.event === v.event) return;
  drawn.event = v.event;
  clearEvidence();
  await showEvidence(v.event);
}

function pickMonth(m) { navigate({ month: m, event: '' }); }

function pickDyad(dyad) {
  navigate({ dyad, actor: '', person: '', side: '' });
  fillForm(view);
}

// ---------------------------------------------------------------------------------------------
// start

async function loadVocabulary() {
  try {
    const r = await api('api/vocabulary');
    $('#type').append(...r.plover.map((t) => el('option', { value: t.type, title: t.definition, text: `${t.type} (${t.quad})` })));
    $('#cameo').append(...r.cameo.map((c) => el('option', { value: c.code, text: `${c.code} ${c.name.toLowerCase()}` })));
  } catch (e) { status(e.message, true); }
}

// Iran–Russia from 2020 to 2024 when the store has it, else its densest dyad.
async function defaultView() {
  const v = emptyView();
  v.from = '2020-01';
  v.to = '2024-12';
  const r = await api('api/dyads?limit=50');
  const found = r.dyads.find((x) => x.dyad === 'IRN-RUS');
  v.dyad = found ? found.dyad : (r.dyads[0] ? r.dyads[0].dyad : '');
  return v;
}

// The view of the URL (a permalink, a reload, back or forward).
async function fromLocation() {
  // A first visit (no "#" at all) gets the default view; "#" alone is the view without filters.
  const v = location.href.includes('#') ? fromHash(location.hash) : await defaultView();
  view = v;
  drawn.filters = drawn.list = drawn.event = null;
  fillForm(v);
  history.replaceState(null, '', `#${toHash(v)}`);
  await render();
}

async function start() {
  drawLegend();
  pickers.a = picker($('[data-testid=picker-a]'));
  pickers.b = picker($('[data-testid=picker-b]'));
  dated = new EventList($('#events'), $('#more'), $('#list-note'), 'No dated events in this view.');
  undated = new EventList($('#undated-events'), $('#more-undated'), $('#undated-note'), 'No undated events in this view.');
  $('#controls').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { navigate(await readForm()); } catch (e) { status(e.message, true); }
  });
  $('#reset').addEventListener('click', () => { navigate(emptyView()); fillForm(view); });
  $('#month-select').addEventListener('change', (ev) => pickMonth(ev.target.value));
  window.addEventListener('popstate', () => fromLocation());
  window.addEventListener('hashchange', () => { if (location.hash !== `#${toHash(view)}`) fromLocation(); });
  await loadVocabulary();
  await fromLocation().catch((e) => status(e.message, true));
}

start();
