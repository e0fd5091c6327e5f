// hardening_inner.js: the page inside the cross-origin iframe of
// origins_test.go. TEST ONLY: it takes post-message-origin from the query
// (?target=ORIGIN); a real inner page hard-codes its survey's origin (see
// web/examples/iframe-inner.js).
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.querySelector('netflix-donation');
    el.setAttribute('post-message-origin', params.get('target') || '');
    if (params.get('lang')) el.setAttribute('lang', params.get('lang'));
  });
})();
