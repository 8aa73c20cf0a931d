// How long the page took from a reading's commit (its storedAt) to drawing it: the last 1,000
// delays in ms, as window.frmsDrawDelays (the UI benchmark reads them; so can anyone curious).
const MAX = 1000;
const delays = [];
window.frmsDrawDelays = delays;

/** Records, now, the delays of readings stored at these instants (epoch ms). */
export function drawn(storedAtMillis) {
  const now = Date.now();
  for (const stored of storedAtMillis) delays.push(now - stored);
  if (delays.length > MAX) delays.splice(0, delays.length - MAX);
}
