// The element's config attribute: what the study asks for.

import { SHARE_BLOCKS, OPTIONS } from '../contract.js';

/** BLOCKS are the summary blocks a study can share. */
export const BLOCKS = SHARE_BLOCKS;

/** DEFAULT_MAX_BYTES fits a Qualtrics embedded data field (about 20,000 characters). */
export const DEFAULT_MAX_BYTES = 20000;

// The extractor options a study sets; which profiles count, the participant chooses.
const EXTRACT_KEYS = Object.keys(OPTIONS).filter((k) => k !== 'profiles');

/**
 * parseConfig reads the config attribute's JSON:
 *   {timeZone, minSeconds, from, to, titles, top, account,   // extractor options
 *    share: [block, ...], optional: [block, ...], maxBytes, texts: {nl: {...}, ...}}
 * optional lists the shared blocks the participant may leave out (a
 * checkbox each on the review); by default every shared block is shared.
 * It returns {extract, blocks, optional, maxBytes, texts} or throws an
 * Error with code "bad_options" when the JSON or a value is invalid. A
 * missing attribute gives the defaults (all blocks, top titles, 20,000
 * bytes, nothing optional).
 */
export function parseConfig(text) {
  let raw = {};
  if (text !== null && text !== undefined && String(text).trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw badOptions('config is not valid JSON');
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badOptions('config must be a JSON object');
  }
  const extract = {};
  for (const k of EXTRACT_KEYS) if (raw[k] !== undefined) extract[k] = raw[k];

  const wantsAccount = Array.isArray(extract.account) && extract.account.length > 0;
  let blocks = BLOCKS.filter((b) => b !== 'account' || wantsAccount);
  if (raw.share !== undefined) {
    if (!Array.isArray(raw.share) || raw.share.some((b) => !BLOCKS.includes(b))) throw badOptions('share must list blocks from ' + BLOCKS.join(', '));
    blocks = raw.share.slice();
  }
  if (extract.titles === 'none') blocks = blocks.filter((b) => b !== 'titles');
  let optional = [];
  if (raw.optional !== undefined) {
    if (!Array.isArray(raw.optional) || raw.optional.some((b) => !BLOCKS.includes(b))) throw badOptions('optional must list blocks from ' + BLOCKS.join(', '));
    optional = blocks.filter((b) => raw.optional.includes(b));
  }

  let maxBytes = DEFAULT_MAX_BYTES;
  if (raw.maxBytes !== undefined) {
    if (!Number.isInteger(raw.maxBytes) || raw.maxBytes < 0) throw badOptions('maxBytes must be a whole number >= 0');
    maxBytes = raw.maxBytes;
  }
  const texts = raw.texts && typeof raw.texts === 'object' ? raw.texts : {};
  return { extract, blocks, optional, maxBytes, texts };
}

function badOptions(message) {
  const e = new Error(message);
  e.code = 'bad_options';
  return e;
}
