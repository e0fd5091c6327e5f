// Plain HTML form: the widget writes the JSON (or the decline and its
// reason) into the hidden textarea named by its output attribute, and how
// far the participant got into the one named by status-output; the form
// posts both with the other answers. This script only enables the submit
// button once the participant has shared or declined.
(function () {
  var widget = document.querySelector('netflix-donation');
  var submit = document.getElementById('submit');
  function chosen() { submit.disabled = false; }
  widget.addEventListener('netflix-donation:donate', chosen);
  widget.addEventListener('netflix-donation:decline', chosen);
})();
