package bench

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

// compressedSizes returns the gzip (best) and brotli (quality 11) sizes
// of a file, using its pre-compressed .gz / .br siblings when they are at
// least as new (make wasm writes them) and compressing in memory otherwise.
func compressedSizes(name string) (raw, gz, br int64, err error) {
	info, err := os.Stat(name)
	if err != nil {
		return 0, 0, 0, err
	}
	raw = info.Size()
	if gz, err = siblingSize(name, ".gz", info); err != nil {
		return 0, 0, 0, err
	}
	if br, err = siblingSize(name, ".br", info); err != nil {
		return 0, 0, 0, err
	}
	if gz > 0 && br > 0 {
		return raw, gz, br, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, 0, 0, err
	}
	if gz == 0 {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		gz = int64(b.Len())
	}
	if br == 0 {
		br = brotliSize(data)
	}
	return raw, gz, br, nil
}

// siblingSize is the size of name+ext when it exists and is not older
// than name, else 0.
func siblingSize(name, ext string, orig os.FileInfo) (int64, error) {
	info, err := os.Stat(name + ext)
	if err != nil || info.ModTime().Before(orig.ModTime()) {
		return 0, nil
	}
	return info.Size(), nil
}

// brotliSize is the length of data compressed with brotli quality 11.
func brotliSize(data []byte) int64 {
	var n countWriter
	w := brotli.NewWriterLevel(&n, brotli.BestCompression)
	w.Write(data)
	w.Close()
	return int64(n)
}

type countWriter int64

func (c *countWriter) Write(b []byte) (int, error) { *c += countWriter(len(b)); return len(b), nil }

// widgetDownload sums the widget files among reqs (the page's own files
// are not the widget's) and their brotli sizes, read from webDir.
func widgetDownload(reqs []Request, webDir string) (files []Request, sent, br int64) {
	seen := map[string]bool{}
	for _, r := range reqs {
		rest, ok := strings.CutPrefix(r.Path, "/web/")
		if !ok || r.Status != 200 || seen[r.Path] {
			continue
		}
		seen[r.Path] = true
		files = append(files, r)
		sent += r.Bytes
		if _, _, b, err := compressedSizes(filepath.Join(webDir, filepath.FromSlash(rest))); err == nil {
			br += b
		}
	}
	return files, sent, br
}
