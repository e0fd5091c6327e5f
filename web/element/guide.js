// How to get the Netflix file: the request steps (intro, choose, error and
// the "no file yet" screen) and the steps on a phone (choose screen).

import { h } from './dom.js';
import { touchOnly } from './device.js';

/** REQUEST_STEPS are the keys of the steps to request and download the file. */
export const REQUEST_STEPS = Object.freeze(['guide.step1', 'guide.step2', 'guide.step3', 'guide.step4']);

/** requestSteps lists how to request the file, with what to do when the link expired or the account is someone else's. */
export function requestSteps(tx) {
  return [
    h('ol', null, REQUEST_STEPS.map((k) => h('li', null, tx.t(k)))),
    h('p', null, tx.t('guide.expired')),
    h('p', null, tx.t('guide.otherAccount')),
  ];
}

/**
 * guide is the "How do I get my Netflix file?" disclosure. On a computer
 * it adds that a Mac may unzip the download; on a phone it adds the steps
 * for iPhone and Android, unless the screen shows them already
 * (withPhone false).
 */
export function guide(tx, open, withPhone = true) {
  const phone = touchOnly(globalThis.window);
  return h('details', { class: 'guide', open: open || null, 'data-key': 'guide' },
    h('summary', null, tx.t('guide.title')),
    requestSteps(tx),
    phone ? (withPhone ? phoneSteps(tx, 'h3') : null) : h('p', { class: 'note' }, tx.t('guide.mac')));
}

/**
 * phoneSteps are the short steps for iPhone and Android: where the
 * download lands, how to pick it here, and what to pick when the ZIP was
 * unpacked. level is the heading level of the two parts.
 */
export function phoneSteps(tx, level) {
  const button = tx.t('choose.file');
  const part = (name, keys) => h('div', { class: 'phone-part' },
    h(level, null, tx.t(name)),
    h('ol', null, keys.map((k) => h('li', null, tx.t(k, { button })))));
  return h('div', { class: 'phone-steps', 'data-key': 'phone-steps' },
    part('phone.iphone', ['phone.iphone1', 'phone.iphone2', 'phone.iphone3']),
    part('phone.android', ['phone.android1', 'phone.android2', 'phone.android3']));
}
