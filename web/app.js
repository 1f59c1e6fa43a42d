// rasad's page: pick a dyad and a period, see the relationship month by month, read the evidence.
// Plain JavaScript against the JSON API of `rasad serve` (docs/SERVE.md); no libraries, no build.
'use strict';

const QUADS = [
  { key: 'verbal_cooperation', label: 'verbal cooperation', color: 'var(--q1)', n: 1 },
  { key: 'material_cooperation', label: 'material cooperation', color: 'var(--q2)', n: 2 },
  { key: 'verbal_conflict', label: 'verbal conflict', color: 'var(--q3)', n: 3 },
  { key: 'material_conflict', label: 'material conflict', color: 'var(--q4)', n: 4 },
];
const SVG = 'http://www.w3.org/2000/svg';
const $ = (sel) => document.querySelector(sel);

const state = {
  a: '', b: '', from: '', to: '', undated: true,
  month: '',          // a month picked in the chart narrows the list
  cursor: null,       // next page of the list
  selected: null,     // event id shown in the detail panel
};

// ---------------------------------------------------------------------------------------------
// helpers

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body.error && body.error.message) || `${res.status} ${res.statusText}`);
  return body;
}

function status(text, isError = false) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

function dyad() { return state.a && state.b ? `${state.a}-${state.b}` : ''; }

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null && v !== false) q.set(k, v);
  return q.toString();
}

// "2020-01" .. "2024-12" inclusive.
function monthsBetween(from, to) {
  const out = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if (!m) m = 1;
  for (let guard = 0; (y < ty || (y === ty && m <= (tm || 12))) && guard < 1200; ++guard) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; ++y; }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// actor pickers: search in Arabic, Persian or English through /api/actors

function picker(root, onPick) {
  const input = root.querySelector('input');
  const list = root.querySelector('.suggestions');
  let timer = null, items = [], active = -1, seq = 0;

  function close() { list.hidden = true; active = -1; }
  function choose(actor) {
    // A person stands for the actor of their latest office in a dyad (Putin: RUSGOV).
    const code = actor.category === 'person' ? actor.actor_code || actor.code : actor.code;
    input.value = `${actor.name} (${code})`;
    input.dataset.code = code;
    close();
    onPick(code);
  }
  function render() {
    list.replaceChildren();
    items.forEach((a, i) => {
      const names = [...a.names.ar.slice(0, 1), ...a.names.fa.slice(0, 1)].join(' · ');
      const li = el('li', { role: 'option', 'data-code': a.code, class: i === active ? 'active' : '' },
        el('span', { text: a.name }), el('span', { class: 'code', text: a.code }),
        el('span', { class: 'names', dir: 'auto', text: `${names}${a.events ? ` · ${a.events} events` : ''}` }));
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(a); });
      list.append(li);
    });
    list.hidden = items.length === 0;
  }
  async function search() {
    const q = input.value.trim();
    if (!q) { items = []; render(); return; }
    const mine = ++seq;
    try {
      const r = await api(`api/actors?${query({ q, limit: 8 })}`);
      if (mine !== seq) return;  // a later keystroke already asked again
      items = r.actors;
      active = items.length ? 0 : -1;
      render();
    } catch (e) { status(e.message, true); }
  }
  input.addEventListener('input', () => {
    delete input.dataset.code;
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!items.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      render();
      ev.preventDefault();
    } else if (ev.key === 'Enter' && !list.hidden && active >= 0) {
      choose(items[active]);
      ev.preventDefault();
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  return {
    set(code, name) { input.value = name ? `${name} (${code})` : code; input.dataset.code = code; },
    // A code typed by hand ("RUS") counts as picked.
    code() {
      if (input.dataset.code) return input.dataset.code;
      const v = input.value.trim().toUpperCase();
      return /^[A-Z0-9]{3,}$/.test(v) ? v : '';
    },
  };
}

// ---------------------------------------------------------------------------------------------
// timeline chart: events per month by quad class (stacked), Goldstein sum below

function drawLegend() {
  const legend = $('#legend');
  legend.replaceChildren(...QUADS.map((q) => el('span', {}, el('i', { style: `background:${q.color}` }), q.label)),
    el('span', {}, el('i', { style: 'background:#2b8a3e' }), 'Goldstein sum (cooperation +, conflict −)'));
}

function drawChart(tl) {
  const box = $('#chart');
  box.replaceChildren();
  const periods = new Map(tl.periods.map((p) => [p.period, p]));
  const known = tl.periods.map((p) => p.period).filter((p) => /^\d{4}-\d{2}$/.test(p));
  const from = state.from ? state.from.slice(0, 7) : known[0];
  const to = state.to ? state.to.slice(0, 7) : known[known.length - 1];
  const months = from && to ? monthsBetween(from.length === 4 ? `${from}-01` : from, to.length === 4 ? `${to}-12` : to) : [];
  const note = [];
  note.push(`${tl.events} events`);
  if (tl.undated) note.push(`${tl.undated} without a date precise enough for a month (not in the chart)`);
  $('#chart-note').textContent = note.join('; ');
  if (!months.length) {
    box.append(el('p', { class: 'note', text: 'No dated events for this dyad and period.' }));
    return;
  }
  const W = Math.max(600, box.clientWidth || 900), top = 10, H1 = 150, gap = 18, H2 = 70, bottom = 18, left = 34, right = 8;
  const H = top + H1 + gap + H2 + bottom;
  const step = (W - left - right) / months.length;
  const bw = Math.max(1, step * 0.8);
  let maxCount = 1, maxAbs = 1;
  for (const m of months) {
    const p = periods.get(m);
    if (!p) continue;
    maxCount = Math.max(maxCount, p.events);
    maxAbs = Math.max(maxAbs, Math.abs(p.goldstein));
  }
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Events per month for ${dyad()}` });
  // Axes and labels.
  const zero = top + H1 + gap + H2 / 2;
  root.append(svg('line', { class: 'axis', x1: left, x2: W - right, y1: top + H1, y2: top + H1 }));
  root.append(svg('line', { class: 'axis', x1: left, x2: W - right, y1: zero, y2: zero }));
  const t1 = svg('text', { x: left - 4, y: top + 8, 'text-anchor': 'end' }); t1.textContent = String(maxCount); root.append(t1);
  const t0 = svg('text', { x: left - 4, y: top + H1, 'text-anchor': 'end' }); t0.textContent = '0'; root.append(t0);
  const tg = svg('text', { x: left - 4, y: zero + 3, 'text-anchor': 'end' }); tg.textContent = '0'; root.append(tg);
  const tgm = svg('text', { x: left - 4, y: top + H1 + gap + 8, 'text-anchor': 'end' }); tgm.textContent = `+${Math.round(maxAbs)}`; root.append(tgm);
  months.forEach((m, i) => {
    const x = left + i * step + (step - bw) / 2;
    const p = periods.get(m);
    const g = svg('g', { 'data-month': m });
    if (p) {
      let y = top + H1;
      for (const q of QUADS) {
        const n = p.quad[q.key] || 0;
        if (!n) continue;
        const h = (n / maxCount) * H1;
        y -= h;
        const r = svg('rect', { x, y, width: bw, height: h, fill: q.color, class: `bar q${q.n}` });
        g.append(r);
      }
      const gh = (Math.abs(p.goldstein) / maxAbs) * (H2 / 2);
      g.append(svg('rect', { x, y: p.goldstein >= 0 ? zero - gh : zero, width: bw, height: Math.max(gh, 0.5),
        fill: p.goldstein >= 0 ? '#2b8a3e' : '#c92a2a', class: 'goldstein' }));
    }
    if (m.endsWith('-01') || i === 0) {
      const t = svg('text', { x: left + i * step, y: H - 4 }); t.textContent = m.endsWith('-01') ? m.slice(0, 4) : m; root.append(t);
    }
    // The whole column is the click target, so empty and thin months are easy to hit.
    const hit = svg('rect', { x: left + i * step, y: top, width: step, height: H1 + gap + H2,
      class: `month${state.month === m ? ' selected' : ''}`, 'data-month': m });
    const title = svg('title');
    title.textContent = p
      ? `${m}: ${p.events} events (${QUADS.map((q) => `${p.quad[q.key]} ${q.label}`).join(', ')}); Goldstein sum ${p.goldstein.toFixed(1)}`
      : `${m}: no events`;
    hit.append(title);
    hit.addEventListener('click', () => pickMonth(state.month === m ? '' : m));
    root.append(g, hit);
  });
  box.append(root);
}

// ---------------------------------------------------------------------------------------------
// event list and evidence

function actorLabel(a) { return a.code ? (a.name ? `${a.code} (${a.name})` : a.code) : '—'; }

function eventRow(e) {
  const quad = QUADS.find((q) => q.n === e.quad_class);
  const tr = el('tr', { 'data-id': String(e.id) },
    el('td', { text: e.date || (e.date_min ? `${e.date_min}…` : e.date_label || 'undated') }),
    el('td', { class: 'actor', text: actorLabel(e.source) }),
    el('td', { class: 'type', title: `CAMEO ${e.cameo}` },
      el('span', { class: 'quad', style: `background:${quad ? quad.color : '#ccc'}` }),
      `${e.plover || 'CAMEO'} ${e.cameo}${e.symmetric ? ' ⇄' : ''}`),
    el('td', { class: 'actor', text: actorLabel(e.target) }),
    el('td', { text: e.languages.join(', ') }),
    el('td', { class: 'reports', title: `${e.num_articles} articles, ${e.num_mentions} mentions, ${e.num_sources} sources`,
      text: `${e.num_articles} / ${e.num_mentions}` }));
  if (state.selected === e.id) tr.classList.add('selected');
  tr.addEventListener('click', () => showEvent(e.id));
  return tr;
}

async function loadList(append = false) {
  if (!dyad()) return;
  const params = { dyad: dyad(), limit: 100 };
  if (state.month) {
    params.from = state.month; params.to = state.month;
  } else {
    params.from = state.from; params.to = state.to;
    if (state.undated && (state.from || state.to)) params.undated = 1;
  }
  if (append && state.cursor) params.cursor = state.cursor;
  const r = await api(`api/events?${query(params)}`);
  const body = $('#events tbody');
  if (!append) body.replaceChildren();
  for (const e of r.events) body.append(eventRow(e));
  state.cursor = r.next_cursor;
  $('#more').hidden = !state.cursor;
  // What the list now shows, for people reading the DOM (and the browser test).
  $('#events').dataset.view = query({ dyad: params.dyad, from: params.from, to: params.to, undated: params.undated });
  const n = body.children.length;
  $('#list-note').textContent = n ? `${n}${state.cursor ? '+' : ''} events, oldest first; undated ones first` : 'No events.';
}

// Splits `text` (one sentence) at the UTF-8 byte offsets of the highlighted spans. The API gives
// byte spans into the document; the sentence starts at `base` bytes.
function highlighted(text, base, spans) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  const marks = [];
  for (const [role, span] of spans) {
    if (!span) continue;
    const s = Math.max(0, Math.min(bytes.length, span[0] - base));
    const e = Math.max(0, Math.min(bytes.length, span[1] - base));
    if (e <= s) continue;
    marks.push({ role, s, e });
    cuts.add(s); cuts.add(e);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; ++i) {
    const s = points[i], e = points[i + 1];
    const piece = dec.decode(bytes.subarray(s, e));
    // The innermost (shortest) span wins where spans overlap.
    const cover = marks.filter((m) => m.s <= s && m.e >= e).sort((x, y) => (x.e - x.s) - (y.e - y.s));
    out.push(cover.length ? el('mark', { class: cover[0].role, title: cover[0].role, text: piece }) : document.createTextNode(piece));
  }
  return out;
}

async function showEvent(id) {
  state.selected = id;
  for (const tr of document.querySelectorAll('#events tbody tr')) tr.classList.toggle('selected', tr.dataset.id === String(id));
  let e;
  try { e = await api(`api/events/${id}`); } catch (err) { status(err.message, true); return; }
  const detail = $('#detail');
  detail.hidden = false;
  $('#detail-title').textContent = `${e.plover || 'CAMEO'} ${e.cameo}: ${actorLabel(e.source)} ${e.symmetric ? '⇄' : '→'} ${actorLabel(e.target)}`;
  $('#detail-meta').textContent = [e.date ? `${e.date} (${e.date_precision})` : e.date_label || 'undated',
    `Goldstein ${e.goldstein}`, `${e.num_articles} articles, ${e.num_mentions} mentions, ${e.num_sources} sources`,
    `languages ${e.languages.join(', ')}`, `event ${e.id}`].join(' · ');
  // One card per reporting sentence: the two directions of a symmetric event are one sentence.
  const groups = new Map();
  for (const m of e.mentions) {
    const k = `${m.doc}\u0000${m.sentence}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(m);
  }
  const cards = [];
  for (const ms of groups.values()) {
    const m = ms[0];
    const sentence = el('p', { class: 'sentence', dir: m.dir || 'auto', lang: m.lang });
    sentence.append(...highlighted(m.text, m.sentence_span[0],
      [['source', m.source_span], ['target', m.target_span], ['trigger', m.trigger_span]]));
    const meta = [m.doc, `sentence ${m.sentence + 1}`, m.lang, m.outlet, m.date || (m.date_range ? `undated, inferred ${m.date_range[0]}..${m.date_range[1] || ''}` : 'undated'),
      `${m.source_code} → ${m.target_code || '—'}`, m.join_reason].filter(Boolean).join(' · ');
    const link = m.url ? el('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank', text: 'source' }) : null;
    cards.push(el('article', { class: 'mention', 'data-doc': m.doc, 'data-lang': m.lang },
      el('div', { class: 'meta' }, meta, link ? ' · ' : null, link), sentence));
  }
  $('#mentions').replaceChildren(...cards);
}

// ---------------------------------------------------------------------------------------------
// wiring

async function refresh() {
  if (!dyad()) { status('Pick two actors.'); return; }
  location.hash = query({ dyad: dyad(), from: state.from, to: state.to, undated: state.undated ? '' : '0', month: state.month });
  $('#chart-title').textContent = `Timeline ${dyad()}${state.from || state.to ? `, ${state.from || '…'} to ${state.to || '…'}` : ''}`;
  status('Loading…');
  try {
    const tl = await api(`api/timeline?${query({ dyad: dyad(), by: 'month', from: state.from, to: state.to })}`);
    drawChart(tl);
    await loadList();
    status('');
  } catch (e) { status(e.message, true); }
}

function pickMonth(m) {
  state.month = m;
  state.cursor = null;
  $('#month-filter').hidden = !m;
  $('#month-label').textContent = m ? `in ${m}` : '';
  for (const r of document.querySelectorAll('#chart .month')) r.classList.toggle('selected', r.dataset.month === m);
  location.hash = query({ dyad: dyad(), from: state.from, to: state.to, undated: state.undated ? '' : '0', month: m });
  loadList().catch((e) => status(e.message, true));
}

async function start() {
  drawLegend();
  const pa = picker($('[data-testid=picker-a]'), (c) => { state.a = c; });
  const pb = picker($('[data-testid=picker-b]'), (c) => { state.b = c; });
  $('#controls').addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.a = pa.code(); state.b = pb.code();
    state.from = $('#from').value.trim(); state.to = $('#to').value.trim();
    state.undated = $('#undated').checked;
    state.month = ''; state.cursor = null;
    $('#month-filter').hidden = true;
    refresh();
  });
  $('#more').addEventListener('click', () => loadList(true).catch((e) => status(e.message, true)));
  $('#clear-month').addEventListener('click', () => pickMonth(''));

  // A link with #dyad=...&from=...&to=... opens that view; otherwise Iran–Russia from 2020 to
  // 2024 when the store has it, else its densest dyad.
  const h = new URLSearchParams(location.hash.slice(1));
  let d = h.get('dyad') || '';
  state.from = h.has('from') ? h.get('from') : '2020-01';
  state.to = h.has('to') ? h.get('to') : '2024-12';
  state.undated = h.get('undated') !== '0';
  state.month = h.get('month') || '';
  if (!d) {
    try {
      const r = await api('api/dyads?limit=50');
      const found = r.dyads.find((x) => x.dyad === 'IRN-RUS');
      d = found ? found.dyad : (r.dyads[0] ? r.dyads[0].dyad : '');
    } catch (e) { status(e.message, true); }
  }
  $('#from').value = state.from; $('#to').value = state.to; $('#undated').checked = state.undated;
  if (!d) { status('The store has no events between two countries yet.'); return; }
  [state.a, state.b] = d.split('-');
  // Show names in the pickers; the codes work without them.
  for (const [p, code] of [[pa, state.a], [pb, state.b]]) {
    p.set(code);
    api(`api/actors?${query({ q: code, limit: 1 })}`).then((r) => {
      if (r.actors[0] && r.actors[0].code === code) p.set(code, r.actors[0].name);
    }).catch(() => {});
  }
  if (state.month) { $('#month-filter').hidden = false; $('#month-label').textContent = `in ${state.month}`; }
  await refresh();
}

start();
