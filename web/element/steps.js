// The step indicator shown above every screen.

import { h } from './dom.js';

/** STEPS are the participant's steps, in order. */
export const STEPS = Object.freeze(['intro', 'choose', 'review', 'consent', 'done']);

/** stepOf maps a screen to the step it belongs to. */
export function stepOf(screen) {
  switch (screen) {
    case 'working':
    case 'profile':
    case 'error':
      return 'choose';
    default:
      return STEPS.includes(screen) ? screen : 'intro';
  }
}

/** indicator renders the steps as an ordered list, the current one marked with aria-current. */
export function indicator(tx, screen) {
  const current = STEPS.indexOf(stepOf(screen));
  return h('nav', { 'aria-label': tx.t('steps.label') },
    h('ol', { class: 'steps' }, STEPS.map((s, i) => h('li', {
      class: i < current ? 'done' : null,
      'aria-current': i === current ? 'step' : null,
    }, h('span', { class: 'num', 'aria-hidden': 'true' }, String(i + 1)), h('span', { class: 'label' }, tx.t('steps.' + s))))),
    h('p', { class: 'step-pos' }, tx.t('steps.position', { n: current + 1, total: STEPS.length }) + ': ' + tx.t('steps.' + STEPS[current])));
}
