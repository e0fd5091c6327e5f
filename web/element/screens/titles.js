// The title list of the review screen: remove a title, put it back, or
// share no titles at all with one tap.

import { h } from '../dom.js';

function titleRow(tx, t, { removed, dropped, act }) {
  const label = removed ? tx.t('review.undoLabel', { title: t.name }) : tx.t('review.removeLabel', { title: t.name });
  const meta = [tx.t(t.kind === 'movie' ? 'review.kindMovie' : 'review.kindSeries'), tx.t('review.titleHours', { hours: tx.hours(t.seconds) })];
  if (dropped) meta.push(tx.t('review.droppedMark'));
  return h('li', { class: dropped ? 'dropped' : null },
    h('span', { class: 'name' }, t.name, h('span', { class: 'meta' }, meta.join(' · '))),
    h('button', {
      type: 'button',
      class: 'btn small',
      'aria-label': label,
      'data-key': (removed ? 'undo:' : 'remove:') + t.name,
      onclick: () => (removed ? act.restoreTitle(t.name) : act.removeTitle(t.name)),
    }, tx.t(removed ? 'review.undo' : 'review.remove')));
}

/**
 * titles builds the title section from the full summary's titles (so that
 * removed ones can be put back) and donation d (what is dropped for size).
 */
export function titles(tx, state, d, act, uid) {
  const headingId = uid + '-titles';
  const head = [
    h('h3', { id: headingId, tabindex: '-1', 'data-key': 'titles-heading' }, tx.t('review.titles')),
    h('p', null, tx.t('review.titlesBody')),
  ];
  const all = state.summary.titles || [];
  if (state.noTitles) {
    return h('section', { 'aria-labelledby': headingId }, head,
      h('p', { class: 'note' }, tx.t('review.noneOn')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', 'data-key': 'titles-all', onclick: () => act.shareNoTitles(false) }, tx.t('review.allTitles'))));
  }
  const removed = new Set(state.removed);
  const kept = all.filter((t) => !removed.has(t.name));
  const droppedCount = (d.sharing && d.sharing.titles_dropped_for_size) || 0;
  const firstDropped = kept.length - droppedCount;
  // Share removes by name, so a series and a film with the same name go (and come back) together.
  const removedList = all.filter((t) => removed.has(t.name));
  return h('section', { 'aria-labelledby': headingId }, head,
    kept.length
      ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', 'data-key': 'titles-none', onclick: () => act.shareNoTitles(true) }, tx.t('review.noneTitles')))
      : null,
    droppedCount > 0 ? h('p', { class: 'note' }, tx.t('review.dropped', { count: tx.int(droppedCount) })) : null,
    kept.length
      ? h('ul', { class: 'titles' }, kept.map((t, i) => titleRow(tx, t, { removed: false, dropped: i >= firstDropped, act })))
      : h('p', null, tx.t('review.noTitles')),
    removedList.length
      ? [h('h4', null, tx.t('review.removed')), h('ul', { class: 'titles removed' }, removedList.map((t) => titleRow(tx, t, { removed: true, act })))]
      : null);
}
