// One run's report (#/runs/{id}): what it was, a sensor over the run's whole range (min/mean/max
// buckets, its annotations marked), per sensor the readings stored and their range, the alarms
// raised or open during it, its annotations, and the download of everything as a zip of CSV files.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { get } from './api.js';
import { el, show, num, notice } from './dom.js';
import { drawMarkers } from './charts.js';

const BUCKETS = 300;

function history(run, sensor, to) {
  const reactor = encodeURIComponent(run.reactorId);
  return get(`/api/reactors/${reactor}/sensors/${encodeURIComponent(sensor)}/history?from=${run.startedAt}&to=${to}&buckets=${BUCKETS}`);
}

/** Readings, bad readings, min, mean and max of the sensor over the run, from its buckets. */
function summarise(buckets) {
  const good = buckets.filter((b) => b.mean !== null);
  const count = buckets.reduce((n, b) => n + b.count, 0);
  const bad = buckets.reduce((n, b) => n + b.bad, 0);
  const values = good.length ? { min: Math.min(...good.map((b) => b.min)), max: Math.max(...good.map((b) => b.max)), mean: good.reduce((s, b) => s + b.mean * (b.count - b.bad), 0) / Math.max(1, count - bad) } : {};
  return { count, bad, ...values };
}

export async function renderRunReport(id) {
  const message = el('div', { id: 'report-message' });
  let report;
  try {
    report = await get(`/api/runs/${encodeURIComponent(id)}`);
  } catch (e) {
    show(el('h2', {}, `Run ${id}`), el('p.error', {}, e.message));
    return null;
  }
  const { run, annotations } = report;
  const to = run.endedAt || new Date().toISOString();
  const latest = await get(`/api/reactors/${encodeURIComponent(run.reactorId)}/latest`).catch(() => ({ sensors: [] }));
  const sensors = latest.sensors.map((s) => s.sensorId).sort();
  const alarms = (await get(`/api/alarms?reactor=${encodeURIComponent(run.reactorId)}&limit=200`).catch(() => [])).filter(
    (a) => Date.parse(a.raisedAt) < Date.parse(to) && (!a.clearedAt || Date.parse(a.clearedAt) >= Date.parse(run.startedAt)),
  );
  const markers = [{ at: Date.parse(run.startedAt) / 1000, label: 'start' }, ...annotations.map((a) => ({ at: Date.parse(a.at) / 1000, label: a.sampleId ? `${a.kind} ${a.sampleId}` : a.kind }))];

  const choice = el('select', { id: 'report-sensor' }, sensors.map((s) => el('option', { value: s, selected: s === 'temperature' }, s)));
  const holder = el('div.chart', { id: 'report-chart' });
  const table = el('tbody');
  let plot = null;

  async function draw() {
    if (!choice.value) return;
    const answer = await history(run, choice.value, to);
    const times = answer.buckets.map((b) => (Date.parse(b.start) + Date.parse(b.end)) / 2000);
    if (plot) plot.destroy();
    plot = new uPlot(
      {
        width: Math.max(320, Math.min(1100, holder.clientWidth || 900)),
        height: 300,
        scales: { x: { time: true } },
        axes: [{}, { size: 60 }],
        series: [{}, { label: 'mean', stroke: '#1f6feb', width: 1.5, spanGaps: true }, { label: 'min', stroke: '#6e7781', dash: [4, 4] }, { label: 'max', stroke: '#6e7781', dash: [4, 4] }],
        hooks: { draw: [(u) => drawMarkers(u, markers)] },
      },
      [times, answer.buckets.map((b) => b.mean), answer.buckets.map((b) => b.min), answer.buckets.map((b) => b.max)],
      holder,
    );
    holder.dataset.buckets = String(answer.buckets.length);
  }

  async function fillTable() {
    const rows = await Promise.all(sensors.map(async (s) => [s, summarise((await history(run, s, to)).buckets)]));
    table.replaceChildren(...rows.map(([s, t]) => el('tr', { dataset: { sensor: s } }, el('td', {}, s), el('td', {}, String(t.count)), el('td', {}, String(t.bad)), el('td', {}, num(t.min)), el('td', {}, num(t.mean)), el('td', {}, num(t.max)))));
  }

  choice.addEventListener('change', () => draw().catch((e) => notice(message, e.message, true)));
  show(
    el('h2', {}, `Run ${run.name} `, el('small', {}, run.endedAt ? '(ended)' : '(running)')),
    el(
      'p',
      {},
      el('a', { href: `#/reactors/${encodeURIComponent(run.reactorId)}` }, run.reactorId),
      ` · ${new Date(run.startedAt).toLocaleString()} (${run.startedBy}) – ${run.endedAt ? `${new Date(run.endedAt).toLocaleString()} (${run.endedBy})` : 'now'}`,
      run.groupRunId ? ` · group run ${run.groupRunId}` : '',
      run.description ? el('br') : '',
      run.description || '',
    ),
    el('a', { id: 'report-download', role: 'button', href: `/api/runs/${encodeURIComponent(run.id)}/export`, download: '' }, 'Download the run (zip of CSV files)'),
    message,
    el('div.tools', {}, el('label', { for: 'report-sensor' }, 'Sensor', choice)),
    el('figure.group-chart', {}, el('figcaption', {}, 'Over the whole run, min/mean/max per bucket; annotations marked'), holder),
    el('h3', {}, 'Sensors'),
    el('table', { id: 'report-sensors' }, el('thead', {}, el('tr', {}, ['sensor', 'readings', 'bad', 'min', 'mean', 'max'].map((h) => el('th', { scope: 'col' }, h)))), table),
    el('h3', {}, `Alarms (${alarms.length})`),
    el('ul', { id: 'report-alarms' }, alarms.length ? alarms.map((a) => el('li', {}, `${new Date(a.raisedAt).toLocaleString()} ${a.severity} ${a.ruleId}: ${a.detail} (${a.status.toLowerCase().replace('_', ', ')})`)) : el('li', {}, 'None.')),
    el('h3', {}, 'Annotations'),
    el('ul', { id: 'report-annotations' }, annotations.length ? annotations.map((a) => el('li', { dataset: { kind: a.kind } }, `${new Date(a.at).toLocaleString()} ${a.kind}${a.sampleId ? ` ${a.sampleId}` : ''}: ${a.text} (${a.by})`)) : el('li', {}, 'None.')),
  );
  await Promise.all([draw(), fillTable()]).catch((e) => notice(message, e.message, true));
  return () => plot && plot.destroy();
}
