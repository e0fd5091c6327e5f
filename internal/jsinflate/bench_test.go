//go:build js && wasm

package jsinflate

import (
	"bytes"
	"compress/flate"
	"io"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
)

// BenchmarkInflate compares Go's compress/flate compiled to wasm with the
// host's DecompressionStream on a generated 200,000-row
// ViewingActivity.csv (about 34 MB). MB/s is of the inflated CSV. Run
// with -count to interleave the two under a busy machine:
//
//	GOOS=js GOARCH=wasm go test -run '^$' -bench Inflate -count 3 \
//	  -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./internal/jsinflate
func BenchmarkInflate(b *testing.B) {
	var csv bytes.Buffer
	if _, err := synth.WriteViewingActivity(&csv, synth.Config{Rows: 200000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.DefaultCompression)
	w.Write(csv.Bytes())
	w.Close()
	compressed := z.Bytes()

	for _, tc := range []struct {
		name string
		open func(io.Reader) io.ReadCloser
	}{
		{"compress-flate", flate.NewReader},
		{"DecompressionStream", NewReader},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(csv.Len()))
			for b.Loop() {
				rc := tc.open(bytes.NewReader(compressed))
				n, err := io.Copy(io.Discard, rc)
				rc.Close()
				if err != nil || n != int64(csv.Len()) {
					b.Fatalf("inflated %d bytes, %v; want %d", n, err, csv.Len())
				}
			}
		})
	}
}
