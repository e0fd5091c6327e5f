package bench

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Entry locates ViewingActivity.csv inside an export ZIP, for the time
// breakdown: where its compressed bytes start and how long they are, so
// the page can inflate exactly them with DecompressionStream.
type Entry struct {
	Offset           int64 // of the raw deflate data in the ZIP
	CompressedSize   int64
	UncompressedSize int64
	Method           uint16
}

// findViewing returns ViewingActivity.csv's Entry in the ZIP at name.
func findViewing(name string) (Entry, error) {
	r, err := zip.OpenReader(name)
	if err != nil {
		return Entry{}, err
	}
	defer r.Close()
	for _, f := range r.File {
		if strings.EqualFold(path.Base(f.Name), "ViewingActivity.csv") {
			off, err := f.DataOffset()
			if err != nil {
				return Entry{}, err
			}
			return Entry{Offset: off, CompressedSize: int64(f.CompressedSize64), UncompressedSize: int64(f.UncompressedSize64), Method: f.Method}, nil
		}
	}
	return Entry{}, fmt.Errorf("%s has no ViewingActivity.csv", name)
}

// ensureViewingCSV writes ViewingActivity.csv of the ZIP at name to a
// sibling file (reused when present with the right size) and returns its
// name: the same table as a lone CSV, which the widget reads without
// inflating.
func ensureViewingCSV(name string, e Entry) (string, error) {
	out := strings.TrimSuffix(name, ".zip") + ".ViewingActivity.csv"
	if info, err := os.Stat(out); err == nil && info.Size() == e.UncompressedSize {
		return out, nil
	}
	r, err := zip.OpenReader(name)
	if err != nil {
		return "", err
	}
	defer r.Close()
	for _, f := range r.File {
		if !strings.EqualFold(path.Base(f.Name), "ViewingActivity.csv") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		tmp, err := os.CreateTemp(path.Dir(out), ".csv-*")
		if err != nil {
			return "", err
		}
		defer os.Remove(tmp.Name())
		_, err = io.Copy(tmp, rc)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", err
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			return "", err
		}
		return out, os.Rename(tmp.Name(), out)
	}
	return "", fmt.Errorf("%s has no ViewingActivity.csv", name)
}
