// The open alarms, asked for every few seconds while someone is logged in and announced to every
// page as a 'frms:alarms' event (the banner, the fleet's cards, the alarms page).
import { get } from './api.js';

const POLL_MILLIS = 5000;
let open = [];
let timer = null;
let watching = false;

/** Starts watching (once); each answer is announced. */
export function watchAlarms() {
  if (watching) return;
  watching = true;
  tick();
}

export function stopWatchingAlarms() {
  watching = false;
  clearTimeout(timer);
  open = [];
  announce();
}

/** The open alarms as last read. */
export function openAlarms() {
  return open;
}

/** Reads them again now (after an acknowledgement). */
export function refreshAlarms() {
  if (!watching) return;
  clearTimeout(timer);
  tick();
}

/** How many open alarms are unacknowledged, and the worst severity among them. */
export function summary(alarms) {
  const order = ['critical', 'major', 'minor', 'warning'];
  const unacked = alarms.filter((a) => a.status.endsWith('UNACKED'));
  const worst = order.find((s) => unacked.some((a) => a.severity === s)) || order.find((s) => alarms.some((a) => a.severity === s));
  const bySeverity = order.map((s) => [s, unacked.filter((a) => a.severity === s).length]).filter(([, n]) => n > 0);
  return { open: alarms.length, unacked: unacked.length, worst, bySeverity };
}

async function tick() {
  try {
    open = await get('/api/alarms');
    announce();
  } catch (e) {
    // the next poll tries again; pages keep what they showed
  }
  if (watching) timer = setTimeout(tick, POLL_MILLIS);
}

function announce() {
  window.dispatchEvent(new CustomEvent('frms:alarms', { detail: open }));
}
