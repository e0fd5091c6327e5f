package main

import (
	"bytes"

	"github.com/netflix-donation/widget/internal/compress"
)

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
		g, err1 := compress.Gunzip(gz)
		b, err2 := compress.Unbrotli(br)
		if err1 == nil && err2 == nil && bytes.Equal(g, raw) && bytes.Equal(b, raw) {
			return precompressed{gz: gz, br: br, reused: true}, nil
		}
	}
	var p precompressed
	var err error
	if p.gz, err = compress.Gzip(raw); err != nil {
		return precompressed{}, err
	}
	if p.br, err = compress.Brotli(raw); err != nil {
		return precompressed{}, err
	}
	return p, nil
}
