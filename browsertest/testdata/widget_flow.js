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
  window.__failWith = function (code) {
    var real = window.NetflixDonation;
    function reject() {
      var e = new Error('injected ' + code);
      e.code = code;
      return Promise.reject(e);
    }
    window.NetflixDonation = Object.assign({}, real, { profiles: reject, extract: reject });
  };
  // window.__countCalls() counts the engine's profiles() and extract()
  // calls in window.__calls, so a test can tell whether a file was read again.
  window.__countCalls = function () {
    var real = window.NetflixDonation;
    window.__calls = { profiles: 0, extract: 0 };
    window.NetflixDonation = Object.assign({}, real, {
      profiles: function () { window.__calls.profiles++; return real.profiles.apply(real, arguments); },
      extract: function () { window.__calls.extract++; return real.extract.apply(real, arguments); },
    });
  };
  // window.__hang() makes profiles() wait until its AbortSignal fires, so
  // a test can press Cancel while reading; window.__aborted records it.
  // window.__unhang() puts the real engine back.
  window.__hang = function () {
    var real = window.NetflixDonation;
    window.__unhang = function () { window.NetflixDonation = real; };
    window.__aborted = false;
    window.NetflixDonation = Object.assign({}, real, {
      profiles: function (input, opts) {
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
