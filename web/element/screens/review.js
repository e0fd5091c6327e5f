// Review screen: what would be shared, as people like to look at it,
// plus the exact JSON. Everything shown comes from the donation that
// NetflixDonation.share computed for the current choices, except the
// title list, which also shows removed titles so they can be put back.
//
// The facts speak of what was watched, not of "you": a profile may be
// shared with others.

import { h, heading } from '../dom.js';
import { monthChart, heatMap, deviceChart } from '../charts.js';
import { layout } from '../pretty.js';
import { titles } from './titles.js';

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

/** choices lets the participant leave out the blocks the study made optional. */
function choices(tx, state, optional, act, uid) {
  if (!optional.length) return null;
  const headingId = uid + '-choices';
  return h('section', { 'aria-labelledby': headingId },
    h('h3', { id: headingId }, tx.t('review.choices')),
    h('fieldset', null, h('legend', null, tx.t('review.choicesBody')),
      optional.map((b) => {
        const id = `${uid}-block-${b}`;
        return h('div', { class: 'check' },
          h('input', {
            type: 'checkbox', id, 'data-key': 'block:' + b, checked: !state.omitted.includes(b) || null,
            onchange: (ev) => act.shareBlock(b, ev.target.checked),
          }),
          h('label', { for: id }, tx.t('block.' + b)));
      })));
}

/** unreadable says how many rows could not be read, when any: they are in no figure. */
function unreadable(tx, summary) {
  const n = (summary.excluded && summary.excluded.malformed) || 0;
  return n > 0 ? h('p', { class: 'note', 'data-key': 'unreadable' }, tx.t('review.unreadable', { count: tx.int(n) })) : null;
}

/** render builds the review screen. */
export function render({ tx, act, state, uid }) {
  const d = state.share.summary;
  const blocks = (d.sharing && d.sharing.blocks) || [];
  const monthsId = uid + '-months';
  const heatId = uid + '-heat';
  const exactId = uid + '-exact';
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
    choices(tx, state, act.config.optional, act, uid),
    h('details', { class: 'exact', 'data-key': 'exact' },
      h('summary', { id: exactId }, tx.t('review.exact')),
      h('p', null, tx.t('review.exactBody', { chars: tx.int(state.share.json.length) })),
      h('pre', { class: 'json', tabindex: '0', role: 'region', 'aria-labelledby': exactId, 'aria-busy': state.sharePending ? 'true' : null }, layout(state.share.json))),
    h('div', { class: 'actions split' },
      h('button', { type: 'button', class: 'btn primary', 'data-key': 'review-next', onclick: () => act.go('consent') }, tx.t('review.next')),
      h('div', { class: 'back-links' },
        state.profiles.length > 1
          ? h('button', { type: 'button', class: 'link', 'data-key': 'back-profile', onclick: () => act.go('profile') }, tx.t('review.backProfile'))
          : null,
        h('button', { type: 'button', class: 'link', 'data-key': 'back', onclick: () => act.go('choose') }, tx.t('review.back')))));
}
