// Decline screen: "Continue without sharing?", with the reason and a way
// back. Intro, error and consent screens lead here; nothing is passed to
// the host until the participant confirms. After an error, "it did not
// work" is chosen already and shows the error's code.

import { h, heading } from '../dom.js';
import { DECLINE_REASONS } from '../host.js';

/** render builds the decline screen for state.declineFrom, state.declineReason and state.declineError. */
export function render({ tx, act, state, uid }) {
  const errorId = uid + '-decline-error';
  const error = h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
  // Someone who read a file has one: "no file yet" would only confuse.
  const reasons = DECLINE_REASONS.filter((r) => r !== 'no_file' || !state.summary);
  const radios = [];
  const options = reasons.map((r) => {
    const id = `${uid}-reason-${r}`;
    const radio = h('input', {
      type: 'radio', name: uid + '-reason', id, value: r, 'data-key': 'reason:' + r,
      checked: state.declineReason === r || null,
      onchange: () => { state.declineReason = r; },
    });
    radios.push(radio);
    const code = r === 'did_not_work' && state.declineError
      ? h('span', { class: 'code' }, tx.t('decline.code', { code: state.declineError }))
      : null;
    return h('div', { class: 'check' }, radio, h('label', { for: id }, h('span', { class: 'name' }, tx.t('decline.' + r)), code));
  });
  const submit = (ev) => {
    ev.preventDefault();
    const chosen = radios.find((r) => r.checked);
    if (!chosen) {
      error.textContent = tx.t('decline.none');
      error.hidden = false;
      radios[0].setAttribute('aria-describedby', errorId);
      radios[0].focus();
      return;
    }
    act.decline(chosen.value, chosen.value === 'did_not_work' ? state.declineError : null);
  };
  return h('section', null,
    heading(tx.t('decline.title')),
    h('p', null, tx.t('decline.body')),
    h('form', { novalidate: true, onsubmit: submit },
      h('fieldset', null, h('legend', null, tx.t('decline.legend')), options),
      error,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'btn primary', 'data-key': 'decline-confirm' }, tx.t('decline.confirm')),
        h('button', { type: 'button', class: 'btn', 'data-key': 'back', onclick: () => act.backFromDecline() }, tx.t('decline.back')))));
}
