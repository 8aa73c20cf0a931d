// Groups of reactors (a site, room, line, project or tag): everyone sees them and their members;
// admins create groups and add or remove members, each change with a reason for the audit trail.
import { get, post, put, del, may } from './api.js';
import { el, show, notice, changes } from './dom.js';

const KINDS = ['site', 'room', 'line', 'project', 'tag'];

export async function renderGroups() {
  const admin = may('admin');
  const message = el('div', { id: 'groups-message' });
  const rows = el('tbody');
  const { act, ask } = changes(message, () => load());

  async function load() {
    const [groups, fleet] = await Promise.all([get('/api/groups'), get('/api/reactors')]);
    const reactorIds = fleet.reactors.map((r) => r.id);
    rows.replaceChildren(
      ...groups.map((g) => {
        const path = `/api/groups/${encodeURIComponent(g.id)}`;
        const members = el(
          'ul.members',
          {},
          g.members.length ? '' : el('li', {}, 'no members yet'),
          ...g.members.map((m) =>
            el(
              'li',
              { dataset: { member: m } },
              el('a', { href: `#/reactors/${encodeURIComponent(m)}` }, m),
              admin
                ? el('button.small.secondary', {
                    type: 'button',
                    'aria-label': `remove ${m} from ${g.name}`,
                    onclick: () => {
                      const reason = ask(`removing ${m} from ${g.name}`);
                      if (reason) act(() => del(`${path}/members/${encodeURIComponent(m)}?reason=${encodeURIComponent(reason)}`), `${m} left ${g.name}.`);
                    },
                  }, 'Remove')
                : '',
            ),
          ),
        );
        const adding = admin ? addMember(g, reactorIds.filter((id) => !g.members.includes(id)), path) : '';
        return el('tr', { dataset: { group: g.id } }, el('td', {}, el('a', { href: `#/groups/${encodeURIComponent(g.id)}` }, g.id)), el('td', {}, g.name), el('td', {}, g.kind), el('td', {}, members, adding));
      }),
    );
    if (!groups.length) rows.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, 'No groups yet.')));
  }

  function addMember(g, candidates, path) {
    if (!candidates.length) return '';
    const id = `add-to-${g.id}`;
    const pick = el('select', { id }, candidates.map((r) => el('option', { value: r }, r)));
    return el(
      'div.add-member',
      {},
      el('label', { for: id }, `Add to ${g.name}`, pick),
      el('button.small', {
        type: 'button',
        'aria-label': `add the chosen reactor to ${g.name}`,
        onclick: () => {
          const reason = ask(`adding ${pick.value} to ${g.name}`);
          if (reason) act(() => put(`${path}/members/${encodeURIComponent(pick.value)}?reason=${encodeURIComponent(reason)}`), `${pick.value} joined ${g.name}.`);
        },
      }, 'Add'),
    );
  }

  const field = (id, label, attrs = {}) => el('label', { for: id }, label, el('input', { id, name: id, required: true, ...attrs }));
  const newGroup = el(
    'form',
    {
      id: 'new-group',
      onsubmit: (event) => {
        event.preventDefault();
        const f = event.target.elements;
        act(() => post('/api/groups', { id: f['group-id'].value, name: f['group-name'].value, kind: f['group-kind'].value, reason: f['group-reason'].value }), `Group ${f['group-name'].value} created.`)
          .then((made) => made && event.target.reset());
      },
    },
    el('div.grid', {},
      field('group-id', 'Id (lower-case, e.g. room-b)', { pattern: '[a-z0-9][a-z0-9._\\-]{0,63}' }),
      field('group-name', 'Name'),
      el('label', { for: 'group-kind' }, 'Kind', el('select', { id: 'group-kind' }, KINDS.map((k) => el('option', { value: k }, k))))),
    field('group-reason', 'Reason'),
    el('button', { type: 'submit' }, 'Create group'),
  );

  show(
    el('h2', {}, 'Groups'),
    message,
    el('div.overflow-auto', {}, el('table', { id: 'groups' }, el('thead', {}, el('tr', {}, ['id', 'name', 'kind', 'members'].map((h) => el('th', { scope: 'col' }, h)))), rows)),
    admin ? el('article', {}, el('h3', {}, 'New group'), newGroup) : '',
  );
  await load().catch((e) => notice(message, e.message, true));
  return null;
}
