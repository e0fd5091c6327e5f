package main

import (
	"fmt"
	"os"

	"github.com/netflix-donation/widget/internal/compress"
)

// Sizes are the byte sizes of one file: as is, gzip-compressed and
// brotli-compressed.
type Sizes struct {
	Name              string
	Raw, Gzip, Brotli int64
}

// String formats the sizes as one line, bytes and decimal megabytes.
func (s Sizes) String() string {
	mb := func(n int64) string { return fmt.Sprintf("%d B (%.2f MB)", n, float64(n)/1e6) }
	return fmt.Sprintf("%s: raw %s, gzip %s, brotli %s", s.Name, mb(s.Raw), mb(s.Gzip), mb(s.Brotli))
}

// CompressFile writes name+".gz" and name+".br" and returns the sizes.
// Unless force is set, it keeps both copies when they are at least as new
// as name (brotli at quality 11 takes many seconds on a 5 MB .wasm, and
// `go build` leaves an up-to-date output untouched).
func CompressFile(name string, force bool) (Sizes, error) {
	if !force {
		if s, ok := upToDate(name); ok {
			return s, nil
		}
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		return Sizes{}, err
	}
	gz, err := compress.Gzip(raw)
	if err != nil {
		return Sizes{}, fmt.Errorf("gzip %s: %w", name, err)
	}
	br, err := compress.Brotli(raw)
	if err != nil {
		return Sizes{}, fmt.Errorf("brotli %s: %w", name, err)
	}
	if err := os.WriteFile(name+".gz", gz, 0o644); err != nil {
		return Sizes{}, err
	}
	if err := os.WriteFile(name+".br", br, 0o644); err != nil {
		return Sizes{}, err
	}
	return Sizes{Name: name, Raw: int64(len(raw)), Gzip: int64(len(gz)), Brotli: int64(len(br))}, nil
}

// upToDate returns the sizes of name and its copies when both copies exist
// and are not older than name.
func upToDate(name string) (Sizes, bool) {
	src, err := os.Stat(name)
	if err != nil {
		return Sizes{}, false
	}
	s := Sizes{Name: name, Raw: src.Size()}
	for _, c := range []struct {
		ext  string
		size *int64
	}{{".gz", &s.Gzip}, {".br", &s.Brotli}} {
		info, err := os.Stat(name + c.ext)
		if err != nil || info.ModTime().Before(src.ModTime()) {
			return Sizes{}, false
		}
		*c.size = info.Size()
	}
	return s, true
}
