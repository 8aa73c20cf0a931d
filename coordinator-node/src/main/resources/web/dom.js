// Small helpers to build the page from data; text always goes in as text, never as HTML.

/** el('div.card', {id: 'x', onclick: f}, child, 'text', [more]) */
export function el(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  if (!/^[a-z][a-z0-9]*$/.test(tag)) throw new Error(`el('${spec}'): a tag name, then .classes (ids go in attrs)`);
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces what the page shows. */
export function show(...nodes) {
  const page = document.getElementById('page');
  page.replaceChildren(...nodes.flat());
  return page;
}

/** "12 s ago", "3 min ago", from an ISO instant or epoch millis. */
export function ago(when) {
  if (!when) return '';
  const millis = typeof when === 'number' ? when : Date.parse(when);
  const seconds = Math.max(0, Math.round((Date.now() - millis) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 129600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A number shown with sensible precision. */
export function num(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number(value).toFixed(Math.abs(value) >= 100 ? 1 : digits);
}

/** A message the page shows until the next change (errors in red). */
export function notice(target, text, isError = false) {
  target.replaceChildren(text ? el(isError ? 'p.error' : 'p.ok', { role: 'status' }, text) : '');
}

/**
 * For pages of admin changes: act(work, done) does a change, says how it went in {@code message}
 * and reloads the page's lists (true if it was made); ask(what) asks the reason for the audit
 * trail (null if none was given).
 */
export function changes(message, reload) {
  const act = async (work, done) => {
    try {
      await work();
      notice(message, done);
      await reload();
      return true;
    } catch (e) {
      notice(message, e.message, true);
      return false;
    }
  };
  const ask = (what) => {
    const reason = window.prompt(`Reason for ${what} (kept in the audit trail):`);
    return reason && reason.trim() ? reason.trim() : null;
  };
  return { act, ask };
}
