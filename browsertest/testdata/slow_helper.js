// slow_helper.js: for TestEngineAbortSlowHelper. An Engine whose workers
// come from /slow/ (served by the test: worker.js there wraps the real one
// so that a helper takes no notice of an abort and never answers it, as a
// helper on a busy device that does not stop within ABORT_GRACE_MS).
import { Engine } from '/web/engine.js';

window.slowEngine = new Engine(location.origin + '/slow/', { parts: 2, splitMinBytes: 0 });

// abortThenExtract aborts one extraction as soon as it reads, then runs
// another with options and no signal, and returns how both ended.
window.abortThenExtract = async function (input, options) {
  const c = new AbortController();
  const first = await settle(window.slowEngine.extractJSON(input, {
    signal: c.signal,
    onProgress: function (fraction, stage) { if (stage === 'reading') c.abort(); },
  }));
  const second = await settle(window.slowEngine.extractJSON(input, options));
  return { first: first, second: second };
};
