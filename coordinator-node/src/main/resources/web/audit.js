// The audit trail: filter by reactor, user and time, page back through it, verify its hash chain
// and export what the filter selects as CSV.
import { get } from './api.js';
import { el, show, notice } from './dom.js';

export function renderAudit() {
  const field = (id, label, type = 'text') => el('label', { for: id }, label, el('input', { id, name: id, type }));
  const rows = el('tbody');
  const verdict = el('div', { id: 'audit-verdict' });
  const more = el('button.secondary', { type: 'button', hidden: true }, 'Older events');
  const exportLink = el('a', { id: 'audit-export', role: 'button', class: 'secondary outline' }, 'Export CSV');
  let next = null;

  function query(extra = {}) {
    const form = document.getElementById('audit-filter');
    const params = new URLSearchParams();
    for (const name of ['reactor', 'user']) if (form.elements[name].value.trim()) params.set(name, form.elements[name].value.trim());
    for (const name of ['from', 'to']) if (form.elements[name].value) params.set(name, new Date(form.elements[name].value).toISOString());
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return params.toString();
  }

  async function load(append) {
    try {
      const page = await get(`/api/audit?${query(append && next ? { before: next } : {})}`);
      const made = page.events.map((e) =>
        el('tr', { dataset: { action: e.action } },
          el('td', {}, e.seq), el('td', {}, new Date(e.at).toLocaleString()), el('td', {}, e.actor), el('td', {}, e.action), el('td', {}, e.target),
          el('td', {}, [e.oldValue, e.newValue].filter((v) => v).join(' → ')), el('td', {}, e.reason || ''), el('td', {}, el('small', {}, e.origin || ''))));
      if (append) rows.append(...made);
      else rows.replaceChildren(...made);
      if (!rows.children.length) rows.replaceChildren(el('tr', {}, el('td', { colspan: 8 }, 'No events match.')));
      next = page.next;
      more.hidden = next === null || next === undefined;
      exportLink.href = `/api/audit?${query({ format: 'csv' })}`;
      exportLink.setAttribute('download', 'audit.csv');
    } catch (e) {
      notice(verdict, e.message, true);
    }
  }
  more.addEventListener('click', () => load(true));

  const filter = el(
    'form',
    { id: 'audit-filter', onsubmit: (event) => { event.preventDefault(); load(false); } },
    el('div.grid', {}, field('reactor', 'Reactor'), field('user', 'User'), field('from', 'From', 'datetime-local'), field('to', 'To', 'datetime-local')),
    el('div.tools', {},
      el('button', { type: 'submit' }, 'Show'),
      el('button.secondary', {
        type: 'button',
        id: 'audit-verify',
        onclick: async () => {
          notice(verdict, 'Checking every event of the chain…');
          try {
            const v = await get('/api/audit/verify');
            notice(verdict, v.intact ? `The chain is intact: ${v.checked} events checked.` : `The chain is broken at event ${v.brokenAt}: ${v.problem}`, !v.intact);
          } catch (e) {
            notice(verdict, e.message, true);
          }
        },
      }, 'Verify the chain'),
      exportLink),
  );
  show(
    el('h2', {}, 'Audit trail'),
    el('p', {}, el('small', {}, 'Every change by a person or token, newest first. Each event carries the hash of the one before it, so an edit anywhere breaks the chain.')),
    filter,
    verdict,
    el('div.overflow-auto', {}, el('table', { id: 'audit' },
      el('thead', {}, el('tr', {}, ['#', 'when', 'who', 'action', 'target', 'change', 'reason', 'from'].map((h) => el('th', { scope: 'col' }, h)))), rows)),
    more,
  );
  load(false);
  return null;
}
