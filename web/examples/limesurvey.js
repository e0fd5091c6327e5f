// LimeSurvey: the widget in a "Long free text" question (code netflix),
// which holds the donation, and a second "Long free text" question (code
// netflixstatus, CSS class netflix-status) on the same page, which holds
// how far the participant got. See docs/authors/limesurvey.md.
// Load the widget's loader first (the script element of the bundle's
// embed-snippet.html), then this file from the bundle's examples folder,
// or paste this file's content into the question's Script tab, or inside
// a script element in the question text's Source dialog.
// LimeSurvey evaluates a brace followed by anything but white space as an
// expression, also in scripts: this file has none, keep it so.
// The script finds the donation question, hides its text box and lets the
// widget fill it: the JSON on Share, the decline and its reason on Don't
// share. "Next" stays disabled until the participant has chosen.
(function () {
  var script = document.currentScript;
  function mount() {
    // The question text holds this script; the Script tab runs it after
    // the page, so then the question is found by its CSS class.
    var question = (script && script.closest('.question-container')) || document.querySelector('.question-container.netflix-donation-question');
    var textarea = question && question.querySelector('textarea');
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
    // The status question: hidden, filled at every step.
    var status = document.querySelector('.netflix-status textarea, .netflix-status input[type=text]');
    if (status) {
      if (!status.id) status.id = 'netflix-donation-status';
      widget.setAttribute('status-output', '#' + CSS.escape(status.id));
      var box = status.closest('.question-container') || status;
      box.classList.add('d-none');
      box.hidden = true;
    }
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
