// Users (admins): who may use FRMS with which role and scope (the whole fleet or one group's
// reactors); create, change role and scope, disable, reset a password;
// and API tokens: make one for yourself (shown once), revoke anyone's.
import { get, post, patch, put, del } from './api.js';
import { el, show, notice, changes } from './dom.js';

const ROLES = ['viewer', 'operator', 'admin'];

export async function renderUsers() {
  const message = el('div', { id: 'users-message' });
  const userRows = el('tbody');
  const tokenRows = el('tbody');
  const { act, ask } = changes(message, () => load());

  async function load() {
    const [users, tokens, groups] = await Promise.all([get('/api/users'), get('/api/tokens'), get('/api/groups')]);
    const scopes = [['', 'whole fleet'], ...groups.map((g) => [g.id, g.name])];
    scopeChoice.replaceChildren(...scopes.map(([id, name]) => el('option', { value: id }, name)));
    userRows.replaceChildren(...(users.users || users).map((u) => {
      const role = el('select', { 'aria-label': `role of ${u.name}` }, ROLES.map((r) => el('option', { value: r, selected: u.roles.includes(r) }, r)));
      const scope = el('select', { 'aria-label': `scope of ${u.name}` }, scopes.map(([id, name]) => el('option', { value: id, selected: (u.scope || '') === id }, name)));
      const path = `/api/users/${encodeURIComponent(u.name)}`;
      return el('tr', { dataset: { user: u.name } },
        el('td', {}, u.name), el('td', {}, u.displayName), el('td', {}, role), el('td', {}, scope), el('td', {}, u.enabled ? 'enabled' : 'disabled'),
        el('td.actions', {},
          el('button.small', { type: 'button', 'aria-label': `save the role and scope of ${u.name}`, onclick: () => { const reason = ask(`${u.name}'s role and scope`); if (reason) act(() => patch(path, { roles: [role.value], scope: scope.value, reason }), `${u.name} is now ${role.value} of ${scope.selectedOptions[0].textContent}.`); } }, 'Save'),
          el('button.small.secondary', { type: 'button', 'aria-label': `${u.enabled ? 'disable' : 'enable'} ${u.name}`, onclick: () => { const reason = ask(`${u.enabled ? 'disabling' : 'enabling'} ${u.name}`); if (reason) act(() => patch(path, { enabled: !u.enabled, reason }), `${u.name} ${u.enabled ? 'disabled' : 'enabled'}.`); } }, u.enabled ? 'Disable' : 'Enable'),
          el('button.small.secondary', { type: 'button', 'aria-label': `reset the password of ${u.name}`, onclick: () => { const password = window.prompt(`New password for ${u.name} (at least 12 characters):`); const reason = password && ask(`resetting ${u.name}'s password`); if (reason) act(() => put(`${path}/password`, { password, reason }), `${u.name}'s password was reset; their sessions are signed out.`); } }, 'Reset password')));
    }));
    tokenRows.replaceChildren(...(tokens.tokens || tokens).map((t) =>
      el('tr', {}, el('td', {}, t.owner), el('td', {}, t.role), el('td', {}, t.description || ''), el('td', {}, new Date(t.expiresAt).toLocaleString()),
        el('td', {}, t.revokedAt ? `revoked by ${t.revokedBy}` : el('button.small.secondary', { type: 'button', onclick: () => { const reason = ask('revoking the token'); if (reason) act(() => del(`/api/tokens/${encodeURIComponent(t.id)}?reason=${encodeURIComponent(reason)}`), 'Token revoked.'); } }, 'Revoke')))));
  }

  const scopeChoice = el('select', { id: 'new-scope' });
  const field = (id, label, attrs = {}) => el('label', { for: id }, label, el('input', { id, name: id, required: true, ...attrs }));
  const newUser = el('form', {
    id: 'new-user',
    onsubmit: (event) => {
      event.preventDefault();
      const f = event.target.elements;
      act(() => post('/api/users', { name: f['new-name'].value, displayName: f['new-display'].value, roles: [f['new-role'].value], scope: f['new-scope'].value, password: f['new-password'].value, reason: f['new-reason'].value }), `User ${f['new-name'].value} created.`)
        .then((made) => made && event.target.reset());
    },
  },
  el('div.grid', {}, field('new-name', 'User name'), field('new-display', 'Display name'),
    el('label', { for: 'new-role' }, 'Role', el('select', { id: 'new-role' }, ROLES.map((r) => el('option', { value: r }, r)))),
    el('label', { for: 'new-scope' }, 'Scope', scopeChoice)),
  el('div.grid', {}, field('new-password', 'Password (at least 12 characters)', { type: 'password', minlength: 12, autocomplete: 'new-password' }), field('new-reason', 'Reason')),
  el('button', { type: 'submit' }, 'Create user'));

  const tokenShown = el('div', { id: 'token-shown' });
  const newToken = el('form', {
    id: 'new-token',
    onsubmit: async (event) => {
      event.preventDefault();
      const f = event.target.elements;
      try {
        const made = await post('/api/tokens', { description: f['token-description'].value, lifetime: f['token-lifetime'].value, role: f['token-role'].value });
        tokenShown.replaceChildren(el('p', {}, 'The token (shown once; copy it now): ', el('code', {}, made.token)));
        await load();
      } catch (e) {
        notice(message, e.message, true);
      }
    },
  },
  el('div.grid', {}, field('token-description', 'What it is for'), field('token-lifetime', 'Valid for', { value: '30d' }),
    el('label', { for: 'token-role' }, 'Role', el('select', { id: 'token-role' }, ROLES.map((r) => el('option', { value: r }, r))))),
  el('button', { type: 'submit' }, 'Make a token for yourself'), tokenShown);

  show(
    el('h2', {}, 'Users'),
    message,
    el('div.overflow-auto', {}, el('table', { id: 'users' }, el('thead', {}, el('tr', {}, ['name', 'display name', 'role', 'scope', 'state', ''].map((h) => el('th', { scope: 'col' }, h)))), userRows)),
    el('article', {}, el('h3', {}, 'New user'), newUser),
    el('h2', {}, 'API tokens'),
    el('div.overflow-auto', {}, el('table', { id: 'tokens' }, el('thead', {}, el('tr', {}, ['owner', 'role', 'for', 'expires', ''].map((h) => el('th', { scope: 'col' }, h)))), tokenRows)),
    el('article', {}, el('h3', {}, 'New token'), newToken),
  );
  await load().catch((e) => notice(message, e.message, true));
  return null;
}
