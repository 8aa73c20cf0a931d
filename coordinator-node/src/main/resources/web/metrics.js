// How long the page took from a reading's commit (its storedAt) to receiving it and to drawing it:
// the last 10,000 delays in ms of each, as window.frmsReceiveDelays and window.frmsDrawDelays (the
// UI benchmark reads them; so can anyone curious). Bounded, so a page left open keeps no more.
const MAX = 10000;
const receiveDelays = [];
const drawDelays = [];
window.frmsReceiveDelays = receiveDelays;
window.frmsDrawDelays = drawDelays;

function record(delays, storedAtMillis) {
  const now = Date.now();
  for (const stored of storedAtMillis) delays.push(now - stored);
  if (delays.length > MAX) delays.splice(0, delays.length - MAX);
}

/** Records, now, the delay of a reading stored at this instant (epoch ms) that just arrived. */
export function received(storedAtMillis) {
  record(receiveDelays, [storedAtMillis]);
}

/** Records, now, the delays of readings stored at these instants (epoch ms). */
export function drawn(storedAtMillis) {
  record(drawDelays, storedAtMillis);
}
