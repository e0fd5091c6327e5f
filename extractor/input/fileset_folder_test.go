package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netflix-donation/widget/extractor/codes"
)

func TestFolderLimitsAndLinks(t *testing.T) {
	dir := t.TempDir()
	va := filepath.Join(dir, "netflix-report", "ViewingActivity.csv")
	os.MkdirAll(filepath.Dir(va), 0o755)
	os.WriteFile(va, []byte(viewingLine), 0o644)
	outside := filepath.Join(t.TempDir(), "secret.csv")
	os.WriteFile(outside, []byte("secret"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "Profiles.csv")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Dir(outside), filepath.Join(dir, "linked-dir"))

	fs, err := OpenFolder(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fs.Kind() != "folder" {
		t.Errorf("Kind = %q", fs.Kind())
	}
	if got := strings.Join(fs.Names(), " "); got != "netflix-report/ViewingActivity.csv" {
		t.Errorf("Names = %q; symbolic links must not be followed", got)
	}
	rc, size, err := fs.Open("netflix-report/ViewingActivity.csv")
	if err != nil || size != int64(len(viewingLine)) {
		t.Fatalf("Open: size %d, %v", size, err)
	}
	rc.Close()

	small, err := openFolder(os.DirFS(dir), Limits{MaxDecompressedBytes: 10}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if _, code := readAll(small, "netflix-report/ViewingActivity.csv"); code != codes.TooLarge {
		t.Errorf("file over MaxDecompressedBytes: code %q", code)
	}
}

func TestFolderMaxEntries(t *testing.T) {
	tests := []struct {
		files int
		want  codes.Code
	}{
		{3, ""},
		{4, codes.TooLarge},
	}
	for _, tt := range tests {
		m := fstest.MapFS{}
		for i := range tt.files {
			m[fmt.Sprintf("d/%d.csv", i)] = &fstest.MapFile{Data: []byte("x")}
		}
		_, err := openFolder(m, Limits{MaxEntries: 3}.withDefaults())
		if codes.Of(err) != tt.want {
			t.Errorf("%d files, MaxEntries 3: %v, want %q", tt.files, err, tt.want)
		}
	}
}

func TestFolderReadError(t *testing.T) {
	m := fstest.MapFS{"a.csv": &fstest.MapFile{Data: []byte("x")}}
	fs, err := OpenFolder(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	delete(m, "a.csv") // the file vanished after the folder was listed
	if _, _, err := fs.Open("a.csv"); codes.Of(err) != codes.NotZipOrCSV {
		t.Errorf("vanished file: %v", err)
	}
	if _, _, err := fs.Open("b.csv"); codes.Of(err) != codes.Internal {
		t.Errorf("unknown name: %v", err)
	}
}
