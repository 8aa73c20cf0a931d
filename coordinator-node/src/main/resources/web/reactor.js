// One reactor: live charts with history and zoom (its run's annotations marked), its run, its loops
// and their control, the command outbox,
// probe calibration, its description, link history and completeness.
import { get, del, may } from './api.js';
import { el, show, ago, num } from './dom.js';
import { linkText } from './reactors.js';
import { SensorChart } from './charts.js';
import { LoopCard } from './control.js';
import { ProbePanel, loadCalibrationHistory } from './calibration.js';
import { RunPanel } from './runs.js';
import { received } from './metrics.js';

const RANGES = [
  ['15 min', 15 * 60_000],
  ['1 h', 3_600_000],
  ['6 h', 6 * 3_600_000],
  ['24 h', 24 * 3_600_000],
];
const REFRESH_MILLIS = 2000;

export async function renderReactor(id) {
  const path = `/api/reactors/${encodeURIComponent(id)}`;
  let reactor;
  try {
    reactor = await get(path);
  } catch (e) {
    // a busy or restarting coordinator: say so and ask again (a reactor that does not exist: 404)
    const again = e.status !== 404;
    show(el('h2', {}, id), el('p.error', {}, again ? `${e.message} (asking again in 5 s)` : e.message), el('a', { href: '#/' }, 'Back to the fleet'));
    const retry = again ? setTimeout(() => window.dispatchEvent(new HashChangeEvent('hashchange')), 5000) : null;
    return () => clearTimeout(retry);
  }
  const info = reactor.state.info || { sensors: [], loops: [], actuators: [] };
  const canCommand = may('operator');
  const badge = el('span.badge');
  const linkLine = el('p.link-line');
  const range = el('select', { id: 'range' }, RANGES.map(([label, millis]) => el('option', { value: millis, selected: millis === RANGES[0][1] }, label)));
  let span = RANGES[0][1];

  const loopsByInput = new Map((info.loops || []).map((l) => [l.input, l]));
  const charts = (info.sensors || [])
    .filter((s) => s.kind !== 'output')
    .map((s) => {
      const loop = loopsByInput.get(s.sensorId);
      const lines = [{ sensorId: s.sensorId, label: s.sensorId, scale: 'y' }];
      if (loop) {
        lines.push({ sensorId: `${loop.loopId}-setpoint`, label: 'setpoint', scale: 'y', dash: [6, 4] });
        lines.push({ sensorId: `${loop.loopId}-output`, label: 'loop output', scale: 'out' });
      }
      const chart = new SensorChart(id, lines, s.unit, (from, to) => zoom(chart, from, to));
      return chart;
    });
  const loopCards = (info.loops || []).map((loop) => new LoopCard(id, loop, canCommand, () => refresh()));
  const outbox = el('tbody');
  const probes = (info.sensors || []).filter((s) => s.calibration).map((s) => new ProbePanel(id, s, canCommand, () => {
    refresh();
    loadCalibrationHistory(id, probes);
  }));
  const calibration = el('div.loops', { id: 'calibration' }, probes.map((p) => p.card));
  const runPanel = new RunPanel(id, canCommand, (markers) => charts.forEach((c) => c.setMarkers(markers)), (info.loops || []).map((l) => l.loopId));
  const linkHistory = el('ul.link-history');
  const completeness = el('tbody');

  show(
    el('h2', {}, id, ' ', badge),
    linkLine,
    el('section', { 'aria-labelledby': 'charts-title' },
      el('div.tools', {}, el('h3', { id: 'charts-title' }, 'Readings'), el('label', { for: 'range' }, 'Show the last', range)),
      el('p', {}, el('small', {}, 'Drag across a chart to zoom into that range; double-click to go back to live.')),
      el('div.charts', {}, charts.map((c) => c.figure))),
    runPanel.card,
    el('section', {}, el('h3', {}, 'Control loops'), canCommand ? null : el('p', {}, el('small', {}, 'Your role can watch, not command.')), el('div.loops', {}, loopCards.map((c) => c.card))),
    el('section', {}, el('h3', {}, 'Command outbox'), table(['queued', 'command', 'by', 'state', ''], outbox, 'outbox')),
    probes.length ? el('section', {}, el('h3', {}, 'Probe calibration'), calibration) : null,
    el('section', {}, el('h3', {}, 'Sensors and actuators'), description(info)),
    el('section', {}, el('h3', {}, 'Completeness'), table(['sensor', 'stored', 'first', 'last', 'gaps', 'lost at source', 'log incarnation', 'note'], completeness, 'completeness')),
    el('section', {}, el('h3', {}, 'Link history'), linkHistory),
  );
  const resizes = new ResizeObserver(() => charts.forEach((c) => c.fit()));
  charts.forEach((c) => resizes.observe(c.figure));

  async function loadAll() {
    const now = Date.now();
    await Promise.all(charts.map((c) => { c.zoomed = false; return c.load(now - span, now); }));
  }
  async function zoom(chart, from, to) {
    if (from === null) {
      chart.zoomed = false;
      const now = Date.now();
      await chart.load(now - span, now);
    } else {
      chart.zoomed = true;
      await chart.load(from, to);
    }
  }
  range.addEventListener('change', () => {
    span = Number(range.value);
    loadAll();
  });

  // live: every stored reading of this reactor, appended to its chart. The browser reconnects by
  // itself and the server backfills from the last event's id; a stream the server refused (429,
  // 401) is opened again later, after the history is reloaded.
  let stream = null;
  let stopped = false;
  function openStream() {
    stream = new EventSource(`${path}/live`);
    stream.addEventListener('reading', (event) => {
      const reading = JSON.parse(event.data);
      if (reading.storedAt) received(Date.parse(reading.storedAt));
      for (const chart of charts) chart.add(reading);
    });
    stream.addEventListener('error', () => {
      if (stream.readyState !== EventSource.CLOSED || stopped) return;
      setTimeout(() => {
        if (stopped) return;
        loadAll();
        openStream();
      }, 5000);
    });
  }
  openStream();
  const slider = setInterval(() => charts.forEach((c) => c.slide(span)), 1000);

  async function refresh() {
    try {
      const now = await get(path);
      const state = linkText(now.link ? { link: now.link.status.toLowerCase(), backlog: now.link.backlog, since: now.link.sinceMillis } : {});
      badge.textContent = state.text;
      badge.className = `badge ${state.tone}`;
      linkLine.textContent = now.link
        ? `address ${now.link.address} · held by ${now.link.node || '?'} · ${now.link.storedReadings ?? 0} readings stored since it connected${now.link.commandWaiting ? ` · waiting: ${now.link.commandWaiting}` : ''}`
        : '';
      const loops = new Map((now.state.info?.loops || []).map((l) => [l.loopId, l]));
      for (const card of loopCards) if (loops.has(card.loopId)) card.update(loops.get(card.loopId));
      fillOutbox(outbox, id, now.state, refresh);
      const sensors = new Map((now.state.info?.sensors || []).map((s) => [s.sensorId, s]));
      for (const probe of probes) if (sensors.get(probe.sensorId)?.calibration) probe.update(sensors.get(probe.sensorId));
      linkHistory.replaceChildren(
        ...(now.state.linkHistory || []).slice(-10).reverse().map((h) =>
          el('li', {}, `${new Date(h.atMillis).toLocaleString()}: ${h.up ? 'connected' : 'lost'}${h.detail ? ` (${h.detail})` : ''}`)),
      );
    } catch (e) {
      linkLine.textContent = `The coordinator did not answer: ${e.message}`;
    }
  }
  async function refreshCompleteness() {
    loadCalibrationHistory(id, probes);
    const report = await get(`${path}/completeness`).catch(() => null);
    if (!report) return;
    completeness.replaceChildren(
      ...report.sensors.map((s) =>
        el('tr', {}, el('td', {}, s.sensorId), el('td', {}, s.count), el('td', {}, s.first), el('td', {}, s.last),
          el('td', {}, s.gaps.length ? JSON.stringify(s.gaps) : 'none'), el('td', {}, s.lostAtSource),
          el('td', { title: s.incarnation || '' }, `${(s.incarnation || '').slice(0, 8)} (sequence ${s.sequence})`), el('td', {}, s.note || ''))),
    );
  }

  await refresh();
  loadAll().then(() => performance.mark('frms:history-drawn'));
  refreshCompleteness();
  runPanel.load().catch(() => {});
  const refresher = setInterval(refresh, REFRESH_MILLIS);
  const completenessTimer = setInterval(() => {
    refreshCompleteness();
    runPanel.load().catch(() => {});
  }, 30_000);
  return () => {
    stopped = true;
    stream.close();
    clearInterval(slider);
    clearInterval(refresher);
    clearInterval(completenessTimer);
    resizes.disconnect();
    charts.forEach((c) => c.destroy());
  };
}

function table(headings, body, id) {
  return el('div.overflow-auto', {}, el('table', { id }, el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))), body));
}

function fillOutbox(body, id, state, refresh) {
  const describe = (c) => `${c.type} ${JSON.stringify(c).replace(/"type":"[^"]+",?/, '')}`;
  const queued = (state.outbox || []).map((q) =>
    el('tr', { dataset: { state: 'queued' } },
      el('td', {}, ago(q.queuedAtMillis)), el('td', {}, describe(q.command)), el('td', {}, q.issuedBy), el('td', {}, 'queued'),
      el('td', {}, may('operator') ? el('button.secondary.outline.small', {
        type: 'button',
        onclick: async () => {
          if (!window.confirm(`Cancel ${q.command.type}?`)) return;
          await del(`/api/reactors/${encodeURIComponent(id)}/commands/${encodeURIComponent(q.key)}?reason=${encodeURIComponent('cancelled in the web UI')}`).catch((e) => window.alert(e.message));
          refresh();
        },
      }, 'Cancel') : '')));
  const settled = (state.settled || []).slice(-10).reverse().map((s) =>
    el('tr', { dataset: { state: s.applied ? 'applied' : 'rejected' } },
      el('td', {}, ago(s.command.queuedAtMillis)), el('td', {}, describe(s.command.command)), el('td', {}, s.command.issuedBy),
      el('td', {}, s.applied ? `applied ${ago(s.atMillis)}` : `rejected: ${s.reason}`), el('td', {}, '')));
  body.replaceChildren(...queued, ...settled);
  if (!queued.length && !settled.length) body.replaceChildren(el('tr', {}, el('td', { colspan: 5 }, 'No commands yet.')));
}

function description(info) {
  const sensors = (info.sensors || []).filter((s) => s.kind !== 'output');
  return el('div.overflow-auto', {},
    el('table', {}, el('thead', {}, el('tr', {}, ['sensor', 'kind', 'unit', 'driver', 'interval', 'enabled'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, sensors.map((s) => el('tr', {}, el('td', {}, s.sensorId), el('td', {}, s.kind), el('td', {}, s.unit), el('td', {}, s.driver), el('td', {}, `${s.intervalMillis} ms`), el('td', {}, s.enabled ? 'yes' : 'no'))))),
    el('table', {}, el('thead', {}, el('tr', {}, ['actuator', 'kind', 'driver', 'level', 'dosed total', 'fault'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, (info.actuators || []).map((a) => el('tr', {}, el('td', {}, a.actuatorId), el('td', {}, a.kind), el('td', {}, a.driver), el('td', {}, num(a.level, 3)), el('td', {}, a.dosedTotalMl ? `${num(a.dosedTotalMl)} mL` : ''), el('td', {}, a.fault || ''))))),
    el('p', {}, el('small', {}, `software ${info.softwareVersion || '?'} · clock offset ${info.clockOffsetMillis ?? '?'} ms · ${info.unacknowledgedReadings ?? '?'} readings not yet acknowledged · ${info.bytesOnDisk ?? '?'} bytes of log`)),
  );
}
