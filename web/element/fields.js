// What a donation holds, in plain words: the consent and done screens list
// every member of the JSON that would be (or was) shared, so that nothing
// leaves the device unnamed. Each item carries the JSON keys it names in
// data-fields (a test compares them with the donation's keys).

import { h } from './dom.js';
import { SHARE_BLOCKS, ACCOUNT_BLOCKS } from '../contract.js';

/** VIEWING lists the blocks about viewing, in the order they are named. */
const VIEWING = SHARE_BLOCKS;

/** ABOUT groups the members every donation carries to be read correctly. */
const ABOUT = Object.freeze([['rows_total', 'excluded', 'lenient_rows'], ['source'], ['options'], ['sharing'], ['schema', 'checksum']]);

/** ACCOUNT lists the account blocks, in the order they are named. */
const ACCOUNT = ACCOUNT_BLOCKS;

/** sharedFields lists every member of donation d in words, in two groups. */
export function sharedFields(tx, d, uid) {
  const viewing = VIEWING.filter((k) => k in d).map((k) => item([k], viewingText(tx, d, k), k === 'account' ? accountList(tx, d.account) : null));
  const about = ABOUT.map((keys) => keys.filter((k) => k in d))
    .filter((keys) => keys.length)
    .map((keys) => item(keys, keys.map((k) => aboutText(tx, d, k)).join(' ')));
  const viewingId = uid + '-fields-viewing';
  const aboutId = uid + '-fields-about';
  return h('div', { class: 'fields' },
    viewing.length ? [h('h3', { id: viewingId }, tx.t('fields.viewing')), h('ul', { class: 'shared-list', 'aria-labelledby': viewingId }, viewing)] : null,
    h('h3', { id: aboutId }, tx.t('fields.about')),
    h('ul', { class: 'shared-list', 'aria-labelledby': aboutId }, about));
}

function item(keys, text, extra) {
  return h('li', { 'data-fields': keys.join(' ') }, text, extra || null);
}

function viewingText(tx, d, k) {
  switch (k) {
    case 'by_month':
      return tx.t('field.by_month', { count: tx.int(d.by_month.length) });
    case 'titles':
      return d.titles.length ? tx.t('field.titles', { count: tx.int(d.titles.length) }) : tx.t('field.titlesNone');
    case 'profiles':
      return tx.t('field.profiles', { count: tx.int(d.profiles.count), selected: tx.int(d.profiles.selected) });
    default:
      return tx.t('field.' + k);
  }
}

function accountList(tx, account) {
  const keys = ACCOUNT.filter((k) => k in account);
  return h('ul', null, keys.map((k) => h('li', { 'data-account': k }, tx.t('field.account.' + k))));
}

function aboutText(tx, d, k) {
  switch (k) {
    case 'rows_total':
      return tx.t('field.rows_total', { rows: tx.int(d.rows_total) });
    case 'source':
      return tx.t('field.source', {
        kind: tx.t('source.' + d.source.kind),
        newest: d.source.newest_day ? tx.date(d.source.newest_day) : tx.t('field.unknown'),
      });
    case 'options':
      return tx.t('field.options', { zone: d.options.time_zone });
    case 'sharing':
      return tx.t('field.sharing', { removed: tx.int(d.sharing.titles_removed) });
    default:
      return tx.t('field.' + k);
  }
}
