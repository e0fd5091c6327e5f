package extractor_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/internal/badinput"
)

// maxHeap is the bound on the Go heap while any corpus input is read
// (issue 5: "peak heap under 256 MB").
const maxHeap = 256 << 20

// buildCase builds c as a participant's file: small cases in memory,
// large ones in a temporary file, so the input's own bytes are not on the
// heap (as in the browser, where the ZIP stays a Blob).
func buildCase(t *testing.T, c badinput.Case) (io.ReaderAt, int64) {
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

// peakHeap runs f while sampling the live heap every millisecond and
// returns the largest value seen (including what f leaves).
func peakHeap(f func()) uint64 {
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

// inputLayerCode is what the input layer alone (Open, FindFile, reading
// the file) says about a case; the CSV-level codes (bad_header, empty for
// a header-only table, viewing_history_only and other_netflix_file decided
// by a lone file's header, unreadable_rows) are the parser's, so it cannot
// see them. It mirrors the order Extract checks in: the viewing-history
// download, then archives inside, then nothing found. Line length is
// measured here independently.
func inputLayerCode(fs extractor.FileSet, err error) codes.Code {
	if err != nil {
		return codes.Of(err)
	}
	name, ok := extractor.FindFile(fs, "ViewingActivity")
	if !ok {
		if _, ok := extractor.FindFile(fs, "NetflixViewingHistory.csv"); ok {
			return codes.ViewingHistoryOnly
		}
		if extractor.HasNestedZip(fs) {
			return codes.NestedZip
		}
		return codes.NoViewingActivity
	}
	rc, _, err := fs.Open(name)
	if err != nil {
		return codes.Of(err)
	}
	defer rc.Close()
	longest, cur := 0, 0
	buf := make([]byte, 64<<10)
	for {
		n, err := rc.Read(buf)
		for _, c := range buf[:n] {
			if c == '\n' {
				cur = 0
			} else if cur++; cur > longest {
				longest = cur
			}
		}
		if longest > extractor.DefaultLimits().MaxLineBytes {
			return codes.TooLarge
		}
		if err == io.EOF {
			return ""
		}
		if err != nil {
			return codes.Of(err)
		}
	}
}

// TestBadInputLayer runs every corpus case through the input layer only
// (no CSV parsing) and checks its code and its memory bound.
func TestBadInputLayer(t *testing.T) {
	parserCodes := map[string]bool{ // cases whose code only the CSV parser can give
		"viewing-history-only-csv": true, "header-only": true, "txt-placeholder": true,
		"duplicate-headers": true, "missing-duration": true, "unreadable-dates": true,
		"readme-text": true, "other-netflix-table": true, "other-netflix-table-quoted": true,
	}
	for _, c := range badinput.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			if testing.Short() && c.Large {
				t.Skip("large case")
			}
			want := c.Want
			if parserCodes[c.Name] {
				want = ""
			}
			r, size := buildCase(t, c)
			var got codes.Code
			peak := peakHeap(func() {
				got = inputLayerCode(extractor.Open(r, size, c.FileName, extractor.ZipOptions{}))
			})
			if got != want {
				t.Errorf("input layer: %q, want %q (%s)", got, want, c.Desc)
			}
			if peak > maxHeap {
				t.Errorf("peak heap %d MB, bound %d MB", peak>>20, maxHeap>>20)
			}
			t.Logf("peak heap %.1f MB", float64(peak)/(1<<20))
		})
	}
}

// TestBadInputExtract runs every corpus case through Open and Extract, in
// order, and checks the code, the rows of accepted cases, and the memory
// bound. A good file after all the bad ones proves none of them spoils
// the next.
//
// It runs twice: with the extractor's own inflating, and with an
// InflateEntry hook as the browser's engine uses (GoEntryInflater keeps
// its contract natively): the codes must not depend on which.
func TestBadInputExtract(t *testing.T) {
	for _, hook := range []bool{false, true} {
		for _, c := range badinput.Cases() {
			name := c.Name
			if hook {
				name += "/inflate-entry"
			}
			t.Run(name, func(t *testing.T) {
				testBadInputExtract(t, c, hook)
			})
		}
	}
}

func testBadInputExtract(t *testing.T, c badinput.Case, hook bool) {
	if testing.Short() && c.Large {
		t.Skip("large case")
	}
	r, size := buildCase(t, c)
	var opts extractor.ZipOptions
	if hook {
		opts.InflateEntry = extractor.GoEntryInflater(r)
	}
	var s *extractor.Summary
	var err error
	peak := peakHeap(func() {
		fs, oerr := extractor.Open(r, size, c.FileName, opts)
		if err = oerr; err == nil {
			s, err = extractor.Extract(context.Background(), fs, extractor.DefaultOptions())
		}
	})
	if got := codes.Of(err); got != c.Want {
		t.Fatalf("code %q (%v), want %q (%s)", got, err, c.Want, c.Desc)
	}
	if c.Want == "" && s.RowsTotal != c.Rows {
		t.Errorf("rows_total %d, want %d", s.RowsTotal, c.Rows)
	}
	if peak > maxHeap {
		t.Errorf("peak heap %d MB, bound %d MB", peak>>20, maxHeap>>20)
	}
	t.Logf("peak heap %.1f MB", float64(peak)/(1<<20))
}
