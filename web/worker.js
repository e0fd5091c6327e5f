// worker.js: the Web Worker that runs the Go engine (netflix-donation.wasm).
//
// A classic worker script, started by engine.js either directly (same
// origin) or from a Blob URL bootstrap that calls importScripts() with this
// file's absolute URL (cross-origin hosting). The page never sends a
// file's bytes: Files are posted as handles and Go reads them lazily, through
// FileReaderSync over file.slice(a, b), only where the extractor needs them.
//
// The worker knows no engine method by name: a call names a method of the
// object Go registers (the list is contract.js's ENGINE_METHODS) and its
// arguments; an argument {input: ...} is an input description, which the
// worker turns into what Go reads (goInput). Every call also gets, as its
// last argument, hooks {signal, progress(done, total)}.
//
// A large ZIP is read by two workers at once as a pipeline (engine.js):
// this worker inflates the big entries and hands the inflated bytes over a
// MessagePort to the other worker, whose Go reads them while this one
// inflates the next batch (serveInflate, remoteInflater). A call argument
// {input, inflater: port} makes the input's big entries come over port.
//
// Protocol (every message is a plain object; the type names are
// contract.js's WORKER_MESSAGES):
//   page -> worker  {type: 'load', base}                sent at once: load wasm_exec.js while the page compiles
//   page -> worker  {type: 'init', base, module}        module: a compiled WebAssembly.Module
//   worker -> page  {type: 'ready', version} | {type: 'init-failed', code, message}
//   page -> worker  {type: 'call', id, method, args}
//   page -> worker  {type: 'abort', id}
//   page -> worker  {type: 'inflate', file, port}       serve the inflating of file's ZIP entries over port
//   worker -> page  {type: 'progress', id, done, total}
//   worker -> page  {type: 'result', id, ok: true, value, bytesRead}
//                   | {type: 'result', id, ok: false, code, message, bytesRead}
//                   value: a string, or a Uint8Array (transferred, not copied);
//                   bytesRead: bytes of the participant's files read for the call
//   worker -> page  {type: 'exit'}                     the Go runtime stopped; the worker is useless
'use strict';

(function () {
  let api = null;
  const calls = new Map(); // id -> AbortController
  let reader = null;
  let bytesRead = 0; // bytes read from the participant's files, for the page's stats
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

  // goFile describes a File to Go: its size, name, a synchronous readAt,
  // and inflate for the ZIP entries in it: here, or, for entries of at
  // least REMOTE_MIN_BYTES, in the worker at the other end of port.
  function goFile(file, path, port) {
    if (!reader) reader = new FileReaderSync();
    const f = {
      name: file.name || '',
      path: path,
      size: file.size,
      readAt: function (offset, length) {
        return readBytes(file, offset, offset + length);
      },
    };
    if (gzipInflate) {
      f.inflate = function (offset, length, crc, size32) {
        if (port && length >= REMOTE_MIN_BYTES) return remoteInflater(port, offset, length, crc, size32);
        return entryInflater(file, offset, length, crc, size32);
      };
    }
    return f;
  }

  // Entries of at least this many compressed bytes are inflated by the
  // other worker of a pipeline: below it, handing the bytes over costs
  // more than inflating them here.
  const REMOTE_MIN_BYTES = 256 << 10;

  // REMOTE_AHEAD is how many batches a remoteInflater keeps asked for: two,
  // so that the other worker never waits for a request while Go reads.
  const REMOTE_AHEAD = 2;

  // remoteInflater is entryInflater's interface over port: the worker at
  // its other end (serveInflate) inflates, and REMOTE_AHEAD batches are
  // always asked for ahead, so that it inflates the next ones while Go
  // here reads the one before. Its bytes read count here, as if this
  // worker had read them.
  function remoteInflater(port, offset, length, crc, size32) {
    const id = ++remoteSeq;
    let consumed = 0;
    const ahead = []; // the next batches asked for, in order
    let ended = false;
    const request = function (op, args) {
      return new Promise(function (resolve) {
        remoteWaiting.set(port, remoteWaiting.get(port) || new Map());
        const seq = ++remoteSeq;
        remoteWaiting.get(port).set(seq, resolve);
        port.postMessage(Object.assign({ op: op, id: id, seq: seq }, args));
      }).then(function (reply) {
        bytesRead += reply.read || 0;
        consumed = reply.consumed;
        if (reply.error) {
          ended = true;
          throw new Error(reply.error);
        }
        return reply;
      });
    };
    request('open', { offset: offset, length: length, crc: crc, size32: size32 }).catch(function () {}); // a failure shows at the first read
    const batch = function (max) { return request('read', { max: max }); };
    let rest = null; // bytes of a batch read ahead and not yet handed out
    return {
      read: async function (max) {
        if (rest) {
          const v = rest.subarray(0, max);
          rest = rest.length > max ? rest.subarray(max) : null;
          return v;
        }
        if (ended) return null;
        while (ahead.length < REMOTE_AHEAD) ahead.push(batch(max));
        const reply = await ahead.shift();
        if (reply.bytes === null) {
          ended = true;
          return null;
        }
        ahead.push(batch(max));
        return reply.bytes;
      },
      skip: async function (n) {
        let k = 0;
        while (k < n) {
          const v = await this.read(n - k);
          if (v === null) break;
          k += v.length;
        }
        return k;
      },
      consumed: function () { return consumed; },
      cancel: function () {
        ended = true;
        port.postMessage({ op: 'cancel', id: id });
      },
    };
  }

  let remoteSeq = 0;
  const remoteWaiting = new Map(); // port -> Map(seq -> resolve)

  // listenRemote routes the replies on port to their requests.
  function listenRemote(port) {
    port.onmessage = function (e) {
      const m = e.data || {};
      const waiting = remoteWaiting.get(port);
      const resolve = waiting && waiting.get(m.seq);
      if (!resolve) return;
      waiting.delete(m.seq);
      resolve(m);
    };
  }

  // serveInflate inflates file's ZIP entries for the worker at the other
  // end of port (its remoteInflater) until it says the call is over.
  function serveInflate(file, port) {
    if (!reader) reader = new FileReaderSync();
    const inflaters = new Map(); // id -> entryInflater
    port.onmessage = function (e) {
      const m = e.data || {};
      const reply = function (r) {
        const inf = inflaters.get(m.id);
        r.seq = m.seq;
        r.consumed = inf ? inf.consumed() : 0;
        r.read = bytesRead - readBefore;
        readBefore = bytesRead;
        if (r.bytes) port.postMessage(r, [r.bytes.buffer]);
        else port.postMessage(r);
      };
      const failed = function (err) { reply({ error: String((err && err.message) || err) }); };
      if (m.op === 'open') {
        inflaters.set(m.id, entryInflater(file, m.offset, m.length, m.crc, m.size32));
        reply({});
      } else if (m.op === 'read') {
        const inf = inflaters.get(m.id);
        if (!inf) return failed('no such entry');
        inf.read(m.max).then(function (v) {
          // A batch may be a view into a larger buffer the inflater still
          // holds: only a buffer of its own can be transferred.
          if (v && (v.byteOffset !== 0 || v.byteLength !== v.buffer.byteLength)) v = v.slice();
          reply({ bytes: v });
        }, failed);
      } else if (m.op === 'cancel') {
        const inf = inflaters.get(m.id);
        if (inf) inf.cancel();
        inflaters.delete(m.id);
      } else if (m.op === 'end') {
        for (const inf of inflaters.values()) inf.cancel();
        inflaters.clear();
        port.close();
      }
    };
    let readBefore = bytesRead;
  }

  // readBytes reads file's bytes [from, to) synchronously.
  function readBytes(file, from, to) {
    const b = new Uint8Array(reader.readAsArrayBuffer(file.slice(from, to)));
    bytesRead += b.length;
    return b;
  }

  // gzipInflate: DecompressionStream('gzip') exists here.
  const gzipInflate = (function () {
    try { new DecompressionStream('gzip'); return true; } catch (e) { return false; }
  })();

  // Compressed bytes per write into the DecompressionStream. The browser
  // inflates a whole written chunk at once, so the chunk bounds what a zip
  // bomb can make before Go's limits see it: DEFLATE expands at most about
  // 1032 times, so 16 KiB in is at most about 17 MB out.
  const INFLATE_CHUNK = 16 << 10;
  const INFLATE_BLOCK = 4 << 20; // bytes per FileReaderSync read of the compressed data

  // entryInflater inflates the DEFLATE data of a ZIP entry, file's bytes
  // [offset, offset + length), for Go (input.Options.InflateEntry, the
  // EntryReader of wasm/entry.go). The data is wrapped in a gzip header
  // and a trailer holding the entry's CRC-32 and size (mod 2^32) from the
  // ZIP directory, so the browser's own gzip decoder checks both: a damaged
  // entry fails at its end, as Go's zip reader would fail it. The compressed
  // bytes never pass through Go, and Go takes the output in large batches
  // (read) or has it dropped here (skip): one call per megabyte instead of
  // one per 64 KiB chunk.
  //   read(max)  -> Promise<Uint8Array of 1..max bytes | null at the end>
  //   skip(n)    -> Promise<number of bytes passed over, < n only at the end>
  //   consumed() -> compressed bytes written so far (the ratio limit)
  //   cancel()   stops it
  function entryInflater(file, offset, length, crc, size32) {
    const ds = new DecompressionStream('gzip');
    const writer = ds.writable.getWriter();
    const out = ds.readable.getReader();
    const header = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    const trailer = new Uint8Array(8);
    new DataView(trailer.buffer).setUint32(0, crc >>> 0, true);
    new DataView(trailer.buffer).setUint32(4, size32 >>> 0, true);
    let stage = 0; // 0: header, 1: data, 2: trailer, 3: closed
    let fed = 0;
    let block = null;
    let blockPos = 0;
    let writing = false;
    let stopped = false;
    let rest = null; // inflated bytes read and not yet handed out
    let ended = false;

    function nextChunk() {
      if (stage === 0) { stage = 1; return header; }
      if (stage === 1) {
        if (!block || blockPos >= block.length) {
          const n = Math.min(INFLATE_BLOCK, length - fed);
          block = n > 0 ? readBytes(file, offset + fed, offset + fed + n) : null;
          blockPos = 0;
        }
        if (block && block.length > 0) {
          const piece = block.subarray(blockPos, blockPos + INFLATE_CHUNK);
          blockPos += piece.length;
          fed += piece.length;
          return piece;
        }
        stage = 2; // the data ended (early, if the file is cut: gzip then fails)
        return trailer;
      }
      if (stage === 2) stage = 3;
      return null;
    }

    // pump keeps one write in flight; the stream's backpressure holds it
    // until Go reads, so only about one chunk's output waits here.
    function pump() {
      if (writing || stopped || stage === 3) return;
      const chunk = nextChunk();
      if (chunk === null) {
        writer.close().catch(function () {});
        return;
      }
      writing = true;
      writer.write(chunk).then(function () { writing = false; pump(); }, function () { writing = false; });
    }

    async function next() {
      if (rest) {
        const v = rest;
        rest = null;
        return v;
      }
      if (ended) return null;
      pump();
      const r = await out.read();
      if (r.done) {
        ended = true;
        return null;
      }
      return r.value;
    }

    return {
      read: async function (max) {
        const parts = [];
        let n = 0;
        while (n < max) {
          const v = await next();
          if (v === null) break;
          if (n + v.length > max) {
            parts.push(v.subarray(0, max - n));
            rest = v.subarray(max - n);
            n = max;
            break;
          }
          parts.push(v);
          n += v.length;
        }
        if (n === 0) return null;
        if (parts.length === 1) return parts[0];
        const all = new Uint8Array(n);
        let at = 0;
        for (const p of parts) { all.set(p, at); at += p.length; }
        return all;
      },
      skip: async function (n) {
        let k = 0;
        while (k < n) {
          const v = await next();
          if (v === null) break;
          if (k + v.length > n) {
            rest = v.subarray(n - k);
            return n;
          }
          k += v.length;
        }
        return k;
      },
      consumed: function () { return fed; },
      cancel: function () {
        stopped = true;
        out.cancel().catch(function () {});
        writer.abort().catch(function () {});
      },
    };
  }

  // goInput turns the page's input description into the object Go reads;
  // port, when given, inflates its big ZIP entries in another worker.
  function goInput(input, port) {
    if (input && input.kind === 'file') {
      const f = goFile(input.file, '', port);
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
    const readBefore = bytesRead;
    const ports = [];
    const answer = function (m) {
      m.type = 'result';
      m.id = id;
      m.bytesRead = bytesRead - readBefore;
      calls.delete(id);
      for (const p of ports) {
        p.postMessage({ op: 'end' });
        p.close();
      }
      if (m.value instanceof Uint8Array) self.postMessage(m, [m.value.buffer]);
      else self.postMessage(m);
    };
    const fn = api && Object.prototype.hasOwnProperty.call(api, msg.method) ? api[msg.method] : null;
    if (!api || typeof fn !== 'function') {
      answer({ ok: false, code: api ? 'bad_input' : 'worker_failed', message: api ? 'unknown method' : 'the engine is not running' });
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
      const args = (msg.args || []).map(function (a) {
        if (!(a && a.input)) return a;
        if (a.inflater) {
          ports.push(a.inflater);
          listenRemote(a.inflater);
        }
        return goInput(a.input, a.inflater);
      });
      promise = fn.apply(api, args.concat([hooks]));
    } catch (err) {
      promise = Promise.reject(err);
    }
    Promise.resolve(promise).then(function (value) {
      answer({ ok: true, value: value });
    }, function (err) {
      answer({
        ok: false,
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
      case 'inflate': serveInflate(msg.file, msg.port); break;
      case 'abort': {
        const c = calls.get(msg.id);
        if (c) c.abort();
        break;
      }
    }
  };
})();
