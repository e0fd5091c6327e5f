// The element's style sheet: one constructable CSSStyleSheet adopted by
// every element's shadow root (adoptedStyleSheets), so a strict page
// policy (style-src 'self', no 'unsafe-inline') never blocks it and the
// survey's own CSS cannot reach inside.

const CSS = `
/*
 * Sizes are in em of the host's font size, which is the browser's default
 * ("medium"), so the participant's text size setting scales everything,
 * whatever the survey page does with its own root font size. Breakpoints
 * are in em too: with large text the narrow layout starts earlier.
 */
:host {
  all: initial;
  display: block;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: medium;
  line-height: 1.5;
  color: #1b1b1b;
  --accent: #0b5cad;
  --accent-dark: #084785;
  --muted: #4a5360;
  --line: #c4cad3;
  --soft: #eef3f9;
  --danger: #a4231b;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.card {
  background: #fff;
  border: 1px solid var(--line);
  border-radius: 0.75em;
  padding: 1.5em;
  max-width: 48em;
  margin: 0 auto;
  overflow-wrap: break-word;
}

h2, h3, h4 { line-height: 1.25; margin: 0 0 0.6em; color: #111; }
h2 { font-size: 1.5em; }
h3 { font-size: 1.15em; margin-top: 1.25em; }
h4 { font-size: 1em; margin-top: 1em; }
/* Headings take focus only so that screen readers start reading there (tabindex -1); they are not controls. */
.screen-title:focus, h3[tabindex]:focus { outline: none; }
p { margin: 0 0 0.75em; }
ul, ol { margin: 0 0 0.75em; padding-left: 1.4em; }
li { margin: 0 0 0.25em; }
.muted { color: var(--muted); }
.small { font-size: 0.875em; }

/* Step indicator */
.steps { display: flex; gap: 0.375em; list-style: none; padding: 0; margin: 0 0 0.5em; }
.steps li { flex: 1 1 0; margin: 0; padding-top: 0.375em; border-top: 5px solid var(--line); font-size: 0.8125em; color: var(--muted); min-width: 0; }
.steps li.done { border-top-color: var(--accent); }
.steps li[aria-current="step"] { border-top-color: var(--accent); color: #111; font-weight: 700; }
.steps .num { margin-right: 0.25em; }
.step-pos { font-size: 0.8125em; color: var(--muted); margin: 0 0 1.25em; }

/* Buttons: they wrap their text rather than leave the card. */
.btn {
  font: inherit;
  font-weight: 600;
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-height: 2.75em;
  max-width: 100%;
  padding: 0.5em 1.25em;
  border-radius: 0.5em;
  border: 2px solid var(--accent);
  background: #fff;
  color: var(--accent);
  cursor: pointer;
  text-align: center;
  text-decoration: none;
  white-space: normal;
  overflow-wrap: break-word;
}
.btn:hover { background: var(--soft); }
.btn.primary, .btn.choice { background: var(--accent); color: #fff; }
.btn.primary:hover, .btn.choice:hover { background: var(--accent-dark); border-color: var(--accent-dark); }
.btn.small { min-height: 2.25em; padding: 0.25em 0.75em; font-size: 0.875em; }
.btn:focus-visible, .link:focus-visible, summary:focus-visible, input:focus-visible + label.btn, input[type="checkbox"]:focus-visible, input[type="radio"]:focus-visible, [tabindex="0"]:focus-visible {
  outline: 3px solid var(--accent);
  outline-offset: 3px;
}
.btn[disabled] { opacity: 0.55; cursor: not-allowed; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75em; margin-top: 1.25em; align-items: center; }
.actions.split { justify-content: space-between; }
.back-links { display: flex; flex-wrap: wrap; gap: 0.25em 1.25em; }
.choices { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75em; margin-top: 1.25em; }
.choices .choice-box { display: flex; flex-direction: column; gap: 0.5em; min-width: 0; }
.choices .btn { width: 100%; }
.link { font: inherit; background: none; border: none; padding: 0.25em 0; color: var(--accent); text-decoration: underline; cursor: pointer; text-align: left; }

/* Guides */
details { margin: 0.75em 0; }
details > summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: 0.375em 0; }
.guide { background: var(--soft); border-radius: 0.5em; padding: 0.75em 1em; margin: 1em 0; }
.guide > summary { color: #111; }
.guide ol { margin-top: 0.5em; }
.guide p:last-child, .guide ol:last-child { margin-bottom: 0; }
.note { border-left: 4px solid var(--accent); padding: 0.25em 0 0.25em 0.75em; }
.phone-steps h3, .phone-steps h4 { font-size: 1em; margin: 0.75em 0 0.25em; }

/* Choose */
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
.drop { border: 2px dashed #6b7480; border-radius: 0.75em; padding: 1.25em; margin: 1em 0; text-align: center; }
.drop.over { border-color: var(--accent); background: var(--soft); }
.drop.phone { border: none; padding: 0; }
.pick { display: flex; flex-direction: column; align-items: center; gap: 0.25em; margin: 0 0 1em; position: relative; }
.pick:last-of-type { margin-bottom: 0.5em; }
.pick .hint { font-size: 0.875em; color: var(--muted); }

/* Working */
progress { appearance: none; -webkit-appearance: none; width: 100%; height: 1.125em; border: 1px solid #6b7480; border-radius: 0.5625em; background: #e9edf2; overflow: hidden; margin: 0.5em 0; }
progress::-webkit-progress-bar { background: #e9edf2; }
progress::-webkit-progress-value { background: var(--accent); }
progress::-moz-progress-bar { background: var(--accent); }
progress:not([value]) { background: repeating-linear-gradient(45deg, #e9edf2 0 10px, #c6dbef 10px 20px); }
progress:not([value])::-webkit-progress-bar { background: transparent; }
.status { font-weight: 600; min-height: 1.5em; }

/* Profiles, decline reasons, optional blocks */
fieldset { border: 1px solid var(--line); border-radius: 0.5em; padding: 0.5em 1em 0.75em; margin: 0.75em 0; min-width: 0; }
legend { font-weight: 600; padding: 0 0.25em; }
.check { display: flex; align-items: flex-start; gap: 0.625em; padding: 0.5em 0; }
.check input { width: 1.5em; height: 1.5em; margin: 0; flex: none; accent-color: var(--accent); }
.check label { cursor: pointer; min-width: 0; }
.check .rows, .check .code { display: block; font-size: 0.875em; color: var(--muted); }
.field-error { color: var(--danger); font-weight: 600; }

/* Review */
.facts { padding-left: 0; list-style: none; }
.facts li { margin-bottom: 0.5em; }
.facts .lead { font-size: 1.2em; font-weight: 700; }
.chart { margin: 0.5em 0; }
.chart svg { display: block; width: 100%; }
.bars { height: 10em; background: #fafbfc; border-bottom: 1px solid #6b7480; }
.bars .bar { fill: var(--accent); }
.bars .grid { stroke: #d5dae1; stroke-width: 1; }
.axis { display: flex; flex-wrap: wrap; justify-content: space-between; font-size: 0.8125em; color: var(--muted); gap: 0 0.5em; }
.heat { display: grid; grid-template-columns: max-content repeat(24, minmax(0, 1fr)); gap: 2px; align-items: center; font-size: 0.75em; color: var(--muted); }
.heat .cell { height: 1.5em; border-radius: 2px; }
.heat .rowlabel { padding-right: 0.5em; white-space: nowrap; }
.heat .hourlabel { grid-column: span 6; min-width: 0; overflow: hidden; text-overflow: clip; }
.l0 { background: #eef1f5; }
.l1 { background: #c6dbef; }
.l2 { background: #9ecae1; }
.l3 { background: #5a9fd0; }
.l4 { background: #2b6cb0; }
.l5 { background: #0a3d75; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25em; align-items: center; font-size: 0.75em; color: var(--muted); margin-top: 0.375em; }
.legend .cell { width: 1.5em; height: 1em; border-radius: 2px; }
.devices { list-style: none; padding: 0; }
.devices li { margin-bottom: 0.625em; }
.devices svg { display: block; width: 100%; height: 0.625em; background: #e9edf2; border-radius: 0.3125em; margin-top: 2px; }
.devices .bar { fill: var(--accent); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.875em; margin: 0.5em 0; }
th, td { border: 1px solid var(--line); padding: 0.25em 0.5em; text-align: right; }
th { background: #f4f6f8; }
th[scope="row"], td.text { text-align: left; }
/* A title row puts its button under the name when the name would get less than 9em of room (large text, narrow screens). */
.titles { list-style: none; padding: 0; margin: 0.5em 0; border-top: 1px solid var(--line); }
.titles li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.75em; padding: 0.5em 0; margin: 0; border-bottom: 1px solid var(--line); }
.titles .name { flex: 1 1 9em; min-width: 0; overflow-wrap: anywhere; }
.titles .meta { display: block; font-size: 0.875em; color: var(--muted); }
.titles li.dropped .name { color: var(--muted); }
.titles .btn { flex: none; }
.titles.removed li { background: #fafafa; }
pre.json {
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  word-break: break-all;
  max-height: 20em;
  overflow: auto;
  background: #f4f6f8;
  border: 1px solid var(--line);
  border-radius: 0.375em;
  padding: 0.75em;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.8125em;
  color: #111;
}
pre.json[aria-busy="true"] { opacity: 0.6; }

/* Consent & done */
.shared-list li { margin-bottom: 0.375em; }
.shared-list ul { margin: 0.25em 0 0; }

/* Errors */
.error { border-left: 6px solid var(--danger); background: #fdf3f2; padding: 0.75em 1em; border-radius: 4px; margin-bottom: 0.75em; }
.error p:last-child { margin-bottom: 0; }
.error .what { font-weight: 700; }

/* Narrow: a phone, or large text on a small screen. */
@media (max-width: 30em) {
  .card { padding: 1em 0.875em; border-radius: 0.5em; }
  h2 { font-size: 1.3em; }
  .steps li .label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .steps li .num { display: none; }
  .choices { grid-template-columns: 1fr; }
  .actions .btn { flex: 1 1 100%; }
  .actions.split { justify-content: flex-start; }
  .drop { padding: 1em 0.75em; }
}
`;

let shared = null;

/** sheet returns the element's style sheet, built once per page. */
export function sheet() {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(CSS);
  }
  return shared;
}
