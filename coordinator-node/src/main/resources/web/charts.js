// One time-series chart per sensor (uPlot): history as min/mean/max buckets sized to the chart's
// width, then live readings appended as they are stored. A loop's setpoint and output are drawn on
// the same time axis as the sensor it controls. Drag across a chart to zoom: the finer buckets of
// that range are fetched; double-click goes back to the live window.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { get } from './api.js';
import { el } from './dom.js';
import { drawn } from './metrics.js';

const MAX_POINTS = 2000; // per series: a page left open keeps a bounded amount
const MIN_DRAW_GAP = 250; // ms between redraws of one chart

export class SensorChart {
  /** lines: [{sensorId, label, scale: 'y'|'out', dash}] — the first is the sensor itself. */
  constructor(reactorId, lines, unit, onZoom) {
    this.reactorId = reactorId;
    this.lines = lines;
    this.points = lines.map(() => []); // per line: [[seconds, value], ...] sorted by time
    this.zoomed = false;
    this.pending = false;
    this.markers = []; // [{at: seconds, label}]: a run's start and annotations
    this.storedAts = []; // commit times of readings appended since the last draw
    this.status = el('small.chart-status', {}, '');
    this.holder = el('div.chart');
    this.figure = el(
      'figure.sensor-chart',
      { dataset: { sensor: lines[0].sensorId, lastSeq: '' } },
      el('figcaption', {}, el('strong', {}, `${lines[0].label} (${unit})`), ' ', this.status),
      this.holder,
    );
    this.plot = new uPlot(
      {
        width: 600,
        height: 220,
        scales: { x: { time: true }, out: { auto: true } },
        axes: [{}, { scale: 'y', size: 60 }, ...(lines.some((l) => l.scale === 'out') ? [{ scale: 'out', side: 1, grid: { show: false }, size: 50 }] : [])],
        series: [
          {},
          ...lines.map((line, i) => ({
            label: line.label,
            scale: line.scale,
            spanGaps: true,
            stroke: ['#1f6feb', '#d1242f', '#8250df'][i % 3],
            dash: line.dash,
            width: 1.5,
          })),
        ],
        cursor: { drag: { x: true, y: false } },
        hooks: {
          draw: [(u) => this.drawMarkers(u)],
          setSelect: [
            (u) => {
              if (u.select.width < 5) return;
              const from = u.posToVal(u.select.left, 'x');
              const to = u.posToVal(u.select.left + u.select.width, 'x');
              u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
              onZoom(from * 1000, to * 1000);
            },
          ],
        },
      },
      [[], ...lines.map(() => [])],
      this.holder,
    );
    this.holder.addEventListener('dblclick', () => onZoom(null, null));
  }

  /** Fits the chart to its box (call after it is in the page and when the window resizes). */
  fit() {
    const width = Math.max(260, Math.floor(this.figure.clientWidth || 600));
    if (width === this.plot.width) return;
    this.plot.setSize({ width, height: width < 500 ? 180 : 220 });
  }

  /** Buckets wanted: about one per two pixels of width. */
  buckets() {
    return Math.min(1000, Math.max(60, Math.round((this.holder.clientWidth || 600) / 2)));
  }

  /** Replaces every line with the downsampled history of [fromMillis, toMillis]. */
  async load(fromMillis, toMillis) {
    this.status.textContent = 'loading…';
    const from = new Date(fromMillis).toISOString();
    const to = new Date(toMillis).toISOString();
    const answers = await Promise.all(
      this.lines.map((line) =>
        get(
          `/api/reactors/${encodeURIComponent(this.reactorId)}/sensors/${encodeURIComponent(line.sensorId)}/history` +
            `?from=${from}&to=${to}&buckets=${this.buckets()}`,
        ).catch(() => ({ buckets: [] })),
      ),
    );
    this.points = answers.map((answer) =>
      answer.buckets
        .filter((b) => b.mean !== null)
        .map((b) => [(Date.parse(b.start) + Date.parse(b.end)) / 2000, b.mean]),
    );
    this.window = [fromMillis / 1000, toMillis / 1000];
    this.status.textContent = this.zoomed ? 'zoomed: double-click for live' : '';
    this.draw();
  }

  /** A reading as it was stored (from the live stream). */
  add(reading) {
    const index = this.lines.findIndex((l) => l.sensorId === reading.sensorId);
    if (index < 0) return;
    if (index === 0) this.figure.dataset.lastSeq = reading.seq;
    if (this.zoomed) return;
    const series = this.points[index];
    const t = Date.parse(reading.takenAt) / 1000;
    const value = reading.quality === 'GOOD' ? reading.value : null;
    if (series.length && series[series.length - 1][0] >= t) return; // already drawn (history)
    series.push([t, value]);
    if (series.length > MAX_POINTS) series.splice(0, series.length - MAX_POINTS);
    if (reading.storedAt && this.storedAts.length < MAX_POINTS) this.storedAts.push(Date.parse(reading.storedAt));
    this.scheduleDraw();
  }

  /** Slides the live window so that it ends now. */
  slide(spanMillis) {
    if (this.zoomed) return;
    const now = Date.now() / 1000;
    this.window = [now - spanMillis / 1000, now];
    for (const series of this.points) {
      const keep = series.findIndex((p) => p[0] >= this.window[0]);
      if (keep > 0) series.splice(0, keep);
    }
    this.scheduleDraw();
  }

  /** At most one redraw per MIN_DRAW_GAP: a chart need not follow 10 Hz sensors at 60 frames/s. */
  scheduleDraw() {
    if (this.pending) return;
    this.pending = true;
    const wait = Math.max(0, (this.lastDraw || 0) + MIN_DRAW_GAP - performance.now());
    setTimeout(
      () =>
        requestAnimationFrame(() => {
          this.pending = false;
          this.lastDraw = performance.now();
          this.draw();
        }),
      wait,
    );
  }

  draw() {
    const tables = this.points.map((series) => [series.map((p) => p[0]), series.map((p) => p[1])]);
    const data = tables.some((t) => t[0].length) ? uPlot.join(tables) : [[], ...this.lines.map(() => [])];
    this.plot.setData(data);
    if (this.window) this.plot.setScale('x', { min: this.window[0], max: this.window[1] });
    drawn(this.storedAts.splice(0));
  }

  /** Vertical markers at these times (millis) with their labels. */
  setMarkers(markers) {
    this.markers = markers.map((m) => ({ at: m.at / 1000, label: m.label }));
    this.figure.dataset.markers = String(this.markers.length);
    this.plot.redraw();
  }

  drawMarkers(u) {
    drawMarkers(u, this.markers);
  }

  destroy() {
    this.plot.destroy();
  }
}

/** Dashed vertical lines with labels at these times (seconds) on a uPlot chart's canvas. */
export function drawMarkers(u, markers) {
  const { ctx } = u;
  ctx.save();
  ctx.strokeStyle = '#6e7781';
  ctx.fillStyle = '#24292f';
  ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
  ctx.setLineDash([3, 3]);
  for (const m of markers) {
    const x = u.valToPos(m.at, 'x', true);
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.fillText(m.label, x + 3, u.bbox.top + 12 * devicePixelRatio);
  }
  ctx.restore();
}
