// Small DOM and API helpers shared by the page's modules.

export const SVG = 'http://www.w3.org/2000/svg';
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export const QUADS = [
  { key: 'verbal_cooperation', label: 'verbal cooperation', color: 'var(--q1)', n: 1 },
  { key: 'material_cooperation', label: 'material cooperation', color: 'var(--q2)', n: 2 },
  { key: 'verbal_conflict', label: 'verbal conflict', color: 'var(--q3)', n: 3 },
  { key: 'material_conflict', label: 'material conflict', color: 'var(--q4)', n: 4 },
];

export const LANGS = { ar: 'Arabic', fa: 'Persian', en: 'English' };

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

export function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

export async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body.error && body.error.message) || `${res.status} ${res.statusText}`);
  return body;
}

export function status(text, isError = false) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

// A query string of the non-empty values, in the order given.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null && v !== false) q.set(k, v);
  return q.toString();
}

// "2020-01" .. "2024-12" inclusive.
export function monthsBetween(from, to) {
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

// Makes `node` act as a button for the keyboard as well (Enter and Space).
export function activate(node, handler) {
  node.addEventListener('click', handler);
  node.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); handler(ev); }
  });
}
