// PREVIEW ONLY: stands in for SoSci Survey's server, so that sosci.html
// runs outside SoSci. When the page is sent on, it shows the variables
// SoSci would store instead of submitting the form, and records them in
// window.SoSciStandIn.submitted. On SoSci Survey: do not upload this file.
(function () {
  var submitted = null;
  window.SoSciStandIn = { submitted: function () { return submitted; } };
  // The document sees the submit event after the form's own listeners
  // (sosci.js), so a page they block is never "sent".
  document.addEventListener('submit', function (e) {
    if (e.defaultPrevented) return;
    e.preventDefault();
    submitted = {};
    new FormData(e.target).forEach(function (value, name) { submitted[name] = String(value); });
    var out = document.getElementById('standin-submitted');
    if (out) out.textContent = JSON.stringify(submitted, null, 1);
  });
})();
