// Charts of the review screen, built with DOM APIs. Bar sizes are SVG
// geometry attributes (height, y, width), which a strict style-src policy
// does not block; colours come from classes in the adopted style sheet.
// Every chart comes with a text or table alternative.

import { h, svg } from './dom.js';

/**
 * monthChart draws hours per month as an SVG bar chart with a table
 * alternative in a <details>. months: [{month: 'YYYY-MM', seconds}].
 */
export function monthChart(tx, months, headingId) {
  const n = months.length;
  const max = Math.max(1, ...months.map((m) => m.seconds));
  const W = 1000;
  const H = 100;
  const slot = W / Math.max(n, 1);
  const barW = Math.max(slot * 0.8, 0.5);
  const chart = svg('svg', {
    class: 'bars',
    viewBox: `0 0 ${W} ${H}`,
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-labelledby': headingId,
    focusable: 'false',
  });
  for (const f of [0.25, 0.5, 0.75]) {
    chart.appendChild(svg('line', { class: 'grid', x1: 0, x2: W, y1: H * f, y2: H * f, 'vector-effect': 'non-scaling-stroke' }));
  }
  months.forEach((m, i) => {
    const bh = (m.seconds / max) * H;
    chart.appendChild(svg('rect', {
      class: 'bar',
      x: (i * slot + (slot - barW) / 2).toFixed(2),
      y: (H - bh).toFixed(2),
      width: barW.toFixed(2),
      height: bh.toFixed(2),
    }, svg('title', null, `${tx.month(m.month)}: ${tx.t('review.titleHours', { hours: tx.hours(m.seconds) })}`)));
  });
  const top = h('div', { class: 'axis', 'aria-hidden': 'true' }, h('span', null, tx.t('review.chartMax', { hours: tx.hours(max) })));
  const axis = h('div', { class: 'axis', 'aria-hidden': 'true' },
    h('span', null, n ? tx.month(months[0].month) : ''),
    h('span', null, n ? tx.month(months[n - 1].month) : ''));
  const table = h('table', null,
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'text' }, tx.t('review.month')), h('th', { scope: 'col' }, tx.t('review.hours')))),
    h('tbody', null, months.map((m) => h('tr', null, h('th', { scope: 'row' }, tx.month(m.month)), h('td', null, tx.hours(m.seconds))))));
  return h('div', { class: 'chart' }, top, chart, axis,
    h('details', { 'data-key': 'months-table' }, h('summary', null, tx.t('review.monthsTable')), scrollRegion(tx.t('review.monthsTableLabel'), table)));
}

/** level maps a value to one of six colour classes, l0 (none) to l5 (most). */
export function level(value, max) {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(5, 1 + Math.floor((value / max) * 5 - 1e-9));
}

/**
 * heatMap draws seconds by weekday (Monday first) and hour as a grid of
 * coloured cells, with the peak in words and a table alternative.
 */
export function heatMap(tx, grid) {
  let max = 0;
  let peak = [0, 0];
  grid.forEach((row, d) => row.forEach((v, hr) => {
    if (v > max) { max = v; peak = [d, hr]; }
  }));
  const cells = [];
  for (let d = 0; d < 7; d++) {
    cells.push(h('span', { class: 'rowlabel' }, tx.weekdayShort(d)));
    for (let hr = 0; hr < 24; hr++) cells.push(h('span', { class: 'cell l' + level(grid[d][hr], max) }));
  }
  cells.push(h('span', null));
  for (let hr = 0; hr < 24; hr += 6) cells.push(h('span', { class: 'hourlabel' }, tx.hour(hr)));
  const legend = h('div', { class: 'legend', 'aria-hidden': 'true' },
    h('span', null, tx.t('review.heatLess')),
    [0, 1, 2, 3, 4, 5].map((l) => h('span', { class: 'cell l' + l })),
    h('span', null, tx.t('review.heatMore')));
  const table = h('table', null,
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'text' }, tx.t('review.hour')),
      [0, 1, 2, 3, 4, 5, 6].map((d) => h('th', { scope: 'col' }, tx.weekday(d))))),
    h('tbody', null, Array.from({ length: 24 }, (_, hr) => h('tr', null,
      h('th', { scope: 'row' }, tx.hour(hr)),
      [0, 1, 2, 3, 4, 5, 6].map((d) => h('td', null, tx.hours(grid[d][hr])))))));
  return h('div', { class: 'chart' },
    max > 0 ? h('p', null, tx.t('review.heatPeak', { day: tx.weekday(peak[0]), hour: tx.hour(peak[1]) })) : null,
    h('p', { class: 'small muted' }, tx.t('review.heatDesc')),
    h('div', { class: 'heat', 'aria-hidden': 'true' }, cells),
    legend,
    h('details', { 'data-key': 'heat-table' }, h('summary', null, tx.t('review.heatTable')), scrollRegion(tx.t('review.heatTableLabel'), table)));
}

/**
 * scrollRegion wraps a table that may scroll sideways on a narrow screen.
 * It can take keyboard focus, so the arrow keys scroll it, and is a named
 * region, so a screen reader says what it holds.
 */
function scrollRegion(label, table) {
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

/**
 * deviceChart lists device classes with their share of viewing time, as
 * text with a bar each; classes without viewing are left out.
 */
export function deviceChart(tx, devices) {
  const total = devices.reduce((s, d) => s + d.seconds, 0);
  const rows = devices.filter((d) => d.seconds > 0);
  return h('ul', { class: 'devices' }, rows.map((d) => {
    const pct = total > 0 ? (d.seconds / total) * 100 : 0;
    return h('li', null,
      h('span', null, tx.t('review.deviceRow', {
        device: tx.t('device.' + d.class),
        percent: tx.int(Math.round(pct)),
        hours: tx.hours(d.seconds),
      })),
      svg('svg', { viewBox: '0 0 100 1', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
        svg('rect', { class: 'bar', x: 0, y: 0, height: 1, width: pct.toFixed(2) })));
  }));
}
