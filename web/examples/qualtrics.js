// Qualtrics: paste this into the JavaScript of a "Text / Graphic" question
// (question -> JavaScript). Load the widget once in Look & Feel -> General
// -> Header (source view): the script element of the bundle's
// embed-snippet.html, which loads
//   https://YOUR-HOST/netflix-donation-0.1.0/netflix-donation.js
// Declare the embedded data fields netflix_donation and
// netflix_donation_status at the top of the Survey Flow (plus
// netflix_donation_part_1 ... _part_3 if you raise maxBytes above 20000).
// The widget keeps the JSON under maxBytes (20,000 by default, the size of
// a Qualtrics embedded data field) by dropping the smallest titles, and
// says so in the data; the splitting below is only a safety net.
// netflix_donation_status gets the participation status at every step, so
// a participant who met an error or left is not mistaken for one who never
// saw the widget. Next stays disabled until the participant shares or
// declines.
Qualtrics.SurveyEngine.addOnload(function () {
  var question = this;
  var FIELD = 'netflix_donation';
  var LIMIT = 20000; // characters per embedded data field

  function store(value) {
    if (value.length <= LIMIT) {
      Qualtrics.SurveyEngine.setEmbeddedData(FIELD, value);
      return;
    }
    Qualtrics.SurveyEngine.setEmbeddedData(FIELD, '');
    for (var i = 0; i * LIMIT < value.length; i++) {
      Qualtrics.SurveyEngine.setEmbeddedData(FIELD + '_part_' + (i + 1), value.slice(i * LIMIT, (i + 1) * LIMIT));
    }
  }

  question.disableNextButton();
  var widget = document.createElement('netflix-donation');
  // The language follows the survey page's lang; to force one: widget.setAttribute('lang', 'nl');
  widget.setAttribute('config', JSON.stringify({ titles: 'top', top: 25, maxBytes: 20000 }));
  widget.addEventListener('netflix-donation:status', function (e) {
    Qualtrics.SurveyEngine.setEmbeddedData(FIELD + '_status', JSON.stringify(e.detail));
  });
  widget.addEventListener('netflix-donation:donate', function (e) {
    store(e.detail.json);
    question.enableNextButton();
  });
  widget.addEventListener('netflix-donation:decline', function (e) {
    // The decline and its reason, as the widget writes it.
    store(e.detail.json);
    question.enableNextButton();
  });
  question.getQuestionContainer().appendChild(widget);
});
