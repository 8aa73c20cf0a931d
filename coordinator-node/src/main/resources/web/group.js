// One group (#/groups/{id}): its members' readings of one sensor on one time axis (min/mean/max
// buckets from the server, one line per reactor, refreshed every 30 s), and for operators a command
// sent to every member at once with each member's outcome.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { get, may } from './api.js';
import { el, show, notice } from './dom.js';
import { groupCommands } from './groupcommands.js';

const RANGES = [
  ['1 h', 3600e3],
  ['6 h', 6 * 3600e3],
  ['24 h', 24 * 3600e3],
];
const COLOURS = ['#1f6feb', '#d1242f', '#8250df', '#1a7f37', '#9a6700', '#bf3989', '#0a7ea4', '#57606a'];
const REFRESH_MILLIS = 30000;

export async function renderGroup(id) {
  const message = el('div', { id: 'group-message' });
  let group;
  try {
    group = await get(`/api/groups/${encodeURIComponent(id)}`);
  } catch (e) {
    show(el('h2', {}, `Group ${id}`), el('p.error', {}, e.message), el('a', { href: '#/groups' }, 'All groups'));
    return null;
  }
  const members = group.members;
  const sensor = el('select', { id: 'group-sensor' });
  const range = el('select', { id: 'group-range' }, RANGES.map(([label, millis]) => el('option', { value: millis }, label)));
  const holder = el('div.chart', { id: 'group-chart' });
  const caption = el('figcaption', {});
  let plot = null;
  let timer = null;

  // the sensors the members have, from their latest readings
  const latest = await Promise.all(members.map((m) => get(`/api/reactors/${encodeURIComponent(m)}/latest`).catch(() => ({ sensors: [] }))));
  const sensorIds = [...new Set(latest.flatMap((l) => l.sensors.map((s) => s.sensorId)))].sort();
  const units = new Map(latest.flatMap((l) => l.sensors.map((s) => [s.sensorId, s.unit])));
  sensor.append(...sensorIds.map((s) => el('option', { value: s, selected: s === 'temperature' }, s)));

  async function draw() {
    clearTimeout(timer);
    if (!sensor.value || !members.length) {
      holder.replaceChildren(el('p', {}, members.length ? 'No readings stored yet.' : 'No members yet.'));
      return;
    }
    const to = Date.now();
    const from = to - Number(range.value);
    const width = Math.max(320, Math.min(1100, holder.clientWidth || 900));
    const buckets = Math.round(width / 3);
    const answers = await Promise.all(
      members.map((m) =>
        get(`/api/reactors/${encodeURIComponent(m)}/sensors/${encodeURIComponent(sensor.value)}/history?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&buckets=${buckets}`).catch(() => ({ buckets: [] })),
      ),
    );
    // one time axis: every bucket's middle, each member's mean where it has one
    const times = [...new Set(answers.flatMap((a) => a.buckets.map((b) => (Date.parse(b.start) + Date.parse(b.end)) / 2000)))].sort((a, b) => a - b);
    const index = new Map(times.map((t, i) => [t, i]));
    const series = answers.map((a) => {
      const values = new Array(times.length).fill(null);
      a.buckets.filter((b) => b.mean !== null).forEach((b) => (values[index.get((Date.parse(b.start) + Date.parse(b.end)) / 2000)] = b.mean));
      return values;
    });
    if (plot) plot.destroy();
    plot = new uPlot(
      {
        width,
        height: 300,
        scales: { x: { time: true } },
        axes: [{}, { size: 60 }],
        series: [{}, ...members.map((m, i) => ({ label: m, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: true }))],
      },
      [times, ...series],
      holder,
    );
    caption.replaceChildren(el('strong', {}, `${sensor.value} (${units.get(sensor.value) || ''})`), ` of ${members.length} reactor${members.length === 1 ? '' : 's'}, mean per bucket`);
    holder.dataset.points = String(series.reduce((n, s) => n + s.filter((v) => v !== null).length, 0));
    timer = setTimeout(() => draw().catch((e) => notice(message, e.message, true)), REFRESH_MILLIS);
  }

  sensor.addEventListener('change', () => draw().catch((e) => notice(message, e.message, true)));
  range.addEventListener('change', () => draw().catch((e) => notice(message, e.message, true)));
  const commands = may('operator') ? groupCommands(group) : null;
  show(
    el('h2', {}, `${group.name} `, el('small', {}, `(${group.kind}, ${members.length} reactor${members.length === 1 ? '' : 's'})`)),
    el('p', {}, el('a', { href: '#/groups' }, 'All groups'), ' · members: ', ...members.flatMap((m, i) => [i ? ', ' : '', el('a', { href: `#/reactors/${encodeURIComponent(m)}` }, m)])),
    message,
    el('div.tools', {}, el('label', { for: 'group-sensor' }, 'Sensor', sensor), el('label', { for: 'group-range' }, 'Range', range)),
    el('figure.group-chart', {}, caption, holder),
    commands ? commands.node : '',
  );
  await draw().catch((e) => notice(message, e.message, true));
  return () => {
    clearTimeout(timer);
    if (commands) commands.stop();
    if (plot) plot.destroy();
  };
}
