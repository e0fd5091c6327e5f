// Consent screen: "Share" and "Don't share", equally prominent.

import { h, heading } from '../dom.js';

/** sharedList lists the blocks of a donation in words. */
export function sharedList(tx, d) {
  const blocks = (d.sharing && d.sharing.blocks) || [];
  return h('ul', { class: 'shared-list' }, blocks.map((b) => h('li', null, tx.t('block.' + b))));
}

/** render builds the consent screen. */
export function render({ tx, act, state }) {
  const d = state.share.summary;
  return h('section', null,
    heading(tx.t('consent.title')),
    sharedList(tx, d),
    h('div', { class: 'choices' },
      h('div', { class: 'choice-box' },
        h('button', { type: 'button', class: 'btn choice', 'data-key': 'share', onclick: () => act.share() }, tx.t('consent.share')),
        h('p', { class: 'small' }, tx.t('consent.shareExplain'))),
      h('div', { class: 'choice-box' },
        h('button', { type: 'button', class: 'btn choice', 'data-key': 'decline', onclick: () => act.decline() }, tx.t('consent.decline')),
        h('p', { class: 'small' }, tx.t('consent.declineExplain')))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'link', 'data-key': 'back', onclick: () => act.go('review') }, tx.t('consent.back'))));
}
