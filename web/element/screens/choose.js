// Choose screen: a real, labelled file input, a folder input, and drag and
// drop as an extra. The inputs are visually hidden but stay focusable and
// in the tab order (never display:none); their labels look like buttons.
// On a touch-only device (a phone) there is no folder input and no drag
// text, which it cannot use; the steps for iPhone and Android take their
// place.

import { h, heading } from '../dom.js';
import { fromInput, fromDrop } from '../files.js';
import { guide, phoneSteps } from '../guide.js';
import { touchOnly } from '../device.js';

/** ACCEPT lists extensions and types but the engine sniffs content anyway. */
export const ACCEPT = '.zip,.csv,application/zip,application/x-zip-compressed,text/csv';

/** render builds the choose screen. */
export function render({ tx, act, state, uid }) {
  const phone = touchOnly(globalThis.window);
  const fileId = uid + '-file';
  const folderId = uid + '-folder';
  const onChange = (ev) => {
    const input = fromInput(ev.target);
    if (input) act.pick(input);
  };
  const file = h('input', { type: 'file', id: fileId, class: 'vh', accept: ACCEPT, 'aria-describedby': fileId + '-hint', 'data-key': 'file', onchange: onChange });
  const filePick = h('div', { class: 'pick' }, file, h('label', { for: fileId, class: 'btn primary' }, tx.t('choose.file')),
    h('span', { class: 'hint', id: fileId + '-hint' }, tx.t('choose.fileHint')));
  if (phone) {
    return h('section', null,
      heading(tx.t('choose.title')),
      state.cancelled ? h('p', { class: 'note' }, tx.t('choose.cancelled')) : null,
      h('p', null, tx.t('choose.body')),
      h('div', { class: 'drop phone' }, filePick),
      h('h3', null, tx.t('phone.title')),
      phoneSteps(tx, 'h4'),
      guide(tx, false, false),
      backButton(tx, act));
  }
  const folder = h('input', { type: 'file', id: folderId, class: 'vh', webkitdirectory: true, 'aria-describedby': folderId + '-hint', 'data-key': 'folder', onchange: onChange });
  const dropText = h('p', { class: 'small muted' }, tx.t('choose.drop'));
  const drop = h('div', { class: 'drop' },
    filePick,
    h('div', { class: 'pick' }, folder, h('label', { for: folderId, class: 'btn' }, tx.t('choose.folder')),
      h('span', { class: 'hint', id: folderId + '-hint' }, tx.t('choose.folderHint'))),
    dropText);
  let depth = 0;
  drop.addEventListener('dragenter', (e) => { e.preventDefault(); depth++; drop.classList.add('over'); dropText.textContent = tx.t('choose.dropActive'); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); });
  drop.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) { drop.classList.remove('over'); dropText.textContent = tx.t('choose.drop'); }
  });
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    drop.classList.remove('over');
    const input = await fromDrop(e.dataTransfer);
    if (input) act.pick(input);
  });
  return h('section', null,
    heading(tx.t('choose.title')),
    state.cancelled ? h('p', { class: 'note' }, tx.t('choose.cancelled')) : null,
    h('p', null, tx.t('choose.body')),
    drop,
    guide(tx, false),
    backButton(tx, act));
}

function backButton(tx, act) {
  return h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'btn', 'data-key': 'back', onclick: () => act.go('intro') }, tx.t('choose.back')));
}
