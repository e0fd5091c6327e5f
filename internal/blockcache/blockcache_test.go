package blockcache

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// countingReader is an io.ReaderAt over data that records every call.
type countingReader struct {
	data  []byte
	calls [][2]int64 // offset, length
	fail  error      // when set, every read fails with it
}

func (r *countingReader) ReadAt(p []byte, off int64) (int, error) {
	r.calls = append(r.calls, [2]int64{off, int64(len(p))})
	if r.fail != nil {
		return 0, r.fail
	}
	return bytes.NewReader(r.data).ReadAt(p, off)
}

// pattern returns n bytes where byte i is i mod 251, so any misplaced
// byte shows.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}

func TestReadAt(t *testing.T) {
	data := pattern(100) // blocks of 16: [0,16) ... [96,100)
	tests := []struct {
		name    string
		off     int64
		n       int
		wantN   int
		wantErr error
	}{
		{"inside one block", 3, 5, 5, nil},
		{"exactly one block", 16, 16, 16, nil},
		{"across two blocks", 10, 10, 10, nil},
		{"across four blocks", 15, 50, 50, nil},
		{"up to EOF exactly", 90, 10, 10, nil},
		{"past EOF", 95, 10, 5, io.EOF},
		{"at EOF", 100, 1, 0, io.EOF},
		{"far past EOF", 1000, 1, 0, io.EOF},
		{"empty read at EOF", 100, 0, 0, nil},
		{"whole file", 0, 100, 100, nil},
		{"more than the file", 0, 120, 100, io.EOF},
		{"negative offset", -1, 4, 0, ErrOffset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(&countingReader{data: data}, int64(len(data)), 16, 2)
			p := make([]byte, tt.n)
			n, err := c.ReadAt(p, tt.off)
			if n != tt.wantN || !errors.Is(err, tt.wantErr) {
				t.Fatalf("ReadAt(%d bytes at %d) = %d, %v; want %d, %v", tt.n, tt.off, n, err, tt.wantN, tt.wantErr)
			}
			if tt.wantN > 0 && !bytes.Equal(p[:n], data[tt.off:tt.off+int64(n)]) {
				t.Fatalf("bytes = %v; want %v", p[:n], data[tt.off:tt.off+int64(n)])
			}
		})
	}
}

func TestSizeShorterThanSource(t *testing.T) {
	// Only the first size bytes are visible, even if the source has more.
	data := pattern(50)
	c := New(&countingReader{data: data}, 20, 16, 2)
	p := make([]byte, 10)
	n, err := c.ReadAt(p, 15)
	if n != 5 || err != io.EOF || !bytes.Equal(p[:5], data[15:20]) {
		t.Fatalf("ReadAt = %d, %v, %v; want 5, EOF, %v", n, err, p[:n], data[15:20])
	}
}

func TestCachingAndEviction(t *testing.T) {
	data := pattern(64) // four blocks of 16
	// Each step reads one byte at an offset; want is the number of
	// underlying reads after the step, computed by hand for an LRU of 2.
	steps := []struct {
		off  int64
		want int
	}{
		{0, 1},  // miss block 0            cache: 0
		{5, 1},  // hit block 0             cache: 0
		{17, 2}, // miss block 1            cache: 1 0
		{1, 2},  // hit block 0             cache: 0 1
		{33, 3}, // miss block 2, evict 1   cache: 2 0
		{2, 3},  // hit block 0             cache: 0 2
		{18, 4}, // miss block 1, evict 2   cache: 1 0
		{34, 5}, // miss block 2, evict 0   cache: 2 1
		{63, 6}, // miss last block, evict 1 cache: 3 2
		{40, 6}, // hit block 2
	}
	r := &countingReader{data: data}
	c := New(r, int64(len(data)), 16, 2)
	for i, s := range steps {
		var p [1]byte
		if n, err := c.ReadAt(p[:], s.off); n != 1 || err != nil || p[0] != data[s.off] {
			t.Fatalf("step %d: ReadAt(%d) = %d, %v, %d; want 1, nil, %d", i, s.off, n, err, p[0], data[s.off])
		}
		if len(r.calls) != s.want {
			t.Fatalf("step %d: %d underlying reads; want %d", i, len(r.calls), s.want)
		}
	}
	// Every underlying read is block-aligned and the last block is short.
	for _, call := range r.calls {
		if call[0]%16 != 0 || call[1] != 16 {
			t.Errorf("underlying read of %d bytes at %d; want 16 bytes at a multiple of 16", call[1], call[0])
		}
	}
}

func TestShortLastBlock(t *testing.T) {
	data := pattern(40)
	r := &countingReader{data: data}
	c := New(r, int64(len(data)), 16, 2)
	var p [4]byte
	if _, err := c.ReadAt(p[:], 36); err != nil {
		t.Fatal(err)
	}
	if len(r.calls) != 1 || r.calls[0] != [2]int64{32, 8} {
		t.Fatalf("underlying reads %v; want one of 8 bytes at 32", r.calls)
	}
}

func TestUnderlyingError(t *testing.T) {
	boom := errors.New("boom")
	r := &countingReader{data: pattern(64), fail: boom}
	c := New(r, 64, 16, 2)
	var p [4]byte
	if _, err := c.ReadAt(p[:], 0); !errors.Is(err, boom) {
		t.Fatalf("err = %v; want %v", err, boom)
	}
	// The failed block is not cached: the next read tries again and works.
	r.fail = nil
	if n, err := c.ReadAt(p[:], 0); n != 4 || err != nil {
		t.Fatalf("after recovery: %d, %v", n, err)
	}
	if len(r.calls) != 2 {
		t.Fatalf("%d underlying reads; want 2", len(r.calls))
	}
}

func TestSourceShorterThanSize(t *testing.T) {
	// A source that ends before the claimed size is an error, not silent zeros.
	r := &countingReader{data: pattern(20)}
	c := New(r, 64, 16, 2)
	var p [8]byte
	if _, err := c.ReadAt(p[:], 16); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v; want io.ErrUnexpectedEOF", err)
	}
}

func TestDefaults(t *testing.T) {
	c := New(bytes.NewReader(nil), -5, 0, 0)
	if c.Size() != 0 || c.blockSize != DefaultBlockSize || c.maxBlocks != DefaultBlocks {
		t.Fatalf("got size %d, block size %d, blocks %d", c.Size(), c.blockSize, c.maxBlocks)
	}
}

func BenchmarkSmallSequentialReads(b *testing.B) {
	data := pattern(4 << 20)
	for b.Loop() {
		c := New(bytes.NewReader(data), int64(len(data)), 0, 0)
		var p [512]byte
		for off := int64(0); off < int64(len(data)); off += int64(len(p)) {
			c.ReadAt(p[:], off)
		}
	}
}
