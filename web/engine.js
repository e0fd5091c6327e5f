// engine.js: the worker client behind window.NetflixDonation (ES module).
//
// It compiles netflix-donation.wasm once (WebAssembly.compileStreaming, or
// WebAssembly.compile of the bytes when the server does not send
// application/wasm), starts worker.js while that compiles and hands it the
// compiled Module, and runs one call at a time in the worker. Files are posted as handles; the
// worker reads them lazily. When an abort is not acknowledged within
// ABORT_GRACE_MS, the worker is terminated and a new one is started for the
// next call, from the same compiled Module.
//
// Most code uses window.NetflixDonation (netflix-donation.js), which loads
// this module; it can also be imported directly:
//
//   import { Engine } from './engine.js';
//   const engine = new Engine(new URL('./', import.meta.url).href);
//   const summary = await engine.extract(file, { timeZone: 'Europe/Amsterdam' });

/** Milliseconds an abort may take before the worker is terminated. */
export const ABORT_GRACE_MS = 1000;

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
      if (m.ok) p.resolve(m.json);
      else p.reject(engineError(m.code || 'internal', m.message));
    }
  }

  /** call posts one call and returns its id; callbacks settle it. */
  call(msg, callbacks) {
    const id = this.nextId++;
    if (this.dead) {
      callbacks.reject(this.dead);
      return id;
    }
    this.pending.set(id, callbacks);
    this.worker.postMessage(Object.assign({ type: 'call', id: id }, msg));
    return id;
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

/** Engine runs the Go extractor in a worker. One instance per page is enough. */
export class Engine {
  /**
   * @param {string} baseURL the directory URL of the widget's files, ending in '/'.
   * @param {{wasmResponse?: Promise<Response>}} [options] wasmResponse: a
   *   fetch of baseURL + 'netflix-donation.wasm' the page started before
   *   this module loaded (netflix-donation.js does), used by the first compile.
   */
  constructor(baseURL, options) {
    this.baseURL = baseURL;
    this._early = (options && options.wasmResponse) || null;
    this._module = null; // Promise<WebAssembly.Module>
    this._worker = null; // Promise<WorkerHandle>
    this._queue = Promise.resolve();
  }

  /** ready compiles the engine (once) and starts the worker. */
  ready() {
    return this._ensureWorker().then(function () {});
  }

  _ensureWorker() {
    const self_ = this;
    if (!this._module) {
      this._module = compileWasm(new URL('netflix-donation.wasm', this.baseURL).href, this._early);
      this._early = null; // a retry fetches again
      this._module.catch(function () { self_._module = null; });
    }
    if (!this._worker) {
      const p = WorkerHandle.start(self_.baseURL, this._module);
      this._worker = p;
      p.then(function (h) {
        h.onDead = function () { if (self_._worker === p) self_._worker = null; };
        if (h.dead) h.onDead();
      }, function () { if (self_._worker === p) self_._worker = null; });
    }
    return this._worker;
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
    const aborted = function () { return engineError('aborted', 'aborted'); };
    if (signal && signal.aborted) throw aborted();
    report(0, 'loading');
    const handle = await this._ensureWorker();
    if (signal && signal.aborted) throw aborted();
    if (msg.method !== 'share') report(0.05, 'reading');
    let summarising = false;
    const json = await new Promise(function (resolve, reject) {
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
        onProgress: function (d, total) {
          if (summarising || !(total > 0)) return;
          if (d >= total) {
            summarising = true;
            report(0.95, 'summarising');
          } else {
            report(0.05 + 0.9 * (d / total), 'reading');
          }
        },
      });
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
    report(1, 'done');
    return json;
  }
}
