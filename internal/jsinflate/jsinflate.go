//go:build js && wasm

package jsinflate

import (
	"errors"
	"fmt"
	"io"

	"github.com/hack-pad/safejs"
)

// chunkSize is the compressed bytes handed to the stream per write. The
// browser inflates a whole written chunk before the reader can look at
// the output (Chromium enqueues every 64 KiB output buffer of one write at
// once), so the chunk bounds the JavaScript memory a zip bomb can take
// before the extractor's limits, which count the bytes read here, refuse
// it: DEFLATE expands at most about 1032 times, so 16 KiB in means at most
// about 17 MB out. Smaller chunks cost one more promise round trip each
// (about 300 for a 200,000-row export), which is noise next to the
// inflating itself.
const chunkSize = 16 << 10

// Inflater returns a function that opens a DecompressionStream inflater
// over compressed data, or nil when the platform has no
// DecompressionStream('deflate-raw').
func Inflater() func(compressed io.Reader) io.ReadCloser {
	if !Available() {
		return nil
	}
	return NewReader
}

// Available reports whether DecompressionStream('deflate-raw') can be
// created here.
func Available() bool {
	ctor, err := safejs.Global().Get("DecompressionStream")
	if err != nil || ctor.Type() != safejs.TypeFunction {
		return false
	}
	_, err = ctor.New("deflate-raw")
	return err == nil
}

// settled is the outcome of one promise.
type settled struct {
	value safejs.Value
	err   error
}

// promiseWaiter turns promises into channel values, with one pair of
// callbacks reused for every promise it waits on (one at a time).
type promiseWaiter struct {
	ch         chan settled
	onResolve  safejs.Func
	onReject   safejs.Func
	pending    bool
	releaseErr error
}

func newPromiseWaiter() (*promiseWaiter, error) {
	w := &promiseWaiter{ch: make(chan settled, 1)}
	var err error
	w.onResolve, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		w.ch <- settled{value: argOrUndefined(args)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	w.onReject, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		w.ch <- settled{err: jsError(argOrUndefined(args))}
		return nil
	})
	if err != nil {
		w.onResolve.Release()
		return nil, err
	}
	return w, nil
}

// watch attaches the callbacks to promise p.
func (w *promiseWaiter) watch(p safejs.Value) error {
	if _, err := p.Call("then", w.onResolve, w.onReject); err != nil {
		return err
	}
	w.pending = true
	return nil
}

func (w *promiseWaiter) release() {
	w.onResolve.Release()
	w.onReject.Release()
}

func argOrUndefined(args []safejs.Value) safejs.Value {
	if len(args) > 0 {
		return args[0]
	}
	return safejs.Undefined()
}

// jsError describes a rejection value.
func jsError(v safejs.Value) error {
	if v.Type() == safejs.TypeObject {
		if m, err := v.Get("message"); err == nil && m.Type() == safejs.TypeString {
			s, _ := m.String()
			return errors.New("inflate: " + s)
		}
	}
	return errors.New("inflate: the stream failed")
}

// reader pumps compressed chunks into a DecompressionStream and reads the
// inflated chunks back.
type reader struct {
	src    io.Reader
	writer safejs.Value // ds.writable.getWriter()
	rd     safejs.Value // ds.readable.getReader()
	buf    []byte       // compressed chunk being copied to JavaScript
	u8     safejs.Value // the Uint8Array constructor
	out    []byte       // inflated bytes not yet returned
	outBuf []byte

	reads, writes *promiseWaiter
	srcDone       bool // src reached EOF and the writer was closed
	eof           bool
	err           error
}

// NewReader returns a reader of the data inflated from the raw DEFLATE
// stream compressed. Errors (including a corrupt stream) surface from
// Read; Close releases the stream. Use it only where Available is true.
func NewReader(compressed io.Reader) io.ReadCloser {
	r := &reader{src: compressed, buf: make([]byte, chunkSize)}
	if err := r.init(); err != nil {
		r.err = fmt.Errorf("inflate: cannot start DecompressionStream: %w", err)
	}
	return r
}

func (r *reader) init() error {
	ctor, err := safejs.Global().Get("DecompressionStream")
	if err != nil {
		return err
	}
	ds, err := ctor.New("deflate-raw")
	if err != nil {
		return err
	}
	writable, err := ds.Get("writable")
	if err != nil {
		return err
	}
	if r.writer, err = writable.Call("getWriter"); err != nil {
		return err
	}
	readable, err := ds.Get("readable")
	if err != nil {
		return err
	}
	if r.rd, err = readable.Call("getReader"); err != nil {
		return err
	}
	if r.u8, err = safejs.Global().Get("Uint8Array"); err != nil {
		return err
	}
	if r.reads, err = newPromiseWaiter(); err != nil {
		return err
	}
	if r.writes, err = newPromiseWaiter(); err != nil {
		r.reads.release()
		r.reads = nil
		return err
	}
	return nil
}

// Read implements io.Reader.
func (r *reader) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.eof {
			return 0, io.EOF
		}
		var n int
		n, r.err = r.step(p)
		if n > 0 {
			return n, nil
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

// step keeps one read and (until the input ends) one write in flight and
// waits for either to settle. An inflated chunk that fits in p is copied
// there directly (n bytes), a larger one into r.out.
func (r *reader) step(p []byte) (n int, err error) {
	if !r.reads.pending {
		promise, err := r.rd.Call("read")
		if err != nil {
			return 0, err
		}
		if err := r.reads.watch(promise); err != nil {
			return 0, err
		}
	}
	if !r.writes.pending && !r.srcDone {
		if err := r.feed(); err != nil {
			return 0, err
		}
	}
	if r.writes.pending {
		select {
		case s := <-r.reads.ch:
			r.reads.pending = false
			return r.took(s, p)
		case s := <-r.writes.ch:
			r.writes.pending = false
			return 0, s.err
		}
	}
	s := <-r.reads.ch
	r.reads.pending = false
	return r.took(s, p)
}

// feed writes the next compressed chunk, or closes the writer at the end
// of the input.
func (r *reader) feed() error {
	n, err := io.ReadFull(r.src, r.buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
		if n == 0 {
			r.srcDone = true
			p, cerr := r.writer.Call("close")
			if cerr != nil {
				return cerr
			}
			return r.writes.watch(p)
		}
	}
	if err != nil {
		return err
	}
	chunk, err := r.u8.New(n) // a new array per chunk: the stream keeps it
	if err != nil {
		return err
	}
	if _, err := safejs.CopyBytesToJS(chunk, r.buf[:n]); err != nil {
		return err
	}
	p, err := r.writer.Call("write", chunk)
	if err != nil {
		return err
	}
	return r.writes.watch(p)
}

// took handles one settled read: {done, value}. The value is copied from
// JavaScript once: into p when it fits (n bytes), else into r.out.
func (r *reader) took(s settled, p []byte) (n int, err error) {
	if s.err != nil {
		return 0, s.err
	}
	done, err := s.value.Get("done")
	if err != nil {
		return 0, err
	}
	if d, _ := done.Bool(); d {
		r.eof = true
		return 0, nil
	}
	v, err := s.value.Get("value")
	if err != nil {
		return 0, err
	}
	size, err := v.Length()
	if err != nil {
		return 0, err
	}
	if size <= len(p) {
		return safejs.CopyBytesToGo(p[:size], v)
	}
	if cap(r.outBuf) < size {
		r.outBuf = make([]byte, size)
	}
	r.out = r.outBuf[:size]
	if _, err := safejs.CopyBytesToGo(r.out, v); err != nil {
		r.out = nil
		return 0, err
	}
	return 0, nil
}

// Close cancels the stream and releases the callbacks. A promise still in
// flight settles into a buffered channel nobody reads.
func (r *reader) Close() error {
	if r.reads == nil {
		return nil
	}
	if !r.eof {
		// cancel and abort return promises that may reject (with the
		// stream's own error): catch them, or a JavaScript host reports an
		// unhandled rejection (Node exits). The catcher is never released:
		// it is one small Func per inflater closed early.
		if catcher, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return nil }); err == nil {
			if p, err := r.rd.Call("cancel"); err == nil {
				p.Call("then", catcher, catcher)
			}
			if !r.srcDone {
				if p, err := r.writer.Call("abort"); err == nil {
					p.Call("then", catcher, catcher)
				}
			}
		}
	}
	// The callbacks may still be called by settling promises; keep them
	// alive only while a promise is pending.
	if !r.reads.pending && !r.writes.pending {
		r.reads.release()
		r.writes.release()
	}
	r.reads, r.writes = nil, nil
	r.out = nil
	if r.err == nil {
		r.err = errors.New("inflate: reader closed")
	}
	return nil
}
