package main

import (
	"bytes"
	"compress/gzip"
	"io"

	"github.com/andybalholm/brotli"
)

// gzipBytes compresses b at the best level with an empty header (no name,
// zero time), so that equal input gives equal output.
func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	return finish(&buf, w, b)
}

// brotliBytes compresses b at the best quality, as cmd/precompress does.
// The window is the smallest that holds all of b (at most 16 MiB, as in
// cmd/precompress): a larger one cannot find more matches but costs a
// large allocation per file.
func brotliBytes(b []byte) ([]byte, error) {
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

// gunzip and unbrotli decompress whole buffers.
func gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func unbrotli(b []byte) ([]byte, error) {
	return io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
}

// precompressed is a file's gzip and brotli copies.
type precompressed struct {
	gz, br []byte
	reused bool // both came from existing sibling files
}

// compressedCopies returns the .gz and .br copies of raw. It reuses the
// siblings gzPath and brPath (written by `make wasm`) when they decompress
// to exactly raw, because brotli at quality 11 takes seconds on the .wasm;
// otherwise (missing, stale or damaged copies) it compresses afresh. The
// check is on content, not modification times, so a stale copy can never
// ship.
func compressedCopies(raw []byte, readSibling func(ext string) ([]byte, error)) (precompressed, error) {
	gz, errGz := readSibling(".gz")
	br, errBr := readSibling(".br")
	if errGz == nil && errBr == nil {
		g, err1 := gunzip(gz)
		b, err2 := unbrotli(br)
		if err1 == nil && err2 == nil && bytes.Equal(g, raw) && bytes.Equal(b, raw) {
			return precompressed{gz: gz, br: br, reused: true}, nil
		}
	}
	var p precompressed
	var err error
	if p.gz, err = gzipBytes(raw); err != nil {
		return precompressed{}, err
	}
	if p.br, err = brotliBytes(raw); err != nil {
		return precompressed{}, err
	}
	return p, nil
}
