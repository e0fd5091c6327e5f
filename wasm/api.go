//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/netflix-donation/widget/extractor"
)

// codeBadInput is the code for an argument that is not what the API takes
// (not an input object, not a string). It is not an extractor code: the
// extractor never sees such values.
const codeBadInput extractor.Code = "bad_input"

// newAPI builds the __netflixDonation object.
func newAPI() (safejs.Value, error) {
	obj, err := newObject()
	if err != nil {
		return safejs.Value{}, err
	}
	funcs := []struct {
		name string
		fn   func(args []safejs.Value) (string, error)
	}{
		{"extract", callExtract},
		{"profiles", callProfiles},
		{"share", callShare},
	}
	for _, f := range funcs {
		jsFn, err := promiseFunc(f.fn)
		if err != nil {
			return safejs.Value{}, err
		}
		if err := obj.Set(f.name, jsFn); err != nil {
			return safejs.Value{}, err
		}
	}
	if err := obj.Set("version", Version); err != nil {
		return safejs.Value{}, err
	}
	return obj, nil
}

// callExtract implements extract(input, optionsJSON, hooks).
func callExtract(args []safejs.Value) (string, error) {
	optsJSON, err := stringArg(args, 1, "{}")
	if err != nil {
		return "", err
	}
	opts, err := parseOptions(optsJSON)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p, err := newPacer(arg(args, 2), cancel)
	if err != nil {
		return "", err
	}
	opts.Progress = p.progress
	files, err := openInput(arg(args, 0), p)
	if err != nil {
		return "", p.explain(ctx, err)
	}
	s, err := extractor.Extract(ctx, files, opts)
	if err != nil {
		return "", p.explain(ctx, err)
	}
	if err := p.explain(ctx, nil); err != nil {
		return "", err // aborted after the work was done: still aborted
	}
	b, err := s.JSON()
	return string(b), err
}

// callProfiles implements profiles(input, hooks).
func callProfiles(args []safejs.Value) (string, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p, err := newPacer(arg(args, 1), cancel)
	if err != nil {
		return "", err
	}
	files, err := openInput(arg(args, 0), p)
	if err != nil {
		return "", p.explain(ctx, err)
	}
	list, err := extractor.ListProfiles(ctx, files)
	if err != nil {
		return "", p.explain(ctx, err)
	}
	if err := p.explain(ctx, nil); err != nil {
		return "", err
	}
	if list == nil {
		list = []extractor.ProfileInfo{}
	}
	b, err := json.Marshal(list)
	return string(b), err
}

// callShare implements share(summaryJSON, shareOptionsJSON).
func callShare(args []safejs.Value) (string, error) {
	summaryJSON, err := stringArg(args, 0, "")
	if err != nil {
		return "", err
	}
	optsJSON, err := stringArg(args, 1, "{}")
	if err != nil {
		return "", err
	}
	var s extractor.Summary
	if err := json.Unmarshal([]byte(summaryJSON), &s); err != nil {
		return "", &extractor.Error{Code: codeBadInput, Msg: "the summary is not valid summary JSON", Err: err}
	}
	var o extractor.ShareOptions
	if err := json.Unmarshal([]byte(optsJSON), &o); err != nil {
		return "", &extractor.Error{Code: extractor.CodeBadOptions, Msg: "the share options are not valid JSON", Err: err}
	}
	b, err := extractor.Share(&s, o)
	return string(b), err
}

// arg returns args[i], or undefined when there are fewer arguments.
func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}

// stringArg returns args[i] as a string; def when it is missing, undefined
// or null; a bad_input error when it is something else.
func stringArg(args []safejs.Value, i int, def string) (string, error) {
	v := arg(args, i)
	switch v.Type() {
	case safejs.TypeUndefined, safejs.TypeNull:
		if def == "" {
			return "", badInput("argument %d is missing", i+1)
		}
		return def, nil
	case safejs.TypeString:
		return v.String()
	}
	return "", badInput("argument %d is not a string", i+1)
}

// badInput returns a bad_input error.
func badInput(format string, args ...any) error {
	return &extractor.Error{Code: codeBadInput, Msg: fmt.Sprintf(format, args...)}
}

// newObject returns a new empty JavaScript object.
func newObject() (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	return ctor.New()
}
