// The user's own account: who they are, and a form to change their password.
import { currentSession, put } from './api.js';
import { el, show, notice } from './dom.js';

export async function renderAccount() {
  const me = await currentSession();
  const message = el('div', { id: 'password-message' });
  const field = (id, label, autocomplete) =>
    el('label', { for: id }, label, el('input', { id, type: 'password', autocomplete, required: true, minlength: id === 'current-password' ? null : 12 }));
  const form = el(
    'form',
    {
      id: 'password-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const value = (id) => document.getElementById(id).value;
        if (value('new-password') !== value('repeat-password')) {
          notice(message, 'The two new passwords differ.', true);
          return;
        }
        try {
          await put(`/api/users/${encodeURIComponent(me.user)}/password`, {
            current: value('current-password'),
            password: value('new-password'),
            reason: 'changed by its owner',
          });
          event.target.reset();
          notice(message, 'Password changed. Your other sessions are signed out.');
        } catch (e) {
          notice(message, e.message, true);
        }
      },
    },
    field('current-password', 'Current password', 'current-password'),
    field('new-password', 'New password (at least 12 characters)', 'new-password'),
    field('repeat-password', 'New password again', 'new-password'),
    el('button', { type: 'submit' }, 'Change password'),
    message,
  );
  show(
    el('h2', {}, 'Your account'),
    el('p', {}, `Logged in as ${me.user} (${me.displayName}), role ${me.role}.`),
    el('article.narrow', {}, el('h3', {}, 'Change your password'), form),
  );
  return null;
}
