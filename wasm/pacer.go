//go:build js && wasm

package main

import (
	"context"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/netflix-donation/widget/extractor/codes"
)

// yieldEvery is how much wall time a call may run before it lets the
// worker's event loop run once.
const yieldEvery = 50 * time.Millisecond

// A pacer lets a long call cooperate with the worker's event loop. Go's
// wasm port is single-threaded: while the extraction goroutine computes,
// no JavaScript runs, so the worker could never receive an "abort"
// message. Now and then (from the extractor's Progress callback and from
// each read of the input) the pacer reports progress to JavaScript,
// lets the event loop run once (yieldToEventLoop) so pending messages are delivered, and
// then checks the call's AbortSignal, cancelling the call's context when it
// fired.
type pacer struct {
	progressFn safejs.Value // hooks.progress, or undefined
	signal     safejs.Value // hooks.signal, or undefined
	cancel     context.CancelFunc

	last        time.Time
	done, total int64
	aborted     bool
}

// newPacer reads hooks ({progress, signal}, both optional; hooks may be
// undefined or null). It fails with bad_input when hooks is not an object.
func newPacer(hooks safejs.Value, cancel context.CancelFunc) (*pacer, error) {
	p := &pacer{progressFn: safejs.Undefined(), signal: safejs.Undefined(), cancel: cancel, last: time.Now()}
	switch hooks.Type() {
	case safejs.TypeUndefined, safejs.TypeNull:
		return p, nil
	case safejs.TypeObject:
	default:
		return nil, badInput("the hooks argument is not an object")
	}
	if fn, err := hooks.Get("progress"); err == nil && fn.Type() == safejs.TypeFunction {
		p.progressFn = fn
	}
	if sig, err := hooks.Get("signal"); err == nil && sig.Type() == safejs.TypeObject {
		p.signal = sig
	}
	p.checkAbort()
	return p, nil
}

// progress is the extractor's Options.Progress callback.
func (p *pacer) progress(done, total int64) {
	p.done, p.total = done, total
	p.pace()
}

// pace checks for an abort, and yields to the event loop first when
// yieldEvery has passed since the last time, reporting progress.
// Reading one property is cheap, so the abort check runs on every call.
func (p *pacer) pace() {
	if p.aborted {
		return
	}
	if time.Since(p.last) >= yieldEvery {
		if p.progressFn.Type() == safejs.TypeFunction && p.total > 0 {
			p.progressFn.Invoke(float64(p.done), float64(p.total)) // best effort
		}
		yieldToEventLoop()
		p.last = time.Now()
	}
	p.checkAbort()
}

// checkAbort cancels the call when its signal has fired.
func (p *pacer) checkAbort() {
	if p.aborted || p.signal.Type() != safejs.TypeObject {
		return
	}
	v, err := p.signal.Get("aborted")
	if err != nil {
		return
	}
	if aborted, err := v.Bool(); err == nil && aborted {
		p.aborted = true
		p.cancel()
	}
}

// explain turns err into the error the caller sees: once the call was
// aborted, any failure (for example a read cut short) is reported as
// aborted, since the abort caused it.
func (p *pacer) explain(ctx context.Context, err error) error {
	p.checkAbort()
	if p.aborted || ctx.Err() != nil {
		return &codes.Error{Code: codes.Aborted, Msg: "the call was aborted", Err: err}
	}
	return err
}

// abortedError is returned by reads after the call was aborted, so the
// extractor stops at its next read.
func abortedError() error {
	return &codes.Error{Code: codes.Aborted, Msg: "the call was aborted"}
}

// yieldToEventLoop blocks the calling goroutine until the event loop has
// run the tasks queued before it. While every goroutine is blocked, the Go
// runtime returns control to JavaScript, so queued events (postMessage)
// are handled.
//
// It posts a message to itself over a new MessageChannel rather than
// calling setTimeout(0): the extraction resumes inside the previous
// yield's callback, so setTimeout calls nest, and browsers clamp a
// timer nested more than five deep to at least 4 ms, which would add 4 ms
// to every yield (8% of a long call at yieldEvery = 50 ms). A message is
// delivered without delay, after the messages already queued (an abort
// from the page). Without MessageChannel it falls back to setTimeout, and
// without either it returns at once.
func yieldToEventLoop() {
	ch := make(chan struct{}, 1)
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		ch <- struct{}{}
		return nil
	})
	if err != nil {
		return
	}
	defer fn.Release()
	if port, ok := messageToSelf(fn); ok {
		<-ch
		port.Call("close") // an open port would keep Node (the tests' host) running
		return
	}
	if _, err := safejs.Global().Call("setTimeout", fn, 0); err != nil {
		return
	}
	<-ch
}

// messageToSelf creates a MessageChannel, sets fn as the handler of its
// first port and posts one message to that port through the second. It
// returns the first port, to be closed after fn ran.
func messageToSelf(fn safejs.Func) (safejs.Value, bool) {
	ctor, err := safejs.Global().Get("MessageChannel")
	if err != nil || ctor.Type() != safejs.TypeFunction {
		return safejs.Undefined(), false
	}
	mc, err := ctor.New()
	if err != nil {
		return safejs.Undefined(), false
	}
	in, err1 := mc.Get("port1")
	out, err2 := mc.Get("port2")
	if err1 != nil || err2 != nil {
		return safejs.Undefined(), false
	}
	if err := in.Set("onmessage", fn); err != nil {
		return safejs.Undefined(), false
	}
	if _, err := out.Call("postMessage", 0); err != nil {
		in.Call("close")
		return safejs.Undefined(), false
	}
	return in, true
}
