//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/hack-pad/safejs"
)

// batchSize is the most inflated bytes one call into JavaScript returns.
// Each call costs a Promise round trip between Go and the event loop; a
// megabyte per call makes that cost vanish next to the inflating.
const batchSize = 1 << 20

// EntryReader reads what a JavaScript entry inflater produces: an object
// with read(max) -> Promise<Uint8Array | null>, skip(n) -> Promise<number>,
// consumed() -> number and cancel() (the worker's entryInflater, which
// inflates a ZIP entry straight from the File with the browser's
// DecompressionStream, several times faster than compress/flate compiled
// to WebAssembly). It implements input.EntryReader and skips.
//
// It must be used from a goroutine that may block: it waits for the
// inflater's promises, which lets the JavaScript event loop run (Go's
// js/wasm port resumes when a callback fires). The extractor's calls run
// in such goroutines.
type EntryReader struct {
	obj   safejs.Value
	calls *promiseWaiter
	buf   []byte // backing store of out
	out   []byte // inflated bytes not yet returned
	eof   bool
	err   error
}

// NewEntryReader returns a reader over the inflater object obj.
func NewEntryReader(obj safejs.Value) (*EntryReader, error) {
	if obj.Type() != safejs.TypeObject {
		return nil, errors.New("inflate: the inflater is not an object")
	}
	w, err := newPromiseWaiter()
	if err != nil {
		return nil, err
	}
	return &EntryReader{obj: obj, calls: w}, nil
}

// call invokes method with args and waits for the Promise it returns.
func (r *EntryReader) call(method string, args ...any) (safejs.Value, error) {
	if r.calls == nil {
		return safejs.Value{}, errors.New("inflate: the reader is closed")
	}
	p, err := r.obj.Call(method, args...)
	if err != nil {
		return safejs.Value{}, fmt.Errorf("inflate: %s: %w", method, err)
	}
	v, err := r.calls.await(p)
	if err != nil {
		return safejs.Value{}, fmt.Errorf("inflate: %s: %w", method, err)
	}
	return v, nil
}

// Read implements io.Reader.
func (r *EntryReader) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.eof {
			return 0, io.EOF
		}
		v, err := r.call("read", batchSize)
		switch {
		case err != nil:
			r.err = err
		case v.Type() == safejs.TypeNull || v.Type() == safejs.TypeUndefined:
			r.eof = true
		default:
			n, err := v.Length()
			if err != nil || n > batchSize {
				r.err = errors.New("inflate: read did not return a batch of bytes")
				break
			}
			if cap(r.buf) < n {
				r.buf = make([]byte, batchSize)
			}
			if _, err := safejs.CopyBytesToGo(r.buf[:n], v); err != nil {
				r.err = fmt.Errorf("inflate: read did not return a Uint8Array: %w", err)
				break
			}
			r.out = r.buf[:n]
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

// Skip passes over up to n inflated bytes, dropping them in JavaScript.
func (r *EntryReader) Skip(n int64) (int64, error) {
	k := min(n, int64(len(r.out)))
	r.out = r.out[k:]
	if k == n {
		return k, nil
	}
	if r.err != nil {
		return k, r.err
	}
	if r.eof {
		return k, io.EOF
	}
	// Offsets stay below 2^53, exact as JavaScript numbers.
	v, err := r.call("skip", float64(n-k))
	if err != nil {
		r.err = err
		return k, err
	}
	f, err := v.Float()
	if err != nil || f < 0 || f > float64(n-k) {
		r.err = errors.New("inflate: skip did not return a byte count")
		return k, r.err
	}
	k += int64(f)
	if k < n {
		r.eof = true
		return k, io.EOF
	}
	return k, nil
}

// Consumed returns the compressed bytes inflated so far.
func (r *EntryReader) Consumed() int64 {
	v, err := r.obj.Call("consumed")
	if err != nil {
		return 0
	}
	f, err := v.Float()
	if err != nil {
		return 0
	}
	return int64(f)
}

// Close stops the inflater and releases the callbacks.
func (r *EntryReader) Close() error {
	if r.calls != nil {
		r.obj.Call("cancel")
		r.calls.release()
		r.calls = nil
	}
	return nil
}
