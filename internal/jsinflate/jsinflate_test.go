//go:build js && wasm

package jsinflate

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

// deflate compresses data with compress/flate (raw DEFLATE, as in a ZIP).
func deflate(t *testing.T, data []byte, level int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func TestAvailable(t *testing.T) {
	// Node 18+ and every current browser have it; the tests run under Node.
	if !Available() || Inflater() == nil {
		t.Fatal("DecompressionStream('deflate-raw') is not available")
	}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 700<<10)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	csv := []byte(strings.Repeat("Anna,2024-03-04 20:15:00,00:45:10,,Show: Season 1: Pilot (Episode 1),,Samsung TV,00:45:10,Not latest view,NL (Netherlands)\n", 30000))
	tests := []struct {
		name  string
		data  []byte
		level int
		read  func(io.Reader) io.Reader // how the consumer reads
	}{
		{"empty", nil, flate.DefaultCompression, nil},
		{"one byte", []byte("x"), flate.DefaultCompression, nil},
		{"csv, 3 MB, many chunks", csv, flate.BestCompression, nil},
		{"csv, one byte at a time", csv[:100000], flate.DefaultCompression, iotest.OneByteReader},
		{"random, stored blocks", random, flate.NoCompression, nil},
		{"random, compressed", random, flate.BestSpeed, iotest.HalfReader},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := deflate(t, tc.data, tc.level)
			rc := NewReader(bytes.NewReader(src))
			defer rc.Close()
			var r io.Reader = rc
			if tc.read != nil {
				r = tc.read(rc)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.data) {
				t.Fatalf("inflated %d bytes, want %d (equal prefix: %v)", len(got), len(tc.data), bytes.HasPrefix(tc.data, got))
			}
		})
	}
}

func TestCorrupt(t *testing.T) {
	data := []byte(strings.Repeat("ViewingActivity ", 50000))
	good := deflate(t, data, flate.BestCompression)
	tests := []struct {
		name string
		src  []byte
	}{
		{"truncated", good[:len(good)/2]},
		{"garbage", bytes.Repeat([]byte{0xff}, 4096)},
		{"flipped bits", func() []byte {
			b := append([]byte(nil), good...)
			for i := 10; i < len(b); i += 97 {
				b[i] ^= 0x5a
			}
			return b
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rc := NewReader(bytes.NewReader(tc.src))
			defer rc.Close()
			got, err := io.ReadAll(rc)
			if err == nil && bytes.Equal(got, data) {
				t.Fatal("a damaged stream inflated to the original")
			}
			if err == nil {
				t.Fatalf("no error for a damaged stream (%d bytes out)", len(got))
			}
		})
	}
}

// TestSourceError checks that a failing compressed reader fails the read.
func TestSourceError(t *testing.T) {
	src := deflate(t, bytes.Repeat([]byte("abc"), 1<<20), flate.BestSpeed)
	rc := NewReader(io.MultiReader(bytes.NewReader(src[:len(src)/3]), iotest.ErrReader(io.ErrClosedPipe)))
	defer rc.Close()
	if _, err := io.ReadAll(rc); err != io.ErrClosedPipe {
		t.Fatalf("error %v, want %v", err, io.ErrClosedPipe)
	}
}

// TestCloseEarly checks that closing mid-stream stops the reader and that
// a new reader works afterwards.
func TestCloseEarly(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 500000)
	src := deflate(t, data, flate.BestSpeed)
	rc := NewReader(bytes.NewReader(src))
	buf := make([]byte, 1000)
	if _, err := io.ReadFull(rc, buf); err != nil {
		t.Fatal(err)
	}
	rc.Close()
	if n, err := rc.Read(buf); n != 0 || err == nil {
		t.Fatalf("Read after Close = %d, %v; want 0 and an error", n, err)
	}
	again, err := io.ReadAll(NewReader(bytes.NewReader(src)))
	if err != nil || !bytes.Equal(again, data) {
		t.Fatalf("a new reader after Close: %d bytes, %v", len(again), err)
	}
}
