// hardening_outer.js: the survey page of origins_test.go's iframe test, on
// another origin than the widget. It records every message whose data is a
// netflix-donation message, with the sender's origin, in window.__messages.
// window.__loadFrame() loads the frame given by ?frame=URL (the test calls
// it once the page has loaded: DevTools holds a new frame until the test
// lets it run, and the page's load would wait for the frame).
(function () {
  'use strict';
  window.__messages = [];
  window.addEventListener('message', function (event) {
    var msg = event.data;
    if (!msg || msg.type !== 'netflix-donation' || msg.event === 'resize') return;
    window.__messages.push({ origin: event.origin, event: msg.event, json: msg.json || '' });
  });
  window.__loadFrame = function () {
    document.getElementById('frame').src = new URLSearchParams(location.search).get('frame');
  };
})();
