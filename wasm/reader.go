//go:build js && wasm

package main

import (
	"fmt"
	"io"

	"github.com/hack-pad/safejs"
)

// jsReaderAt is an io.ReaderAt over a JavaScript function
// readAt(offset, length) -> Uint8Array, as the worker provides for a File
// (FileReaderSync over file.slice). Each call crosses into JavaScript, so
// it is always used behind a blockcache.
type jsReaderAt struct {
	obj   safejs.Value // has the readAt method
	size  int64
	pacer *pacer // may be nil
}

// ReadAt implements io.ReaderAt.
func (r *jsReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if r.pacer != nil {
		r.pacer.pace()
		if r.pacer.aborted {
			return 0, abortedError()
		}
	}
	if off < 0 {
		return 0, fmt.Errorf("negative offset %d", off)
	}
	if off >= r.size {
		return 0, io.EOF
	}
	want := min(int64(len(p)), r.size-off)
	// Offsets and lengths stay below 2^53, exact as JavaScript numbers.
	v, err := r.obj.Call("readAt", float64(off), float64(want))
	if err != nil {
		return 0, fmt.Errorf("reading the file: %w", err)
	}
	n, err := safejs.CopyBytesToGo(p[:want], v)
	if err != nil {
		return 0, fmt.Errorf("reading the file: readAt did not return a Uint8Array: %w", err)
	}
	if int64(n) < int64(len(p)) {
		if int64(n) < want {
			return n, io.ErrUnexpectedEOF
		}
		return n, io.EOF
	}
	return n, nil
}
