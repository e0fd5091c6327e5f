// Working screen: progress bar, stage and percentage, cancel.
//
// The percentage changes often, so it is shown but not announced: a
// separate live region announces each stage once. The engine's own "done"
// comes before the summary is prepared, so it is no stage of its own here;
// the end is announced by the next screen taking focus.

import { h, heading } from '../dom.js';

/**
 * render builds the working screen. It returns the section with an
 * update(fraction, stage) method that changes the bar and the texts in
 * place, so the live region exists before its text changes.
 */
export function render({ tx, act, state }) {
  const bar = h('progress', { max: '100', 'aria-label': tx.t('working.progress') });
  // Hidden from screen readers: the bar's aria-valuetext and the live region say the same.
  const shownText = h('p', { class: 'status', 'aria-hidden': 'true' });
  const live = h('p', { class: 'vh', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  let stageShown = '';
  let textShown = '';
  const section = h('section', { 'aria-busy': 'true' },
    heading(tx.t('working.title')),
    h('p', null, tx.t('working.body')),
    bar,
    shownText,
    live,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn', 'data-key': 'cancel', onclick: () => act.cancel() }, tx.t('working.cancel'))));
  section.update = (fraction, stage) => {
    if (stage === 'done') stage = stageShown || 'summarising';
    const pct = Math.max(0, Math.min(100, Math.floor((Number(fraction) || 0) * 100)));
    bar.value = pct;
    bar.setAttribute('aria-valuetext', pct + '%');
    const text = tx.t('working.status', { stage: tx.t('stage.' + stage), percent: tx.int(pct) });
    if (text !== textShown) {
      textShown = text;
      shownText.textContent = text;
    }
    if (stage !== stageShown) {
      stageShown = stage;
      live.textContent = tx.t('stage.' + stage);
    }
  };
  section.update(state.progress || 0, state.stage || 'loading');
  return section;
}
