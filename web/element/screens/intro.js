// Intro screen: what happens, the privacy promise, and how to get the file.

import { h, heading } from '../dom.js';
import { guide } from '../guide.js';

// The error screen imports the guide from here.
export { guide };

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
      h('button', { type: 'button', class: 'link', 'data-key': 'skip', onclick: () => act.askDecline() }, tx.t('intro.skip'))));
}
