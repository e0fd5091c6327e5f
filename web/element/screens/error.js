// Error screen: a specific message per code, what to do next, and a retry.

import { h, heading } from '../dom.js';
import { guide } from './intro.js';

/** CODES are the error codes with their own message; others show "internal". */
export const CODES = Object.freeze([
  'not_zip_or_csv', 'empty_file', 'corrupt_zip', 'unsupported_zip', 'no_viewing_activity', 'viewing_history_only',
  'other_netflix_file', 'bad_header', 'unreadable_rows', 'empty', 'too_large', 'nested_zip', 'bad_options', 'aborted',
  'internal', 'worker_failed', 'wasm_load_failed', 'bad_input',
]);

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
