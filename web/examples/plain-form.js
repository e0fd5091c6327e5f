// Plain HTML form: the widget writes the JSON (or {"declined":true}) into
// the hidden textarea named by its output attribute; the form posts it
// with the other answers. This script only enables the submit button once
// the participant has shared or declined.
(function () {
  var widget = document.querySelector('netflix-donation');
  var submit = document.getElementById('submit');
  function chosen() { submit.disabled = false; }
  widget.addEventListener('netflix-donation:donate', chosen);
  widget.addEventListener('netflix-donation:decline', chosen);
})();
