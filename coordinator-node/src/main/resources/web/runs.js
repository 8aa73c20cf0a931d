// A reactor's run (one cultivation): the one running with its annotations (drawn on the charts as
// markers) and, for operators, forms to start a run, annotate it (a note, inoculation, a sample with
// its id, a feed, the harvest) and end it with a reason; the latest runs below.
import { get, post } from './api.js';
import { el, notice } from './dom.js';
import { parseProfile, profileField } from './profile.js';

const KINDS = ['note', 'inoculation', 'sample', 'feed', 'harvest'];

export class RunPanel {
  /**
   * onMarkers([{at: millis, label}]) is told the running run's start and annotations; loopIds are
   * the loops a run's setpoint profile may drive.
   */
  constructor(reactorId, canCommand, onMarkers, loopIds = []) {
    this.reactorId = reactorId;
    this.loopIds = loopIds;
    this.canCommand = canCommand;
    this.onMarkers = onMarkers;
    this.message = el('div', { id: 'run-message' });
    this.current = el('div', { id: 'run-current' });
    this.recent = el('ul', { id: 'run-list' });
    this.card = el('section', { id: 'runs', 'aria-labelledby': 'runs-title' }, el('h3', { id: 'runs-title' }, 'Run'), this.message, this.current, el('h4', {}, 'Latest runs'), this.recent);
  }

  async load() {
    const runs = await get(`/api/reactors/${encodeURIComponent(this.reactorId)}/runs?limit=5`);
    this.recent.replaceChildren(
      ...(runs.length
        ? runs.map((r) => el('li', { dataset: { run: r.id } }, el('a', { href: `#/runs/${encodeURIComponent(r.id)}` }, el('strong', {}, r.name)), ` ${new Date(r.startedAt).toLocaleString()} – ${r.endedAt ? new Date(r.endedAt).toLocaleString() : 'running'} (by ${r.startedBy})`))
        : [el('li', {}, 'No runs yet.')]),
    );
    const running = runs.find((r) => !r.endedAt);
    if (!running) {
      this.onMarkers([]);
      this.current.replaceChildren(el('p', {}, 'No run is running.'), this.canCommand ? this.startForm() : '');
      return;
    }
    const { run, annotations } = await get(`/api/runs/${encodeURIComponent(running.id)}`);
    this.onMarkers([{ at: Date.parse(run.startedAt), label: `start of ${run.name}` }, ...annotations.map((a) => ({ at: Date.parse(a.at), label: a.sampleId ? `${a.kind} ${a.sampleId}` : a.kind }))]);
    this.current.replaceChildren(
      el('p', { dataset: { running: run.id } }, el('strong', {}, run.name), ` running since ${new Date(run.startedAt).toLocaleString()}, started by ${run.startedBy}`, run.description ? ` — ${run.description}` : ''),
      el('ul', { id: 'run-annotations' }, annotations.map((a) => el('li', { dataset: { kind: a.kind } }, `${new Date(a.at).toLocaleTimeString()} ${a.kind}${a.sampleId ? ` ${a.sampleId}` : ''}: ${a.text} (${a.by})`))),
      this.canCommand ? this.annotateForm(run) : '',
      this.canCommand
        ? el('button.secondary', {
            type: 'button',
            id: 'run-end',
            onclick: () => {
              const reason = window.prompt(`Reason for ending ${run.name} (kept in the audit trail):`);
              if (reason && reason.trim()) this.act(() => post(`/api/runs/${encodeURIComponent(run.id)}/end`, { reason: reason.trim() }), `${run.name} ended.`);
            },
          }, 'End the run')
        : '',
    );
  }

  startForm() {
    const name = el('input', { id: 'run-name', required: true });
    const description = el('input', { id: 'run-description' });
    const loop = el('select', { id: 'run-profile-loop' }, el('option', { value: '' }, 'none'), this.loopIds.map((l) => el('option', { value: l }, l)));
    const profile = profileField('run', 'Its segments, one per line');
    const body = () => {
      const request = { name: name.value, description: description.value };
      if (loop.value) request.profile = { loopId: loop.value, segments: parseProfile(profile.text()) };
      return request;
    };
    return el(
      'form',
      {
        id: 'run-start',
        onsubmit: (event) => {
          event.preventDefault();
          this.act(() => post(`/api/reactors/${encodeURIComponent(this.reactorId)}/runs`, body()), `Run ${name.value} started${loop.value ? `; its profile is queued for loop ${loop.value}` : ''}.`);
        },
      },
      el('div.grid', {}, el('label', { for: 'run-name' }, 'Name', name), el('label', { for: 'run-description' }, 'Description (organism, medium, aim)', description)),
      this.loopIds.length
        ? el('details', {}, el('summary', {}, 'With a setpoint profile (optional)'), el('label', { for: 'run-profile-loop' }, 'Loop it drives', loop), profile.element)
        : '',
      el('button', { type: 'submit' }, 'Start a run'),
    );
  }

  annotateForm(run) {
    const kind = el('select', { id: 'note-kind' }, KINDS.map((k) => el('option', { value: k }, k)));
    const text = el('input', { id: 'note-text' });
    const sample = el('input', { id: 'note-sample' });
    return el(
      'form',
      {
        id: 'run-annotate',
        onsubmit: (event) => {
          event.preventDefault();
          this.act(() => post(`/api/runs/${encodeURIComponent(run.id)}/annotations`, { kind: kind.value, text: text.value, sampleId: sample.value || null }), `${kind.value} noted.`);
        },
      },
      el('div.grid', {}, el('label', { for: 'note-kind' }, 'Annotation', kind), el('label', { for: 'note-text' }, 'Text', text), el('label', { for: 'note-sample' }, 'Sample id (samples)', sample)),
      el('button', { type: 'submit' }, 'Add to the run'),
    );
  }

  async act(work, done) {
    try {
      await work();
      notice(this.message, done);
      await this.load();
    } catch (e) {
      notice(this.message, e.message, true);
    }
  }
}
