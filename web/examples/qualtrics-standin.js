// PREVIEW ONLY: a small stand-in for the Qualtrics JavaScript API, so that
// qualtrics.html can run qualtrics.js outside Qualtrics. On Qualtrics the
// real Qualtrics.SurveyEngine exists already: do not upload this file.
// It records every setEmbeddedData call in window.QualtricsStandIn.embedded
// and shows it on the page.
(function () {
  var embedded = {};
  var onload = [];
  function show() {
    var out = document.getElementById('standin-embedded');
    if (out) out.textContent = JSON.stringify(embedded, null, 1);
  }
  var question = {
    getQuestionContainer: function () { return document.getElementById('QID1'); },
    disableNextButton: function () { document.getElementById('NextButton').disabled = true; },
    enableNextButton: function () { document.getElementById('NextButton').disabled = false; },
    clickNextButton: function () { document.getElementById('NextButton').click(); },
  };
  window.Qualtrics = {
    SurveyEngine: {
      addOnload: function (fn) { onload.push(fn); },
      addOnReady: function (fn) { onload.push(fn); },
      setEmbeddedData: function (name, value) { embedded[name] = String(value); show(); },
      getEmbeddedData: function (name) { return embedded[name]; },
    },
  };
  window.QualtricsStandIn = { embedded: embedded };
  document.addEventListener('DOMContentLoaded', function () {
    onload.forEach(function (fn) { fn.call(question); });
  });
})();
