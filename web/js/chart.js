// The timeline: one column per month of the period, stacked bars of events by quad class, and below
// them the Goldstein sum per month on a signed axis (cooperation up, conflict down). Every month
// is labelled. Drawn by hand in SVG; clicking a month (or Enter on it) narrows the list to it.
import { $, QUADS, el, monthsBetween, svg } from './util.js';

export function drawLegend() {
  $('#legend').replaceChildren(...QUADS.map((q) => el('span', {}, el('i', { style: `background:${q.color}` }), q.label)),
    el('span', {}, el('i', { style: 'background:var(--coop)' }), el('i', { style: 'background:var(--conf)' }),
      'Goldstein sum per month (cooperation +, conflict −)'));
}

// The months to draw: the view's period, else the span of the dated events.
function monthsOf(tl, from, to) {
  const known = tl.periods.map((p) => p.period).filter((p) => /^\d{4}-\d{2}$/.test(p));
  const f = from ? from.slice(0, 7) : known[0];
  const t = to ? to.slice(0, 7) : known[known.length - 1];
  if (!f || !t) return [];
  return monthsBetween(f.length === 4 ? `${f}-01` : f, t.length === 4 ? `${t}-12` : t);
}

const fmt = (x) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '0');

export function drawChart(tl, view, onPickMonth) {
  const box = $('#chart');
  box.replaceChildren();
  const periods = new Map(tl.periods.map((p) => [p.period, p]));
  const months = monthsOf(tl, view.from, view.to);
  const inChart = months.reduce((n, m) => n + (periods.get(m)?.events || 0), 0);
  const note = [`${inChart} dated events in the chart`];
  if (tl.undated) note.push(`${tl.undated} without a date precise enough for a month (listed apart, not drawn)`);
  $('#chart-note').textContent = note.join('; ');
  if (!months.length) {
    box.append(el('p', { class: 'note', text: 'No dated events in this view.' }));
    return;
  }
  const left = 40, right = 8, top = 10, H1 = 140, gap = 16, H2 = 80, labels = 52;
  const step = Math.max(14, ((box.clientWidth || 900) - left - right) / months.length);
  const W = Math.ceil(left + right + step * months.length);
  const H = top + H1 + gap + H2 + labels;
  const bw = Math.max(1, Math.min(step * 0.75, 36));
  let maxCount = 1, maxAbs = 1;
  for (const m of months) {
    const p = periods.get(m);
    if (!p) continue;
    maxCount = Math.max(maxCount, p.events);
    maxAbs = Math.max(maxAbs, Math.abs(p.goldstein));
  }
  maxAbs = Math.ceil(maxAbs);
  const root = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'group',
    'aria-label': `Events per month, ${months[0]} to ${months[months.length - 1]}` });
  const base = top + H1;                    // the count axis
  const zero = top + H1 + gap + H2 / 2;     // Goldstein 0
  const gy = (g) => zero - (g / maxAbs) * (H2 / 2);
  root.append(svg('line', { class: 'axis', x1: left, x2: W - right, y1: base, y2: base }));
  root.append(svg('text', { x: left - 4, y: top + 8, 'text-anchor': 'end' }, String(maxCount)));
  root.append(svg('text', { x: left - 4, y: base, 'text-anchor': 'end' }, '0'));
  // The signed Goldstein axis: +max at the top, 0 in the middle, −max at the bottom.
  const gAxis = svg('g', { class: 'goldstein-axis' });
  for (const v of [maxAbs, 0, -maxAbs]) {
    gAxis.append(svg('line', { class: v === 0 ? 'axis zero' : 'axis faint', x1: left, x2: W - right, y1: gy(v), y2: gy(v) }));
    gAxis.append(svg('text', { x: left - 4, y: gy(v) + 3, 'text-anchor': 'end', class: 'tick' }, fmt(v)));
  }
  root.append(gAxis);
  months.forEach((m, i) => {
    const x0 = left + i * step;
    const x = x0 + (step - bw) / 2;
    const p = periods.get(m);
    const g = svg('g', { 'data-month': m });
    if (p) {
      let y = base;
      for (const q of QUADS) {
        const n = p.quad[q.key] || 0;
        if (!n) continue;
        const h = (n / maxCount) * H1;
        y -= h;
        g.append(svg('rect', { x, y, width: bw, height: h, fill: q.color, class: `bar q${q.n}` }));
      }
      const gh = Math.max((Math.abs(p.goldstein) / maxAbs) * (H2 / 2), 0.5);
      g.append(svg('rect', { x, y: p.goldstein >= 0 ? zero - gh : zero, width: bw, height: gh,
        class: `goldstein ${p.goldstein >= 0 ? 'coop' : 'conf'}`, 'data-value': p.goldstein }));
    }
    // Every month labelled, the year on Januaries and on the first month.
    const label = svg('text', { class: `month-label${m.endsWith('-01') || i === 0 ? ' year' : ''}`,
      transform: `translate(${x0 + step / 2 + 3},${H - labels + 4}) rotate(-90)`, 'text-anchor': 'end' },
    m.endsWith('-01') || i === 0 ? m : m.slice(5));
    // The whole column is the target, so empty and thin months are easy to hit.
    const hit = svg('rect', { x: x0, y: top, width: step, height: H1 + gap + H2,
      class: `month${view.month === m ? ' selected' : ''}`, 'data-month': m, tabindex: '-1' });
    hit.append(svg('title', {}, p
      ? `${m}: ${p.events} events (${QUADS.map((q) => `${p.quad[q.key]} ${q.label}`).join(', ')}); Goldstein sum ${p.goldstein.toFixed(1)}`
      : `${m}: no events`));
    hit.addEventListener('click', () => onPickMonth(view.month === m ? '' : m));
    root.append(g, label, hit);
  });
  box.append(root);
}

export function markMonth(month) {
  for (const r of document.querySelectorAll('#chart .month')) r.classList.toggle('selected', r.dataset.month === month);
}
