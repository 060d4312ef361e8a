// Building the page from data. Everything a user or the server wrote goes in as text
// (textContent), never as markup, so a message cannot inject HTML or script.

/** el('li', {class: 'x', dataset: {msgId}}, 'text', child) — children are nodes or text. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat()) if (child) node.append(child instanceof Node ? child : String(child));
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });

export const clock = (ms) => timeFormat.format(new Date(ms));
export const day = (ms) => dayFormat.format(new Date(ms));

/** A list entry's time: the clock today, the date before. */
export function shortTime(ms) {
  if (!ms) return '';
  return new Date(ms).toDateString() === new Date().toDateString() ? clock(ms) : day(ms);
}

/** Two letters for an avatar without a picture. */
export function initials(name) {
  const words = String(name || '?').split(/[\s,]+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : String(name || '?').slice(0, 2)).toUpperCase();
}

export function humanSize(bytes) {
  if (!Number.isFinite(bytes)) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
  return (i === 0 ? bytes : bytes.toFixed(1)) + ' ' + units[i];
}
