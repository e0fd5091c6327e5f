// Package bench is the performance harness behind `make bench`.
//
// [Run] generates synthetic exports (internal/synth) of several sizes and
// measures, in one headless Chromium session on the same File objects:
//
//   - the widget's engine, from File to summary JSON (cold: the first call
//     on a file; warm: the median of several calls), with its workers (two
//     on two cores) and with one;
//   - the participant's flow from the chosen file to the review, as the
//     element runs it: open the file, list its profiles, build the first
//     profile's summary and its donation;
//   - a peer written the way existing data-donation tools do it, JSZip plus
//     PapaParse on the main thread (bench/peer/peer.js), whose totals,
//     months and weekday-by-hour figures are checked against the widget's;
//   - start-up, from inserting the widget's script tag to
//     NetflixDonation.ready(), with a fresh profile and with a warm cache;
//   - memory: the WebAssembly memory of the engine's workers together
//     after each size (found with the DevTools protocol,
//     Runtime.queryObjects, so the engine needs no debug hook) and the
//     JavaScript heaps of page and workers;
//   - size: the .wasm raw, gzip and brotli, and every file the page fetched
//     for the widget as the server sent it;
//   - a breakdown of the widget's time: the same table as a lone CSV (no
//     inflate), and the browser's DecompressionStream on the ZIP entry;
//   - optionally ([Config.CompareWebDir]) a second build of the widget,
//     timed in turn with the first on the same files (A/B);
//
// and times the native CLI (cmd/netflix-summary) on the same files. The
// result is a [Result]: [Result.Table] prints it, [Result.WriteJSON] stores
// it. No figure is a pass/fail criterion: targets are printed beside the
// measurements for a reader to judge.
//
// The package serves the widget and the peer itself ([NewServer]), from
// the repository, so that it can count the bytes of every response.
package bench
