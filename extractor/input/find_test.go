package input

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// layoutSets returns the same files as every kind of multi-file FileSet:
// a ZIP, an in-memory folder and a folder on disk.
func layoutSets(t *testing.T, files map[string]string) map[string]FileSet {
	t.Helper()
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var entries []testEntry
	mapfs := fstest.MapFS{}
	dir := t.TempDir()
	for _, n := range names {
		entries = append(entries, testEntry{name: n, data: files[n]})
		mapfs[n] = &fstest.MapFile{Data: []byte(files[n])}
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[n]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zipBytes := testZip(t, entries...)
	z, err := OpenZip(bytes.NewReader(zipBytes), int64(len(zipBytes)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	mem, err := OpenFolder(mapfs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	disk, err := OpenFolder(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]FileSet{"zip": z, "mapfs": mem, "dirfs": disk}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		base  string
		want  string // "" = not found
	}{
		{"export layout", []string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", "netflix-report/PROFILES/Profiles.csv"}, "ViewingActivity", "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"},
		{"root", []string{"ViewingActivity.csv", "Profiles.csv"}, "ViewingActivity", "ViewingActivity.csv"},
		{"extra folder", []string{"Downloads/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"}, "ViewingActivity", "Downloads/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"},
		{"different case", []string{"NETFLIX-REPORT/content_interaction/viewingactivity.CSV"}, "ViewingActivity", "NETFLIX-REPORT/content_interaction/viewingactivity.CSV"},
		{"placeholder", []string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.txt"}, "ViewingActivity", "netflix-report/CONTENT_INTERACTION/ViewingActivity.txt"},
		{"csv beats a shallower txt", []string{"ViewingActivity.txt", "deep/er/ViewingActivity.csv"}, "ViewingActivity", "deep/er/ViewingActivity.csv"},
		{"shallowest wins", []string{"a/b/ViewingActivity.csv", "z/ViewingActivity.csv"}, "ViewingActivity", "z/ViewingActivity.csv"},
		{"then lexical", []string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", "netflix-report (1)/CONTENT_INTERACTION/ViewingActivity.csv"}, "ViewingActivity", "netflix-report (1)/CONTENT_INTERACTION/ViewingActivity.csv"},
		{"with extension", []string{"x/ViewingActivity.csv", "ViewingActivity.txt"}, "viewingactivity.TXT", "ViewingActivity.txt"},
		{"no near misses", []string{"__MACOSX/netflix-report/._ViewingActivity.csv", "MyViewingActivity.csv", "ViewingActivity.csv.bak", "ViewingActivity.xlsx", "ViewingActivity"}, "ViewingActivity", ""},
		{"viewing history", []string{"NetflixViewingHistory.csv"}, "NetflixViewingHistory", "NetflixViewingHistory.csv"},
		{"viewing history is not viewing activity", []string{"NetflixViewingHistory.csv"}, "ViewingActivity", ""},
		{"empty", nil, "ViewingActivity", ""},
	}
	for _, tt := range tests {
		files := map[string]string{"other/readme.md": "x"}
		for _, f := range tt.files {
			files[f] = "content of " + f
		}
		for kind, fs := range layoutSets(t, files) {
			got, ok := Find(fs, tt.base)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("%s (%s): Find(%q) = %q, %v; want %q", tt.name, kind, tt.base, got, ok, tt.want)
			}
			if ok {
				if content, code := readAll(fs, got); content != "content of "+got || code != "" {
					t.Errorf("%s (%s): reads %q, %q", tt.name, kind, content, code)
				}
			}
		}
	}
}

func TestSameNamesEveryKind(t *testing.T) {
	files := map[string]string{
		"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv": viewingLine,
		"netflix-report/CONTENT_INTERACTION/Ratings.txt":         "We found no information for this table.",
		"netflix-report/Cover Sheet.pdf":                         "%PDF-1.4",
		"netflix-report/PROFILES/Profiles.csv":                   "\"Profile Name\"\r\n",
		"README":                                                 "",
	}
	want := "README netflix-report/CONTENT_INTERACTION/Ratings.txt netflix-report/CONTENT_INTERACTION/ViewingActivity.csv netflix-report/Cover Sheet.pdf netflix-report/PROFILES/Profiles.csv"
	for kind, fs := range layoutSets(t, files) {
		if got := strings.Join(fs.Names(), " "); got != want {
			t.Errorf("%s: Names = %q", kind, got)
		}
		for name, content := range files {
			if got, code := readAll(fs, name); got != content || code != "" {
				t.Errorf("%s: %s reads %q, %q", kind, name, got, code)
			}
		}
		names := fs.Names()
		names[0] = "changed"
		if fs.Names()[0] != "README" {
			t.Errorf("%s: Names shares its slice with the caller", kind)
		}
	}
}

func TestTables(t *testing.T) {
	files := map[string]string{
		"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv": "",
		"netflix-report/CONTENT_INTERACTION/Ratings.txt":         "",
		"netflix-report/content_interaction/ratings.TXT":         "",
		"netflix-report/PROFILES/profiles.csv":                   "",
		"netflix-report/IP_ADDRESSES/IpAddressesStreaming.csv":   "",
		"netflix-report/Cover Sheet.pdf":                         "",
		"netflix-report/PROFILES/Anna Jansen.png":                "",
		"Anna Jansen private notes.csv":                          "",
		"NetflixViewingHistory.csv":                              "",
		"Ratings.json":                                           "",
	}
	want := "IpAddressesStreaming.csv Profiles.csv Ratings.txt ViewingActivity.csv"
	for kind, fs := range layoutSets(t, files) {
		if got := strings.Join(Tables(fs), " "); got != want {
			t.Errorf("%s: Tables = %q, want %q", kind, got, want)
		}
	}
	if got := Tables(openCSV("ViewingActivity (1).csv", strings.NewReader("x"), 1, DefaultLimits())); len(got) != 1 || got[0] != "ViewingActivity.csv" {
		t.Errorf("lone csv: Tables = %q", got)
	}
	if got := Tables(openCSV("viewingactivity.txt", strings.NewReader("x"), 1, DefaultLimits())); len(got) != 1 || got[0] != "ViewingActivity.txt" {
		t.Errorf("lone placeholder: Tables = %q", got)
	}
}

// TestHasNestedZip tells archives inside an input from other files. Each
// archive case holds two, since an input holding only one is opened as
// that one (TestNestedExport).
func TestHasNestedZip(t *testing.T) {
	emptyZip := "PK\x05\x06" + strings.Repeat("\x00", 18)
	tests := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"plain export", map[string]string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv": viewingLine, "netflix-report/Cover Sheet.pdf": "%PDF-"}, false},
		{"by name", map[string]string{"netflix-report.ZIP": "not even a zip", "copy.zip": "nor this"}, true},
		{"by signature", map[string]string{"download.bin": "PK\x03\x04rest", "other.bin": "PK\x03\x04rest"}, true},
		{"empty zip by signature", map[string]string{"data": emptyZip, "more": emptyZip}, true},
		{"signature in a csv is text", map[string]string{"ViewingActivity.csv": "PK\x03\x04"}, false},
		{"short file", map[string]string{"x": "PK"}, false},
		{"macOS junk", map[string]string{"__MACOSX/._netflix-report.zip": "\x00\x05\x16\x07", "a/._b.zip": "\x00\x05\x16\x07", "ViewingActivity.csv": viewingLine}, false},
		{"documents that are zips", map[string]string{"notes.docx": "PK\x03\x04rest", "sheet.XLSX": "PK\x03\x04rest", "ViewingActivity.csv": viewingLine}, false},
	}
	for _, tt := range tests {
		for kind, fs := range layoutSets(t, tt.files) {
			if got := hasNestedZip(fs); got != tt.want {
				t.Errorf("%s (%s): hasNestedZip = %v", tt.name, kind, got)
			}
		}
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"},
		{`netflix-report\CONTENT_INTERACTION\ViewingActivity.csv`, "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"},
		{"./a//b/./c.csv", "a/b/c.csv"},
		{"a/b/", "a/b"},
		{"...csv", "...csv"},
		{"a..b/c", "a..b/c"},
		{"../a", ""},
		{"a/../b", ""},
		{`a\..\b`, ""},
		{"/etc/passwd", ""},
		{`\\server\share\x`, ""},
		{"C:/x.csv", ""},
		{`c:\x.csv`, ""},
		{"C:x", ""},
		{"", ""},
		{".", ""},
		{"a\x00b", ""},
	}
	for _, tt := range tests {
		got, ok := cleanName(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("cleanName(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
