// For operators on a group's page: one command (a setpoint or a loop mode) for every member at
// once, with a reason; the group's latest commands below, each member's outcome refreshed every few
// seconds until all have answered.
import { get, post } from './api.js';
import { el, notice } from './dom.js';

const REFRESH_MILLIS = 3000;

export function groupCommands(group) {
  const path = `/api/groups/${encodeURIComponent(group.id)}/commands`;
  const message = el('div', { id: 'group-command-message' });
  const list = el('div', { id: 'group-commands' });
  const type = el('select', { id: 'gc-type' }, el('option', { value: 'set-setpoint' }, 'setpoint'), el('option', { value: 'set-loop-mode' }, 'loop mode'));
  const loop = el('select', { id: 'gc-loop' });
  // the loops the members describe (a member that does not have one rejects the command)
  Promise.all(group.members.map((m) => get(`/api/reactors/${encodeURIComponent(m)}`).catch(() => null))).then((states) => {
    const loops = [...new Set(states.flatMap((s) => (s?.state?.info?.loops || []).map((l) => l.loopId)))].sort();
    loop.replaceChildren(...loops.map((l) => el('option', { value: l, selected: l === 'temperature' }, l)));
  });
  const setpoint = el('input', { id: 'gc-setpoint', type: 'number', step: 'any', required: true });
  const mode = el('select', { id: 'gc-mode' }, ['auto', 'manual', 'off'].map((m) => el('option', { value: m }, m)));
  const reason = el('input', { id: 'gc-reason', required: true });
  const setpointField = el('label', { for: 'gc-setpoint' }, 'Setpoint', setpoint);
  const modeField = el('label', { for: 'gc-mode', hidden: true }, 'Mode', mode);
  type.addEventListener('change', () => {
    const isSetpoint = type.value === 'set-setpoint';
    setpointField.hidden = !isSetpoint;
    setpoint.required = isSetpoint;
    modeField.hidden = isSetpoint;
  });
  let timer = null;

  const form = el(
    'form',
    {
      id: 'group-command',
      onsubmit: async (event) => {
        event.preventDefault();
        const command =
          type.value === 'set-setpoint'
            ? { type: 'set-setpoint', loopId: loop.value, setpoint: Number(setpoint.value), rampPerMinute: 0 }
            : { type: 'set-loop-mode', loopId: loop.value, mode: mode.value };
        const what = type.value === 'set-setpoint' ? `${loop.value} setpoint ${setpoint.value}` : `${loop.value} mode ${mode.value}`;
        const n = group.members.length;
        if (!window.confirm(`Send "${what}" to ${n === 1 ? 'the 1 reactor' : `all ${n} reactors`} of ${group.name}?`)) return;
        try {
          const sent = await post(path, { command, reason: reason.value });
          const count = sent.outcomes.length;
          notice(message, `Sent to ${count} reactor${count === 1 ? '' : 's'} as ${sent.id}.`);
          reason.value = '';
          await load();
        } catch (e) {
          notice(message, e.message, true);
        }
      },
    },
    el('div.grid', {}, el('label', { for: 'gc-type' }, 'Command', type), el('label', { for: 'gc-loop' }, 'Loop', loop), setpointField, modeField),
    el('label', { for: 'gc-reason' }, 'Reason', reason),
    el('button', { type: 'submit' }, 'Send to the group'),
  );

  async function load() {
    clearTimeout(timer);
    const commands = await get(`${path}?limit=5`);
    list.replaceChildren(
      ...(commands.length
        ? commands.map((c) =>
            el(
              'article.group-command',
              { dataset: { command: c.id, complete: String(c.complete) } },
              el('p', {}, el('strong', {}, describe(c.command)), ` by ${c.issuedBy}, ${new Date(c.issuedAt).toLocaleString()}: ${c.reason} `, el('small', {}, c.complete ? 'all answered' : 'waiting for answers')),
              el('ul', {}, c.outcomes.map((o) => el('li', { dataset: { reactor: o.reactorId, outcome: o.outcome } }, `${o.reactorId}: ${o.outcome}${o.reason ? ` (${o.reason})` : ''}`))),
            ),
          )
        : [el('p', {}, 'No commands sent to this group yet.')]),
    );
    if (commands.some((c) => !c.complete)) timer = setTimeout(() => load().catch(() => {}), REFRESH_MILLIS);
  }
  load().catch((e) => notice(message, e.message, true));

  return {
    node: el('article', {}, el('h3', {}, `A command for every reactor of ${group.name}`), message, form, el('h4', {}, 'Latest'), list),
    stop: () => clearTimeout(timer),
  };
}

function describe(command) {
  if (command.type === 'set-setpoint') return `${command.loopId} setpoint ${command.setpoint}`;
  if (command.type === 'set-loop-mode') return `${command.loopId} mode ${command.mode}`;
  return command.type;
}
