package extractor

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// viewingFiles is an in-memory FileSet: a map of slash path -> content.
// Kind "csv" sets hold one file, like OpenCSV.
type viewingFiles struct {
	kind  string
	files map[string]string
}

func (m viewingFiles) Kind() string { return m.kind }

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
func mustExtract(t *testing.T, files FileSet, o Options) *Summary {
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

// moduleRoot walks up from the working directory to the directory
// holding go.mod; ok is false outside the module (a copied test binary).
func moduleRoot() (dir string, ok bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// netflixSamples returns ../shared/netflix-samples relative to the
// repository root, skipping the test when it is absent.
func netflixSamples(t testing.TB) string {
	t.Helper()
	root, ok := moduleRoot()
	if !ok {
		t.Skip("not inside the module: real samples unavailable")
	}
	dir := filepath.Join(root, "..", "shared", "netflix-samples")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real samples not present: %v", err)
	}
	return dir
}
