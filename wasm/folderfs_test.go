//go:build js && wasm

package main

import (
	"bytes"
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
)

// countingReaderAt counts reads, to prove the folder FS reads lazily.
type countingReaderAt struct {
	data  []byte
	reads int
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	c.reads++
	return bytes.NewReader(c.data).ReadAt(p, off)
}

func TestFolderFS(t *testing.T) {
	readers := map[string]*countingReaderAt{}
	entry := func(path, content string) folderEntry {
		r := &countingReaderAt{data: []byte(content)}
		readers[path] = r
		return folderEntry{path: path, size: int64(len(content)), r: r}
	}
	fsys := newFolderFS([]folderEntry{
		entry("Download/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", "Profile Name,Start Time\n"),
		entry("Download/netflix-report/PROFILES/Profiles.csv", "x"),
		entry("Download/Cover sheet.pdf", "%PDF"),
		entry("Download/Cover sheet.pdf", "duplicate, left out"),
		entry("Download/Cover sheet.pdf/inner", "under a file, left out"),
		entry("../escape.csv", "left out"),
		entry("/abs.csv", "left out"),
		entry("a/./b.csv", "left out"),
		entry("a\\b.csv", "left out"),
		entry("", "left out"),
	})
	if err := fstest.TestFS(fsys,
		"Download/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv",
		"Download/netflix-report/PROFILES/Profiles.csv",
		"Download/Cover sheet.pdf",
	); err != nil {
		t.Fatal(err)
	}
	// Exactly these files, nothing else.
	var files []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	want := []string{"Download/Cover sheet.pdf", "Download/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", "Download/netflix-report/PROFILES/Profiles.csv"}
	if len(files) != len(want) {
		t.Fatalf("files %q; want %q", files, want)
	}
	for i := range want {
		if files[i] != want[i] {
			t.Fatalf("files %q; want %q", files, want)
		}
	}
	b, err := fs.ReadFile(fsys, "Download/Cover sheet.pdf")
	if err != nil || string(b) != "%PDF" {
		t.Fatalf("ReadFile = %q, %v; want the first entry's content", b, err)
	}
}

func TestFolderFSLazy(t *testing.T) {
	big := &countingReaderAt{data: bytes.Repeat([]byte("x"), 1<<20)}
	small := &countingReaderAt{data: []byte("abc")}
	fsys := newFolderFS([]folderEntry{
		{path: "r/video.mp4", size: int64(len(big.data)), r: big},
		{path: "r/a.csv", size: 3, r: small},
	})
	if _, err := fs.ReadDir(fsys, "r"); err != nil {
		t.Fatal(err)
	}
	f, err := fsys.Open("r/video.mp4")
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	if info.Size() != 1<<20 {
		t.Errorf("size %d", info.Size())
	}
	f.Close()
	if big.reads != 0 {
		t.Fatalf("%d reads of a file only listed, opened and stat'ed; want 0", big.reads)
	}
	g, _ := fsys.Open("r/a.csv")
	if b, err := io.ReadAll(g); err != nil || string(b) != "abc" {
		t.Fatalf("ReadAll = %q, %v", b, err)
	}
	if big.reads != 0 || small.reads == 0 {
		t.Fatalf("reads: video %d, csv %d; want 0 and some", big.reads, small.reads)
	}
}
