// Test page script for browsertest/widget_test.go. It records what a host
// page sees (the donate, decline and error events in window.__events, the
// status events in window.__statuses, in order) and lets a test set
// the element's lang and config from the URL (?lang=nl&config=...) before
// the element upgrades. window.__failWith(code) is a TEST-ONLY stand-in
// that makes the engine reject with one error code, for the codes no file
// can provoke (worker crash, wasm load failure...).
(function () {
  var params = new URLSearchParams(location.search);
  window.__events = [];
  ['donate', 'decline', 'error'].forEach(function (kind) {
    document.addEventListener('netflix-donation:' + kind, function (e) {
      window.__events.push({ type: e.type, detail: e.detail, composed: e.composed, bubbles: e.bubbles });
    });
  });
  window.__statuses = [];
  document.addEventListener('netflix-donation:status', function (e) {
    window.__statuses.push(e.detail);
  });
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.querySelector('netflix-donation');
    if (params.get('lang')) el.setAttribute('lang', params.get('lang'));
    if (params.get('config')) el.setAttribute('config', params.get('config'));
  });
  // wrapEngine gives the element an engine that is the page's shared one
  // but for the methods in overrides, each given the real engine first.
  function wrapEngine(overrides) {
    var el = document.querySelector('netflix-donation');
    var real = window.__realEngine || el.engine;
    window.__realEngine = real;
    var fake = {
      ready: function () { return real.ready(); },
      open: function (input, opts) { return real.open(input, opts); },
      share: function (summary, opts) { return real.share(summary, opts); },
    };
    Object.keys(overrides).forEach(function (k) {
      fake[k] = function () { return overrides[k].apply(null, [real].concat(Array.prototype.slice.call(arguments))); };
    });
    el.engine = fake;
  }
  window.__failWith = function (code) {
    wrapEngine({
      open: function () {
        var e = new Error('injected ' + code);
        e.code = code;
        return Promise.reject(e);
      },
    });
  };
  // window.__countCalls() counts the files the engine opens and the
  // summaries it builds from them in window.__calls, so a test can tell
  // whether a file was read again.
  window.__countCalls = function () {
    window.__calls = { open: 0, summary: 0 };
    wrapEngine({
      open: function (real, input, opts) {
        window.__calls.open++;
        return real.open(input, opts).then(function (session) {
          return {
            profiles: session.profiles,
            summary: function (p) { window.__calls.summary++; return session.summary(p); },
            summaryJSON: function (p) { return session.summaryJSON(p); },
            close: function () { return session.close(); },
          };
        });
      },
    });
  };
  // window.__hang() makes open() wait until its AbortSignal fires, so a
  // test can press Cancel while reading; window.__aborted records it.
  // window.__unhang() puts the real engine back.
  window.__hang = function () {
    window.__unhang = function () { document.querySelector('netflix-donation').engine = window.__realEngine; };
    window.__aborted = false;
    wrapEngine({
      open: function (real, input, opts) {
        return new Promise(function (resolve, reject) {
          opts.signal.addEventListener('abort', function () {
            window.__aborted = true;
            var e = new Error('aborted');
            e.code = 'aborted';
            reject(e);
          });
        });
      },
    });
  };
})();
