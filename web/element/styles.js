// The element's style sheet: one constructable CSSStyleSheet adopted by
// every element's shadow root (adoptedStyleSheets), so a strict page
// policy (style-src 'self', no 'unsafe-inline') never blocks it and the
// survey's own CSS cannot reach inside.

const CSS = `
:host {
  all: initial;
  display: block;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
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
  border-radius: 12px;
  padding: 24px;
  max-width: 48rem;
  margin: 0 auto;
  overflow-wrap: break-word;
}
@media (max-width: 480px) {
  .card { padding: 16px 14px; border-radius: 8px; }
  h2 { font-size: 1.3rem; }
}

h2, h3, h4 { line-height: 1.25; margin: 0 0 12px; color: #111; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.15rem; margin-top: 24px; }
h4 { font-size: 1rem; margin-top: 16px; }
/* Headings take focus only so that screen readers start reading there (tabindex -1); they are not controls. */
.screen-title:focus, h3[tabindex]:focus { outline: none; }
p { margin: 0 0 12px; }
ul, ol { margin: 0 0 12px; padding-left: 1.4em; }
li { margin: 0 0 4px; }
.muted { color: var(--muted); }
.small { font-size: 0.875rem; }

/* Step indicator */
.steps { display: flex; gap: 6px; list-style: none; padding: 0; margin: 0 0 8px; }
.steps li { flex: 1 1 0; margin: 0; padding-top: 6px; border-top: 5px solid var(--line); font-size: 0.8125rem; color: var(--muted); min-width: 0; }
.steps li.done { border-top-color: var(--accent); }
.steps li[aria-current="step"] { border-top-color: var(--accent); color: #111; font-weight: 700; }
.steps .num { margin-right: 4px; }
.step-pos { font-size: 0.8125rem; color: var(--muted); margin: 0 0 16px; }
@media (max-width: 480px) {
  .steps li .label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .steps li .num { display: none; }
}

/* Buttons */
.btn {
  font: inherit;
  font-weight: 600;
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-height: 44px;
  padding: 8px 20px;
  border-radius: 8px;
  border: 2px solid var(--accent);
  background: #fff;
  color: var(--accent);
  cursor: pointer;
  text-align: center;
  text-decoration: none;
}
.btn:hover { background: var(--soft); }
.btn.primary, .btn.choice { background: var(--accent); color: #fff; }
.btn.primary:hover, .btn.choice:hover { background: var(--accent-dark); border-color: var(--accent-dark); }
.btn.small { min-height: 36px; padding: 4px 12px; font-size: 0.875rem; }
.btn:focus-visible, .link:focus-visible, summary:focus-visible, input:focus-visible + label.btn, input[type="checkbox"]:focus-visible {
  outline: 3px solid var(--accent);
  outline-offset: 3px;
}
.btn[disabled] { opacity: 0.55; cursor: not-allowed; }
.actions { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 20px; align-items: center; }
.actions.split { justify-content: space-between; }
.choices { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-top: 20px; }
.choices .choice-box { display: flex; flex-direction: column; gap: 8px; }
.choices .btn { width: 100%; }
@media (max-width: 480px) {
  .choices { grid-template-columns: 1fr; }
  .actions .btn { flex: 1 1 100%; }
}
.link { font: inherit; background: none; border: none; padding: 4px 0; color: var(--accent); text-decoration: underline; cursor: pointer; }

/* Intro guide */
details { margin: 12px 0; }
details > summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: 6px 0; }
.guide { background: var(--soft); border-radius: 8px; padding: 12px 16px; margin: 16px 0; }
.guide > summary { color: #111; }
.guide ol { margin-top: 8px; }
.note { border-left: 4px solid var(--accent); padding: 4px 0 4px 12px; }

/* Choose */
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
.drop { border: 2px dashed #6b7480; border-radius: 12px; padding: 20px; margin: 16px 0; text-align: center; }
.drop.over { border-color: var(--accent); background: var(--soft); }
.pick { display: flex; flex-direction: column; align-items: center; gap: 4px; margin: 0 0 16px; position: relative; }
.pick:last-of-type { margin-bottom: 8px; }
.pick .hint { font-size: 0.875rem; color: var(--muted); }

/* Working */
progress { appearance: none; -webkit-appearance: none; width: 100%; height: 18px; border: 1px solid #6b7480; border-radius: 9px; background: #e9edf2; overflow: hidden; margin: 8px 0; }
progress::-webkit-progress-bar { background: #e9edf2; }
progress::-webkit-progress-value { background: var(--accent); }
progress::-moz-progress-bar { background: var(--accent); }
progress:not([value]) { background: repeating-linear-gradient(45deg, #e9edf2 0 10px, #c6dbef 10px 20px); }
progress:not([value])::-webkit-progress-bar { background: transparent; }
.status { font-weight: 600; min-height: 1.5em; }

/* Profiles */
fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px 12px; margin: 12px 0; min-width: 0; }
legend { font-weight: 600; padding: 0 4px; }
.check { display: flex; align-items: flex-start; gap: 10px; padding: 8px 0; }
.check input { width: 22px; height: 22px; margin: 1px 0 0; flex: none; accent-color: var(--accent); }
.check label { cursor: pointer; min-width: 0; }
.check .rows { display: block; font-size: 0.875rem; color: var(--muted); }
.field-error { color: var(--danger); font-weight: 600; }

/* Review */
.facts { padding-left: 0; list-style: none; }
.facts li { margin-bottom: 8px; }
.facts .lead { font-size: 1.2rem; font-weight: 700; }
.chart { margin: 8px 0; }
.chart svg { display: block; width: 100%; }
.bars { height: 160px; background: #fafbfc; border-bottom: 1px solid #6b7480; }
.bars .bar { fill: var(--accent); }
.bars .grid { stroke: #d5dae1; stroke-width: 1; }
.axis { display: flex; justify-content: space-between; font-size: 0.8125rem; color: var(--muted); gap: 8px; }
.heat { display: grid; grid-template-columns: max-content repeat(24, minmax(0, 1fr)); gap: 2px; align-items: center; font-size: 0.75rem; color: var(--muted); }
.heat .cell { height: 18px; border-radius: 2px; }
.heat .rowlabel { padding-right: 6px; white-space: nowrap; }
.heat .hourlabel { grid-column: span 6; }
.l0 { background: #eef1f5; }
.l1 { background: #c6dbef; }
.l2 { background: #9ecae1; }
.l3 { background: #5a9fd0; }
.l4 { background: #2b6cb0; }
.l5 { background: #0a3d75; }
.legend { display: flex; gap: 4px; align-items: center; font-size: 0.75rem; color: var(--muted); margin-top: 6px; }
.legend .cell { width: 18px; height: 12px; border-radius: 2px; }
.devices { list-style: none; padding: 0; }
.devices li { margin-bottom: 10px; }
.devices svg { display: block; width: 100%; height: 10px; background: #e9edf2; border-radius: 5px; margin-top: 2px; }
.devices .bar { fill: var(--accent); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.875rem; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; }
th { background: #f4f6f8; }
th[scope="row"], td.text { text-align: left; }
.titles { list-style: none; padding: 0; margin: 8px 0; border-top: 1px solid var(--line); }
.titles li { display: flex; align-items: center; gap: 12px; padding: 8px 0; margin: 0; border-bottom: 1px solid var(--line); }
.titles .name { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.titles .meta { display: block; font-size: 0.875rem; color: var(--muted); }
.titles li.dropped .name { color: var(--muted); }
.titles li.dropped .meta::after { content: ""; }
.titles .btn { flex: none; }
.titles.removed li { background: #fafafa; }
pre.json {
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  word-break: break-all;
  max-height: 320px;
  overflow: auto;
  background: #f4f6f8;
  border: 1px solid var(--line);
  border-radius: 6px;
  padding: 12px;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.8125rem;
  color: #111;
}
pre.json[aria-busy="true"] { opacity: 0.6; }

/* Consent & done */
.shared-list li { margin-bottom: 6px; }

/* Errors */
.error { border-left: 6px solid var(--danger); background: #fdf3f2; padding: 12px 16px; border-radius: 4px; margin-bottom: 12px; }
.error p:last-child { margin-bottom: 0; }
.error .what { font-weight: 700; }
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
