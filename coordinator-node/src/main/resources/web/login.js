// The login form: name and password, POST /api/session; errors (wrong password, throttled) shown.
import { logIn } from './api.js';
import { el, show, notice } from './dom.js';

export function renderLogin(onLoggedIn) {
  const message = el('div', { id: 'login-message' });
  const name = el('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true });
  const password = el('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = el(
    'form',
    {
      id: 'login',
      onsubmit: async (event) => {
        event.preventDefault();
        notice(message, '');
        try {
          await logIn(name.value, password.value);
          onLoggedIn();
        } catch (e) {
          notice(message, e.message, true);
          password.select();
        }
      },
    },
    el('label', { for: 'login-name' }, 'User name', name),
    el('label', { for: 'login-password' }, 'Password', password),
    el('button', { type: 'submit', id: 'login-submit' }, 'Log in'),
    message,
  );
  show(el('article.narrow', {}, el('h2', {}, 'Log in to FRMS'), form));
  name.focus();
  return null;
}
