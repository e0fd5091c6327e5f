//go:build js && wasm

// Command wasm is the browser engine: the extractor compiled to
// WebAssembly (GOOS=js GOARCH=wasm), run inside a Web Worker by
// web/worker.js.
//
// It is a thin adapter. main registers one object on the JavaScript global
// scope, __netflixDonation, whose functions return Promises:
//
//	extract(input, optionsJSON, hooks)  -> Promise<string>  // the summary JSON
//	extractPart(input, optionsJSON, index, count, hooks) -> Promise<Uint8Array> // one part's aggregates
//	profiles(input, hooks)              -> Promise<string>  // JSON [{pseudonym, name, rows}]
//	share(summaryJSON, shareOptionsJSON) -> Promise<string> // the donation JSON
//	version                              string
//
// input is {kind: "file", name, size, readAt(offset, length) -> Uint8Array,
// inflate?(offset, length, crc, size32)} or {kind: "folder", files: [{path,
// size, readAt}]}; the worker builds it over File objects with
// FileReaderSync, so bytes are read lazily, through a block cache, only
// where the extractor reads, and ZIP entries are inflated by the worker's
// inflate when it is there. hooks is optional: {progress(done, total),
// signal: AbortSignal}, and for a large input read by several workers
// {count, parts() -> Promise<Uint8Array[]>}: extract then reads part 0 of
// count and merges the other parts, which extractPart made in other
// workers. Rejections are Error objects with a stable .code (the
// extractor's codes, bad_input, or split_misaligned, after which the page
// extracts with one worker).
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

// Version is the engine version reported to JavaScript.
const Version = "0.1.0"

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
