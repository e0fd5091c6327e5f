// SoSci Survey: the donation goes into an internal variable, and how far
// the participant got into a second one.
// 1. List of questions -> Add question -> Functional modules -> Internal
//    variables, with two variables. If the module's ID is IV01, they are
//    IV01_01 (the donation) and IV01_02 (the participation status).
// 2. Compose questionnaire: put IV01 on the page, and a text element whose
//    HTML holds the widget's loader (the script element of the bundle's
//    embed-snippet.html) and then this file, loaded from
//      https://YOUR-HOST/netflix-donation-0.1.0/examples/sosci.js
//    or pasted inside a script element. See docs/authors/sosci-survey.md.
// The widget appears where this script sits. Its output attribute writes
// the JSON (on Share) or the decline and its reason (on Don't share) into
// IV01_01, and its status-output attribute each step into IV01_02.
// The page cannot be sent on before that choice; a button whose id, class
// or name says "back" still works.
(function () {
  'use strict';
  var VARIABLE = 'IV01_01'; // your internal variable's ID
  var STATUS = 'IV01_02'; // the second variable: the participation status
  var MESSAGE = {
    nl: 'Kies eerst of je je Netflix-gegevens wilt delen.',
    en: 'Please choose first whether you want to share your Netflix data.',
    de: 'Bitte wählen Sie zuerst, ob Sie Ihre Netflix-Daten teilen möchten.',
  };
  var script = document.currentScript;

  function mount() {
    var field = document.getElementById(VARIABLE);
    if (!field) {
      console.warn('netflix-donation: the internal variable ' + VARIABLE + ' is not on this page');
      return;
    }
    var widget = document.createElement('netflix-donation');
    widget.setAttribute('output', '#' + VARIABLE);
    if (document.getElementById(STATUS)) widget.setAttribute('status-output', '#' + STATUS);
    widget.setAttribute('config', JSON.stringify({ titles: 'top', top: 25, maxBytes: 20000 }));
    var note = document.createElement('p');
    note.setAttribute('role', 'alert');
    script.parentNode.insertBefore(widget, script);
    script.parentNode.insertBefore(note, script);

    function chosen() { note.textContent = ''; }
    widget.addEventListener('netflix-donation:donate', chosen);
    widget.addEventListener('netflix-donation:decline', chosen);
    if (!field.form) return;
    field.form.addEventListener('submit', function (e) {
      var by = e.submitter;
      if (field.value !== '' || (by && /back/i.test(by.id + ' ' + by.className + ' ' + by.name))) return;
      e.preventDefault();
      var holder = widget.closest('[lang]');
      var lang = ((holder && holder.getAttribute('lang')) || 'en').slice(0, 2).toLowerCase();
      note.textContent = MESSAGE[lang] || MESSAGE.en;
      widget.scrollIntoView();
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
