package extractor

import (
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/input"
)

// viewingFiles is an in-memory input.FileSet: a map of slash path -> content.
// Kind "csv" sets hold one file, like a lone table input.Open opened.
type viewingFiles struct {
	kind  input.Kind
	files map[string]string
}

func (m viewingFiles) Kind() input.Kind { return m.kind }

func (m viewingFiles) Names() []string {
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func (m viewingFiles) Open(name string) (io.ReadCloser, int64, error) {
	s, ok := m.files[name]
	if !ok {
		return nil, -1, os.ErrNotExist
	}
	return io.NopCloser(strings.NewReader(s)), int64(len(s)), nil
}

// loneCSV is a lone CSV input holding content.
func loneCSV(content string) viewingFiles {
	return viewingFiles{kind: "csv", files: map[string]string{"ViewingActivity.csv": content}}
}

// vaHeader is the exact header of every real ViewingActivity.csv.
const vaHeader = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"

// optionsWith returns DefaultOptions changed by fn.
func optionsWith(fn func(*Options)) Options {
	o := DefaultOptions()
	if fn != nil {
		fn(&o)
	}
	return o
}

// mustExtract runs Extract and fails the test on an error.
func mustExtract(t *testing.T, files input.FileSet, o Options) *Summary {
	t.Helper()
	s, err := Extract(context.Background(), files, o)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if got := s.Totals.Views + s.Excluded.Sum(); got != s.RowsTotal {
		t.Fatalf("views %d + excluded %d != rows_total %d", s.Totals.Views, s.Excluded.Sum(), s.RowsTotal)
	}
	return s
}

// openTable opens the lone table of size bytes in r as the widget does
// (input.Open), failing the test if it is not taken for a table.
func openTable(t testing.TB, r io.ReaderAt, size int64) input.FileSet {
	t.Helper()
	files, err := input.Open(r, size, "ViewingActivity.csv", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// listProfiles is what the widget shows for the participant's choice:
// the profiles of a whole-table Read under the default options.
func listProfiles(ctx context.Context, files input.FileSet) ([]ProfileInfo, error) {
	a, err := Read(ctx, files, DefaultOptions(), Range{})
	if err != nil {
		return nil, err
	}
	return a.Profiles()
}
