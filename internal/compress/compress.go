// Package compress makes the pre-compressed copies (.gz and .br) that the
// widget's files are served as, and reads them back. cmd/precompress
// (make wasm) and cmd/dist (make dist) share it, so a copy made by one is
// byte-identical to a copy made by the other.
package compress

import (
	"bytes"
	"compress/gzip"
	"io"

	"github.com/andybalholm/brotli"
)

// Gzip compresses b at the best level with an empty header (no name, zero
// time), so that equal input gives equal output.
func Gzip(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	return finish(&buf, w, b)
}

// Brotli compresses b at the best quality. The window is the smallest that
// holds all of b (at most 16 MiB): a larger one cannot find more matches
// but costs a large allocation per file.
func Brotli(b []byte) ([]byte, error) {
	lg := 16
	for lg < 24 && 1<<lg < len(b) {
		lg++
	}
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: lg})
	return finish(&buf, w, b)
}

func finish(buf *bytes.Buffer, w io.WriteCloser, b []byte) ([]byte, error) {
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Gunzip decompresses a whole gzip buffer.
func Gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// Unbrotli decompresses a whole brotli buffer.
func Unbrotli(b []byte) ([]byte, error) {
	return io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
}
