//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/netflix-donation/widget/extractor"
)

// codeBadInput is the code for an argument that is not what the API takes
// (not an input object, not a string). It is not an extractor code: the
// extractor never sees such values.
const codeBadInput extractor.Code = "bad_input"

// codeSplitMisaligned rejects extractPart and a split extract when the
// parts of a table cannot be merged (extractor.ErrSplitMisaligned). The page then
// runs extract instead; participants never see this code.
const codeSplitMisaligned extractor.Code = "split_misaligned"

// newAPI builds the __netflixDonation object.
func newAPI() (safejs.Value, error) {
	obj, err := newObject()
	if err != nil {
		return safejs.Value{}, err
	}
	methods := []struct {
		name string
		fn   func() (safejs.Func, error)
	}{
		{"extract", func() (safejs.Func, error) { return promiseFunc(callExtract) }},
		{"extractPart", func() (safejs.Func, error) { return promiseFunc(callExtractPart) }},
		{"profiles", func() (safejs.Func, error) { return promiseFunc(callProfiles) }},
		{"share", func() (safejs.Func, error) { return promiseFunc(callShare) }},
	}
	for _, m := range methods {
		jsFn, err := m.fn()
		if err != nil {
			return safejs.Value{}, err
		}
		if err := obj.Set(m.name, jsFn); err != nil {
			return safejs.Value{}, err
		}
	}
	if err := obj.Set("version", Version); err != nil {
		return safejs.Value{}, err
	}
	return obj, nil
}

// callExtract implements extract(input, optionsJSON, hooks). With
// hooks.count > 1 it reads part 0 of that many and then awaits
// hooks.parts(), a Promise of the other parts' Uint8Arrays (extractPart
// in other workers), to merge them (extractor.ExtractMerged).
func callExtract(args []safejs.Value) (string, error) {
	count, others, err := splitHooks(arg(args, 2))
	if err != nil {
		return "", err
	}
	opts, err := optionsArg(args, 1)
	if err != nil {
		return "", err
	}
	return onInput(args, 2, &opts, func(ctx context.Context, files extractor.FileSet) (string, error) {
		var s *extractor.Summary
		if count > 1 {
			s, err = extractor.ExtractMerged(ctx, files, opts, count, others)
		} else {
			s, err = extractor.Extract(ctx, files, opts)
		}
		if err != nil {
			return "", err
		}
		b, err := s.JSON()
		return string(b), err
	})
}

// callExtractPart implements extractPart(input, optionsJSON, index, count,
// hooks): the encoded aggregates of one part of the table, as a
// Uint8Array for the extract call of the first worker (see
// extractor.ExtractPart).
func callExtractPart(args []safejs.Value) ([]byte, error) {
	opts, err := optionsArg(args, 1)
	if err != nil {
		return nil, err
	}
	index, err := intArg(args, 2)
	if err != nil {
		return nil, err
	}
	count, err := intArg(args, 3)
	if err != nil {
		return nil, err
	}
	return onInput(args, 4, &opts, func(ctx context.Context, files extractor.FileSet) ([]byte, error) {
		return extractor.ExtractPart(ctx, files, opts, extractor.Part{Index: index, Count: count})
	})
}

// optionsArg parses args[i], the options JSON (default "{}").
func optionsArg(args []safejs.Value, i int) (extractor.Options, error) {
	optsJSON, err := stringArg(args, i, "{}")
	if err != nil {
		return extractor.Options{}, err
	}
	return parseOptions(optsJSON)
}

// onInput runs work on the input args[0], paced by the hooks args[hooksArg]
// (progress, abort), and gives its error the code JavaScript sees: aborted
// when the call was aborted, even after the work was done. When opts is
// not nil, its Progress reports to the hooks.
func onInput[T any](args []safejs.Value, hooksArg int, opts *extractor.Options, work func(context.Context, extractor.FileSet) (T, error)) (T, error) {
	var zero T
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p, err := newPacer(arg(args, hooksArg), cancel)
	if err != nil {
		return zero, err
	}
	if opts != nil {
		opts.Progress = p.progress
	}
	files, err := openInput(arg(args, 0), p)
	if err != nil {
		return zero, p.explain(ctx, err)
	}
	result, err := work(ctx, files)
	if err != nil {
		return zero, p.explain(ctx, splitError(err))
	}
	if err := p.explain(ctx, nil); err != nil {
		return zero, err // aborted after the work was done: still aborted
	}
	return result, nil
}

// splitHooks reads hooks.count and hooks.parts; count is 1 when hooks ask
// for no split.
func splitHooks(hooks safejs.Value) (int, func(context.Context) ([][]byte, error), error) {
	if hooks.Type() != safejs.TypeObject {
		return 1, nil, nil
	}
	c, err := hooks.Get("count")
	if err != nil || c.Type() == safejs.TypeUndefined {
		return 1, nil, nil
	}
	count, err := intArg([]safejs.Value{c}, 0)
	if err != nil {
		return 0, nil, badInput("hooks.count is not a whole number")
	}
	fn, err := hooks.Get("parts")
	if err != nil || fn.Type() != safejs.TypeFunction {
		return 0, nil, badInput("hooks.parts is not a function")
	}
	others := func(context.Context) ([][]byte, error) {
		promise, err := fn.Invoke()
		if err != nil {
			return nil, badInput("hooks.parts failed: %v", err)
		}
		v, err := awaitPromise(promise)
		if err != nil {
			return nil, err
		}
		return bytesList(v)
	}
	return count, others, nil
}

// bytesList copies a JavaScript array of Uint8Arrays.
func bytesList(list safejs.Value) ([][]byte, error) {
	n, err := list.Length()
	if err != nil || list.Type() != safejs.TypeObject || n > extractor.MaxParts {
		return nil, badInput("the parts are not an array of at most %d", extractor.MaxParts)
	}
	parts := make([][]byte, n)
	for i := range n {
		v, err := list.Index(i)
		if err != nil {
			return nil, badInput("cannot read part %d", i+1)
		}
		size, err := v.Length()
		if err != nil || v.Type() != safejs.TypeObject {
			return nil, badInput("part %d is not a Uint8Array", i+1)
		}
		parts[i] = make([]byte, size)
		if _, err := safejs.CopyBytesToGo(parts[i], v); err != nil {
			return nil, badInput("part %d is not a Uint8Array", i+1)
		}
	}
	return parts, nil
}

// splitError gives extractor.ErrSplitMisaligned its code for JavaScript.
func splitError(err error) error {
	if errors.Is(err, extractor.ErrSplitMisaligned) {
		return &extractor.Error{Code: codeSplitMisaligned, Msg: "the parts of the table cannot be merged; extract it whole", Err: err}
	}
	return err
}

// callProfiles implements profiles(input, hooks).
func callProfiles(args []safejs.Value) (string, error) {
	return onInput(args, 1, nil, func(ctx context.Context, files extractor.FileSet) (string, error) {
		list, err := extractor.ListProfiles(ctx, files)
		if err != nil {
			return "", err
		}
		if list == nil {
			list = []extractor.ProfileInfo{}
		}
		b, err := json.Marshal(list)
		return string(b), err
	})
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

// intArg returns args[i] as an int; a bad_input error when it is not a
// whole number that fits.
func intArg(args []safejs.Value, i int) (int, error) {
	v := arg(args, i)
	if v.Type() != safejs.TypeNumber {
		return 0, badInput("argument %d is not a number", i+1)
	}
	f, err := v.Float()
	if err != nil || f != float64(int(f)) || f < -1<<31 || f > 1<<31 {
		return 0, badInput("argument %d is not a whole number", i+1)
	}
	return int(f), nil
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
