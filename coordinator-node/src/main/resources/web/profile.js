// Setpoint profiles as people write them, one segment per line:
//   37 for 2 h            hold 37 for two hours
//   ramp to 39 over 30 min  ramp from where the previous line ended
// (units s, min, h, d), turned into the run-profile command's segments; and a running profile
// described back ("segment 2 of 3: ramp to 39 over 30 min, ends 14:32").
import { el } from './dom.js';

const UNITS = { s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };
const LINE = /^(ramp\s+(?:to\s+)?)?(-?\d+(?:\.\d+)?)\s+(for|over)\s+(\d+(?:\.\d+)?)\s*(s|min|h|d)$/i;

/** The segments of a profile's text; throws naming the first line it cannot read. */
export function parseProfile(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l);
  if (!lines.length) throw new Error('A profile needs at least one line, such as "37 for 2 h".');
  return lines.map((line, i) => {
    const m = LINE.exec(line);
    if (!m || Boolean(m[1]) !== (m[3].toLowerCase() === 'over')) throw new Error(`Profile line ${i + 1} ("${line}"): write "37 for 2 h" or "ramp to 39 over 30 min" (units s, min, h, d).`);
    return { setpoint: Number(m[2]), durationMillis: Math.round(Number(m[4]) * UNITS[m[5].toLowerCase()]), ramp: Boolean(m[1]) };
  });
}

function duration(millis) {
  for (const [unit, size] of [['d', UNITS.d], ['h', UNITS.h], ['min', UNITS.min]]) {
    if (millis >= size && millis % size === 0) return `${millis / size} ${unit}`;
  }
  return `${millis / 1000} s`;
}

export function segmentText(s) {
  return s.ramp ? `ramp to ${s.setpoint} over ${duration(s.durationMillis)}` : `${s.setpoint} for ${duration(s.durationMillis)}`;
}

/** Where a loop's profile stands now: running (which segment, when it ends) or finished. */
export function describeProfile(profile, now = Date.now()) {
  const ends = new Date(profile.endsAtMillis).toLocaleString();
  if (now >= profile.endsAtMillis) return `'${profile.name}' finished ${ends}, holding ${profile.segments.at(-1).setpoint}`;
  let at = profile.startedAtMillis;
  const index = profile.segments.findIndex((s) => (at += s.durationMillis) > now);
  return `'${profile.name}' segment ${index + 1} of ${profile.segments.length}: ${segmentText(profile.segments[index])}, ends ${ends}`;
}

export function isRunning(profile, now = Date.now()) {
  return Boolean(profile) && now < profile.endsAtMillis;
}

/** A labelled text area for a profile; its id prefix keeps labels unique on the page. */
export function profileField(prefix, label) {
  const area = el('textarea', { id: `${prefix}-profile`, rows: 3, placeholder: '37 for 2 h\nramp to 39 over 30 min\n39 for 1 d' });
  return { element: el('label', { for: `${prefix}-profile` }, label, area), text: () => area.value.trim(), clear: () => (area.value = '') };
}
