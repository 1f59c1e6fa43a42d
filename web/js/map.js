// A world map of the view's places, drawn offline: the world's geometry (world-atlas, Natural
// Earth 1:110m) and the projection code (d3-geo, topojson-client) are files the page serves from
// vendor/dist/, installed by scripts/setup from the npm registry; nothing is fetched from
// elsewhere. A point per place with coordinates, sized by its events; events without coordinates
// are counted, never drawn (and never at 0,0).
import { $, api, el, query, svg } from './util.js';

const VENDOR = ['vendor/dist/d3-array.min.js', 'vendor/dist/d3-geo.min.js', 'vendor/dist/topojson-client.min.js'];
let ready = null;

function script(src) {
  return new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = ok;
    s.onerror = () => fail(new Error(`${src} is missing: run scripts/setup to install the map's files`));
    document.head.append(s);
  });
}

// Loads the vendored code and the world once.
function load() {
  if (!ready) {
    ready = (async () => {
      for (const src of VENDOR) await script(src);
      const res = await fetch('vendor/dist/countries-110m.json');
      if (!res.ok) throw new Error('vendor/dist/countries-110m.json is missing: run scripts/setup');
      const world = await res.json();
      return { countries: window.topojson.feature(world, world.objects.countries),
        borders: window.topojson.mesh(world, world.objects.countries, (a, b) => a !== b) };
    })();
    ready.catch(() => { ready = null; });
  }
  return ready;
}

let seq = 0;

export async function drawMap(params) {
  const mine = ++seq;
  const box = $('#map');
  const [world, r] = await Promise.all([load().catch((e) => e), api(`api/places?${query(params)}`)]);
  if (mine !== seq) return;
  const placed = r.places.reduce((n, p) => n + p.events, 0);
  $('#map-note').textContent = `${placed} events at ${r.places.length} places` +
    (r.without_coordinates ? `; ${r.without_coordinates} without coordinates (not drawn)` : '');
  if (world instanceof Error) {
    box.replaceChildren(el('p', { class: 'note error', text: world.message }));
    return;
  }
  const d3 = window.d3;
  const W = 640, H = 330;
  const sphere = { type: 'Sphere' };
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], sphere);
  const path = d3.geoPath(projection);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Map: ${placed} events at ${r.places.length} places` });
  root.append(svg('path', { class: 'sphere', d: path(sphere) }));
  root.append(svg('path', { class: 'land', d: path(world.countries) }));
  root.append(svg('path', { class: 'borders', d: path(world.borders) }));
  const points = svg('g', { class: 'points' });
  const max = Math.max(1, ...r.places.map((p) => p.events));
  // Largest first, so that small places stay visible on top.
  for (const p of [...r.places].sort((a, b) => b.events - a.events)) {
    const xy = projection([p.lon, p.lat]);
    if (!xy || !Number.isFinite(xy[0]) || (p.lat === 0 && p.lon === 0)) continue;
    const c = svg('circle', { class: 'point', cx: xy[0].toFixed(1), cy: xy[1].toFixed(1),
      r: (3 + 9 * Math.sqrt(p.events / max)).toFixed(1), 'data-lat': p.lat, 'data-lon': p.lon, 'data-events': p.events });
    c.append(svg('title', {}, `${p.names.join(' · ')}${p.country ? ` (${p.country})` : ''}: ${p.events} events`));
    points.append(c);
  }
  root.append(points);
  box.replaceChildren(root);
}
