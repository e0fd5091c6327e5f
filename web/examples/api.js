// api.js: the script of api.html, a plain (non-module) page that uses
// window.NetflixDonation to summarise a chosen file and print the JSON.
(function () {
  'use strict';
  var status = document.getElementById('status');
  var out = document.getElementById('out');
  var cancel = document.getElementById('cancel');
  var controller = null;

  function run(input) {
    if (controller) controller.abort();
    controller = new AbortController();
    cancel.disabled = false;
    out.textContent = '';
    NetflixDonation.extractJSON(input, {
      signal: controller.signal,
      onProgress: function (fraction, stage) {
        status.textContent = stage + ' ' + Math.round(fraction * 100) + '%';
      },
    }).then(function (json) {
      out.textContent = JSON.stringify(JSON.parse(json), null, 2);
    }, function (err) {
      status.textContent = 'Error: ' + err.code + ' (' + err.message + ')';
    }).then(function () {
      cancel.disabled = true;
    });
  }

  document.getElementById('file').addEventListener('change', function (e) {
    if (e.target.files.length) run(e.target.files[0]);
  });
  document.getElementById('folder').addEventListener('change', function (e) {
    if (e.target.files.length) run(e.target.files);
  });
  cancel.addEventListener('click', function () {
    if (controller) controller.abort();
  });
  NetflixDonation.ready().then(function () {
    status.textContent = 'Engine ready (version ' + NetflixDonation.version + ').';
  }, function (err) {
    status.textContent = 'Error: ' + err.code;
  });
})();
