package input

import (
	"io"
	"testing"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/internal/badinput"
)

// inputLayerCode is what the input layer alone (Open, Find, reading the
// file) says about a case; the CSV-level codes (bad_header, empty for
// a header-only table, viewing_history_only and other_netflix_file decided
// by a lone file's header, unreadable_rows) are the parser's, so it cannot
// see them. It mirrors the order FindViewingActivity checks in: the viewing-history
// download, then archives inside, then nothing found. Line length is
// measured here independently.
func inputLayerCode(fs FileSet, err error) codes.Code {
	if err != nil {
		return codes.Of(err)
	}
	name, ok := Find(fs, "ViewingActivity")
	if !ok {
		if _, ok := Find(fs, "NetflixViewingHistory.csv"); ok {
			return codes.ViewingHistoryOnly
		}
		if hasNestedZip(fs) {
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
		if longest > DefaultLimits().MaxLineBytes {
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
			r, size := badinput.Build(t, c)
			var got codes.Code
			peak := badinput.PeakHeap(func() {
				got = inputLayerCode(Open(r, size, c.FileName, Options{}))
			})
			if got != want {
				t.Errorf("input layer: %q, want %q (%s)", got, want, c.Desc)
			}
			if peak > badinput.MaxHeap {
				t.Errorf("peak heap %d MB, bound %d MB", peak>>20, badinput.MaxHeap>>20)
			}
			t.Logf("peak heap %.1f MB", float64(peak)/(1<<20))
		})
	}
}
