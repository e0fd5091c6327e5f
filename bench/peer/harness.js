// harness.js: the page side of `make bench` (bench/run.go drives it with
// chromedp). It keeps every uploaded File in window.benchFiles, so the
// widget and the peer read the very same File objects, and exposes small
// functions that time one operation each with performance.now():
//
//   benchStart(src)            insert <script src>, await NetflixDonation.ready() -> ms
//   benchWidget(i, wantJSON, parts)  NetflixDonation.extractJSON(benchFiles[i], {timeZone: 'UTC', parts}) -> {ms, json}
//                              (parts: the most workers; 0 for the engine's default)
//   benchFlow(i)               the participant's path from the chosen file to the review, as the
//                              element runs it: open, the profile list, the first profile's
//                              summary, its donation -> {ms, profiles}
//   benchPeer(i)               peerSummary(benchFiles[i]) (peer.js) -> {ms, ...figures}
//   benchInflate(i, off, len)  DecompressionStream('deflate-raw') over bytes off..off+len -> {ms, bytes}
//   benchLoadB(base), benchWidgetB(i)  the same on a second build of the engine (comparisons)
//   benchCompile(url)          fetch + WebAssembly.compileStreaming of the .wasm alone -> ms
'use strict';

(function () {
  window.benchFiles = [];

  document.addEventListener('DOMContentLoaded', function () {
    var input = document.getElementById('bench-file');
    input.addEventListener('change', function () {
      for (var i = 0; i < input.files.length; i++) window.benchFiles.push(input.files[i]);
    });
  });

  window.benchStart = function (src) {
    return new Promise(function (resolve, reject) {
      var t0 = performance.now();
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () {
        window.NetflixDonation.ready().then(function () {
          resolve(performance.now() - t0);
        }, reject);
      };
      s.onerror = function () { reject(new Error('cannot load ' + src)); };
      document.head.appendChild(s);
    });
  };

  window.benchWidget = async function (i, wantJSON, parts) {
    var file = window.benchFiles[i];
    var t0 = performance.now();
    var json = await window.NetflixDonation.extractJSON(file, { timeZone: 'UTC', parts: parts || 0 });
    var ms = performance.now() - t0;
    return { ms: ms, json: wantJSON ? json : '' };
  };

  window.benchFlow = async function (i) {
    var file = window.benchFiles[i];
    var t0 = performance.now();
    var session = await window.NetflixDonation.open(file, { timeZone: 'UTC' });
    var summary = await session.summary([session.profiles[0].name]);
    await window.NetflixDonation.share(summary, { maxBytes: 20000 });
    var ms = performance.now() - t0;
    await session.close();
    return { ms: ms, profiles: session.profiles.length };
  };

  window.benchPeer = async function (i) {
    var file = window.benchFiles[i];
    var t0 = performance.now();
    var r = await window.peerSummary(file);
    r.ms = performance.now() - t0;
    return r;
  };
})();

// benchInflate(i, offset, length): the browser's own inflate, for the time
// breakdown: DecompressionStream('deflate-raw') over exactly the
// compressed bytes of ViewingActivity.csv in benchFiles[i] -> {ms, bytes}.
window.benchInflate = async function (i, offset, length) {
  var file = window.benchFiles[i];
  var t0 = performance.now();
  var reader = file.slice(offset, offset + length).stream()
    .pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  var bytes = 0;
  for (;;) {
    var r = await reader.read();
    if (r.done) break;
    bytes += r.value.length;
  }
  return { ms: performance.now() - t0, bytes: bytes };
};

// benchLoadB(base): a second engine from another build of the widget
// (make bench's -compare DIR, served at base), to time two builds in
// turn on the same File. benchWidgetB(i) is benchWidget on it.
window.benchLoadB = async function (base) {
  var m = await import(base + 'engine.js');
  window.benchEngineB = new m.Engine(base);
  await window.benchEngineB.ready();
  return true;
};

window.benchWidgetB = async function (i) {
  var file = window.benchFiles[i];
  var t0 = performance.now();
  var json = await window.benchEngineB.extractJSON(file, { timeZone: 'UTC' });
  return { ms: performance.now() - t0, json: json };
};

// benchCompile(url): fetch and compile the engine's .wasm as engine.js
// does (WebAssembly.compileStreaming), without starting it -> ms. Run
// after the start-ups, it shows what compiling costs with a warm cache.
window.benchCompile = async function (url) {
  var t0 = performance.now();
  await WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
  return performance.now() - t0;
};
