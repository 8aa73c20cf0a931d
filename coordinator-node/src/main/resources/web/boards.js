// Boards (admins): reactor boards asking to join the fleet. A pending board shows its id, the
// address it reported, its hardware and its key's fingerprint (compare it with the board's log)
// until an admin approves or refuses it with a reason; an approved board can be removed (its
// certificate revoked); one-time enrolment tokens let a board in at once (shown once).
import { get, post, del } from './api.js';
import { el, show, notice, changes, ago } from './dom.js';

export async function renderBoards() {
  const message = el('div', { id: 'boards-message' });
  const pendingRows = el('tbody');
  const decidedRows = el('tbody');
  const tokenRows = el('tbody');
  const { act, ask } = changes(message, () => load());

  const decide = (e, verb) => {
    const reason = ask(`${verb === 'approve' ? 'approving' : 'refusing'} board ${e.reactorId}`);
    if (reason) {
      act(() => post(`/api/enrolments/${encodeURIComponent(e.reactorId)}/${verb}`, { fingerprint: e.fingerprint, reason }),
        verb === 'approve' ? `Board ${e.reactorId} approved: it joins the fleet at ${e.address} within seconds.` : `Board ${e.reactorId} refused.`);
    }
  };

  async function load() {
    const [enrolments, tokens] = await Promise.all([get('/api/enrolments'), get('/api/enrolment-tokens')]);
    const pending = enrolments.filter((e) => e.state === 'pending');
    pendingRows.replaceChildren(...(pending.length ? pending.map((e) =>
      el('tr', { dataset: { board: e.reactorId } },
        el('td', {}, e.reactorId), el('td', {}, e.address), el('td', {}, e.hardware || ''),
        el('td', {}, el('code.fingerprint', { title: e.fingerprint }, e.fingerprint.slice(0, 16), '…')),
        el('td', {}, ago(e.requestedAt), ' from ', e.requestedFrom || '?'),
        el('td.actions', {},
          el('button.small', { type: 'button', 'aria-label': `approve board ${e.reactorId}`, onclick: () => decide(e, 'approve') }, 'Approve'),
          el('button.small.secondary', { type: 'button', 'aria-label': `refuse board ${e.reactorId}`, onclick: () => decide(e, 'refuse') }, 'Refuse'))))
      : [el('tr', {}, el('td', { colspan: 6 }, 'No board is waiting.'))]));
    const remove = (e) => {
      const reason = ask(`removing board ${e.reactorId} from the fleet (its certificate is revoked)`);
      if (reason) act(() => del(`/api/enrolments/${encodeURIComponent(e.reactorId)}?reason=${encodeURIComponent(reason)}`), `Board ${e.reactorId} removed; its certificate is revoked.`);
    };
    decidedRows.replaceChildren(...enrolments.filter((e) => e.state !== 'pending').map((e) =>
      el('tr', {}, el('td', {}, e.reactorId), el('td', {}, e.state), el('td', {}, e.address),
        el('td', {}, e.decidedBy || ''), el('td', {}, e.reason || ''), el('td', {}, ago(e.decidedAt)),
        el('td', {}, e.state === 'approved'
          ? el('button.small.secondary', { type: 'button', 'aria-label': `remove board ${e.reactorId}`, onclick: () => remove(e) }, 'Remove')
          : ''))));
    tokenRows.replaceChildren(...tokens.map((t) =>
      el('tr', {}, el('td', {}, t.description || ''), el('td', {}, t.createdBy), el('td', {}, new Date(t.expiresAt).toLocaleString()),
        el('td', {}, t.usedBy ? `used by ${t.usedBy}` : new Date(t.expiresAt) < new Date() ? 'expired' : 'unused'))));
  }

  const tokenShown = el('div', { id: 'enrolment-token-shown' });
  const newToken = el('form', {
    id: 'new-enrolment-token',
    onsubmit: async (event) => {
      event.preventDefault();
      const f = event.target.elements;
      try {
        const made = await post('/api/enrolment-tokens', { description: f['enrol-description'].value, lifetime: f['enrol-lifetime'].value });
        tokenShown.replaceChildren(el('p', {}, 'The token (shown once; give it to one board as FRMS_ENROL_TOKEN): ', el('code', {}, made.token)));
        await load();
      } catch (e) {
        notice(message, e.message, true);
      }
    },
  },
  el('div.grid', {},
    el('label', { for: 'enrol-description' }, 'Which board it is for', el('input', { id: 'enrol-description', required: true })),
    el('label', { for: 'enrol-lifetime' }, 'Valid for', el('input', { id: 'enrol-lifetime', value: '1d', required: true }))),
  el('button', { type: 'submit' }, 'Make an enrolment token'), tokenShown);

  const table = (id, heads, rows) => el('div.overflow-auto', {}, el('table', { id }, el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, h)))), rows));
  show(
    el('h2', {}, 'Boards asking to join'),
    el('p', {}, 'Compare each fingerprint with the one the board logs before approving it.'),
    message,
    table('pending-boards', ['reactor', 'link address', 'hardware', 'key fingerprint', 'asked', ''], pendingRows),
    el('h3', {}, 'Decided'),
    table('decided-boards', ['reactor', 'state', 'address', 'by', 'why', 'when', ''], decidedRows),
    el('h2', {}, 'Enrolment tokens'),
    table('enrolment-tokens', ['for', 'made by', 'expires', 'state'], tokenRows),
    el('article', {}, el('h3', {}, 'New token'), newToken),
  );
  await load().catch((e) => notice(message, e.message, true));
  const poll = setInterval(() => load().catch(() => {}), 5000);
  return () => clearInterval(poll);
}
