// netflix-donation.js: the one script a survey page loads.
//
//   <script src="https://example.org/widget/netflix-donation.js"></script>
//
// A classic script (no module needed), so that a survey platform's plain
// question JavaScript can use it. It defines window.NetflixDonation:
//
//   NetflixDonation.version                    string
//   NetflixDonation.baseURL                    the directory this script was loaded from
//   NetflixDonation.ready()                    Promise<void>: compile the engine, start its worker
//                                              (begun when the script loads; data-preload="off" defers it)
//   NetflixDonation.open(input, options)       Promise<Session>: read the file once; then
//       session.profiles                       [{pseudonym, name, rows, views, seconds, first_day, last_day}]
//                                              (names stay in the page)
//       session.summary(profiles)              Promise<summary object> for 'all', a name or names
//       session.summaryJSON(profiles)          Promise<string>: the exact JSON the Go engine wrote
//       session.close()                        Promise<void>: drop what was read
//   NetflixDonation.extract(input, options)    Promise<summary object>: open, summary of options.profiles, close
//   NetflixDonation.extractJSON(input, options) Promise<string>
//   NetflixDonation.profiles(input, options)   Promise<profile list>: open, close
//   NetflixDonation.share(summary, {blocks, removeTitles, maxBytes}) Promise<{json, summary}>
//   NetflixDonation.stats()                    Promise<{bytesRead}>: bytes of participants' files read so far
//
// input: a File (ZIP or ViewingActivity.csv), a FileList or array of Files
// from a folder pick (webkitRelativePath is the path), or [{path, file}].
// options: timeZone (default: the browser's), profiles ('all' or [names];
// extract only), minSeconds, from, to ('YYYY-MM-DD'), titles
// ('none'|'top'|'all'), top, account ([blocks]), onProgress(fraction,
// stage) with stage 'loading', 'reading', 'summarising' or 'done', and
// signal (an AbortSignal). Rejections are Errors with a stable .code
// (contract.js ERROR_CODES).
//
// The engine (engine.js, worker.js, wasm_exec.js, netflix-donation.wasm)
// is found next to this script, so the widget can be hosted on another
// origin than the survey page (the files then need CORS headers, and the
// page's CSP must allow that origin and 'wasm-unsafe-eval'). The script
// also loads the <netflix-donation> element (netflix-donation-element.js).
(function () {
  'use strict';
  if (window.NetflixDonation) return; // loaded twice

  // Generated from web/contract.go (go test ./web -update).
  var VERSION = '0.1.0';
  var script = document.currentScript;
  var baseURL = new URL('.', (script && script.src) || window.location.href).href;
  var engine = null;

  // loadEngine imports engine.js once. early is a fetch of the .wasm begun
  // before that import, so the download and compilation start one module
  // load sooner; later retries fetch on their own.
  function loadEngine(early) {
    if (!engine) {
      engine = import(baseURL + 'engine.js').then(function (m) {
        return m.sharedEngine({ wasmResponse: early });
      }, function (err) {
        engine = null;
        var e = new Error('cannot load the engine: ' + (err && err.message));
        e.name = 'NetflixDonationError';
        e.code = 'wasm_load_failed';
        throw e;
      });
    }
    return engine;
  }

  function method(name) {
    return function () {
      var args = arguments;
      return loadEngine().then(function (e) { return e[name].apply(e, args); });
    };
  }

  window.NetflixDonation = Object.freeze({
    version: VERSION,
    baseURL: baseURL,
    ready: method('ready'),
    open: method('open'),
    extract: method('extract'),
    extractJSON: method('extractJSON'),
    profiles: method('profiles'),
    share: method('share'),
    stats: method('stats'),
  });

  // Start the engine now (compile the .wasm, start its worker), so that it
  // is ready before the participant has picked a file. A failure here is
  // not reported: the first call tries again and reports it. A page that
  // loads this script without showing the widget can opt out with
  // <script src=".../netflix-donation.js" data-preload="off">.
  if (!(script && script.getAttribute('data-preload') === 'off')) {
    var early = null;
    try {
      early = fetch(baseURL + 'netflix-donation.wasm', { credentials: 'same-origin' });
      early.catch(function () {}); // reported by the engine, which awaits it
    } catch (e) {
      early = null;
    }
    loadEngine(early).then(function (e) { return e.ready(); }).catch(function () {});
  }

  import(baseURL + 'netflix-donation-element.js').catch(function (err) {
    console.warn('netflix-donation: the <netflix-donation> element is not available:', err && err.message);
  });
})();
