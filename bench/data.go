package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/netflix-donation/widget/internal/synth"
)

// Export is one generated export on disk with the generator's answer key.
type Export struct {
	Rows  int
	Path  string
	Bytes int64
	Truth synth.Truth
}

// ensureExport returns the synthetic export of rows rows and seed seed in
// dir, generating it (and its answer key, in a .truth.json beside it)
// unless both are already there. Files are written under a temporary
// name and renamed, so an interrupted run leaves nothing half-written.
func ensureExport(dir string, rows int, seed int64) (Export, error) {
	base := filepath.Join(dir, fmt.Sprintf("netflix-%d-seed%d", rows, seed))
	e := Export{Rows: rows, Path: base + ".zip"}
	if info, err := os.Stat(e.Path); err == nil {
		if b, err := os.ReadFile(base + ".truth.json"); err == nil && json.Unmarshal(b, &e.Truth) == nil {
			e.Bytes = info.Size()
			return e, nil
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return e, err
	}
	tmp, err := os.CreateTemp(dir, ".gen-*.zip")
	if err != nil {
		return e, err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	truth, err := synth.WriteZip(w, synth.Config{Rows: rows, Seed: seed})
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return e, fmt.Errorf("generating %d rows: %w", rows, err)
	}
	tb, err := json.Marshal(truth)
	if err != nil {
		return e, err
	}
	if err := os.WriteFile(base+".truth.json", tb, 0o644); err != nil {
		return e, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return e, err
	}
	if err := os.Rename(tmp.Name(), e.Path); err != nil {
		return e, err
	}
	info, err := os.Stat(e.Path)
	if err != nil {
		return e, err
	}
	e.Bytes, e.Truth = info.Size(), truth
	return e, nil
}
