// The view: everything the page shows, kept in the URL's hash with the API's own parameter names
// (#dyad=IRN-RUS&type=CONSULT&from=2020-01&to=2024-12&month=2021-03&event=12), so that a view can
// be bookmarked, shared, reloaded, and walked with the browser's back and forward buttons.

// The filters, in the order they are written: the parameters of /api/events.
export const FILTERS = ['dyad', 'actor', 'person', 'side', 'type', 'cameo', 'lang', 'text', 'from', 'to', 'ranged'];

export function emptyView() {
  const v = Object.fromEntries(FILTERS.map((k) => [k, '']));
  v.undated = true;  // show the undated events (in a section of their own)
  v.month = '';      // a month picked in the chart narrows the list
  v.event = '';      // the event whose evidence is shown
  return v;
}

export function fromHash(hash) {
  const h = new URLSearchParams(hash.replace(/^#/, ''));
  const v = emptyView();
  for (const k of FILTERS) v[k] = (h.get(k) || '').trim();
  v.undated = h.get('undated') !== '0';
  v.month = h.get('month') || '';
  v.event = h.get('event') || '';
  return v;
}

export function toHash(v) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (v[k]) q.set(k, v[k]);
  if (!v.undated) q.set('undated', '0');
  if (v.month) q.set('month', v.month);
  if (v.event) q.set('event', v.event);
  return q.toString();
}

// The API parameters of the view's filters; `except` leaves some out (the network drops the dyad).
export function filters(v, except = []) {
  const out = {};
  for (const k of FILTERS) if (v[k] && !except.includes(k)) out[k] = v[k];
  return out;
}

// Identity of what a part of the page depends on, to redraw only what changed.
export const filtersKey = (v) => `${new URLSearchParams(filters(v))}|${v.undated}`;
export const listKey = (v) => `${filtersKey(v)}|${v.month}`;

// The dated events of the view (the list and the chart), narrowed to the picked month.
export function datedParams(v) {
  const p = filters(v);
  if (v.month) { p.from = v.month; p.to = v.month; }
  p.undated = 0;
  return p;
}

// With a period, `ranged` (overlap or within) holds the undated events to it by the date range the
// coder inferred for them; without, the period leaves them all apart.
const ranged = (v) => Boolean(v.ranged && (v.from || v.to));

// The events of the view without a date: whatever the period, or with `ranged` those whose
// inferred range meets it.
export function undatedParams(v) {
  const p = filters(v, ranged(v) ? [] : ['from', 'to', 'ranged']);
  p.undated = 'only';
  return p;
}

// What the page shows as a whole: the dated events of the period (of the picked month with
// `month`) and, when shown, the undated ones. Downloads take the month, the map and the network
// the whole period; the network leaves the dyad out (`except`), to show its neighbours.
export function wholeParams(v, { month = false, except = [] } = {}) {
  const p = filters(v, except);
  if (month && v.month) { p.from = v.month; p.to = v.month; }
  // The undated events shown: all of them (undated=1), or with `ranged` those the period keeps.
  p.undated = v.undated ? (p.from || p.to ? (ranged(v) ? '' : 1) : '') : 0;
  return p;
}

// A title for the view: "IRN–RUS, CONSULT, 2020-01 to 2024-12".
export function describe(v, names = new Map()) {
  const name = (code) => names.get(code) || code;
  const who = v.dyad ? v.dyad.replace('-', '–') : [v.person, v.actor].filter(Boolean).map(name).join(' with ') || 'all actors';
  const side = v.side === 'source' ? ' (as source)' : v.side === 'target' ? ' (as target)' : '';
  const parts = [who + side];
  if (v.type) parts.push(v.type);
  if (v.cameo) parts.push(`CAMEO ${v.cameo}`);
  if (v.lang) parts.push(`reported in ${v.lang}`);
  if (v.text) parts.push(`“${v.text}”`);
  if (v.from || v.to) parts.push(`${v.from || '…'} to ${v.to || '…'}${ranged(v) ? ` (undated: inferred ${v.ranged === 'within' ? 'within' : 'overlapping'})` : ''}`);
  return parts.join(', ');
}
