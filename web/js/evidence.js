// The evidence of one event: a card per reporting sentence (the two directions of a symmetric event
// are one sentence) with document, language, outlet, date and why it joined the event; the sentence
// right-to-left for Arabic and Persian, with source, trigger and target highlighted from the API's
// UTF-8 byte spans.
import { $, LANGS, api, el } from './util.js';
import { actorLabel, dateText, rangeText } from './list.js';

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

function card(ms) {
  const m = ms[0];
  const sentence = el('p', { class: 'sentence', dir: m.dir || 'auto', lang: m.lang });
  sentence.append(...highlighted(m.text, m.sentence_span[0],
    [['source', m.source_span], ['target', m.target_span], ['trigger', m.trigger_span]]));
  const meta = [m.doc, `sentence ${m.sentence + 1}`, m.lang, m.outlet, m.date || rangeText(m.date_range) || 'undated',
    `${m.source_code} → ${m.target_code || '—'}`, m.join_reason].filter(Boolean).join(' · ');
  const link = m.url ? el('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank', text: 'source' }) : null;
  return el('article', { class: 'mention', 'data-doc': m.doc, 'data-lang': m.lang },
    el('div', { class: 'meta' }, meta, link ? ' · ' : null, link), sentence);
}

// "Reported in Arabic (2 sentences) and Persian (1)": the languages of the merged reports.
function languagesLine(groups) {
  const per = new Map();
  for (const ms of groups) per.set(ms[0].lang, (per.get(ms[0].lang) || 0) + 1);
  const parts = [...per].map(([l, n]) => `${LANGS[l] || l} (${n})`);
  const line = el('p', { class: 'languages', 'data-langs': [...per.keys()].join(',') },
    per.size > 1 ? 'The same event in other languages: ' : 'Reported in ', parts.join(', '));
  return line;
}

let seq = 0;

export function clearEvidence() {
  ++seq;
  const detail = $('#detail');
  detail.hidden = true;
  delete detail.dataset.event;
  $('#mentions').replaceChildren();
  $('#detail-title').textContent = '';
  $('#detail-meta').textContent = '';
  $('#detail-langs').replaceChildren();
}

// Shows event `id`; a later call (or clearEvidence) wins over a slower earlier one.
export async function showEvidence(id) {
  const mine = ++seq;
  const e = await api(`api/events/${id}`);
  if (mine !== seq) return;
  const detail = $('#detail');
  detail.hidden = false;
  detail.dataset.event = String(e.id);
  $('#detail-title').textContent = `${e.plover || 'CAMEO'} ${e.cameo}: ${actorLabel(e.source)} ${e.symmetric ? '⇄' : '→'} ${actorLabel(e.target)}`;
  $('#detail-meta').textContent = [e.date ? `${e.date} (${e.date_precision})` : dateText(e),
    `Goldstein ${e.goldstein}`, `${e.num_articles} articles, ${e.num_mentions} mentions, ${e.num_sources} sources`,
    e.location ? `at ${e.location.name}` : null, `event ${e.id}`].filter(Boolean).join(' · ');
  const groups = new Map();
  for (const m of e.mentions) {
    const k = `${m.doc}\u0000${m.sentence}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(m);
  }
  $('#detail-langs').replaceChildren(languagesLine([...groups.values()]));
  $('#mentions').replaceChildren(...[...groups.values()].map(card));
}
