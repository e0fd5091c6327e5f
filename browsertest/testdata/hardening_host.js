// hardening_host.js: the host page's side in the hardening tests
// (privacy_test.go, csp_test.go, origins_test.go). It records every
// netflix-donation:* event the page receives, in order, in window.__events,
// and sets the element's lang and config from the page's query
// (?lang=nl&config=...) before the participant starts.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  window.__events = [];
  ['donate', 'decline', 'error'].forEach(function (kind) {
    document.addEventListener('netflix-donation:' + kind, function (e) {
      window.__events.push({ type: e.type, detail: e.detail, composed: e.composed, bubbles: e.bubbles });
    });
  });
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.querySelector('netflix-donation');
    if (params.get('lang')) el.setAttribute('lang', params.get('lang'));
    if (params.get('config')) el.setAttribute('config', params.get('config'));
  });
})();
