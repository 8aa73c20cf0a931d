// What the fleet and reactor pages both say about a reactor: its link in words, its key sensors.
import { ago } from './dom.js';

/** The link state as a person reads it, and a tone for its badge. */
export function linkText(reactor) {
  switch (reactor.link) {
    case 'live':
      return { text: 'live', tone: 'good' };
    case 'catching_up':
      return { text: `catching up · backlog ${reactor.backlog ?? '?'}`, tone: 'busy' };
    case 'unreachable':
      return { text: `unreachable since ${ago(reactor.since) || '?'}`, tone: 'bad' };
    case 'connecting':
      return { text: 'connecting', tone: 'busy' };
    case 'removed':
      return { text: 'removed', tone: 'bad' };
    default:
      return { text: reactor.link || 'unknown', tone: 'bad' };
  }
}

/** The latest readings of the sensors that measure the vessel (not the loops' own outputs). */
export function keySensors(description, latest) {
  const kinds = new Map((description?.state?.info?.sensors || []).map((s) => [s.sensorId, s.kind]));
  return (latest?.sensors || []).filter((r) => (kinds.get(r.sensorId) ?? guessKind(r.sensorId)) !== 'output');
}

function guessKind(sensorId) {
  return /-(output|setpoint|p|i|d)$/.test(sensorId) ? 'output' : 'sensor';
}
