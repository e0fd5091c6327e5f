// Package web holds the widget's browser files (the loader, the element,
// the engine client and its worker, the translations) and, in Go, the
// contract between that JavaScript and the Go engine: every name both
// sides must agree on. The JavaScript side's copy, contract.js, is
// generated from this file (go test ./web -update), and a test fails
// while it is not current, so a name is changed in one place.
package web

import (
	"reflect"
	"slices"
	"strings"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
)

// Version is the widget's release version: the engine reports it, the
// loader publishes it, and the release bundle carries it in its name.
const Version = "0.1.0"

// Codes of the engine that are not the extractor's: they describe the
// call (bad_input), the split of a table over workers (split_misaligned,
// never shown: the engine then reads with one worker), and the browser
// side (worker_failed, wasm_load_failed).
const (
	CodeBadInput        codes.Code = "bad_input"
	CodeSplitMisaligned codes.Code = "split_misaligned"
	CodeWorkerFailed    codes.Code = "worker_failed"
	CodeWasmLoadFailed  codes.Code = "wasm_load_failed"
)

// MaxParts bounds the ranges one input is split into, one per worker:
// more ranges than cores gain nothing, and a merge holds them all at once.
const MaxParts = 16

// EngineMethods returns the methods of the object the Go engine registers
// in its worker (wasm/api.go), which the page calls through worker.js.
func EngineMethods() []string {
	return []string{"open", "read", "merge", "profiles", "summary", "close", "share"}
}

// WorkerMessages returns the types of the messages between the page
// (engine.js) and its workers (worker.js).
func WorkerMessages() []string {
	return []string{"load", "init", "ready", "init-failed", "call", "abort", "inflate", "progress", "result", "exit"}
}

// ErrorCodes returns every code a call of the engine can reject with:
// the extractor's and the engine's own. The participant sees a message
// for each but split_misaligned and checksum_mismatch (a researcher's
// code).
func ErrorCodes() []codes.Code {
	return append(codes.All(), CodeBadInput, CodeSplitMisaligned, CodeWorkerFailed, CodeWasmLoadFailed)
}

// Option is one extractor option as the JavaScript API names it and as
// the engine's options JSON names it.
type Option struct {
	JS, Go string
}

// Options returns the extractor options the JavaScript API takes, from
// the JSON names of extractor.Options (time_zone becomes timeZone).
func Options() []Option {
	return jsonNames(reflect.TypeFor[extractor.Options]())
}

// ShareOptions returns the share options likewise, from
// donation.ShareOptions.
func ShareOptions() []Option {
	return jsonNames(reflect.TypeFor[donation.ShareOptions]())
}

// jsonNames lists the JSON names of t's fields with their camelCase form.
func jsonNames(t reflect.Type) []Option {
	var out []Option
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		out = append(out, Option{JS: camel(name), Go: name})
	}
	return out
}

// camel turns snake_case into camelCase.
func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// ShareBlocks returns the summary blocks a study can share.
func ShareBlocks() []string { return slices.Clone(donation.ShareBlocks()) }

// AccountBlocks returns the opt-in account blocks.
func AccountBlocks() []string { return slices.Clone(extractor.AccountBlocks()) }
