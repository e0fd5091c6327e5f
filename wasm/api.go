//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/hack-pad/safejs"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/web"
)

// The engine's own codes (web/contract.go).
const (
	codeBadInput        = web.CodeBadInput
	codeSplitMisaligned = web.CodeSplitMisaligned
)

// api is the engine's state: the aggregates the worker holds for the
// page, by session id, until the page closes them.
type api struct {
	mu       sync.Mutex
	sessions map[string]*extractor.Aggregates
	next     int
}

// newAPI builds the __netflixDonation object.
func newAPI() (safejs.Value, error) {
	a := &api{sessions: map[string]*extractor.Aggregates{}}
	obj, err := newObject()
	if err != nil {
		return safejs.Value{}, err
	}
	for _, name := range web.EngineMethods() {
		fn, err := a.method(name)
		if err != nil {
			return safejs.Value{}, err
		}
		if err := obj.Set(name, fn); err != nil {
			return safejs.Value{}, err
		}
	}
	if err := obj.Set("version", web.Version); err != nil {
		return safejs.Value{}, err
	}
	return obj, nil
}

// method returns the JavaScript function of the engine method name.
func (a *api) method(name string) (safejs.Func, error) {
	switch name {
	case "open":
		return promiseFunc(a.open)
	case "read":
		return promiseFunc(a.read)
	case "merge":
		return promiseFunc(a.merge)
	case "profiles":
		return promiseFunc(a.profiles)
	case "summary":
		return promiseFunc(a.summary)
	case "close":
		return promiseFunc(a.close)
	case "share":
		return promiseFunc(callShare)
	}
	return safejs.Func{}, fmt.Errorf("the contract names a method %q the engine does not have", name)
}

// read implements read(input, optionsJSON, rangeJSON, hooks): the encoded
// aggregates of one range of the input (extractor.Read), as a Uint8Array
// for the worker that holds the session.
func (a *api) read(args []safejs.Value) ([]byte, error) {
	agg, err := readArgs(args)
	if err != nil {
		return nil, err
	}
	return agg.MarshalBinary()
}

// open implements open(input, optionsJSON, rangeJSON, hooks): it reads a
// range, keeps its aggregates and resolves to the id of the session that
// holds them.
func (a *api) open(args []safejs.Value) (string, error) {
	agg, err := readArgs(args)
	if err != nil {
		return "", err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.next++
	id := "s" + strconv.Itoa(a.next)
	a.sessions[id] = agg
	return id, nil
}

// readArgs reads the range args[2] of the input args[0] with the options
// args[1], paced by the hooks args[3].
func readArgs(args []safejs.Value) (*extractor.Aggregates, error) {
	opts, err := optionsArg(args, 1)
	if err != nil {
		return nil, err
	}
	rangeJSON, err := stringArg(args, 2, "{}")
	if err != nil {
		return nil, err
	}
	var r extractor.Range
	if err := json.Unmarshal([]byte(rangeJSON), &r); err != nil {
		return nil, badInput("the range is not {from, to}")
	}
	return onInput(args, 3, &opts, func(ctx context.Context, files input.FileSet) (*extractor.Aggregates, error) {
		return extractor.Read(ctx, files, opts, r)
	})
}

// session returns the aggregates of the session args[0].
func (a *api) session(args []safejs.Value) (string, *extractor.Aggregates, error) {
	id, err := stringArg(args, 0, "")
	if err != nil {
		return "", nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	agg, ok := a.sessions[id]
	if !ok {
		return "", nil, badInput("no open session %q", id)
	}
	return id, agg, nil
}

// merge implements merge(session, parts): it merges the encoded
// aggregates of the following ranges, in order, into the session's.
func (a *api) merge(args []safejs.Value) (string, error) {
	_, agg, err := a.session(args)
	if err != nil {
		return "", err
	}
	parts, err := bytesList(arg(args, 1))
	if err != nil {
		return "", err
	}
	for _, b := range parts {
		other, err := extractor.UnmarshalAggregates(b)
		if err != nil {
			return "", err
		}
		if err := agg.Merge(other); err != nil {
			return "", err
		}
	}
	return "", nil
}

// profiles implements profiles(session): the JSON of its profile list.
func (a *api) profiles(args []safejs.Value) (string, error) {
	_, agg, err := a.session(args)
	if err != nil {
		return "", err
	}
	list, err := agg.Profiles()
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(list)
	return string(b), err
}

// summary implements summary(session, profilesJSON): the summary JSON of
// the chosen profiles (a JSON array of names; [] or ["all"] for all).
func (a *api) summary(args []safejs.Value) (string, error) {
	_, agg, err := a.session(args)
	if err != nil {
		return "", err
	}
	namesJSON, err := stringArg(args, 1, "[]")
	if err != nil {
		return "", err
	}
	var names []string
	if err := json.Unmarshal([]byte(namesJSON), &names); err != nil {
		return "", &codes.Error{Code: codes.BadOptions, Msg: "the profiles are not a JSON array of names", Err: err}
	}
	s, err := agg.Summary(names)
	if err != nil {
		return "", err
	}
	b, err := s.JSON()
	return string(b), err
}

// close implements close(session): the session's aggregates are dropped.
func (a *api) close(args []safejs.Value) (string, error) {
	id, _, err := a.session(args)
	if err != nil {
		return "", err
	}
	a.mu.Lock()
	delete(a.sessions, id)
	a.mu.Unlock()
	return "", nil
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
// when the call was aborted, even after the work was done. opts.Progress
// reports to the hooks.
func onInput[T any](args []safejs.Value, hooksArg int, opts *extractor.Options, work func(context.Context, input.FileSet) (T, error)) (T, error) {
	var zero T
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p, err := newPacer(arg(args, hooksArg), cancel)
	if err != nil {
		return zero, err
	}
	opts.Progress = p.progress
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

// bytesList copies a JavaScript array of Uint8Arrays.
func bytesList(list safejs.Value) ([][]byte, error) {
	n, err := list.Length()
	if err != nil || list.Type() != safejs.TypeObject || n > web.MaxParts {
		return nil, badInput("the parts are not an array of at most %d", web.MaxParts)
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
		return &codes.Error{Code: codeSplitMisaligned, Msg: "the ranges of the table cannot be merged; read it whole", Err: err}
	}
	return err
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
		return "", &codes.Error{Code: codeBadInput, Msg: "the summary is not valid summary JSON", Err: err}
	}
	var o donation.ShareOptions
	if err := json.Unmarshal([]byte(optsJSON), &o); err != nil {
		return "", &codes.Error{Code: codes.BadOptions, Msg: "the share options are not valid JSON", Err: err}
	}
	b, err := donation.Share(&s, o)
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
	return &codes.Error{Code: codeBadInput, Msg: fmt.Sprintf(format, args...)}
}

// newObject returns a new empty JavaScript object.
func newObject() (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	return ctor.New()
}
