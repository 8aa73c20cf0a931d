// The single page: shows who is logged in and routes #/... to a page module.
import { currentSession, logOut, may } from './api.js';
import { el, show } from './dom.js';
import { renderLogin } from './login.js';
import { renderFleet } from './fleet.js';
import { renderReactor } from './reactor.js';
import { renderAccount } from './account.js';
import { renderAudit } from './audit.js';
import { renderUsers } from './users.js';
import { renderExport } from './export.js';
import { renderGroups } from './groups.js';

const routes = [
  [/^#?\/?$/, () => renderFleet()],
  [/^#\/reactors\/([^/]+)$/, (m) => renderReactor(decodeURIComponent(m[1]))],
  [/^#\/account$/, () => renderAccount()],
  [/^#\/audit$/, () => renderAudit()],
  [/^#\/users$/, () => renderUsers()],
  [/^#\/export$/, () => renderExport()],
  [/^#\/groups$/, () => renderGroups()],
];

let leave = null; // stops the current page's polling and streams

async function route() {
  if (leave) leave();
  leave = null;
  const session = await currentSession();
  showWho(session);
  if (!session) {
    leave = renderLogin(route);
    return;
  }
  const hash = window.location.hash || '#/';
  for (const [pattern, render] of routes) {
    const match = hash.match(pattern);
    if (match) {
      markNav(hash);
      leave = await render(match);
      document.getElementById('page').focus({ preventScroll: true });
      return;
    }
  }
  show(el('h2', {}, 'No such page'), el('p', {}, el('a', { href: '#/' }, 'Back to the fleet')));
}

function showWho(session) {
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  logout.hidden = !session;
  who.replaceChildren(
    session
      ? el('a', { href: '#/account', title: 'Your account' }, `${session.displayName || session.user} · ${session.role}`)
      : '',
  );
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.parentElement.hidden = !session || (link.dataset.role !== undefined && !may(link.dataset.role));
  }
}

function markNav(hash) {
  const section = ['audit', 'users', 'export', 'groups'].find((s) => hash.startsWith(`#/${s}`)) || 'fleet';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

document.getElementById('logout').addEventListener('click', async () => {
  await logOut();
  window.location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('frms:logged-out', route);
route();
