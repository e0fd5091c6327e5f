// worker.js: the Web Worker that runs the Go engine (netflix-donation.wasm).
//
// A classic worker script, started by engine.js either directly (same
// origin) or from a Blob URL bootstrap that calls importScripts() with this
// file's absolute URL (cross-origin hosting). The page never sends a
// file's bytes: Files are posted as handles and Go reads them lazily, through
// FileReaderSync over file.slice(a, b), only where the extractor needs them.
//
// Protocol (every message is a plain object):
//   page -> worker  {type: 'load', base}                sent at once: load wasm_exec.js while the page compiles
//   page -> worker  {type: 'init', base, module}        module: a compiled WebAssembly.Module
//   worker -> page  {type: 'ready', version} | {type: 'init-failed', code, message}
//   page -> worker  {type: 'call', id, method, input?, options?, summary?, index?, count?, parts?}
//                   method: 'extract' | 'extractPart' | 'merge' | 'profiles' | 'share'
//   page -> worker  {type: 'parts', id, ok: true, parts} | {type: 'parts', id, ok: false, code, message}
//                   the other parts of an 'extract' call with count > 1
//   page -> worker  {type: 'abort', id}
//   worker -> page  {type: 'progress', id, done, total}
//   worker -> page  {type: 'result', id, ok: true, json} | {type: 'result', id, ok: true, bytes}
//                   | {type: 'result', id, ok: false, code, message}
//
// A large input is read by several workers (engine.js): the first runs
// 'extract' with count > 1, reading part 0, while the others run
// 'extractPart' and resolve to the bytes of their part's aggregates (a
// Uint8Array, transferred, not copied). The page hands those to the first
// worker in a 'parts' message, and Go merges them into its own part. They
// pass between the workers of one page, never further. 'merge' merges
// parts that are all bytes.
//   worker -> page  {type: 'exit'}                     the Go runtime stopped; the worker is useless
'use strict';

(function () {
  let api = null;
  const calls = new Map(); // id -> AbortController
  const waiting = new Map(); // id -> {resolve, reject} of the other parts of a split extract
  let reader = null;
  let loaded = false; // wasm_exec.js ran
  let failed = false; // init-failed was sent

  function fail(code, message) {
    if (failed) return;
    failed = true;
    self.postMessage({ type: 'init-failed', code: code, message: String(message) });
  }

  // load runs wasm_exec.js (which defines self.Go) once; false after a failure.
  function load(base) {
    if (!loaded && !failed) {
      try {
        importScripts(base + 'wasm_exec.js');
        loaded = true;
      } catch (err) {
        fail('worker_failed', 'cannot load wasm_exec.js: ' + err);
      }
    }
    return loaded;
  }

  function init(msg) {
    if (!load(msg.base)) return;
    const go = new self.Go();
    WebAssembly.instantiate(msg.module, go.importObject).then(function (instance) {
      go.run(instance).then(function () {
        api = null;
        self.postMessage({ type: 'exit' });
      });
      // Go's main registers the API before it first blocks, so it is there now.
      api = self.__netflixDonation;
      if (!api) {
        fail('wasm_load_failed', 'the engine did not register its API');
        return;
      }
      self.postMessage({ type: 'ready', version: api.version });
    }, function (err) {
      fail('wasm_load_failed', 'cannot instantiate the engine: ' + err);
    });
  }

  // goFile describes a File to Go: its size, name and a synchronous readAt.
  function goFile(file, path) {
    if (!reader) reader = new FileReaderSync();
    return {
      name: file.name || '',
      path: path,
      size: file.size,
      readAt: function (offset, length) {
        return new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length)));
      },
    };
  }

  // goInput turns the page's input description into the object Go reads.
  function goInput(input) {
    if (input && input.kind === 'file') {
      const f = goFile(input.file, '');
      f.kind = 'file';
      return f;
    }
    if (input && input.kind === 'folder') {
      return {
        kind: 'folder',
        files: input.files.map(function (e) { return goFile(e.file, e.path); }),
      };
    }
    return input;
  }

  function call(msg) {
    const id = msg.id;
    if (!api) {
      self.postMessage({ type: 'result', id: id, ok: false, code: 'worker_failed', message: 'the engine is not running' });
      return;
    }
    const controller = new AbortController();
    calls.set(id, controller);
    const hooks = {
      signal: controller.signal,
      progress: function (done, total) {
        self.postMessage({ type: 'progress', id: id, done: done, total: total });
      },
    };
    let promise;
    try {
      if (msg.method === 'extract') {
        if (msg.count > 1) {
          const parts = new Promise(function (resolve, reject) { waiting.set(id, { resolve: resolve, reject: reject }); });
          hooks.count = msg.count;
          hooks.parts = function () { return parts; };
        }
        promise = api.extract(goInput(msg.input), msg.options, hooks);
      } else if (msg.method === 'extractPart') {
        promise = api.extractPart(goInput(msg.input), msg.options, msg.index, msg.count, hooks);
      } else if (msg.method === 'merge') {
        promise = api.merge(msg.options, msg.parts);
      } else if (msg.method === 'profiles') {
        promise = api.profiles(goInput(msg.input), hooks);
      } else if (msg.method === 'share') {
        promise = api.share(msg.summary, msg.options);
      } else {
        promise = Promise.reject(Object.assign(new Error('unknown method'), { code: 'bad_input' }));
      }
    } catch (err) {
      promise = Promise.reject(err);
    }
    Promise.resolve(promise).then(function (value) {
      calls.delete(id);
      waiting.delete(id);
      if (value instanceof Uint8Array) {
        self.postMessage({ type: 'result', id: id, ok: true, bytes: value }, [value.buffer]);
      } else {
        self.postMessage({ type: 'result', id: id, ok: true, json: value });
      }
    }, function (err) {
      calls.delete(id);
      waiting.delete(id);
      self.postMessage({
        type: 'result', id: id, ok: false,
        code: (err && err.code) || (api ? 'internal' : 'worker_failed'),
        message: String((err && err.message) || err),
      });
    });
  }

  self.onmessage = function (event) {
    const msg = event.data || {};
    switch (msg.type) {
      case 'load': load(msg.base); break;
      case 'init': init(msg); break;
      case 'call': call(msg); break;
      case 'parts': {
        const w = waiting.get(msg.id);
        if (!w) break;
        waiting.delete(msg.id);
        if (msg.ok) w.resolve(msg.parts);
        else w.reject(Object.assign(new Error(String(msg.message)), { code: msg.code || 'internal' }));
        break;
      }
      case 'abort': {
        const c = calls.get(msg.id);
        if (c) c.abort();
        break;
      }
    }
  };
})();
