// Working screen: progress bar, stage text in a live region, cancel.

import { h, heading } from '../dom.js';

/**
 * render builds the working screen. It returns the section with an
 * update(fraction, stage) method that changes the bar and the status text
 * in place, so the live region exists before its text changes.
 */
export function render({ tx, act, state }) {
  const bar = h('progress', { max: '100', 'aria-label': tx.t('working.progress') });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  let shown = '';
  const section = h('section', { 'aria-busy': 'true' },
    heading(tx.t('working.title')),
    h('p', null, tx.t('working.body')),
    bar,
    status,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn', 'data-key': 'cancel', onclick: () => act.cancel() }, tx.t('working.cancel'))));
  section.update = (fraction, stage) => {
    let text;
    if (stage === 'profiles') {
      // Listing profiles reports no progress: an indeterminate bar, no percentage.
      bar.removeAttribute('value');
      bar.removeAttribute('aria-valuetext');
      text = tx.t('stage.profiles');
    } else {
      const pct = Math.max(0, Math.min(100, Math.floor((Number(fraction) || 0) * 100)));
      bar.value = pct;
      bar.setAttribute('aria-valuetext', pct + '%');
      // Announce each stage and every tenth percent, not every tick.
      text = tx.t('working.status', { stage: tx.t('stage.' + stage), percent: tx.int(Math.floor(pct / 10) * 10) });
    }
    if (text !== shown) {
      shown = text;
      status.textContent = text;
    }
  };
  section.update(state.progress || 0, state.stage || 'loading');
  return section;
}
