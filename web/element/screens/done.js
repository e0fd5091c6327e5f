// Done screen: thanks, and what was shared; or, after a decline, a word
// that fits the reason (for "no file yet": how to get it for next time).

import { h, heading } from '../dom.js';
import { sharedFields } from '../fields.js';
import { requestSteps } from '../guide.js';

/** render builds the done screen. */
export function render({ tx, state, uid }) {
  if (state.outcome !== 'donate') return declined(tx, state);
  const d = state.share.summary;
  return h('section', null,
    heading(tx.t('done.title')),
    h('p', null, tx.t('done.shared')),
    sharedFields(tx, d, uid),
    h('p', null, tx.t('done.next')));
}

function declined(tx, state) {
  const reason = state.declineReason;
  let body;
  switch (reason) {
    case 'no_file':
      body = [h('p', null, tx.t('done.no_file')), h('div', { class: 'guide', 'data-key': 'request-steps' }, requestSteps(tx))];
      break;
    case 'not_own_account':
      body = h('p', null, tx.t('done.not_own_account'));
      break;
    case 'did_not_work':
      body = [h('p', null, tx.t('done.did_not_work')),
        state.declineError ? h('p', { class: 'small' }, tx.t('done.code', { code: state.declineError })) : null];
      break;
    default:
      body = h('p', null, tx.t('done.declined'));
  }
  return h('section', { 'data-reason': reason || null },
    heading(tx.t('done.declinedTitle')),
    body,
    h('p', null, tx.t('done.next')));
}
