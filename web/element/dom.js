// DOM building helpers. Everything the widget shows is built with DOM APIs:
// data (titles, profile names, numbers) only ever becomes textContent or an
// attribute value, never markup, so a title holding HTML stays text.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h creates an HTML element.
 * attrs: attribute name -> value (false/null/undefined skip it; true sets
 * it empty); keys starting with "on" add event listeners.
 * children: strings (become text nodes), nodes, or nested arrays; null and
 * false are skipped.
 */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** svg creates an SVG element; see h. */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (typeof c === 'string' || typeof c === 'number') el.appendChild(document.createTextNode(String(c)));
    else el.appendChild(c);
  }
}

/** clear removes all children of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** heading returns a screen heading that can take focus (tabindex -1). */
export function heading(text, level = 2) {
  return h('h' + level, { class: 'screen-title', tabindex: '-1' }, text);
}
