// Accessibility basics of what the page shows now: the problems found (empty: none) and how many
// controls and texts were checked:
// every visible control has a name a screen reader can say (a label, aria-label, or its text), and
// every visible text has a contrast of at least 4.5:1 with what is behind it (3:1 when large), as
// WCAG 2 AA asks. Run by Browser.look() on each page the web UI tests visit.
const problems = [];
const shown = (e) => e.offsetParent !== null || getComputedStyle(e).position === 'fixed';
const describe = (e) =>
  e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '');

function nameOf(control) {
  if (control.getAttribute('aria-label')?.trim()) return control.getAttribute('aria-label');
  const by = control.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
  if (control.labels && control.labels.length) return [...control.labels].map((l) => l.textContent).join(' ').trim();
  if (control.tagName === 'BUTTON' || (control.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(control.type)))
    return (control.textContent || control.value || '').trim();
  return (control.getAttribute('title') || '').trim();
}

let controls = 0;
for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
  if (!shown(control)) continue;
  controls += 1;
  if (!nameOf(control)) problems.push('no label: ' + describe(control));
}

function rgba(text) {
  const m = text.match(/rgba?\(([^)]+)\)/);
  if (!m) return [0, 0, 0, 0];
  const parts = m[1].split(',').map((p) => parseFloat(p));
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
}
function luminance([r, g, b]) {
  const c = [r, g, b].map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function over(top, below) {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1);
}
function background(e) {
  const layers = [];
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
    const bg = rgba(getComputedStyle(n).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let color = [255, 255, 255, 1];
  for (const layer of layers.reverse()) color = over(layer, color);
  return color;
}

const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const checked = new Set();
for (let t = walker.nextNode(); t; t = walker.nextNode()) {
  const e = t.parentElement;
  if (!t.textContent.trim() || !e || checked.has(e) || !shown(e)) continue;
  checked.add(e);
  if (e.closest('[disabled], [aria-disabled=true]')) continue; // WCAG exempts inactive controls
  const style = getComputedStyle(e);
  if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
  const bg = background(e);
  const fg = over(rgba(style.color), bg);
  const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
  const ratio = (l1 + 0.05) / (l2 + 0.05);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
  if (ratio < (large ? 3 : 4.5))
    problems.push(`contrast ${ratio.toFixed(2)}:1 of "${t.textContent.trim().slice(0, 40)}" (${describe(e)}, ${style.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
}
return { problems, controls, texts: checked.size };
