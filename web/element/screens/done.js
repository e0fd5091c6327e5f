// Done screen: thanks, and what was shared (or that nothing was).

import { h, heading } from '../dom.js';
import { sharedList } from './consent.js';

/** render builds the done screen. */
export function render({ tx, act, state }) {
  if (state.outcome !== 'donate') {
    return h('section', null,
      heading(tx.t('done.declinedTitle')),
      h('p', null, tx.t('done.declined')),
      h('p', null, tx.t('done.next')));
  }
  const d = state.share.summary;
  return h('section', null,
    heading(tx.t('done.title')),
    h('p', null, tx.t('done.shared')),
    sharedList(tx, d),
    Array.isArray(d.titles) ? h('p', null, tx.t('done.titles', { count: tx.int(d.titles.length) })) : null,
    h('p', null, tx.t('done.next')));
}
