// A loop's card: what it does now (mode, setpoint, measured, output) and, for operators, the form
// that changes it. Every change needs a reason and a confirmation; the commands go to the reactor's
// outbox and the card shows the reactor's values once it has applied them.
import { post } from './api.js';
import { el, num, notice } from './dom.js';
import { describeProfile, isRunning, parseProfile, profileField } from './profile.js';

export class LoopCard {
  constructor(reactorId, loop, canCommand, onSent) {
    this.reactorId = reactorId;
    this.loopId = loop.loopId;
    this.onSent = onSent;
    this.values = el('dl.loop-values');
    const id = (name) => `loop-${loop.loopId}-${name}`;
    this.card = el(
      'article.loop-card',
      { dataset: { loop: loop.loopId } },
      el('header', {}, el('strong', {}, `Loop ${loop.loopId}`), ` (${loop.kind}, input ${loop.input})`),
      this.values,
      canCommand ? this.form(loop, id) : null,
      canCommand ? this.profileForm(loop, id) : null,
    );
    this.update(loop);
  }

  update(loop) {
    this.loop = loop; // what the reactor last described: the form sends only what differs from it
    const fault = loop.fault ? [el('dt', {}, 'fault'), el('dd.error', {}, loop.fault)] : [];
    const profile = loop.profile ? [el('dt', {}, 'profile'), el('dd', { dataset: { field: 'profile' } }, describeProfile(loop.profile))] : [];
    if (this.stopProfile) this.stopProfile.hidden = !isRunning(loop.profile);
    this.values.replaceChildren(
      el('dt', {}, 'mode'),
      el('dd', { dataset: { field: 'mode' } }, loop.mode),
      el('dt', {}, 'setpoint'),
      el('dd', { dataset: { field: 'setpoint' } }, num(loop.setpoint)),
      el('dt', {}, 'setpoint now'),
      el('dd', {}, num(loop.setpointNow)),
      el('dt', {}, 'measured'),
      el('dd', {}, num(loop.measured)),
      el('dt', {}, 'output'),
      el('dd', {}, num(loop.output, 3)),
      el('dt', {}, 'gains'),
      el('dd', {}, `kp ${loop.kp} · ki ${loop.ki} · kd ${loop.kd}`),
      ...profile,
      ...fault,
    );
  }

  form(loop, id) {
    const field = (name, label, value, attrs = {}) =>
      el('label', { for: id(name) }, label, el('input', { id: id(name), name, value, type: 'number', step: 'any', ...attrs }));
    const mode = el(
      'select',
      { id: id('mode'), name: 'mode' },
      ['auto', 'manual', 'off'].map((m) => el('option', { value: m, selected: m === loop.mode }, m)),
    );
    const message = el('div');
    const form = el(
      'form.control',
      { onsubmit: (event) => this.submit(event, message) },
      el('div.grid', {}, el('label', { for: id('mode') }, 'Mode', mode), field('setpoint', 'Setpoint', loop.setpoint, { min: loop.setpointMin, max: loop.setpointMax }), field('ramp', 'Ramp per minute', loop.rampPerMinute, { min: 0 })),
      el('div.grid', {}, field('output', 'Manual output', loop.manualOutput, { min: loop.outputMin, max: loop.outputMax }), field('kp', 'kp', loop.kp), field('ki', 'ki', loop.ki), field('kd', 'kd', loop.kd)),
      el('label', { for: id('reason') }, 'Reason (required, kept in the audit trail)', el('input', { id: id('reason'), name: 'reason', required: true, minlength: 3 })),
      el('button', { type: 'submit' }, 'Send to reactor'),
      message,
    );
    return form;
  }

  /** A setpoint profile the reactor runs by itself (through outages and reboots), or stops. */
  profileForm(loop, id) {
    const field = profileField(`loop-${loop.loopId}`, 'Segments, one per line');
    const name = el('input', { id: id('profile-name'), required: true, pattern: '[A-Za-z0-9][A-Za-z0-9_-]{0,62}', title: 'letters, digits, - or _' });
    const reason = el('input', { id: id('profile-reason'), required: true, minlength: 3 });
    const message = el('div');
    const send = (command, what) => {
      if (!window.confirm(`Send to ${this.reactorId}, loop ${loop.loopId}: ${what}\nReason: ${reason.value}`)) return;
      post(`/api/reactors/${encodeURIComponent(this.reactorId)}/commands`, { command, reason: reason.value })
        .then(() => {
          notice(message, `Queued: ${what}; the outbox shows when the reactor applies it.`);
          this.onSent();
        })
        .catch((e) => notice(message, e.message, true));
    };
    this.stopProfile = el('button.secondary', {
      type: 'button',
      hidden: !isRunning(loop.profile),
      onclick: () => (reason.reportValidity() ? send({ type: 'stop-profile', loopId: loop.loopId }, 'stop the profile') : null),
    }, 'Stop the profile');
    return el(
      'details',
      {},
      el('summary', {}, 'Setpoint profile'),
      el(
        'form.profile',
        {
          onsubmit: (event) => {
            event.preventDefault();
            try {
              const segments = parseProfile(field.text());
              send({ type: 'run-profile', loopId: loop.loopId, name: name.value, segments }, `profile ${name.value}: ${field.text().replaceAll('\n', ', ')}`);
            } catch (e) {
              notice(message, e.message, true);
            }
          },
        },
        el('label', { for: id('profile-name') }, 'Profile name', name),
        field.element,
        el('label', { for: id('profile-reason') }, 'Reason (required, kept in the audit trail)', reason),
        el('div.grid', {}, el('button', { type: 'submit' }, 'Run the profile'), this.stopProfile),
        message,
      ),
    );
  }

  /** The commands for what the form changed, checked and confirmed, then sent one by one. */
  async submit(event, message) {
    event.preventDefault();
    const loop = this.loop;
    const form = event.target;
    const value = (name) => form.elements[name].value;
    const number = (name) => Number(value(name));
    const commands = [];
    if (value('mode') !== loop.mode) commands.push({ type: 'set-loop-mode', loopId: loop.loopId, mode: value('mode') });
    if (number('setpoint') !== loop.setpoint || number('ramp') !== loop.rampPerMinute) {
      commands.push({ type: 'set-setpoint', loopId: loop.loopId, setpoint: number('setpoint'), rampPerMinute: number('ramp') });
    }
    if (number('output') !== loop.manualOutput) commands.push({ type: 'set-loop-output', loopId: loop.loopId, output: number('output') });
    if (number('kp') !== loop.kp || number('ki') !== loop.ki || number('kd') !== loop.kd) {
      commands.push({ type: 'set-gains', loopId: loop.loopId, kp: number('kp'), ki: number('ki'), kd: number('kd') });
    }
    if (!commands.length) {
      notice(message, 'Nothing changed.', true);
      return;
    }
    const summary = commands.map((c) => `${c.type} ${JSON.stringify(c).replace(/"type":"[^"]+",?/, '')}`).join('\n');
    if (!window.confirm(`Send to ${this.reactorId}, loop ${loop.loopId}:\n${summary}\nReason: ${value('reason')}`)) return;
    try {
      for (const command of commands) {
        await post(`/api/reactors/${encodeURIComponent(this.reactorId)}/commands`, { command, reason: value('reason') });
      }
      form.elements.reason.value = '';
      notice(message, `Queued ${commands.length} command(s); the outbox shows when the reactor applies them.`);
      this.onSent();
    } catch (e) {
      notice(message, e.message, true);
    }
  }
}
