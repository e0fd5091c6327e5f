// peer.js: the benchmark's peer, written the way existing data-donation
// tools process a Netflix export in the browser: JSZip.loadAsync on the
// whole File, the CSV inflated into one string, PapaParse with header
// rows on the main thread, then a loop over the row objects.
//
// It computes the figures the widget's summary also has, with the same
// rules (UTC buckets, views of at least 60 s, supplemental videos such as
// trailers excluded, rows with an unreadable Start Time or Duration
// skipped), so `make bench` can check that both agree:
//
//   peerSummary(file) -> Promise<{views, seconds, months: {'YYYY-MM': [views, seconds]},
//                                 weekdayHour: [7][24] seconds (Monday first), heapAtParse}>
'use strict';

(function () {
  var MIN_SECONDS = 60;
  var START = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
  var DURATION = /^(\d+):(\d{2}):(\d{2})$/;

  function duration(s) {
    var m = DURATION.exec((s || '').trim());
    if (!m) return -1;
    return (+m[1]) * 3600 + (+m[2]) * 60 + (+m[3]);
  }

  async function peerSummary(file) {
    var zip = await JSZip.loadAsync(file);
    var entries = zip.file(/(^|\/)ViewingActivity\.csv$/i);
    if (entries.length === 0) throw new Error('no ViewingActivity.csv in the ZIP');
    var text = await entries[0].async('string');
    var parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
    // Heap with the text and every row object alive: the peer's peak.
    var heapAtParse = (performance.memory && performance.memory.usedJSHeapSize) || 0;

    var views = 0;
    var seconds = 0;
    var months = {};
    var weekdayHour = [];
    for (var d = 0; d < 7; d++) weekdayHour.push(new Array(24).fill(0));

    var rows = parsed.data;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var m = START.exec(row['Start Time'] || '');
      var secs = duration(row['Duration']);
      if (!m || secs < 0) continue; // malformed
      if ((row['Supplemental Video Type'] || '').trim() !== '') continue;
      if (secs < MIN_SECONDS) continue;
      views++;
      seconds += secs;
      var month = m[1] + '-' + m[2];
      var bucket = months[month] || (months[month] = [0, 0]);
      bucket[0]++;
      bucket[1] += secs;
      var weekday = (new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay() + 6) % 7; // Monday = 0
      weekdayHour[weekday][+m[4]] += secs;
    }
    return { views: views, seconds: seconds, months: months, weekdayHour: weekdayHour, heapAtParse: heapAtParse };
  }

  window.peerSummary = peerSummary;
})();
