// Actor pickers: countries, organizations and people, searched through /api/actors as you type,
// in Arabic, Persian or English. A code typed by hand (RUS) works too; other text not picked from
// the list is looked up on submit (the best match counts).
import { api, el, query } from './util.js';

const isPersonId = (s) => /^[a-z0-9_]+$/.test(s);

// Names of the actors and people the pickers have shown, by code, for titles.
export const names = new Map();

function roleText(a) {
  if (!a.role) return '';
  return `${a.role.role.replace(/_/g, ' ')}, ${a.role.actor}`;
}

export function picker(root) {
  const input = root.querySelector('input');
  const list = root.querySelector('.suggestions');
  let timer = null, items = [], active = -1, seq = 0;

  function close() { list.hidden = true; active = -1; input.setAttribute('aria-expanded', 'false'); }
  function set(code, name, kind) {
    if (code && name) names.set(code, name);
    input.value = code ? (name ? `${name} (${code})` : code) : '';
    if (code) { input.dataset.code = code; input.dataset.kind = kind || (isPersonId(code) ? 'person' : 'actor'); }
    else { delete input.dataset.code; delete input.dataset.kind; }
  }
  function choose(a) {
    set(a.code, a.name, a.category === 'person' ? 'person' : 'actor');
    close();
  }
  function render() {
    list.replaceChildren();
    items.forEach((a, i) => {
      const names = [...a.names.ar.slice(0, 1), ...a.names.fa.slice(0, 1)].join(' · ');
      const extra = [names, a.category === 'person' ? roleText(a) : '', a.events ? `${a.events} events` : ''].filter(Boolean).join(' · ');
      const li = el('li', { role: 'option', id: `${input.id}-opt-${i}`, 'data-code': a.code, 'data-kind': a.category,
        class: i === active ? 'active' : '', 'aria-selected': i === active ? 'true' : 'false' },
        el('span', { text: a.name }), el('span', { class: 'code', text: a.category === 'person' ? 'person' : a.code }),
        el('span', { class: 'names', dir: 'auto', text: extra }));
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(a); });
      list.append(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${input.id}-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
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
    } catch { /* the page's status line reports failures of the view itself */ }
  }
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.addEventListener('input', () => {
    delete input.dataset.code; delete input.dataset.kind;
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
    set,
    // Shows the name of `code` (an actor code or a person id) in the field.
    async show(code) {
      set(code);
      if (!code) return;
      try {
        const r = await api(`api/actors?${query({ q: code, limit: 1 })}`);
        const a = r.actors[0];
        if (a && a.code === code && input.dataset.code === code) set(code, a.name, a.category === 'person' ? 'person' : 'actor');
      } catch { /* the code alone works */ }
    },
    // What the field names: {code, kind} (kind 'actor' or 'person'), or null when empty.
    async value() {
      if (input.dataset.code) return { code: input.dataset.code, kind: input.dataset.kind };
      const v = input.value.trim();
      if (!v) return null;
      if (/^[A-Za-z0-9]{3,}$/.test(v) && v.length % 3 === 0 && v === v.toUpperCase()) return { code: v, kind: 'actor' };
      const r = await api(`api/actors?${query({ q: v, limit: 1 })}`);
      if (!r.actors.length) throw new Error(`no actor or person is called '${v}'`);
      choose(r.actors[0]);
      return { code: r.actors[0].code, kind: r.actors[0].category === 'person' ? 'person' : 'actor' };
    },
  };
}

// The filters two picked actors ask for: a dyad of two actors, one actor or person on its own, or
// a person together with an actor (either side).
export function actorsToFilters(a, b) {
  const out = { dyad: '', actor: '', person: '' };
  const [first, second] = a ? [a, b] : [b, null];
  if (!first) return out;
  if (!second) { out[first.kind === 'person' ? 'person' : 'actor'] = first.code; return out; }
  if (first.kind === 'actor' && second.kind === 'actor') { out.dyad = `${first.code}-${second.code}`; return out; }
  const person = first.kind === 'person' ? first : second;
  const other = person === first ? second : first;
  out.person = person.code;
  if (other.kind === 'actor') out.actor = other.code;  // two people: the second is left out
  return out;
}

// The codes the two pickers show for a view's filters.
export function filtersToActors(v) {
  if (v.dyad) return v.dyad.split('-');
  if (v.person) return [v.person, v.actor];
  return [v.actor, ''];
}
