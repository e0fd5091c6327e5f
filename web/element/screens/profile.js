// Profile screen: "Which profile is yours?", shown only when the export
// has more than one profile. Names are shown as text, on this device only.

import { h, heading } from '../dom.js';

/** render builds the profile screen. */
export function render({ tx, act, state, uid }) {
  const boxes = [];
  const errorId = uid + '-profile-error';
  const error = h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
  const list = state.profiles.map((p, i) => {
    const id = `${uid}-profile-${i}`;
    const box = h('input', { type: 'checkbox', id, value: String(i), 'data-key': 'profile-' + i, checked: state.chosen.includes(p.name) || null });
    boxes.push(box);
    return h('div', { class: 'check' }, box,
      h('label', { for: id }, h('span', { class: 'name' }, p.name), h('span', { class: 'rows' }, tx.t('profile.views', { views: tx.int(p.views), hours: tx.hours(p.seconds) }))));
  });
  const submit = (ev) => {
    ev.preventDefault();
    const names = boxes.filter((b) => b.checked).map((b) => state.profiles[Number(b.value)].name);
    if (names.length === 0) {
      error.textContent = tx.t('profile.none');
      error.hidden = false;
      boxes[0].setAttribute('aria-describedby', errorId);
      boxes[0].focus();
      return;
    }
    act.chooseProfiles(names);
  };
  return h('section', null,
    heading(tx.t('profile.title')),
    h('p', null, tx.t('profile.body', { count: tx.int(state.profiles.length) })),
    h('p', { class: 'note' }, tx.t('profile.private')),
    h('form', { novalidate: true, onsubmit: submit },
      h('fieldset', null, h('legend', null, tx.t('profile.legend')), list),
      error,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'btn primary', 'data-key': 'profile-next' }, tx.t('profile.next')),
        h('button', { type: 'button', class: 'btn', 'data-key': 'back', onclick: () => act.go('choose') }, tx.t('profile.back')))));
}
