// Guided probe calibration: for each probe that can be calibrated, its live stability (the reactor
// judges it) and its last calibration; an operator picks a point, gives the buffer's value and a
// reason, and the reactor sends the point to the probe once the reading has settled.
import { get, post } from './api.js';
import { el, num, notice } from './dom.js';

const DEFAULT_VALUES = { 'ph-mid': 7, 'ph-low': 4, 'ph-high': 10, 'do-atmospheric': 100, 'do-zero': 0, clear: 0 };

export class ProbePanel {
  constructor(reactorId, sensor, canCommand, onSent) {
    this.sensorId = sensor.sensorId;
    this.status = el('dl.probe-status');
    this.history = el('ul.calibration-history', { 'aria-label': `calibrations of ${sensor.sensorId}` });
    this.card = el(
      'article.probe-card',
      { dataset: { probe: sensor.sensorId } },
      el('header', {}, el('strong', {}, sensor.sensorId), ` (${sensor.kind}, ${sensor.driver})`),
      this.status,
      el('details', {}, el('summary', {}, 'Calibration history (audit trail)'), this.history),
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

/**
 * Fills each panel's history from the audit trail: every calibration asked for on this reactor,
 * newest first, with who, when, the point, the value and the reason.
 */
export async function loadCalibrationHistory(reactorId, panels) {
  const trail = await get(`/api/audit?reactor=${encodeURIComponent(reactorId)}&limit=1000`).catch(() => null);
  if (!trail) return;
  for (const panel of panels) {
    const asked = trail.events.filter((e) => e.action === 'command-submitted' && e.newValue?.includes('"calibrate-probe"') && e.newValue.includes(`"sensorId":"${panel.sensorId}"`));
    panel.history.replaceChildren(
      ...(asked.length
        ? asked.slice(0, 20).map((e) => {
            let what = e.newValue;
            try {
              const command = JSON.parse(e.newValue.replace(/ key \S+$/, ''));
              what = `${command.point} = ${command.value}`;
            } catch {
              // an older event's wording: shown as it is
            }
            return el('li', {}, `${new Date(e.at).toLocaleString()}: ${what} by ${e.actor} (${e.reason})`);
          })
        : [el('li', {}, 'No calibration asked for in the audit trail.')]),
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
