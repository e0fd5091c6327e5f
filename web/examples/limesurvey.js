// LimeSurvey: create a "Long free text" question (its answer column holds
// the donation) and paste, in the question text's source view:
//   <script src="https://YOUR-HOST/netflix-donation/netflix-donation.js"></script>
//   <script src="https://YOUR-HOST/netflix-donation/examples/limesurvey.js"></script>
// (or this file's content inside <script>...</script>). Scripts in question
// texts need the XSS filter off for your user (Global settings -> Security
// -> "Filter HTML for XSS": off, or a superadmin account).
// The script finds the question it sits in, hides its text box, and lets
// the widget fill it: the JSON on Share, {"declined":true} on Don't share.
// "Next" stays disabled until the participant has chosen.
(function () {
  var script = document.currentScript;
  function mount() {
    var question = script.closest('.question-container') || document;
    var textarea = question.querySelector('textarea');
    if (!textarea) return;
    if (!textarea.id) textarea.id = 'netflix-donation-answer';
    var answer = textarea.closest('.answer-container') || textarea;
    answer.classList.add('d-none');
    answer.hidden = true;

    var next = document.getElementById('ls-button-submit');
    var alreadyAnswered = textarea.value !== '';
    if (next && !alreadyAnswered) next.disabled = true;

    var widget = document.createElement('netflix-donation');
    widget.setAttribute('output', '#' + CSS.escape(textarea.id));
    // LimeSurvey's long text holds 65,535 bytes on MySQL; keep well below.
    widget.setAttribute('config', JSON.stringify({ titles: 'top', top: 50, maxBytes: 60000 }));
    function chosen() { if (next) next.disabled = false; }
    widget.addEventListener('netflix-donation:donate', chosen);
    widget.addEventListener('netflix-donation:decline', chosen);
    answer.parentNode.insertBefore(widget, answer);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
