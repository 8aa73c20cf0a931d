// Alarms: the open ones (or one reactor's latest, open or ended), filtered by reactor and severity;
// operators acknowledge with a comment, which goes into the audit trail with their name.
import { get, post, may } from './api.js';
import { el, show, notice, ago } from './dom.js';
import { openAlarms, refreshAlarms } from './alarmwatch.js';

const SEVERITIES = ['critical', 'major', 'minor', 'warning'];
const STATUS = {
  ACTIVE_UNACKED: 'active, not acknowledged',
  ACTIVE_ACKED: 'active, acknowledged',
  CLEARED_UNACKED: 'cleared, not acknowledged',
  CLEARED_ACKED: 'ended',
};

export async function renderAlarms() {
  const operator = may('operator');
  const message = el('div', { id: 'alarms-message' });
  const reactor = el('select', { id: 'alarms-reactor' }, el('option', { value: '' }, 'all reactors (open alarms)'));
  const severity = el('select', { id: 'alarms-severity' }, el('option', { value: '' }, 'any severity'), SEVERITIES.map((s) => el('option', { value: s }, s)));
  const rows = el('tbody');
  const rules = el('ul', { id: 'alarm-rules' });
  let shown = openAlarms();

  get('/api/reactors')
    .then((fleet) => reactor.append(...fleet.reactors.map((r) => el('option', { value: r.id }, `${r.id} (latest, open or ended)`))))
    .catch(() => {});
  get('/api/alarms/rules')
    .then((all) => rules.replaceChildren(...(all.length ? all.map((r) => el('li', {}, el('strong', {}, r.id), ` (${r.severity}${r.group ? `, group ${r.group}` : ''}): ${r.describe}`)) : [el('li', {}, 'No rules: see conf/alarms.conf.')])))
    .catch(() => {});

  async function load() {
    shown = reactor.value ? await get(`/api/alarms?reactor=${encodeURIComponent(reactor.value)}`) : openAlarms();
    draw();
  }

  function draw() {
    const list = shown.filter((a) => !severity.value || a.severity === severity.value);
    rows.replaceChildren(
      ...list.map((a) =>
        el(
          'tr',
          { dataset: { alarm: a.id, status: a.status } },
          el('td', {}, el('span', { class: `badge sev-${a.severity}` }, a.severity)),
          el('td', {}, el('a', { href: `#/reactors/${encodeURIComponent(a.reactorId)}` }, a.reactorId), el('br'), el('small', {}, a.id)),
          el('td', {}, a.detail),
          el('td', {}, STATUS[a.status] || a.status),
          el('td', {}, `${new Date(a.raisedAt).toLocaleString()} at ${a.raisedValue}`, el('br'), el('small', {}, ago(a.raisedAt))),
          el('td', {}, a.clearedAt ? `${new Date(a.clearedAt).toLocaleString()} at ${a.clearedValue}` : '–'),
          el('td', {}, a.ackedBy ? `${a.ackedBy}: ${a.ackComment}` : operator && !a.status.endsWith('_ACKED') ? ackButton(a) : '–'),
        ),
      ),
    );
    if (!list.length) rows.replaceChildren(el('tr', {}, el('td', { colspan: 7 }, reactor.value ? 'No alarms of this reactor.' : 'No open alarms.')));
  }

  function ackButton(a) {
    return el('button.small', {
      type: 'button',
      'aria-label': `acknowledge ${a.id}`,
      onclick: async () => {
        const comment = window.prompt(`Acknowledge ${a.id} (${a.detail}). Comment for the audit trail:`);
        if (!comment || !comment.trim()) return;
        try {
          await post(`/api/alarms/${encodeURIComponent(a.id)}/ack`, { comment: comment.trim() });
          notice(message, `${a.id} acknowledged.`);
          refreshAlarms();
          if (reactor.value) await load();
        } catch (e) {
          notice(message, e.message, true);
        }
      },
    }, 'Acknowledge');
  }

  const onAlarms = () => {
    if (!reactor.value) {
      shown = openAlarms();
      draw();
    }
  };
  window.addEventListener('frms:alarms', onAlarms);
  reactor.addEventListener('change', () => load().catch((e) => notice(message, e.message, true)));
  severity.addEventListener('change', draw);

  show(
    el('h2', {}, 'Alarms'),
    el('div.tools', {}, el('label', { for: 'alarms-reactor' }, 'Reactor', reactor), el('label', { for: 'alarms-severity' }, 'Severity', severity)),
    message,
    el('div.overflow-auto', {}, el('table', { id: 'alarms' }, el('thead', {}, el('tr', {}, ['severity', 'reactor', 'rule', 'state', 'raised', 'cleared', 'acknowledged'].map((h) => el('th', { scope: 'col' }, h)))), rows)),
    el('details', {}, el('summary', {}, 'Rules'), rules),
  );
  refreshAlarms();
  draw();
  return () => window.removeEventListener('frms:alarms', onAlarms);
}
