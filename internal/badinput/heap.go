package badinput

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// MaxHeap is the bound on the live Go heap while any case is read.
const MaxHeap = 256 << 20

// Build builds c as a participant's file: small cases in memory, large
// ones in a temporary file, so the input's own bytes are not on the heap
// (as in the browser, where the ZIP stays a Blob).
func Build(t testing.TB, c Case) (io.ReaderAt, int64) {
	t.Helper()
	var r io.ReaderAt
	var size int64
	if c.Large {
		p := filepath.Join(t.TempDir(), c.FileName)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		if err := c.Build(f); err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		r, size = f, st.Size()
	} else {
		b, err := c.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		r, size = bytes.NewReader(b), int64(len(b))
	}
	runtime.GC() // the garbage of building is not the reader's
	return r, size
}

// PeakHeap runs f while sampling the live heap every millisecond and
// returns the largest value seen (including what f leaves).
func PeakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	var peak uint64
	var mu sync.Mutex
	note := func(v uint64) { mu.Lock(); peak = max(peak, v); mu.Unlock() }
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				note(read())
			}
		}
	}()
	f()
	note(read())
	close(done)
	wg.Wait()
	return peak
}
