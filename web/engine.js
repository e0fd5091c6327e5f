// engine.js: the worker client behind window.NetflixDonation (ES module).
//
// It compiles netflix-donation.wasm once (WebAssembly.compileStreaming, or
// WebAssembly.compile of the bytes when the server does not send
// application/wasm), starts worker.js while that compiles and hands it the
// compiled Module, and runs one call at a time. Files are posted as
// handles; the workers read them lazily. A large input is read by two
// workers at once where the device has two cores: each aggregates its half
// of ViewingActivity.csv (extractPart), and the first merges both halves
// (merge) into exactly the summary one worker would make; the second
// worker is started, from the same compiled Module, the first time a
// large input comes. When an abort is not acknowledged within
// ABORT_GRACE_MS, the worker is terminated and a new one is started for
// the next call.
//
// Most code uses window.NetflixDonation (netflix-donation.js), which loads
// this module; it can also be imported directly:
//
//   import { Engine } from './engine.js';
//   const engine = new Engine(new URL('./', import.meta.url).href);
//   const summary = await engine.extract(file, { timeZone: 'Europe/Amsterdam' });

/** Milliseconds an abort may take before the worker is terminated. */
export const ABORT_GRACE_MS = 1000;

/**
 * Inputs of at least this many bytes are split over the workers (see
 * Engine). Below it a second worker saves less than it costs to start:
 * the extractor itself does not split a ViewingActivity.csv under 1 MiB,
 * which a ZIP of half a megabyte holds several times over.
 */
export const SPLIT_MIN_BYTES = 512 * 1024;

/**
 * The most workers one extraction uses by default (and with fewer cores,
 * one per core): a phone's memory holds one WebAssembly instance per
 * worker. The Engine's parts option may ask for up to EXTRACTOR_MAX_PARTS.
 */
export const DEFAULT_PARTS = 2;

/** extractor.MaxParts: the most parts the engine can merge. */
export const EXTRACTOR_MAX_PARTS = 16;

/** Progress stages passed to onProgress, in order. */
export const STAGES = Object.freeze(['loading', 'reading', 'summarising', 'done']);

/**
 * engineError returns an Error with a stable .code.
 * @param {string} code
 * @param {string} message
 */
export function engineError(code, message) {
  const err = new Error(message || code);
  err.name = 'NetflixDonationError';
  err.code = code;
  return err;
}

function isBlob(v) {
  return typeof Blob !== 'undefined' && v instanceof Blob;
}

/**
 * describeInput turns an API input into what the worker receives:
 * {kind: 'file', file} or {kind: 'folder', files: [{path, file}]}.
 * Accepted: a File/Blob; a FileList or array of Files (a folder pick: each
 * File's webkitRelativePath is its path; a single File without one is a
 * lone file); an array of {path, file}. Anything else throws bad_input.
 */
export function describeInput(input) {
  if (isBlob(input)) return { kind: 'file', file: input };
  let list = null;
  if (typeof FileList !== 'undefined' && input instanceof FileList) list = Array.from(input);
  else if (Array.isArray(input)) list = input;
  if (!list) throw engineError('bad_input', 'the input must be a File, a list of Files or a list of {path, file}');
  if (list.length === 0) throw engineError('bad_input', 'the list of files is empty');
  const files = list.map(function (item) {
    if (isBlob(item)) {
      const rel = item.webkitRelativePath || '';
      return { path: rel || item.name || '', file: item, lone: rel === '' };
    }
    if (item && typeof item.path === 'string' && isBlob(item.file)) {
      return { path: item.path, file: item.file, lone: false };
    }
    throw engineError('bad_input', 'a list item is neither a File nor {path, file}');
  });
  if (files.length === 1 && files[0].lone) return { kind: 'file', file: files[0].file };
  return {
    kind: 'folder',
    files: files.map(function (f) { return { path: f.path.replace(/^\/+/, ''), file: f.file }; }),
  };
}

/** inputBytes is the size of the largest file of a described input. */
function inputBytes(input) {
  if (input.kind === 'file') return input.file.size;
  return input.files.reduce(function (m, f) { return Math.max(m, f.file.size); }, 0);
}

/** defaultParts is how many workers an extraction may use here. */
function defaultParts() {
  const cores = (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1;
  return Math.max(1, Math.min(DEFAULT_PARTS, cores));
}

/** The browser's IANA time zone, or 'UTC' when it cannot tell. */
export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch (e) {
    return 'UTC';
  }
}

/**
 * goOptions converts the JavaScript options (camelCase) to the JSON of
 * the Go extractor.Options. Absent values keep the Go defaults; keys it
 * does not know (onProgress, signal, a widget's own settings) are ignored.
 * Values are passed as they are: Go rejects wrong ones with bad_options.
 */
export function goOptions(options) {
  const o = options || {};
  const out = { time_zone: o.timeZone != null ? o.timeZone : browserTimeZone() };
  if (o.profiles != null) {
    if (o.profiles === 'all') out.profiles = [];
    else out.profiles = Array.isArray(o.profiles) ? o.profiles : [o.profiles];
  }
  const names = { minSeconds: 'min_seconds', from: 'from', to: 'to', titles: 'titles', top: 'top', account: 'account' };
  for (const key of Object.keys(names)) {
    if (o[key] != null) out[names[key]] = o[key];
  }
  return JSON.stringify(out);
}

/** goShareOptions converts {blocks, removeTitles, maxBytes} to Go's ShareOptions JSON. */
export function goShareOptions(options) {
  const o = options || {};
  const out = {};
  if (o.blocks != null) out.blocks = o.blocks;
  if (o.removeTitles != null) out.remove_titles = o.removeTitles;
  if (o.maxBytes != null) out.max_bytes = o.maxBytes;
  return JSON.stringify(out);
}

/**
 * compileWasm fetches and compiles the engine, mapping every failure to
 * wasm_load_failed. early, when given, is a fetch of url already under way.
 */
async function compileWasm(url, early) {
  let res;
  try {
    res = await (early || fetch(url, { credentials: 'same-origin' }));
  } catch (err) {
    throw engineError('wasm_load_failed', 'cannot fetch the engine: ' + err.message);
  }
  if (!res.ok) throw engineError('wasm_load_failed', 'cannot fetch the engine: HTTP ' + res.status);
  const type = (res.headers.get('Content-Type') || '').split(';')[0].trim();
  try {
    if (type === 'application/wasm' && WebAssembly.compileStreaming) {
      return await WebAssembly.compileStreaming(res);
    }
    return await WebAssembly.compile(await res.arrayBuffer());
  } catch (err) {
    throw engineError('wasm_load_failed', 'cannot compile the engine: ' + err.message);
  }
}

/** A running worker and its pending calls. */
class WorkerHandle {
  constructor(worker, blobURL) {
    this.worker = worker;
    this.blobURL = blobURL;
    this.pending = new Map(); // id -> {resolve, reject, onProgress}
    this.nextId = 1;
    this.dead = null; // the Error that ended it
    this.onDead = null;
  }

  /**
   * start creates the worker at once, so that starting it and loading
   * wasm_exec.js overlap the compilation of the engine, then sends it the
   * compiled Module when modulePromise resolves and waits for 'ready'.
   * A compile failure terminates the worker and rejects with its error.
   */
  static start(baseURL, modulePromise) {
    const url = new URL('worker.js', baseURL).href;
    let worker;
    let blobURL = null;
    try {
      if (new URL(url).origin === self.location.origin) {
        worker = new Worker(url);
      } else {
        // A worker must be same-origin: bootstrap from a Blob URL.
        const src = 'importScripts(' + JSON.stringify(url) + ');';
        blobURL = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
        worker = new Worker(blobURL);
      }
    } catch (err) {
      return Promise.reject(engineError('worker_failed', 'cannot start the worker: ' + err.message));
    }
    const h = new WorkerHandle(worker, blobURL);
    return new Promise(function (resolve, reject) {
      worker.onmessage = function (event) {
        const m = event.data || {};
        if (m.type === 'ready') {
          h.version = m.version;
          worker.onmessage = function (e) { h.receive(e.data || {}); };
          worker.onerror = function (e) { h.kill('worker_failed', 'the worker failed: ' + (e.message || 'error')); };
          resolve(h);
        } else if (m.type === 'init-failed') {
          h.kill(m.code || 'worker_failed', m.message);
          reject(engineError(m.code || 'worker_failed', m.message));
        }
      };
      worker.onerror = function (e) {
        e.preventDefault();
        const msg = 'cannot start the worker: ' + (e.message || 'load error');
        h.kill('worker_failed', msg);
        reject(engineError('worker_failed', msg));
      };
      worker.postMessage({ type: 'load', base: baseURL });
      modulePromise.then(function (module) {
        if (!h.dead) worker.postMessage({ type: 'init', base: baseURL, module: module });
      }, function (err) {
        h.kill(err.code || 'wasm_load_failed', err.message);
        reject(err);
      });
    });
  }

  receive(m) {
    if (m.type === 'exit') {
      this.kill('worker_failed', 'the engine stopped');
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress(m.done, m.total);
    } else if (m.type === 'result') {
      this.pending.delete(m.id);
      if (m.ok) p.resolve('bytes' in m ? m.bytes : m.json);
      else p.reject(engineError(m.code || 'internal', m.message));
    }
  }

  /**
   * call posts one call and returns its id; callbacks settle it. transfer
   * lists ArrayBuffers to move rather than copy.
   */
  call(msg, callbacks, transfer) {
    const id = this.nextId++;
    if (this.dead) {
      callbacks.reject(this.dead);
      return id;
    }
    this.pending.set(id, callbacks);
    this.worker.postMessage(Object.assign({ type: 'call', id: id }, msg), transfer || []);
    return id;
  }

  /** post sends a message that is not a call (a call's other parts). */
  post(msg, transfer) {
    if (!this.dead) this.worker.postMessage(msg, transfer || []);
  }

  abort(id) {
    if (!this.dead) this.worker.postMessage({ type: 'abort', id: id });
  }

  /** kill terminates the worker and rejects every pending call with code. */
  kill(code, message) {
    if (this.dead) return;
    this.dead = engineError(code, message);
    this.worker.terminate();
    if (this.blobURL) URL.revokeObjectURL(this.blobURL);
    for (const p of this.pending.values()) p.reject(this.dead);
    this.pending.clear();
    if (this.onDead) this.onDead();
  }
}

/** Engine runs the Go extractor in workers. One instance per page is enough. */
export class Engine {
  /**
   * @param {string} baseURL the directory URL of the widget's files, ending in '/'.
   * @param {{wasmResponse?: Promise<Response>, parts?: number, splitMinBytes?: number}} [options]
   *   wasmResponse: a fetch of baseURL + 'netflix-donation.wasm' the page
   *   started before this module loaded (netflix-donation.js does), used by
   *   the first compile. parts: the most workers one extraction uses
   *   (default: 2 on a device with two cores or more, else 1).
   *   splitMinBytes: the input size from which they are used (default
   *   SPLIT_MIN_BYTES).
   */
  constructor(baseURL, options) {
    const o = options || {};
    this.baseURL = baseURL;
    this._early = o.wasmResponse || null;
    this._parts = o.parts > 0 ? Math.min(Math.floor(o.parts), EXTRACTOR_MAX_PARTS) : defaultParts();
    this._splitMinBytes = o.splitMinBytes >= 0 ? o.splitMinBytes : SPLIT_MIN_BYTES;
    this._module = null; // Promise<WebAssembly.Module>
    this._workers = []; // Promise<WorkerHandle> per worker; [0] serves every call
    this._queue = Promise.resolve();
  }

  /** ready compiles the engine (once) and starts the first worker. */
  ready() {
    return this._ensureWorker(0).then(function () {});
  }

  _ensureWorker(i) {
    const self_ = this;
    if (!this._module) {
      this._module = compileWasm(new URL('netflix-donation.wasm', this.baseURL).href, this._early);
      this._early = null; // a retry fetches again
      this._module.catch(function () { self_._module = null; });
    }
    if (!this._workers[i]) {
      const p = WorkerHandle.start(self_.baseURL, this._module);
      this._workers[i] = p;
      const forget = function () { if (self_._workers[i] === p) self_._workers[i] = null; };
      p.then(function (h) {
        h.onDead = forget;
        if (h.dead) h.onDead();
      }, forget);
    }
    return this._workers[i];
  }

  /** extractJSON resolves to the summary JSON exactly as Go wrote it. */
  extractJSON(input, options) {
    const o = options || {};
    let msg;
    try {
      msg = { method: 'extract', input: describeInput(input), options: goOptions(o) };
    } catch (err) {
      return Promise.reject(err);
    }
    return this._run(msg, o.signal, o.onProgress);
  }

  /** extract resolves to the summary object. */
  extract(input, options) {
    return this.extractJSON(input, options).then(JSON.parse);
  }

  /** profiles resolves to [{pseudonym, name, rows}]. */
  profiles(input, options) {
    const o = options || {};
    let msg;
    try {
      msg = { method: 'profiles', input: describeInput(input) };
    } catch (err) {
      return Promise.reject(err);
    }
    return this._run(msg, o.signal, null).then(JSON.parse);
  }

  /** share resolves to {json, summary}: the donation JSON Go made and its parsed object. */
  share(summary, options) {
    let msg;
    try {
      const text = typeof summary === 'string' ? summary : JSON.stringify(summary);
      if (typeof text !== 'string') throw engineError('bad_input', 'the summary is missing');
      msg = { method: 'share', summary: text, options: goShareOptions(options) };
    } catch (err) {
      return Promise.reject(err.code ? err : engineError('bad_input', 'the summary cannot be encoded'));
    }
    return this._run(msg, null, null).then(function (json) {
      return { json: json, summary: JSON.parse(json) };
    });
  }

  /** _run queues one call; calls run one after the other. */
  _run(msg, signal, onProgress) {
    const job = this._queue.then(() => this._runNow(msg, signal, onProgress));
    this._queue = job.catch(function () {});
    if (!signal) return job;
    // A call aborted while it waits for its turn rejects at once.
    return Promise.race([job, new Promise(function (_, reject) {
      if (signal.aborted) reject(engineError('aborted', 'aborted'));
      else signal.addEventListener('abort', function () { reject(engineError('aborted', 'aborted')); }, { once: true });
    })]);
  }

  async _runNow(msg, signal, onProgress) {
    const report = typeof onProgress === 'function' ? onProgress : function () {};
    if (signal && signal.aborted) throw engineError('aborted', 'aborted');
    report(0, 'loading');
    const handle = await this._ensureWorker(0);
    if (signal && signal.aborted) throw engineError('aborted', 'aborted');
    if (msg.method !== 'share') report(0.05, 'reading');
    let summarising = false;
    const reading = function (fraction) {
      if (summarising) return;
      if (fraction >= 1) {
        summarising = true;
        report(0.95, 'summarising');
      } else {
        report(0.05 + 0.9 * fraction, 'reading');
      }
    };
    const split = msg.method === 'extract' && this._parts > 1 && inputBytes(msg.input) >= this._splitMinBytes;
    const result = split
      ? await this._extractSplit(handle, msg, signal, reading)
      : await callWorker(handle, msg, signal, byteProgress(reading));
    report(1, 'done');
    return result;
  }

  /**
   * _extractSplit runs one extraction as parts on several workers: the
   * first reads part 0 and then merges the others' aggregates into its own
   * (one 'extract' call with count, sent the other parts in a 'parts'
   * message). It falls back to one worker, with the same result, when a
   * helper cannot start or fails, or when the table cannot be cut between
   * records (split_misaligned). The error reported is the first in table
   * order, as one worker would meet it: Go reports part 0's own error
   * before it asks for the other parts, and a part's start is only trusted
   * once every earlier part ended where it began, so a failing part stops
   * only the parts after it and the first failure in order is passed on.
   */
  async _extractSplit(first, msg, signal, reading) {
    const single = function () { return callWorker(first, msg, signal, byteProgress(reading)); };
    let helpers;
    try {
      const starts = [];
      for (let i = 1; i < this._parts; i++) starts.push(this._ensureWorker(i));
      helpers = await Promise.all(starts);
    } catch (err) {
      return single();
    }
    const count = helpers.length + 1;
    const stops = helpers.map(function () { return new AbortController(); });
    const stopFrom = function (j) { for (; j < stops.length; j++) stops[j].abort(); };
    const onAbort = function () { stopFrom(0); };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    const fractions = new Array(count).fill(0);
    const partProgress = function (i) {
      return function (done, total) {
        if (!(total > 0)) return;
        fractions[i] = Math.min(done / total, 1);
        reading(fractions.reduce(function (a, b) { return a + b; }, 0) / count);
      };
    };

    let mainId = 0;
    const main = callWorker(first, Object.assign({}, msg, { count: count }), signal, partProgress(0), null,
      function (id) { mainId = id; });
    const parts = helpers.map(function (h, j) {
      const part = { method: 'extractPart', input: msg.input, options: msg.options, index: j + 1, count: count };
      return callWorker(h, part, stops[j].signal, partProgress(j + 1)).catch(function (err) {
        if (err.code !== 'aborted') stopFrom(j + 1);
        throw err;
      });
    });
    Promise.allSettled(parts).then(function (results) {
      const failed = results.find(function (r) { return r.status === 'rejected'; });
      if (failed) {
        first.post({ type: 'parts', id: mainId, ok: false, code: failed.reason.code || 'internal', message: failed.reason.message });
        return;
      }
      const bytes = results.map(function (r) { return r.value; });
      first.post({ type: 'parts', id: mainId, ok: true, parts: bytes }, bytes.map(function (b) { return b.buffer; }));
    });
    try {
      return await main;
    } catch (err) {
      stopFrom(0);
      // A helper may also die as 'aborted': an earlier call's abort that
      // it did not acknowledge in time ends it while it already holds
      // this call's part. Only this call's own signal makes it aborted.
      const helperDied = (err.code === 'worker_failed' || err.code === 'aborted') && !first.dead;
      if (!(signal && signal.aborted) && (err.code === 'split_misaligned' || helperDied)) return single();
      throw err;
    } finally {
      if (signal) signal.removeEventListener('abort', onAbort);
      // The next call must not start on a helper that is still stopping:
      // a helper slower than ABORT_GRACE_MS to stop (a busy device) is
      // killed then, which would fail that next call. Waiting here keeps
      // the queue behind it; the caller of an aborted call has its
      // rejection already.
      await Promise.allSettled(parts);
    }
  }
}

/** byteProgress adapts reading(fraction) to a worker's (done, total) reports. */
function byteProgress(reading) {
  return function (done, total) {
    if (total > 0) reading(done / total);
  };
}

/**
 * callWorker runs one call on a worker and settles with its result. When
 * signal aborts, the worker is asked to stop, and terminated when it does
 * not within ABORT_GRACE_MS (the call then rejects with aborted). onId,
 * when given, receives the call's id at once.
 */
function callWorker(handle, msg, signal, onProgress, transfer, onId) {
  const aborted = function () { return engineError('aborted', 'aborted'); };
  if (signal && signal.aborted) return Promise.reject(aborted());
  return new Promise(function (resolve, reject) {
    let timer = null;
    const onAbort = function () {
      handle.abort(id);
      timer = setTimeout(function () {
        handle.kill('aborted', 'aborted'); // rejects this call with aborted
      }, ABORT_GRACE_MS);
    };
    const done = function () {
      if (timer) clearTimeout(timer);
      if (signal) signal.removeEventListener('abort', onAbort);
    };
    const id = handle.call(msg, {
      resolve: function (v) { done(); if (signal && signal.aborted) reject(aborted()); else resolve(v); },
      reject: function (e) { done(); reject(signal && signal.aborted ? aborted() : e); },
      onProgress: onProgress || function () {},
    }, transfer);
    if (onId) onId(id);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}
