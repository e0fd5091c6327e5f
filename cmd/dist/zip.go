package main

import (
	"archive/zip"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// zipTime is the modification time of every zip entry, so that the same
// files always give the same zip, byte for byte.
var zipTime = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// storedExt are already compressed: deflating them again only costs time.
var storedExt = []string{".gz", ".br", ".png"}

// writeZip writes the files, under the folder name, to a deterministic
// zip at dst: entries sorted by path, fixed times and modes, no
// directory entries, no comment. It returns the zip's size.
func writeZip(dst, folder string, files []source) (int64, error) {
	sorted := slices.Clone(files)
	slices.SortFunc(sorted, func(a, b source) int { return strings.Compare(a.path, b.path) })

	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left
	zw := zip.NewWriter(tmp)
	for _, f := range sorted {
		h := &zip.FileHeader{
			Name:     folder + "/" + f.path,
			Method:   zip.Deflate,
			Modified: zipTime,
		}
		if slices.Contains(storedExt, path.Ext(f.path)) {
			h.Method = zip.Store
		}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			tmp.Close()
			return 0, err
		}
		if _, err := w.Write(f.data); err != nil {
			tmp.Close()
			return 0, err
		}
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return 0, err
	}
	info, err := tmp.Stat()
	if err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return 0, err
	}
	return info.Size(), os.Rename(tmp.Name(), dst)
}
