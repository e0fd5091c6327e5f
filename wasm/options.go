//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
)

// parseOptions decodes the options JSON the worker sends (extractor.Options
// field names) over extractor.DefaultOptions, so absent fields keep their
// defaults. Invalid JSON or a wrong type fails with bad_options; the
// values themselves are checked by the extractor.
func parseOptions(s string) (extractor.Options, error) {
	opts := extractor.DefaultOptions()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	if err := dec.Decode(&opts); err != nil {
		return opts, &codes.Error{Code: codes.BadOptions, Msg: "the options are not valid options JSON", Err: err}
	}
	if dec.More() {
		return opts, &codes.Error{Code: codes.BadOptions, Msg: "the options JSON has trailing data"}
	}
	return opts, nil
}
