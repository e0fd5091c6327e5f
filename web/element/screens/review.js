// Review screen: what would be shared, as people like to look at it,
// plus the exact JSON. Everything shown comes from the donation that
// NetflixDonation.share computed for the current choices, except the
// title list, which also shows removed titles so they can be put back.

import { h, heading } from '../dom.js';
import { monthChart, heatMap, deviceChart } from '../charts.js';

/** yearTotals sums seconds per calendar year from by_month, oldest first. */
export function yearTotals(byMonth) {
  const years = new Map();
  for (const m of byMonth) {
    const y = m.month.slice(0, 4);
    years.set(y, (years.get(y) || 0) + m.seconds);
  }
  return Array.from(years, ([year, seconds]) => ({ year, seconds }));
}

function facts(tx, d) {
  const items = [];
  const tot = d.totals;
  if (tot && tot.views > 0) {
    items.push(h('li', { class: 'lead' }, tx.t('review.totalAll', {
      hours: tx.hours(tot.seconds), days: tx.int(tot.active_days), first: tx.date(tot.first_day), last: tx.date(tot.last_day),
    })));
  }
  if (d.by_month) {
    for (const y of yearTotals(d.by_month)) items.push(h('li', null, tx.t('review.totalYear', { hours: tx.hours(y.seconds), year: y.year })));
  }
  if (tot && tot.views > 0) {
    items.push(h('li', null, tx.t('review.counts', {
      views: tx.int(tot.views), titles: tx.int(tot.titles), series: tx.int(tot.series), movies: tx.int(tot.movies),
    })));
  }
  if (d.binge && d.binge.sessions > 0) {
    items.push(h('li', null, tx.t('review.binge', { sessions: tx.int(d.binge.sessions), longest: tx.int(d.binge.longest) })));
  }
  if (tot && tot.views === 0) items.push(h('li', null, tx.t('review.nothing')));
  return items.length ? h('ul', { class: 'facts' }, items) : null;
}

/** unreadable says how many rows could not be read, when any: they are in no figure. */
function unreadable(tx, summary) {
  const n = (summary.excluded && summary.excluded.malformed) || 0;
  return n > 0 ? h('p', { class: 'note', 'data-key': 'unreadable' }, tx.t('review.unreadable', { count: tx.int(n) })) : null;
}

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

function titles(tx, state, d, act, uid) {
  const all = state.summary.titles || [];
  const removed = new Set(state.removed);
  const kept = all.filter((t) => !removed.has(t.name));
  const droppedCount = (d.sharing && d.sharing.titles_dropped_for_size) || 0;
  const firstDropped = kept.length - droppedCount;
  // Share removes by name, so a series and a film with the same name go (and come back) together.
  const removedList = all.filter((t) => removed.has(t.name));
  return h('section', { 'aria-labelledby': uid + '-titles' },
    h('h3', { id: uid + '-titles', tabindex: '-1', 'data-key': 'titles-heading' }, tx.t('review.titles')),
    h('p', null, tx.t('review.titlesBody')),
    droppedCount > 0 ? h('p', { class: 'note' }, tx.t('review.dropped', { count: tx.int(droppedCount) })) : null,
    kept.length
      ? h('ul', { class: 'titles' }, kept.map((t, i) => titleRow(tx, t, { removed: false, dropped: i >= firstDropped, act })))
      : h('p', null, tx.t('review.noTitles')),
    removedList.length
      ? [h('h4', null, tx.t('review.removed')), h('ul', { class: 'titles removed' }, removedList.map((t) => titleRow(tx, t, { removed: true, act })))]
      : null);
}

/** render builds the review screen. */
export function render({ tx, act, state, uid }) {
  const d = state.share.summary;
  const blocks = (d.sharing && d.sharing.blocks) || [];
  const monthsId = uid + '-months';
  const heatId = uid + '-heat';
  return h('section', null,
    heading(tx.t('review.title')),
    h('p', null, tx.t('review.intro')),
    facts(tx, d),
    unreadable(tx, state.summary),
    d.by_month && d.by_month.length
      ? [h('h3', { id: monthsId }, tx.t('review.months')), monthChart(tx, d.by_month, monthsId)]
      : null,
    d.weekday_hour_seconds
      ? [h('h3', { id: heatId }, tx.t('review.heat')), heatMap(tx, d.weekday_hour_seconds)]
      : null,
    d.by_device && d.by_device.some((x) => x.seconds > 0)
      ? [h('h3', null, tx.t('review.devices')), deviceChart(tx, d.by_device)]
      : null,
    blocks.includes('titles') ? titles(tx, state, d, act, uid) : null,
    h('details', { class: 'exact', 'data-key': 'exact' },
      h('summary', null, tx.t('review.exact')),
      h('p', null, tx.t('review.exactBody', { chars: tx.int(state.share.json.length) })),
      h('pre', { class: 'json', tabindex: '0', 'aria-busy': state.sharePending ? 'true' : null }, state.share.json)),
    h('div', { class: 'actions split' },
      h('button', { type: 'button', class: 'btn primary', 'data-key': 'review-next', onclick: () => act.go('consent') }, tx.t('review.next')),
      h('button', { type: 'button', class: 'link', 'data-key': 'back', onclick: () => act.go('choose') }, tx.t('review.back'))));
}
