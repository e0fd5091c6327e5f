// Package testutil holds the few helpers that tests in several packages
// need: where the repository is, and where the real Netflix samples are.
//
// The samples live outside the repository (../shared/netflix-samples from
// its root) and are never copied into it; tests that read them skip when
// the folder is absent, so the suite passes on any clone.
package testutil

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the directory holding go.mod, walking up from the
// working directory (go test runs each package in its own directory).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// SamplesDir returns ../shared/netflix-samples next to the repository, and
// skips the test when that folder does not exist.
func SamplesDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "..", "shared", "netflix-samples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("real samples not available at ../shared/netflix-samples")
	}
	return dir
}

// ViewingSamples returns the real ViewingActivity.csv files below
// SamplesDir, in a fixed order, and skips the test when there are none.
func ViewingSamples(t testing.TB) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(SamplesDir(t), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "ViewingActivity.csv" {
			out = append(out, p)
		}
		return nil
	})
	if len(out) == 0 {
		t.Skip("no ViewingActivity.csv samples")
	}
	return out
}
