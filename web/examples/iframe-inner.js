// The page inside the iframe: it hosts the widget on the widget's own
// origin (with its own strict Content-Security-Policy, so WebAssembly runs
// even where the survey platform's policy forbids it) and posts the
// outcome to the survey page with exactly that page's origin.
(function () {
  // Origins allowed to receive the donation. Put your survey platform's
  // origin first, e.g. 'https://myuni.eu.qualtrics.com'. The survey page
  // can pick one of these with ?parent=ORIGIN; anything else is ignored.
  var ALLOWED_PARENTS = [location.origin];
  var requested = new URLSearchParams(location.search).get('parent');
  var parentOrigin = ALLOWED_PARENTS.indexOf(requested) >= 0 ? requested : ALLOWED_PARENTS[0];
  var lang = new URLSearchParams(location.search).get('lang');
  var widget = document.querySelector('netflix-donation');
  widget.setAttribute('post-message-origin', parentOrigin);
  if (lang) widget.setAttribute('lang', lang);
})();
