// engine_page.js: helpers of engine.html for engine_test.go.
'use strict';

// firstFile returns the first File chosen in the input with this id.
function firstFile(id) {
  return document.getElementById(id).files[0];
}

// folderInput returns the files chosen in #files as [{path, file}], the
// path of each taken from paths (base name -> relative path): chromedp
// cannot choose a directory, so the folder pick's webkitRelativePath is
// given this way.
function folderInput(paths) {
  return Array.from(document.getElementById('files').files).map(function (f) {
    return { path: paths[f.name], file: f };
  });
}

// settle awaits p and returns {ok, value} or {ok: false, code, message}.
function settle(p) {
  return Promise.resolve(p).then(function (value) {
    return { ok: true, value: value };
  }, function (err) {
    return { ok: false, code: String(err && err.code), message: String(err && err.message) };
  });
}

// responsiveExtract runs extractJSON while a requestAnimationFrame loop
// measures the longest gap between frames of the page's main thread.
function responsiveExtract(input, options) {
  let frames = 0;
  let maxGap = 0;
  let last = performance.now();
  let running = true;
  function frame(now) {
    frames++;
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (running) requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  const start = performance.now();
  return settle(NetflixDonation.extractJSON(input, options)).then(function (r) {
    running = false;
    r.frames = frames;
    r.maxGap = maxGap;
    r.ms = performance.now() - start;
    return r;
  });
}

// abortWhenReading starts an extraction and aborts it as soon as the
// engine reports the 'reading' stage, i.e. once the worker runs the call.
function abortWhenReading(input) {
  const c = new AbortController();
  const stages = [];
  return settle(NetflixDonation.extract(input, {
    signal: c.signal,
    onProgress: function (fraction, stage) {
      stages.push(stage);
      if (stage === 'reading') c.abort();
    },
  })).then(function (r) {
    r.stages = stages;
    return r;
  });
}

// progressStages runs an extraction and returns the stages reported, in order.
function progressStages(input) {
  const seen = [];
  let last = -1;
  let monotonic = true;
  return settle(NetflixDonation.extract(input, {
    onProgress: function (fraction, stage) {
      if (fraction < last) monotonic = false;
      last = fraction;
      if (seen[seen.length - 1] !== stage) seen.push(stage);
    },
  })).then(function (r) {
    return { ok: r.ok, code: r.code, stages: seen, monotonic: monotonic, last: last };
  });
}
