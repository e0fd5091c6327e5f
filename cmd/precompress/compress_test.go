package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/netflix-donation/widget/internal/compress"
)

func TestCompressFile(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 5000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"text", []byte(strings.Repeat("Profile Name,Start Time,Duration\n", 1000))},
		{"random", random},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "f.wasm")
			if err := os.WriteFile(name, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := CompressFile(name, false)
			if err != nil {
				t.Fatal(err)
			}
			gz, _ := os.ReadFile(name + ".gz")
			br, _ := os.ReadFile(name + ".br")
			if s.Raw != int64(len(tt.data)) || s.Gzip != int64(len(gz)) || s.Brotli != int64(len(br)) {
				t.Fatalf("sizes %+v; files have raw %d, gzip %d, brotli %d", s, len(tt.data), len(gz), len(br))
			}
			zr, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, tt.data) {
				t.Fatalf("gzip round trip: %d bytes, %v", len(got), err)
			}
			if zr.Name != "" || !zr.ModTime.IsZero() {
				t.Errorf("gzip header has name %q, time %v; want none", zr.Name, zr.ModTime)
			}
			if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, tt.data) {
				t.Fatalf("brotli round trip: %d bytes, %v", len(got), err)
			}
		})
	}
}

func TestCompressesText(t *testing.T) {
	// 33,000 bytes of one repeated line must shrink to a small fraction.
	data := []byte(strings.Repeat("Profile Name,Start Time,Duration\n", 1000))
	gz, _ := compress.Gzip(data)
	br, _ := compress.Brotli(data)
	if len(gz) > len(data)/20 || len(br) > len(data)/20 {
		t.Fatalf("gzip %d, brotli %d bytes from %d", len(gz), len(br), len(data))
	}
}

func TestMissingFile(t *testing.T) {
	if _, err := CompressFile(filepath.Join(t.TempDir(), "nope"), false); err == nil {
		t.Fatal("no error for a missing file")
	}
}

func TestSizesString(t *testing.T) {
	got := Sizes{Name: "x.wasm", Raw: 4000000, Gzip: 1100000, Brotli: 850000}.String()
	want := "x.wasm: raw 4000000 B (4.00 MB), gzip 1100000 B (1.10 MB), brotli 850000 B (0.85 MB)"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestUpToDateCopiesKept(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f.js")
	old := time.Now().Add(-time.Hour)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(name, []byte("console.log(1)"), 0o644))
	must(os.WriteFile(name+".gz", []byte("stale gz"), 0o644))
	must(os.WriteFile(name+".br", []byte("stale"), 0o644))
	must(os.Chtimes(name, old, old))
	// Copies newer than the source are kept, and their sizes reported.
	s, err := CompressFile(name, false)
	must(err)
	if s.Gzip != 8 || s.Brotli != 5 {
		t.Fatalf("sizes %+v; want the kept copies' 8 and 5", s)
	}
	// -f rewrites them.
	s, err = CompressFile(name, true)
	must(err)
	if br, _ := os.ReadFile(name + ".br"); string(br) == "stale" || s.Brotli != int64(len(br)) {
		t.Fatalf("forced: brotli copy %q, sizes %+v", br, s)
	}
	// A source newer than its copies is compressed again.
	must(os.WriteFile(name+".br", []byte("stale"), 0o644))
	must(os.Chtimes(name+".br", old.Add(-time.Hour), old.Add(-time.Hour)))
	if _, err := CompressFile(name, false); err != nil {
		t.Fatal(err)
	}
	if br, _ := os.ReadFile(name + ".br"); string(br) == "stale" {
		t.Fatal("an outdated copy was kept")
	}
}
