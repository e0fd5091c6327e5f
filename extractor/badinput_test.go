package extractor_test

import (
	"context"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/badinput"
	"github.com/netflix-donation/widget/internal/testutil"
)

// TestBadInputExtract runs every corpus case through Open and Extract, in
// order, and checks the code, the rows of accepted cases, and the memory
// bound. A good file after all the bad ones proves none of them spoils
// the next.
//
// It runs twice: with the extractor's own inflating, and with an
// InflateEntry hook as the browser's engine uses (testutil.EntryInflater keeps
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
	r, size := badinput.Build(t, c)
	var opts input.Options
	if hook {
		opts.InflateEntry = testutil.EntryInflater(r)
	}
	var s *extractor.Summary
	var err error
	peak := badinput.PeakHeap(func() {
		fs, oerr := input.Open(r, size, c.FileName, opts)
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
	if peak > badinput.MaxHeap {
		t.Errorf("peak heap %d MB, bound %d MB", peak>>20, badinput.MaxHeap>>20)
	}
	t.Logf("peak heap %.1f MB", float64(peak)/(1<<20))
}
