//go:build js && wasm

// Command wasm is the browser engine: the extractor compiled to
// WebAssembly (GOOS=js GOARCH=wasm), run inside a Web Worker by
// web/worker.js.
//
// It is a thin adapter. main registers one object on the JavaScript global
// scope, __netflixDonation, whose functions return Promises:
//
//	extract(input, optionsJSON, hooks)  -> Promise<string>  // the summary JSON
//	profiles(input, hooks)              -> Promise<string>  // JSON [{pseudonym, name, rows}]
//	share(summaryJSON, shareOptionsJSON) -> Promise<string> // the donation JSON
//	version                              string
//
// input is {kind: "file", name, size, readAt(offset, length) -> Uint8Array}
// or {kind: "folder", files: [{path, size, readAt}]}; the worker builds it
// over File objects with FileReaderSync, so bytes are read lazily, through
// a block cache, only where the extractor reads. hooks is optional:
// {progress(done, total), signal: AbortSignal}. Rejections are Error
// objects with a stable .code (the extractor's codes, or bad_input).
//
// Every JavaScript access goes through github.com/hack-pad/safejs, so a
// JavaScript surprise becomes a Go error, never a panic; each call runs in
// its own goroutine under recover(), so a failed call never stops the
// runtime and the next call works.
package main

import (
	"fmt"
	"os"

	"github.com/hack-pad/safejs"
)

// Version is the engine version reported to JavaScript.
const Version = "0.1.0"

func main() {
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
