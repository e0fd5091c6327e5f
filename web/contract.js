// contract.js: the names the widget's JavaScript and its Go engine agree on.
// Generated from web/contract.go and docs/*.schema.json by
// `go test ./web -update`; do not edit. A test fails while it is not current.

/** The widget's release version. */
export const VERSION = '0.1.0';

/** Methods of the Go engine's object in each worker (wasm/api.go). */
export const ENGINE_METHODS = Object.freeze(['open', 'read', 'merge', 'profiles', 'summary', 'close', 'share']);

/** Types of the messages between engine.js and worker.js. */
export const WORKER_MESSAGES = Object.freeze(['load', 'init', 'ready', 'init-failed', 'call', 'abort', 'inflate', 'progress', 'result', 'exit']);

/** Every code a call of the engine can reject with. */
export const ERROR_CODES = Object.freeze(['not_zip_or_csv', 'empty_file', 'corrupt_zip', 'unsupported_zip', 'no_viewing_activity', 'viewing_history_only', 'other_netflix_file', 'bad_header', 'unreadable_rows', 'empty', 'too_large', 'nested_zip', 'bad_options', 'aborted', 'checksum_mismatch', 'internal', 'bad_input', 'split_misaligned', 'worker_failed', 'wasm_load_failed']);

/** The summary blocks a study can share, in donation order. */
export const SHARE_BLOCKS = Object.freeze(['totals', 'by_month', 'weekday_hour_seconds', 'by_device', 'titles', 'binge', 'profiles', 'account']);

/** The opt-in account blocks. */
export const ACCOUNT_BLOCKS = Object.freeze(['profiles', 'searches', 'ratings', 'my_list', 'tenure']);

/** Extractor options: the JavaScript name and the engine's JSON name. */
export const OPTIONS = Object.freeze({ timeZone: 'time_zone', profiles: 'profiles', minSeconds: 'min_seconds', from: 'from', to: 'to', titles: 'titles', top: 'top', account: 'account' });

/** Share options: the JavaScript name and the engine's JSON name. */
export const SHARE_OPTIONS = Object.freeze({ blocks: 'blocks', removeTitles: 'remove_titles', maxBytes: 'max_bytes' });

/** The most ranges (workers) one input is read in. */
export const MAX_PARTS = 16;

/** Why a participant did not share (docs/netflix-summary.schema.json). */
export const DECLINE_REASONS = Object.freeze(['not_wanted', 'no_file', 'not_own_account', 'did_not_work']);

/** The steps of the participation status (docs/participation-status.schema.json). */
export const STATUSES = Object.freeze(['reached', 'file_chosen', 'error', 'reviewed', 'declined', 'shared']);

/** The name and version of the participation status format. */
export const STATUS_SCHEMA = 'netflix-donation-status/1';
