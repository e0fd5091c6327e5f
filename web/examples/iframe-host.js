// The survey page around the iframe: it accepts messages only from the
// widget's origin and only from that frame, stores the JSON (or the
// decline) in a hidden field and the participation status in another,
// sizes the frame to its content, and enables Next after a choice.
(function () {
  var frame = document.getElementById('netflix-frame');
  var field = document.getElementById('netflix_donation');
  var statusField = document.getElementById('netflix_donation_status');
  var next = document.getElementById('next');
  // The widget's origin: where iframe-inner.html is hosted.
  var src = new URL(frame.getAttribute('data-src'), location.href);
  var WIDGET_ORIGIN = src.origin;
  src.searchParams.set('parent', location.origin);

  window.addEventListener('message', function (event) {
    if (event.origin !== WIDGET_ORIGIN || event.source !== frame.contentWindow) return;
    var msg = event.data;
    if (!msg || msg.type !== 'netflix-donation') return;
    if (msg.event === 'resize' && typeof msg.height === 'number') {
      frame.height = String(Math.max(200, Math.min(msg.height + 16, 20000)));
    } else if (msg.event === 'status' && msg.status) {
      statusField.value = JSON.stringify(msg.status);
    } else if (msg.event === 'donate' || msg.event === 'decline') {
      field.value = msg.json;
      next.disabled = false;
    }
  });
  // Listen first, then load the frame, so no message is missed.
  frame.src = src.href;
})();
