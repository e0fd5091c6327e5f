// Error screen: a specific message per code, what to do next, and a retry.

import { h, heading } from '../dom.js';
import { guide } from './intro.js';
import { ERROR_CODES } from '../../contract.js';

/**
 * CODES are the error codes with their own message: every code the
 * engine can reject with but two a participant never meets (a split the
 * engine falls back from, and a researcher's checksum check). Others
 * show "internal".
 */
export const CODES = Object.freeze(ERROR_CODES.filter((c) => c !== 'split_misaligned' && c !== 'checksum_mismatch'));

/**
 * render builds the error screen for state.error (a code). Choosing
 * another file and going on without sharing stay right under the message
 * on every screen, above any longer help, so that neither is ever out of
 * reach on a small screen.
 */
export function render({ tx, act, state }) {
  const code = CODES.includes(state.error) ? state.error : 'internal';
  return h('section', null,
    heading(tx.t('error.title')),
    h('div', { class: 'error', role: 'alert', 'data-code': code },
      h('p', { class: 'what' }, tx.t('error.' + code)),
      h('p', null, tx.t('error.' + code + '.next'))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn primary', 'data-key': 'retry', onclick: () => act.go('choose') }, tx.t('error.retry')),
      h('button', { type: 'button', class: 'btn', 'data-key': 'skip', onclick: () => act.askDecline() }, tx.t('error.skip'))),
    code === 'viewing_history_only' ? guide(tx, true) : null);
}
