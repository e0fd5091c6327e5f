// Handing the participant's decision to the host page: the output field,
// DOM events and, inside an iframe, postMessage to one exact origin.
// Nothing here runs before the participant presses Share or Don't share
// (errors only carry their code).

/** DECLINED is the value the output field gets when the participant declines. */
export const DECLINED = '{"declined":true}';

/**
 * deliver tells the host about an outcome. kind is 'donate', 'decline' or
 * 'error'; detail is the event detail ({summary, json}, {} or {code}).
 * For 'donate' and 'decline' the output field receives json (or DECLINED).
 */
export function deliver(el, kind, detail) {
  if (kind === 'donate' || kind === 'decline') {
    fillOutput(el, kind === 'donate' ? detail.json : DECLINED);
  }
  el.dispatchEvent(new CustomEvent('netflix-donation:' + kind, { detail, bubbles: true, composed: true }));
  postToParent(el, kind, detail);
}

function fillOutput(el, value) {
  const selector = el.getAttribute('output');
  if (!selector) return;
  let target = null;
  try {
    target = el.ownerDocument.querySelector(selector);
  } catch (e) {
    console.warn('netflix-donation: output is not a valid CSS selector');
    return;
  }
  if (!target || !('value' in target)) {
    console.warn('netflix-donation: output matches no input or textarea');
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
  if (kind === 'donate') msg.json = detail.json;
  if (kind === 'decline') msg.json = DECLINED;
  if (kind === 'error') msg.code = detail.code;
  win.parent.postMessage(msg, origin);
}

/** postHeight tells an iframe host how tall the widget is, so it can size the frame. */
export function postHeight(el, height) {
  const win = el.ownerDocument.defaultView;
  const origin = targetOrigin(el);
  if (!win || win.parent === win || !origin) return;
  win.parent.postMessage({ type: 'netflix-donation', event: 'resize', height: Math.ceil(height) }, origin);
}
