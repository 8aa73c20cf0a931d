// The single page: shows who is logged in and routes #/... to a page module.
import { currentSession, logOut, may } from './api.js';
import { el, show } from './dom.js';
import { renderLogin } from './login.js';
import { renderFleet } from './fleet.js';
import { renderReactor } from './reactor.js';
import { renderAccount } from './account.js';
import { renderAudit } from './audit.js';
import { renderUsers } from './users.js';
import { renderBoards } from './boards.js';
import { renderExport } from './export.js';
import { renderGroups } from './groups.js';
import { renderGroup } from './group.js';
import { renderAlarms } from './alarms.js';
import { renderRunReport } from './runreport.js';
import { watchAlarms, stopWatchingAlarms, summary } from './alarmwatch.js';

const routes = [
  [/^#?\/?$/, () => renderFleet()],
  [/^#\/reactors\/([^/]+)$/, (m) => renderReactor(decodeURIComponent(m[1]))],
  [/^#\/account$/, () => renderAccount()],
  [/^#\/audit$/, () => renderAudit()],
  [/^#\/users$/, () => renderUsers()],
  [/^#\/boards$/, () => renderBoards()],
  [/^#\/export$/, () => renderExport()],
  [/^#\/groups$/, () => renderGroups()],
  [/^#\/groups\/([^/]+)$/, (m) => renderGroup(decodeURIComponent(m[1]))],
  [/^#\/alarms$/, () => renderAlarms()],
  [/^#\/runs\/([^/]+)$/, (m) => renderRunReport(decodeURIComponent(m[1]))],
];

let leave = null; // stops the current page's polling and streams

async function route() {
  if (leave) leave();
  leave = null;
  const session = await currentSession();
  showWho(session);
  if (!session) {
    stopWatchingAlarms();
    leave = renderLogin(route);
    return;
  }
  watchAlarms();
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
  const section = ['audit', 'users', 'boards', 'export', 'groups', 'alarms'].find((s) => hash.startsWith(`#/${s}`)) || 'fleet';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// the banner under the header: open alarms nobody acknowledged yet, on every page
window.addEventListener('frms:alarms', (event) => {
  const banner = document.getElementById('alarm-banner');
  const s = summary(event.detail);
  banner.hidden = s.open === 0;
  banner.className = `container-fluid sev-${s.worst || 'none'}`;
  banner.replaceChildren(
    s.unacked
      ? `${s.unacked} alarm${s.unacked === 1 ? '' : 's'} to acknowledge (${s.bySeverity.map(([sev, n]) => `${n} ${sev}`).join(', ')}) · ${s.open} open · `
      : `${s.open} open alarm${s.open === 1 ? '' : 's'}, all acknowledged · `,
    el('a', { href: '#/alarms' }, 'See alarms'),
  );
});

document.getElementById('logout').addEventListener('click', async () => {
  await logOut();
  window.location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('frms:logged-out', route);
route();
