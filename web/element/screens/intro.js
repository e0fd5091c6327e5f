// Intro screen: what happens, the privacy promise, and how to get the file.

import { h, heading } from '../dom.js';

/** guide is the "How do I get my Netflix file?" disclosure (also used on the choose screen). */
export function guide(tx, open) {
  return h('details', { class: 'guide', open: open || null, 'data-key': 'guide' },
    h('summary', null, tx.t('guide.title')),
    h('ol', null, ['guide.step1', 'guide.step2', 'guide.step3', 'guide.step4', 'guide.step5'].map((k) => h('li', null, tx.t(k)))),
    h('p', { class: 'note' }, tx.t('guide.mac')));
}

/** render builds the intro screen. */
export function render({ tx, act }) {
  return h('section', null,
    heading(tx.t('intro.title')),
    h('p', null, tx.t('intro.why')),
    h('p', null, tx.t('intro.local')),
    h('p', null, tx.t('intro.control')),
    guide(tx, false),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn primary', 'data-key': 'start', onclick: () => act.start() }, tx.t('intro.start')),
      h('button', { type: 'button', class: 'link', 'data-key': 'skip', onclick: () => act.decline() }, tx.t('intro.skip'))));
}
