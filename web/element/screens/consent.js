// Consent screen: every member of the JSON that would be shared, in plain
// words, then "Share" and "Don't share", equally prominent.

import { h, heading } from '../dom.js';
import { sharedFields } from '../fields.js';

/** render builds the consent screen. */
export function render({ tx, act, state, uid }) {
  const d = state.share.summary;
  return h('section', null,
    heading(tx.t('consent.title')),
    h('p', null, tx.t('consent.body')),
    sharedFields(tx, d, uid),
    h('div', { class: 'choices' },
      h('div', { class: 'choice-box' },
        h('button', { type: 'button', class: 'btn choice', 'data-key': 'share', onclick: () => act.share() }, tx.t('consent.share')),
        h('p', { class: 'small' }, tx.t('consent.shareExplain'))),
      h('div', { class: 'choice-box' },
        h('button', { type: 'button', class: 'btn choice', 'data-key': 'decline', onclick: () => act.askDecline() }, tx.t('consent.decline')),
        h('p', { class: 'small' }, tx.t('consent.declineExplain')))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'link', 'data-key': 'back', onclick: () => act.go('review') }, tx.t('consent.back'))));
}
