// The fleet: one card per reactor with its link state, open alarms, key readings, loop modes and lag, updated
// every second in place from two requests (/api/reactors and /api/fleet/latest); each reactor's
// description (key sensors, loop modes) now and then, a few per second. Filter by text, sort by id,
// state or lag. Works down to phone width.
import { get } from './api.js';
import { el, show, ago, num } from './dom.js';
import { linkText, keySensors } from './reactors.js';
import { openAlarms, summary } from './alarmwatch.js';

const POLL_MILLIS = 1000;
const DESCRIBE_MILLIS = 15000;
const DESCRIBED_PER_POLL = 8; // a large fleet's first descriptions must not hold up the polls

export function renderFleet() {
  const cards = new Map(); // reactor id -> {card, fields, reactor, latest, described}
  const grid = el('div.fleet', { id: 'fleet', 'aria-live': 'off' });
  const filter = el('input', { id: 'fleet-filter', type: 'search', placeholder: 'reactor, group or state' });
  const sort = el(
    'select',
    { id: 'fleet-sort' },
    el('option', { value: 'id' }, 'id'),
    el('option', { value: 'state' }, 'link state'),
    el('option', { value: 'lag' }, 'lag'),
  );
  const group = el('select', { id: 'fleet-group' }, el('option', { value: '' }, 'all groups'));
  const problem = el('p.error', { id: 'fleet-problem', hidden: true });
  group.addEventListener('change', () => arrange());
  get('/api/groups')
    .then((groups) => group.append(...groups.map((g) => el('option', { value: g.id }, `${g.name} (${g.kind})`))))
    .catch(() => {});
  filter.addEventListener('input', () => arrange());
  sort.addEventListener('change', () => arrange());
  show(
    el('h2', {}, 'Fleet'),
    el(
      'div.tools',
      {},
      el('label', { for: 'fleet-filter' }, 'Filter', filter),
      el('label', { for: 'fleet-group' }, 'Group', group),
      el('label', { for: 'fleet-sort' }, 'Sort by', sort),
    ),
    problem,
    grid,
  );

  let stopped = false;
  let timer = null;

  async function tick() {
    try {
      // two requests a second whatever the fleet's size: links, and every reactor's latest readings
      const [fleet, latest] = await Promise.all([get('/api/reactors'), get('/api/fleet/latest').catch(() => ({ reactors: [] }))]);
      problem.hidden = !fleet.problem;
      problem.textContent = fleet.problem || '';
      const latestById = new Map(latest.reactors.map((l) => [l.reactorId, l]));
      const seen = new Set();
      const now = Date.now();
      let describing = 0;
      for (const reactor of fleet.reactors) {
        seen.add(reactor.id);
        const entry = cards.get(reactor.id) || makeCard(reactor.id);
        entry.reactor = reactor;
        entry.latest = latestById.get(reactor.id) || entry.latest;
        update(entry);
        // the description (key sensors, loop modes) changes rarely: asked now and then, not awaited
        if ((!entry.described || now - entry.described > DESCRIBE_MILLIS) && describing < DESCRIBED_PER_POLL) {
          describing += 1;
          entry.described = now;
          get(`/api/reactors/${encodeURIComponent(reactor.id)}`)
            .then((description) => {
              entry.description = description;
              update(entry);
            })
            .catch(() => {});
        }
      }
      for (const id of [...cards.keys()]) {
        if (!seen.has(id)) {
          cards.get(id).card.remove();
          cards.delete(id);
        }
      }
      arrange();
    } catch (e) {
      problem.hidden = false;
      problem.textContent = `The coordinator did not answer: ${e.message}`;
    }
    if (!stopped) timer = setTimeout(tick, POLL_MILLIS);
  }

  function makeCard(id) {
    const fields = {
      state: el('span.badge'),
      readings: el('dl.readings'),
      loops: el('p.loops'),
      lag: el('small.lag'),
      problem: el('small.error'),
      alarms: el('a.badge.alarm-count', { href: '#/alarms', hidden: true }),
    };
    const card = el(
      'article.reactor-card',
      { dataset: { reactor: id } },
      el('header', {}, el('a', { href: `#/reactors/${encodeURIComponent(id)}` }, el('strong', {}, id)), ' ', fields.state, ' ', fields.alarms),
      fields.readings,
      fields.loops,
      el('footer', {}, fields.lag, ' ', fields.problem),
    );
    const entry = { card, fields };
    cards.set(id, entry);
    grid.append(card);
    showAlarms(entry, openAlarms());
    return entry;
  }

  /** The card's count of open alarms, coloured by the worst. */
  function showAlarms(entry, alarms) {
    const s = summary(alarms.filter((a) => a.reactorId === entry.card.dataset.reactor));
    entry.fields.alarms.hidden = s.open === 0;
    entry.fields.alarms.className = `badge alarm-count sev-${s.worst || 'warning'}`;
    entry.fields.alarms.textContent = `${s.open} alarm${s.open === 1 ? '' : 's'}`;
    entry.card.dataset.alarms = String(s.open);
  }

  const onAlarms = (event) => cards.forEach((entry) => showAlarms(entry, event.detail));
  window.addEventListener('frms:alarms', onAlarms);

  function update(entry) {
    const { reactor, latest, description, fields } = entry;
    const state = linkText(reactor);
    fields.state.textContent = state.text;
    fields.state.className = `badge ${state.tone}`;
    entry.card.dataset.link = reactor.link;
    const sensors = keySensors(description, latest);
    fields.readings.replaceChildren(
      ...sensors.flatMap((r) => [
        el('dt', {}, r.sensorId),
        el('dd', { dataset: { sensor: r.sensorId, seq: r.seq } }, r.quality === 'GOOD' ? `${num(r.value)} ${r.unit}` : r.quality),
      ]),
    );
    const loops = description?.state?.info?.loops || [];
    fields.loops.textContent = loops.map((l) => `${l.loopId}: ${l.mode}`).join(' · ');
    const newest = Math.max(0, ...(latest?.sensors || []).map((r) => Date.parse(r.takenAt)));
    entry.lag = newest ? Date.now() - newest : Infinity;
    fields.lag.textContent = newest ? `newest reading ${ago(newest)}` : 'no reading stored yet';
    // why the link is down (an old error of a link that is live again is not news)
    fields.problem.textContent = reactor.link !== 'live' && reactor.lastError ? reactor.lastError : '';
    entry.card.dataset.search = [reactor.id, reactor.link, state.text, ...(reactor.groups || [])].join(' ').toLowerCase();
  }

  function arrange() {
    const text = filter.value.trim().toLowerCase();
    const order = [...cards.values()];
    const by = sort.value;
    order.sort((a, b) => {
      if (by === 'lag') return (b.lag ?? 0) - (a.lag ?? 0);
      if (by === 'state') return (a.reactor?.link || '').localeCompare(b.reactor?.link || '') || a.reactor.id.localeCompare(b.reactor.id);
      return (a.reactor?.id || '').localeCompare(b.reactor?.id || '');
    });
    for (const entry of order) {
      const outside = group.value !== '' && !(entry.reactor?.groups || []).includes(group.value);
      entry.card.hidden = outside || (text !== '' && !entry.card.dataset.search?.includes(text));
      grid.append(entry.card); // moves it; keeps its nodes
    }
  }

  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('frms:alarms', onAlarms);
  };
}
