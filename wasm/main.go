//go:build js && wasm

// Command wasm is the browser engine: the extractor compiled to
// WebAssembly (GOOS=js GOARCH=wasm), run inside a Web Worker by
// web/worker.js.
//
// It is a thin adapter. main registers one object on the JavaScript global
// scope, __netflixDonation, with the methods web.EngineMethods names; each
// returns a Promise:
//
//	open(input, optionsJSON, rangeJSON, hooks)  -> Promise<string>     // a session id: the range is read and its aggregates kept
//	read(input, optionsJSON, rangeJSON, hooks)  -> Promise<Uint8Array> // the encoded aggregates of a range, for another worker's session
//	merge(session, [Uint8Array, ...])           -> Promise<string>     // "": the following ranges merged into the session
//	profiles(session)                           -> Promise<string>     // JSON [{pseudonym, name, rows, views, seconds, first_day, last_day}]
//	summary(session, profilesJSON)              -> Promise<string>     // the summary JSON of the chosen profiles ([] for all)
//	close(session)                              -> Promise<string>     // "": the session's aggregates are dropped
//	share(summaryJSON, shareOptionsJSON)        -> Promise<string>     // the donation JSON
//	version                                     string
//
// input is {kind: "file", name, size, readAt(offset, length) -> Uint8Array,
// inflate?(offset, length, crc, size32)} or {kind: "folder", files: [{path,
// size, readAt}]}; the worker builds it over File objects with
// FileReaderSync, so bytes are read lazily, through a block cache, only
// where the extractor reads, and ZIP entries are inflated by the worker's
// inflate when it is there. rangeJSON is extractor.Range ({from, to},
// fractions of ViewingActivity.csv; "{}" is all of it). hooks is
// optional: {progress(done, total), signal: AbortSignal}. Rejections are
// Error objects with a stable .code (web.ErrorCodes).
//
// Every JavaScript access goes through github.com/hack-pad/safejs, so a
// JavaScript surprise becomes a Go error, never a panic; each call runs in
// its own goroutine under recover(), so a failed call never stops the
// runtime and the next call works.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/hack-pad/safejs"
)

// memoryLimit is the Go heap size the engine tries to stay under (a soft
// limit: the garbage collector runs more often near it). WebAssembly
// memory never shrinks, so what the heap reaches once, a phone keeps for
// the page's life; with two workers reading a 1,000,000-row export
// (bench/README.md) the limit keeps both together well under 128 MiB,
// while a 200,000-row export stays far below it and pays nothing.
const memoryLimit = 40 << 20

func main() {
	debug.SetMemoryLimit(memoryLimit)
	api, err := newAPI()
	if err == nil {
		err = safejs.Global().Set("__netflixDonation", api)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "netflix-donation: cannot register the API:", err)
		os.Exit(1)
	}
	select {} // keep serving calls
}
