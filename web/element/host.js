// Handing the participant's decision to the host page: the output field,
// DOM events and, inside an iframe, postMessage to one exact origin.
// Viewing data leaves only when the participant presses Share; before
// that the host hears only how far the participant got (the status:
// codes and counts, never content).

import { DECLINE_REASONS, STATUSES, STATUS_SCHEMA } from '../contract.js';

// The reasons a participant can give for not sharing, the steps of the
// participation status and its format's name (docs/*.schema.json).
export { DECLINE_REASONS, STATUSES, STATUS_SCHEMA };

/** MAX_STATUS_ERRORS bounds the error codes a status lists, so it fits any survey field. */
export const MAX_STATUS_ERRORS = 10;

/**
 * declinedJSON is the value the output field gets when the participant
 * declines: {"declined":true,"reason":...} and, for did_not_work, the code
 * of the last error met.
 */
export function declinedJSON(reason, error) {
  const out = { declined: true, reason };
  if (reason === 'did_not_work' && isCode(error)) out.error = error;
  return JSON.stringify(out);
}

/** isCode reports whether v looks like an error code (the schemas' pattern). */
export function isCode(v) {
  return typeof v === 'string' && /^[a-z_]{1,40}$/.test(v);
}

/**
 * deliver tells the host about an outcome. kind is 'donate', 'decline' or
 * 'error'; detail is the event detail ({summary, json}, {reason, error,
 * json} or {code}). For 'donate' and 'decline' the output field receives
 * detail.json.
 */
export function deliver(el, kind, detail) {
  if (kind === 'donate' || kind === 'decline') fillField(el, 'output', detail.json);
  el.dispatchEvent(new CustomEvent('netflix-donation:' + kind, { detail, bubbles: true, composed: true }));
  postToParent(el, kind, detail);
}

/**
 * reportStatus tells the host how far the participant got: the field named
 * by the status-output attribute receives the status JSON, and a
 * netflix-donation:status event (and, in an iframe, a status message)
 * carries the status object. A survey can so tell a participant who met an
 * error from one who left, without any viewing data.
 */
export function reportStatus(el, status) {
  fillField(el, 'status-output', JSON.stringify(status));
  el.dispatchEvent(new CustomEvent('netflix-donation:status', { detail: status, bubbles: true, composed: true }));
  postToParent(el, 'status', status);
}

function fillField(el, attribute, value) {
  const selector = el.getAttribute(attribute);
  if (!selector) return;
  let target = null;
  try {
    target = el.ownerDocument.querySelector(selector);
  } catch (e) {
    console.warn('netflix-donation: ' + attribute + ' is not a valid CSS selector');
    return;
  }
  if (!target || !('value' in target)) {
    console.warn('netflix-donation: ' + attribute + ' matches no input or textarea');
    return;
  }
  target.value = value;
  target.dispatchEvent(new Event('input', { bubbles: true }));
  target.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * targetOrigin returns the post-message-origin attribute when it is one
 * exact origin (scheme://host[:port]); never '*'. Otherwise null.
 */
export function targetOrigin(el) {
  const raw = el.getAttribute('post-message-origin');
  if (!raw || raw.trim() === '*') return null;
  try {
    const origin = new URL(raw.trim()).origin;
    if (origin === 'null' || origin !== raw.trim().replace(/\/$/, '')) return null;
    return origin;
  } catch (e) {
    return null;
  }
}

function postToParent(el, kind, detail) {
  const win = el.ownerDocument.defaultView;
  if (!win || win.parent === win) return;
  const origin = targetOrigin(el);
  if (!origin) {
    if (el.hasAttribute('post-message-origin')) console.warn('netflix-donation: post-message-origin must be one exact origin, not "*"');
    return;
  }
  const msg = { type: 'netflix-donation', event: kind };
  if (kind === 'donate' || kind === 'decline') msg.json = detail.json;
  if (kind === 'error') msg.code = detail.code;
  if (kind === 'status') msg.status = detail;
  win.parent.postMessage(msg, origin);
}

/** postHeight tells an iframe host how tall the widget is, so it can size the frame. */
export function postHeight(el, height) {
  const win = el.ownerDocument.defaultView;
  const origin = targetOrigin(el);
  if (!win || win.parent === win || !origin) return;
  win.parent.postMessage({ type: 'netflix-donation', event: 'resize', height: Math.ceil(height) }, origin);
}
