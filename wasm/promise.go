//go:build js && wasm

package main

import (
	"fmt"
	"runtime/debug"

	"github.com/hack-pad/safejs"
	"github.com/netflix-donation/widget/extractor/codes"
)

// promiseFunc wraps fn as a JavaScript function returning a Promise that
// resolves to a string, or for []byte to a Uint8Array. fn runs in its own
// goroutine (a JavaScript callback must not block), under recover(): a
// panic becomes a rejection with code internal, and the runtime keeps
// serving later calls.
func promiseFunc[T string | []byte](fn func(args []safejs.Value) (T, error)) (safejs.Func, error) {
	return safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		p, err := newPromise(func(resolve, reject safejs.Value) {
			go settle(resolve, reject, func() (T, error) { return fn(args) })
		})
		if err != nil {
			// No Promise could be made: report it the only way left.
			return jsErrorValue(codes.Internal, err.Error())
		}
		return p
	})
}

// newPromise returns new Promise(executor), where start receives resolve
// and reject. start is called synchronously and must not block.
func newPromise(start func(resolve, reject safejs.Value)) (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Promise")
	if err != nil {
		return safejs.Value{}, err
	}
	executor, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) >= 2 {
			start(args[0], args[1])
		}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	defer executor.Release() // the executor runs inside New
	return ctor.New(executor)
}

// settle runs call and resolves with its result or rejects with an Error
// carrying its code.
func settle[T string | []byte](resolve, reject safejs.Value, call func() (T, error)) {
	result, err := run(call)
	var value any
	if err == nil {
		value, err = jsResult(result)
	}
	if err != nil {
		code := codes.Of(err)
		if _, invokeErr := reject.Invoke(jsErrorValue(code, err.Error())); invokeErr != nil {
			fmt.Println("netflix-donation: cannot reject:", invokeErr)
		}
		return
	}
	if _, err := resolve.Invoke(value); err != nil {
		fmt.Println("netflix-donation: cannot resolve:", err)
	}
}

// jsResult converts a call's result to what the Promise resolves to.
func jsResult[T string | []byte](result T) (any, error) {
	b, ok := any(result).([]byte)
	if !ok {
		return any(result), nil
	}
	ctor, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return nil, err
	}
	arr, err := ctor.New(len(b))
	if err != nil {
		return nil, err
	}
	if _, err := safejs.CopyBytesToJS(arr, b); err != nil {
		return nil, err
	}
	return arr, nil
}

// run calls call, turning a panic into a CodeInternal error. The stack
// goes to the console (the worker's), never into the error message.
func run[T string | []byte](call func() (T, error)) (result T, err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("netflix-donation: recovered panic: %v\n%s", r, debug.Stack())
			var zero T
			result, err = zero, &codes.Error{Code: codes.Internal, Msg: "unexpected failure in the engine"}
		}
	}()
	return call()
}

// jsErrorValue returns a JavaScript Error with message msg and property
// code. If even that fails, it returns the message as a string.
func jsErrorValue(code codes.Code, msg string) any {
	ctor, err := safejs.Global().Get("Error")
	if err != nil {
		return msg
	}
	e, err := ctor.New(msg)
	if err != nil {
		return msg
	}
	if err := e.Set("code", string(code)); err != nil {
		return msg
	}
	return e
}

// promiseWaiter waits for promises, one at a time, with one pair of
// callbacks made once and reused: the entry inflater awaits a promise per
// megabyte, and making two Funcs for each would cost more than the wait.
type promiseWaiter struct {
	ch                  chan settled
	onResolve, onReject safejs.Func
}

// settled is the outcome of one promise.
type settled struct {
	value safejs.Value
	err   error
}

func newPromiseWaiter() (*promiseWaiter, error) {
	w := &promiseWaiter{ch: make(chan settled, 1)}
	var err error
	w.onResolve, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		w.ch <- settled{value: arg(args, 0)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	w.onReject, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		w.ch <- settled{err: rejection(arg(args, 0))}
		return nil
	})
	if err != nil {
		w.onResolve.Release()
		return nil, err
	}
	return w, nil
}

// await blocks the calling goroutine until p settles (the Go runtime
// meanwhile returns to the event loop) and returns its value, or its
// rejection as an error.
func (w *promiseWaiter) await(p safejs.Value) (safejs.Value, error) {
	if _, err := p.Call("then", w.onResolve, w.onReject); err != nil {
		return safejs.Value{}, err
	}
	s := <-w.ch
	return s.value, s.err
}

func (w *promiseWaiter) release() {
	w.onResolve.Release()
	w.onReject.Release()
}

// rejection describes a rejection value: an error with the rejection's
// code (internal when it has none) and message.
func rejection(v safejs.Value) error {
	code, msg := codes.Internal, "a promise was rejected"
	if v.Type() == safejs.TypeObject {
		if c, err := v.Get("code"); err == nil && c.Type() == safejs.TypeString {
			str, _ := c.String()
			code = codes.Code(str)
		}
		if m, err := v.Get("message"); err == nil && m.Type() == safejs.TypeString {
			msg, _ = m.String()
		}
	}
	return &codes.Error{Code: code, Msg: msg}
}
