// Package jsinflate inflates raw DEFLATE data (ZIP method 8) with the
// JavaScript platform's own DecompressionStream('deflate-raw'), for the
// browser engine (GOOS=js GOARCH=wasm).
//
// Go's compress/flate compiled to WebAssembly inflates a few times slower
// than the browser's native inflater, and inflating ViewingActivity.csv
// is most of the widget's time on a ZIP (see bench/README.md). The engine
// plugs this package in through extractor.ZipOptions.Inflate:
//
//	opts := extractor.ZipOptions{Inflate: jsinflate.Inflater()}
//
// Inflater returns nil where DecompressionStream or its 'deflate-raw'
// format is missing, and the extractor then uses compress/flate.
//
// The reader must be used from a goroutine that may block: it waits for
// the stream's promises on channels, which lets the JavaScript event loop
// run (Go's js/wasm port resumes when a callback fires). The extractor's
// calls run in such goroutines.
//
// Outside js/wasm the package is empty.
package jsinflate
