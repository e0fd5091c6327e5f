// engine.js: the worker client behind window.NetflixDonation (ES module).
//
// It compiles netflix-donation.wasm once (WebAssembly.compileStreaming, or
// WebAssembly.compile of the bytes when the server does not send
// application/wasm), starts worker.js while that compiles and hands it the
// compiled Module, and runs one call at a time per worker. Files are
// posted as handles; the workers read them lazily.
//
// A participant's file is read once (open): the workers read it into
// aggregates per profile, which the first worker keeps as a session; the
// profile list and every summary come from the session, for any choice
// of profiles, without reading the file again, until the session is
// closed. A large input is read by two workers at once where the device
// has two cores. A ZIP is read as a pipeline: the second worker inflates
// ViewingActivity.csv and hands the bytes to the first, whose Go reads
// them meanwhile (inflating takes about as long as reading). Any other
// input is cut into ranges: each worker reads one, and the first merges
// the others' aggregates into its own. How to split, and where to cut
// (splitRanges), is decided here; the Go engine only reads what it is
// given. When an abort is not acknowledged within
// ABORT_GRACE_MS, the worker is terminated and a new one is started for
// the next call.
//
// Most code uses window.NetflixDonation (netflix-donation.js), which loads
// this module; it can also be imported directly:
//
//   import { Engine } from './engine.js';
//   const engine = new Engine(new URL('./', import.meta.url).href);
//   const session = await engine.open(file, { timeZone: 'Europe/Amsterdam' });
//   const summary = await session.summary(['Anna']);
//   session.close();

import { OPTIONS, SHARE_OPTIONS, MAX_PARTS } from './contract.js';

/** Milliseconds an abort may take before the worker is terminated. */
export const ABORT_GRACE_MS = 1000;

/**
 * Inputs of at least this many bytes are split over the workers. Below
 * it a second worker saves less than it costs to start.
 */
export const SPLIT_MIN_BYTES = 512 * 1024;

/**
 * The most workers one read uses by default (and with fewer cores, one
 * per core): a phone's memory holds one WebAssembly instance per worker.
 * The Engine's parts option may ask for up to MAX_PARTS.
 */
export const DEFAULT_PARTS = 2;

/**
 * SEEK_COST is the time a worker takes to pass over a byte before its
 * range, relative to the time it takes to read one: every worker but the
 * first must reach its start, and a lone CSV or a folder's file seeks
 * there, which costs next to nothing. (A ZIP, whose table would have to be
 * inflated up to there, is read as a pipeline instead.)
 */
export const SEEK_COST = 0.02;

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

/**
 * splitRanges returns the ranges ({from, to}, fractions of the table) of
 * count workers. They are not equal: a later worker spends time skipping
 * to its start, so it gets less of its own. With range i cut at c_i, all
 * workers take as long when cost*c_i + (c_{i+1} - c_i) is the same for
 * every i, which gives c_i = (1 - q^i) / (1 - q^count), q = 1 - cost.
 */
export function splitRanges(count, cost) {
  const q = 1 - cost;
  const cut = function (i) { return i >= count ? 1 : (1 - Math.pow(q, i)) / (1 - Math.pow(q, count)); };
  const out = [];
  for (let i = 0; i < count; i++) out.push({ from: cut(i), to: cut(i + 1) });
  return out;
}

/**
 * looksLikeZip guesses from its name whether an input is a ZIP, which is
 * read as a pipeline rather than in ranges. A wrong guess costs time,
 * never correctness: the workers read the bytes for what they are.
 */
function looksLikeZip(input) {
  return input.kind === 'file' && /\.zip$/i.test(input.file.name || '');
}

/** defaultParts is how many workers a read may use here. */
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
 * goJSON converts JavaScript options (camelCase, the contract's names) to
 * the engine's JSON. Absent values keep the Go defaults; keys it does not
 * know (onProgress, signal, a widget's own settings) are ignored. Values
 * are passed as they are: Go rejects wrong ones with bad_options.
 */
function goJSON(options, names, out) {
  const o = options || {};
  for (const key of Object.keys(names)) {
    if (o[key] != null) out[names[key]] = o[key];
  }
  return JSON.stringify(out);
}

/** goOptions converts extractor options; the time zone defaults to the browser's. */
export function goOptions(options) {
  const o = Object.assign({}, options);
  delete o.profiles; // chosen per summary, not per read
  return goJSON(o, OPTIONS, { time_zone: o.timeZone != null ? o.timeZone : browserTimeZone() });
}

/** goProfiles converts a choice of profiles ('all', a name or names) to the JSON the engine takes. */
export function goProfiles(profiles) {
  if (profiles == null || profiles === 'all') return '[]';
  return JSON.stringify(Array.isArray(profiles) ? profiles : [profiles]);
}

/** goShareOptions converts {blocks, removeTitles, maxBytes} to the engine's JSON. */
export function goShareOptions(options) {
  return goJSON(options, SHARE_OPTIONS, {});
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
  constructor(worker, blobURL, onRead) {
    this.worker = worker;
    this.blobURL = blobURL;
    this.onRead = onRead;
    this.pending = new Map(); // id -> {resolve, reject, onProgress}
    this.nextId = 1;
    this.dead = null; // the Error that ended it
    this.onDead = null;
    this.died = new Promise((resolve) => { this._died = resolve; }); // resolves when it is killed
    this.queue = Promise.resolve(); // calls run one after the other
  }

  /**
   * start creates the worker at once, so that starting it and loading
   * wasm_exec.js overlap the compilation of the engine, then sends it the
   * compiled Module when modulePromise resolves and waits for 'ready'.
   * A compile failure terminates the worker and rejects with its error.
   */
  static start(baseURL, modulePromise, onRead) {
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
    const h = new WorkerHandle(worker, blobURL, onRead);
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
      if (m.bytesRead) this.onRead(m.bytesRead);
      if (m.ok) p.resolve(m.value);
      else p.reject(engineError(m.code || 'internal', m.message));
    }
  }

  /**
   * run queues one call of an engine method and settles with its result.
   * args may hold an input description as {input}. When signal aborts,
   * the worker is asked to stop, and terminated when it does not within
   * ABORT_GRACE_MS (the call then rejects with aborted). transfer lists
   * ArrayBuffers to move rather than copy.
   */
  run(method, args, signal, onProgress, transfer) {
    const job = this.queue.then(() => this._call(method, args, signal, onProgress, transfer));
    this.queue = job.catch(function () {});
    return job;
  }

  _call(method, args, signal, onProgress, transfer) {
    const aborted = function () { return engineError('aborted', 'aborted'); };
    if (signal && signal.aborted) return Promise.reject(aborted());
    if (this.dead) return Promise.reject(this.dead);
    const self_ = this;
    return new Promise(function (resolve, reject) {
      const id = self_.nextId++;
      let timer = null;
      const onAbort = function () {
        if (!self_.dead) self_.worker.postMessage({ type: 'abort', id: id });
        timer = setTimeout(function () {
          self_.kill('aborted', 'aborted'); // rejects this call with aborted
        }, ABORT_GRACE_MS);
      };
      const done = function () {
        if (timer) clearTimeout(timer);
        if (signal) signal.removeEventListener('abort', onAbort);
      };
      self_.pending.set(id, {
        resolve: function (v) { done(); if (signal && signal.aborted) reject(aborted()); else resolve(v); },
        reject: function (e) { done(); reject(signal && signal.aborted ? aborted() : e); },
        onProgress: onProgress || function () {},
      });
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
      self_.worker.postMessage({ type: 'call', id: id, method: method, args: args }, transfer || []);
    });
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
    this._died();
  }

  /** post sends a message that is not a call; transfer lists what to move. */
  post(msg, transfer) {
    if (!this.dead) this.worker.postMessage(msg, transfer || []);
  }
}

/**
 * Session is a participant's file read into aggregates, held by the
 * engine's first worker: its profile list, and summaries for any choice
 * of profiles without reading the file again. Close it when done; a new
 * file needs a new session.
 */
export class Session {
  constructor(handle, id, profiles) {
    this._handle = handle;
    this._id = id;
    this._closed = false;
    /** The profiles, in order of first appearance: [{pseudonym, name, rows, views, seconds, first_day, last_day}]. */
    this.profiles = profiles;
  }

  /** summaryJSON resolves to the summary JSON of the chosen profiles ('all', a name or names). */
  summaryJSON(profiles) {
    if (this._closed) return Promise.reject(engineError('bad_input', 'the session is closed'));
    return this._handle.run('summary', [this._id, goProfiles(profiles)]);
  }

  /** summary resolves to the summary object of the chosen profiles. */
  summary(profiles) {
    return this.summaryJSON(profiles).then(JSON.parse);
  }

  /** close drops the aggregates; later calls reject. */
  close() {
    if (this._closed) return Promise.resolve();
    this._closed = true;
    return this._handle.run('close', [this._id]).then(function () {}, function () {});
  }
}

/** Engine runs the Go extractor in workers. One instance per page is enough. */
export class Engine {
  /**
   * @param {string} baseURL the directory URL of the widget's files, ending in '/'.
   * @param {{wasmResponse?: Promise<Response>, parts?: number, splitMinBytes?: number}} [options]
   *   wasmResponse: a fetch of baseURL + 'netflix-donation.wasm' the page
   *   started before this module loaded (netflix-donation.js does), used by
   *   the first compile. parts: the most workers one read uses (default:
   *   2 on a device with two cores or more, else 1). splitMinBytes: the
   *   input size from which they are used (default SPLIT_MIN_BYTES).
   */
  constructor(baseURL, options) {
    const o = options || {};
    this.baseURL = baseURL;
    this._early = o.wasmResponse || null;
    this._parts = o.parts > 0 ? Math.min(Math.floor(o.parts), MAX_PARTS) : defaultParts();
    this._splitMinBytes = o.splitMinBytes >= 0 ? o.splitMinBytes : SPLIT_MIN_BYTES;
    this._module = null; // Promise<WebAssembly.Module>
    this._workers = []; // Promise<WorkerHandle> per worker; [0] holds the sessions
    this._bytesRead = 0;
    this._reads = Promise.resolve(); // one read (open, with its helpers) at a time
  }

  /** ready compiles the engine (once) and starts the first worker. */
  ready() {
    return this._ensureWorker(0).then(function () {});
  }

  /** stats reports what the engine did: bytesRead, the bytes of participants' files its workers read. */
  stats() {
    return { bytesRead: this._bytesRead };
  }

  _ensureWorker(i) {
    const self_ = this;
    if (!this._module) {
      this._module = compileWasm(new URL('netflix-donation.wasm', this.baseURL).href, this._early);
      this._early = null; // a retry fetches again
      this._module.catch(function () { self_._module = null; });
    }
    if (!this._workers[i]) {
      const p = WorkerHandle.start(self_.baseURL, this._module, function (n) { self_._bytesRead += n; });
      this._workers[i] = p;
      const forget = function () { if (self_._workers[i] === p) self_._workers[i] = null; };
      p.then(function (h) {
        h.onDead = forget;
        if (h.dead) h.onDead();
      }, forget);
    }
    return this._workers[i];
  }

  /**
   * open reads the input once and resolves to a Session. options: the
   * extractor options (timeZone, minSeconds, from, to, titles, top,
   * account), onProgress(fraction, stage), signal (an AbortSignal) and
   * parts (the most workers this read uses; default the Engine's).
   */
  open(input, options) {
    // A read starts only once the one before it has ended on every
    // worker: a worker slower than ABORT_GRACE_MS to stop after an abort
    // is killed then, and must not take the next read with it. A read
    // aborted while it waits rejects at once.
    const signal = options && options.signal;
    const turn = this._reads.then(() => this._open(input, options));
    this._reads = turn.catch(function () {});
    if (!signal) return turn;
    return Promise.race([turn, new Promise(function (_, reject) {
      const stop = function () { reject(engineError('aborted', 'aborted')); };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    })]);
  }

  async _open(input, options) {
    const o = options || {};
    const report = typeof o.onProgress === 'function' ? o.onProgress : function () {};
    const signal = o.signal || null;
    const desc = describeInput(input);
    const opts = goOptions(o);
    if (signal && signal.aborted) throw engineError('aborted', 'aborted');
    report(0, 'loading');
    const first = await this._ensureWorker(0);
    if (signal && signal.aborted) throw engineError('aborted', 'aborted');
    report(0.05, 'reading');
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
    const parts = o.parts > 0 ? Math.min(Math.floor(o.parts), MAX_PARTS) : this._parts;
    const split = parts > 1 && inputBytes(desc) >= this._splitMinBytes;
    let id = null;
    if (split && looksLikeZip(desc)) id = await this._openPipelined(first, desc, opts, signal, reading);
    else if (split) id = await this._openSplit(first, parts, desc, opts, signal, reading);
    if (id === null) {
      id = await first.run('open', [{ input: desc }, opts, '{}'], signal, byteProgress(reading));
    }
    let profiles;
    try {
      profiles = JSON.parse(await first.run('profiles', [id], signal));
    } catch (err) {
      first.run('close', [id]).catch(function () {});
      throw err;
    }
    report(1, 'done');
    return new Session(first, id, profiles);
  }

  /**
   * _openPipelined reads a ZIP with two workers: the first opens the
   * session, and its large entries are inflated by the second, over a
   * MessageChannel (worker.js serveInflate). It resolves to the session id,
   * or to null when the first must read alone: the second cannot start or
   * dies. Every other error is the first's, as one worker would meet it.
   */
  async _openPipelined(first, desc, opts, signal, reading) {
    let helper;
    try {
      helper = await this._ensureWorker(1);
    } catch (err) {
      return null;
    }
    const channel = new MessageChannel();
    helper.post({ type: 'inflate', file: desc.file, port: channel.port2 }, [channel.port2]);
    const stop = new AbortController();
    const onAbort = function () { stop.abort(); };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    helper.died.then(onAbort);
    try {
      return await first.run('open', [{ input: desc, inflater: channel.port1 }, opts, '{}'], stop.signal, byteProgress(reading), [channel.port1]);
    } catch (err) {
      if (helper.dead && !first.dead && !(signal && signal.aborted)) return null;
      throw err;
    } finally {
      if (signal) signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * _openSplit reads the input as ranges on several workers: the first
   * opens a session with range 0, the others read theirs, and their
   * aggregates are merged into the session in table order. It resolves
   * to the session id, or to null when one worker must read the input
   * instead: a helper cannot start or fails, or the table cannot be cut
   * between records (split_misaligned). Any other error is reported as
   * one worker would meet it: the first in table order.
   */
  async _openSplit(first, workers, desc, opts, signal, reading) {
    let helpers;
    try {
      const starts = [];
      for (let i = 1; i < workers; i++) starts.push(this._ensureWorker(i));
      helpers = await Promise.all(starts);
    } catch (err) {
      return null;
    }
    const count = helpers.length + 1;
    const ranges = splitRanges(count, SEEK_COST);
    const fractions = new Array(count).fill(0);
    const rangeProgress = function (i) {
      return function (done, total) {
        if (!(total > 0)) return;
        fractions[i] = Math.min(done / total, 1);
        reading(fractions.reduce(function (a, b) { return a + b; }, 0) / count);
      };
    };
    const stop = new AbortController();
    const onAbort = function () { stop.abort(); };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    const calls = [first.run('open', [{ input: desc }, opts, JSON.stringify(ranges[0])], stop.signal, rangeProgress(0))]
      .concat(helpers.map(function (h, j) {
        return h.run('read', [{ input: desc }, opts, JSON.stringify(ranges[j + 1])], stop.signal, rangeProgress(j + 1));
      }));
    const results = await Promise.allSettled(calls);
    if (signal) signal.removeEventListener('abort', onAbort);
    const id = results[0].status === 'fulfilled' ? results[0].value : null;
    const failed = results.find(function (r) { return r.status === 'rejected'; });
    if (failed) {
      if (id !== null) first.run('close', [id]).catch(function () {});
      if (signal && signal.aborted) throw engineError('aborted', 'aborted');
      const err = failed.reason;
      // A helper may also end as 'aborted' (an earlier read's abort it did
      // not acknowledge in time): only this read's own signal makes it so.
      const helperDied = (err.code === 'worker_failed' || err.code === 'aborted') && !first.dead;
      if (err.code === 'split_misaligned' || helperDied) return null;
      throw err;
    }
    const parts = results.slice(1).map(function (r) { return r.value; });
    await first.run('merge', [id, parts], signal, null, parts.map(function (b) { return b.buffer; }));
    return id;
  }

  /**
   * extractJSON resolves to the summary JSON exactly as Go wrote it, of
   * the profiles options.profiles chooses ('all' by default): open, one
   * summary, close.
   */
  async extractJSON(input, options) {
    const o = options || {};
    const session = await this.open(input, o);
    try {
      return await session.summaryJSON(o.profiles);
    } finally {
      session.close();
    }
  }

  /** extract resolves to the summary object. */
  extract(input, options) {
    return this.extractJSON(input, options).then(JSON.parse);
  }

  /** profiles resolves to the profile list of the input: open, close. */
  async profiles(input, options) {
    const session = await this.open(input, options);
    session.close();
    return session.profiles;
  }

  /** share resolves to {json, summary}: the donation JSON Go made and its parsed object. */
  async share(summary, options) {
    let text;
    try {
      text = typeof summary === 'string' ? summary : JSON.stringify(summary);
    } catch (err) {
      throw engineError('bad_input', 'the summary cannot be encoded');
    }
    if (typeof text !== 'string') throw engineError('bad_input', 'the summary is missing');
    const first = await this._ensureWorker(0);
    const json = await first.run('share', [text, goShareOptions(options)]);
    return { json: json, summary: JSON.parse(json) };
  }
}

let shared = null;

/**
 * sharedEngine returns the page's one Engine, for the widget's files next
 * to this module: the loader (netflix-donation.js) and every
 * <netflix-donation> element use it, so a page compiles the engine and
 * starts its workers once. options apply when it is made (the loader
 * passes the fetch of the .wasm it began early).
 */
export function sharedEngine(options) {
  if (!shared) shared = new Engine(new URL('./', import.meta.url).href, options);
  return shared;
}

/** byteProgress adapts reading(fraction) to a worker's (done, total) reports. */
function byteProgress(reading) {
  return function (done, total) {
    if (total > 0) reading(done / total);
  };
}
