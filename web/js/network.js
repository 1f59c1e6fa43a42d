// The actor network of the view's period: the busiest country pairs (from /api/dyads with the
// view's filters, the dyad left out) as a small SVG graph, nodes on a circle, edge width by the
// number of events. Clicking an edge (or Enter on it) shows that dyad.
import { $, activate, api, el, query, svg } from './util.js';

let seq = 0;

export async function drawNetwork(params, currentDyad, onPick) {
  const mine = ++seq;
  const r = await api(`api/dyads?${query({ ...params, limit: 12 })}`);
  if (mine !== seq) return;
  const box = $('#network');
  if (!r.dyads.length) {
    box.replaceChildren(el('p', { class: 'note', text: 'No events between two countries in this view.' }));
    $('#network-note').textContent = '';
    return;
  }
  // Nodes by their total events, busiest first, around a circle.
  const weight = new Map();
  for (const d of r.dyads) for (const c of d.dyad.split('-')) weight.set(c, (weight.get(c) || 0) + d.events);
  const nodes = [...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a) || a.localeCompare(b));
  const W = 420, H = 330, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 42;
  const at = new Map(nodes.map((c, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    return [c, [cx + R * Math.cos(a), cy + R * Math.sin(a)]];
  }));
  const max = Math.max(...r.dyads.map((d) => d.events));
  const same = (a, b) => a && b && a.split('-').sort().join('-') === b.split('-').sort().join('-');
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': 'Actor network: the busiest country pairs' });
  const edges = svg('g', { class: 'edges' });
  for (const d of r.dyads) {
    const [a, b] = d.dyad.split('-');
    const [x1, y1] = at.get(a), [x2, y2] = at.get(b);
    const g = svg('g', { class: `edge${same(d.dyad, currentDyad) ? ' current' : ''}`, 'data-dyad': d.dyad,
      'data-events': d.events, tabindex: '0', role: 'button',
      'aria-label': `${r.names[a] || a} and ${r.names[b] || b}: ${d.events} events; show this dyad` });
    g.append(svg('title', {}, `${r.names[a] || a} → ${r.names[b] || b}: ${d.a_to_b}; ${r.names[b] || b} → ${r.names[a] || a}: ${d.b_to_a}`));
    g.append(svg('line', { class: 'hit', x1, y1, x2, y2 }));
    g.append(svg('line', { class: 'line', x1, y1, x2, y2, 'stroke-width': (1.5 + 6 * (d.events / max)).toFixed(1) }));
    g.append(svg('text', { class: 'count', x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 3, 'text-anchor': 'middle' }, String(d.events)));
    activate(g, () => onPick(d.dyad));
    edges.append(g);
  }
  const dots = svg('g', { class: 'nodes' });
  for (const c of nodes) {
    const [x, y] = at.get(c);
    const g = svg('g', { class: 'node', 'data-code': c });
    g.append(svg('circle', { cx: x, cy: y, r: (5 + 8 * Math.sqrt(weight.get(c) / (2 * max))).toFixed(1) }));
    const below = y > cy;
    g.append(svg('text', { x, y: below ? y + 22 : y - 14, 'text-anchor': 'middle' }, c));
    g.append(svg('title', {}, `${r.names[c] || c}: ${weight.get(c)} events in these pairs`));
    dots.append(g);
  }
  root.append(edges, dots);
  box.replaceChildren(root);
  $('#network-note').textContent = `${r.dyads.length} busiest pairs, ${nodes.length} countries; click a line to show that dyad`;
}
