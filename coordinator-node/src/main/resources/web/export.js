// Export: raw readings of chosen reactors and sensors over a time range, as CSV streamed from
// Cassandra (one row per reading; never the charts' downsampled data).
import { get } from './api.js';
import { el, show } from './dom.js';

const HOUR = 3_600_000;

/** A datetime-local field's value for an instant (local time, minutes). */
function local(millis) {
  const d = new Date(millis - new Date(millis).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export async function renderExport() {
  const fleet = await get('/api/reactors');
  const now = Date.now();
  const boxes = fleet.reactors.map((r) =>
    el('label', { for: `export-${r.id}` }, el('input', { type: 'checkbox', id: `export-${r.id}`, name: 'reactor', value: r.id }), r.id));
  const sensors = el('input', { id: 'export-sensors', placeholder: 'all sensors' });
  const from = el('input', { id: 'export-from', type: 'datetime-local', value: local(now - 24 * HOUR), required: true });
  const to = el('input', { id: 'export-to', type: 'datetime-local', value: local(now + 60_000), required: true });
  const link = el('a', { id: 'export-download', role: 'button', 'aria-disabled': 'true' }, 'Download CSV');
  const problem = el('p.error', { id: 'export-problem', hidden: true });

  function update() {
    const reactors = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    const params = new URLSearchParams();
    params.set('reactors', reactors.join(','));
    if (sensors.value.trim()) params.set('sensors', sensors.value.replace(/\s+/g, ''));
    const fromMillis = Date.parse(from.value);
    const toMillis = Date.parse(to.value);
    params.set('from', Number.isNaN(fromMillis) ? '' : new Date(fromMillis).toISOString());
    params.set('to', Number.isNaN(toMillis) ? '' : new Date(toMillis).toISOString());
    const why = !reactors.length ? 'Choose at least one reactor.' : !(fromMillis < toMillis) ? 'The range must start before it ends.' : '';
    problem.hidden = !why;
    problem.textContent = why;
    link.setAttribute('aria-disabled', why ? 'true' : 'false');
    if (why) link.removeAttribute('href');
    else {
      link.href = `/api/export?${params}`;
      link.setAttribute('download', `frms-readings.csv`);
    }
  }
  for (const input of [...boxes.map((b) => b.querySelector('input')), sensors, from, to]) input.addEventListener('input', update);

  show(
    el('h2', {}, 'Export readings'),
    el('p', {}, el('small', {}, 'One CSV row per stored reading: time (UTC), reactor, sensor, seq, value, unit, quality, calibration version. Raw readings, streamed: a month of a whole fleet downloads without loading the coordinator.')),
    el('fieldset', {}, el('legend', {}, 'Reactors'), boxes),
    el('label', { for: 'export-sensors' }, 'Sensors (comma-separated; empty: all)', sensors),
    el('div.grid', {}, el('label', { for: 'export-from' }, 'From', from), el('label', { for: 'export-to' }, 'To', to)),
    problem,
    link,
  );
  update();
  return null;
}
