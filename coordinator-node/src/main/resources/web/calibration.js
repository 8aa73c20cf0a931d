// Guided probe calibration: for each probe that can be calibrated, its live stability (the reactor
// judges it) and its last calibration; an operator picks a point, gives the buffer's value and a
// reason, and the reactor sends the point to the probe once the reading has settled.
import { post } from './api.js';
import { el, num, notice } from './dom.js';

const DEFAULT_VALUES = { 'ph-mid': 7, 'ph-low': 4, 'ph-high': 10, 'do-atmospheric': 100, 'do-zero': 0, clear: 0 };

export class ProbePanel {
  constructor(reactorId, sensor, canCommand, onSent) {
    this.sensorId = sensor.sensorId;
    this.status = el('dl.probe-status');
    this.card = el(
      'article.probe-card',
      { dataset: { probe: sensor.sensorId } },
      el('header', {}, el('strong', {}, sensor.sensorId), ` (${sensor.kind}, ${sensor.driver})`),
      this.status,
      canCommand ? form(reactorId, sensor, onSent) : null,
    );
    this.update(sensor);
  }

  update(sensor) {
    const c = sensor.calibration;
    const latest = c.latest;
    this.status.replaceChildren(
      el('dt', {}, 'reading'),
      el('dd', { dataset: { field: 'stability' }, class: c.stable ? 'good' : 'busy' }, `${c.stable ? 'stable' : 'not settled'}: ${c.stability}`),
      el('dt', {}, 'calibration'),
      el('dd', { dataset: { field: 'version' } },
        latest
          ? `version ${c.version}: ${latest.point} at ${num(latest.value)} by ${latest.issuedBy}, ${new Date(latest.atMicros / 1000).toLocaleString()}` +
            (latest.acidSlopePercent != null ? ` · slopes acid ${num(latest.acidSlopePercent, 1)} %, base ${num(latest.baseSlopePercent, 1)} %` : '')
          : `version ${c.version} (never calibrated here)`),
    );
  }
}

function form(reactorId, sensor, onSent) {
  const id = (name) => `cal-${sensor.sensorId}-${name}`;
  const value = el('input', { id: id('value'), type: 'number', step: 'any', required: true, value: DEFAULT_VALUES[sensor.calibration.points[0]] ?? 0 });
  const point = el('select', { id: id('point') }, sensor.calibration.points.map((p) => el('option', { value: p }, p)));
  point.addEventListener('change', () => (value.value = DEFAULT_VALUES[point.value] ?? 0));
  const reason = el('input', { id: id('reason'), required: true, minlength: 3 });
  const message = el('div');
  return el(
    'form.calibrate',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        const command = { type: 'calibrate-probe', sensorId: sensor.sensorId, point: point.value, value: Number(value.value), band: 0, stableForMillis: 0, maxWaitMillis: 0 };
        if (!window.confirm(`Calibrate ${sensor.sensorId} on ${reactorId}: ${point.value} = ${value.value}?\nThe reactor waits for a settled reading first.`)) return;
        try {
          await post(`/api/reactors/${encodeURIComponent(reactorId)}/commands`, { command, reason: reason.value });
          reason.value = '';
          notice(message, 'Queued: the outbox shows it waiting for a settled reading, then applied.');
          onSent();
        } catch (e) {
          notice(message, e.message, true);
        }
      },
    },
    el('div.grid', {}, el('label', { for: id('point') }, 'Point', point), el('label', { for: id('value') }, 'Buffer or reference value', value)),
    el('label', { for: id('reason') }, 'Reason (required, kept in the audit trail)', reason),
    el('button', { type: 'submit' }, 'Calibrate'),
    message,
  );
}
