// The event lists: the dated events of the view, and apart from them the events without a date
// (with the range their date was inferred in, when the coder inferred one). Rows are focusable;
// Enter or a click selects an event.
import { $, LANGS, QUADS, activate, api, el, query } from './util.js';

export function actorLabel(a) {
  if (!a || !a.code) return '—';
  const who = a.person_name || a.name;
  return who ? `${a.code} (${who})` : a.code;
}

// How an undated event's inferred range reads, from the API's `date_range` ([first, last], last
// null when open): "undated, inferred 2013-08-03..2021-08-03". Events carry `date_label` as well,
// which says it more briefly ("undated, inferred 2013–2021"); mentions carry only the range.
export function rangeText(r) {
  if (!Array.isArray(r) || !r[0]) return '';
  return `undated, inferred ${r[0]}..${r[1] || 'open'}`;
}

// The date column: the event's date, else the API's label ("undated, inferred 2013–2021" for an
// event known only by an inferred range, "undated" otherwise).
export function dateText(e) {
  if (e.date) return e.date;
  return e.date_label || rangeText(e.date_range) || 'undated';
}

// The languages of an event's reports; a mark when reports in several languages were merged.
function languagesCell(e) {
  const td = el('td', { class: 'langs' });
  for (const l of e.languages) td.append(el('span', { class: 'lang', lang: 'en', title: LANGS[l] || l, text: l }));
  if (e.languages.length > 1) {
    td.append(el('span', { class: 'multi', title: `the same event reported in ${e.languages.map((l) => LANGS[l] || l).join(' and ')}`,
      text: `⇄ ${e.languages.length}` }));
  }
  return td;
}

function row(e, selected, onSelect) {
  const quad = QUADS.find((q) => q.n === e.quad_class);
  const tr = el('tr', { 'data-id': String(e.id), tabindex: '0', 'aria-selected': selected ? 'true' : 'false',
    class: selected ? 'selected' : null },
  el('td', { class: 'date', text: dateText(e) }),
  el('td', { class: 'actor', text: actorLabel(e.source) }),
  el('td', { class: 'type', title: `CAMEO ${e.cameo}` },
    el('span', { class: 'quad', style: `background:${quad ? quad.color : '#ccc'}` }),
    `${e.plover || 'CAMEO'} ${e.cameo}${e.symmetric ? ' ⇄' : ''}`),
  el('td', { class: 'actor', text: actorLabel(e.target) }),
  languagesCell(e),
  el('td', { class: 'reports', title: `${e.num_articles} articles, ${e.num_mentions} mentions, ${e.num_sources} sources`,
    text: `${e.num_articles} / ${e.num_mentions}` }));
  activate(tr, () => onSelect(e.id));
  return tr;
}

// One list (a table and its "more" button) following /api/events pages.
export class EventList {
  constructor(table, more, note, emptyText) {
    Object.assign(this, { table, more, note, emptyText, cursor: null, params: null, seq: 0, ids: new Set() });
    more.addEventListener('click', () => this.load(true).catch(() => {}));
  }

  async load(append, params = this.params, selected = '', onSelect = this.onSelect) {
    const mine = append ? this.seq : ++this.seq;
    this.params = params;
    this.onSelect = onSelect;
    this.selected = selected;
    const p = { ...params, limit: 100 };
    if (append && this.cursor) p.cursor = this.cursor;
    const r = await api(`api/events?${query(p)}`);
    if (mine !== this.seq) return false;  // a newer view replaced this one
    const body = this.table.tBodies[0];
    if (!append) { body.replaceChildren(); this.ids.clear(); }
    for (const e of r.events) {
      body.append(row(e, String(e.id) === String(this.selected), this.onSelect));
      this.ids.add(String(e.id));
    }
    this.cursor = r.next_cursor;
    this.more.hidden = !this.cursor;
    // What the list shows, for people reading the DOM (and the browser test).
    this.table.dataset.view = query(params);
    const n = body.children.length;
    this.note.textContent = n ? `${n}${this.cursor ? '+' : ''} events` : this.emptyText;
    return true;
  }

  clear() {
    ++this.seq;
    this.table.tBodies[0].replaceChildren();
    this.ids.clear();
    this.more.hidden = true;
    this.note.textContent = '';
    delete this.table.dataset.view;
  }

  mark(id) {
    this.selected = id;
    for (const tr of this.table.tBodies[0].rows) {
      const on = tr.dataset.id === String(id);
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', on ? 'true' : 'false');
    }
  }
}

export function downloadLinks(params) {
  for (const [id, format] of [['#download-csv', 'csv'], ['#download-jsonl', 'jsonl']]) {
    const a = $(id);
    a.href = `api/events?${query({ ...params, format })}`;
    a.setAttribute('download', `rasad-events.${format}`);
  }
}
