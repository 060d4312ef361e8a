// The directory (findUsers): a search box that lists the people whose id, name or login starts
// with what was typed, as buttons to pick from. Used to start a 1:1 chat and to pick group
// members; a typed id still works for someone the page cannot list.

import { el, fill } from './dom.js';
import { reason } from './envelope.js';

const PAGE = 20; // enough to pick from; typing more narrows it

/** The term being typed: the last of a comma-separated list ("bob, car" → "car"). */
export const lastTerm = (text) => String(text).split(/[,;]/).pop().trim();

/**
 * Lists matches under `input` in `results` (a <ul>) while the input is used; `onPick(user)` runs
 * when one is chosen. Answers {clear}.
 */
export function attachPicker({ input, results, api, me, onPick }) {
  let timer = null;
  let asked = 0; // only the newest answer is shown
  async function search() {
    const n = ++asked;
    let answer;
    try {
      answer = await api.get('findUsers', { prefix: lastTerm(input.value) || undefined, length: PAGE });
    } catch (e) {
      if (n === asked) fill(results, el('li', { class: 'empty', text: 'Directory not available: ' + reason(e.code) }));
      return;
    }
    if (n !== asked) return;
    const people = answer.users.filter((u) => u.user_id !== me);
    fill(results, people.length ? people.map((u) => el('li', {},
      el('button', { type: 'button', class: 'person link', dataset: { userId: u.user_id },
        'aria-label': u.user_name + ' (' + u.user_id + ')', on: { click: () => { fill(results); onPick(u); } } },
      u.user_name, u.user_name !== u.user_id ? el('span', { class: 'person-id', text: ' ' + u.user_id }) : null)))
      : el('li', { class: 'empty', text: 'Nobody in the directory starts with that' }));
  }
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 150); });
  // on focus only when something is typed: Tab through an empty box does not spill a list
  input.addEventListener('focus', () => { if (lastTerm(input.value) && !results.childElementCount) search(); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Escape') fill(results); });
  return { clear() { asked++; fill(results); } };
}

/** Puts a picked id in place of the term being typed in a comma-separated list of ids. */
export function pickInto(input, userId) {
  const parts = input.value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  if (parts.length && !input.value.trim().match(/[,;]$/)) parts.pop();
  if (!parts.includes(userId)) parts.push(userId);
  input.value = parts.join(', ') + ', ';
  input.focus();
}
