package extractor_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/badinput"
)

// fuzzLimits are small limits, so a fuzzed input cannot make one run slow.
func fuzzLimits() input.Limits {
	return input.Limits{MaxDecompressedBytes: 1 << 20, MaxEntries: 64, MaxLineBytes: 4 << 10, MaxCompressionRatio: 50}
}

// knownCode reports whether c is a code a hostile input may get. Internal
// is not among them: it means a recovered panic, a bug.
func knownCode(c codes.Code) bool {
	switch c {
	case codes.NotZipOrCSV, codes.CorruptZip, codes.UnsupportedZip,
		codes.NoViewingActivity, codes.ViewingHistoryOnly, codes.BadHeader,
		codes.Empty, codes.TooLarge, codes.EmptyFile, codes.OtherNetflixFile,
		codes.UnreadableRows, codes.NestedZip:
		return true
	}
	return false
}

// FuzzOpenZip feeds arbitrary bytes to input.Open, Find, Tables,
// FindViewingActivity, every file's reader and Extract, with small limits. It
// checks that nothing panics, that every error carries a known code, that
// names are sorted, unique and safe, and that no reader yields more than
// the limit. Seeds: the small cases of the bad-input corpus and a few
// hand-made ZIPs.
func FuzzOpenZip(f *testing.F) {
	for _, c := range badinput.Cases() {
		if c.Large {
			continue
		}
		b, err := c.Bytes()
		if err != nil {
			f.Fatal(err)
		}
		if len(b) < 100<<10 {
			f.Add(b)
		}
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("ViewingActivity.csv")
	io.WriteString(w, "Profile Name,Start Time,Duration,Title\nA,2024-01-02 10:00:00,00:30:00,T\n")
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "x/Profiles.csv", Method: zip.Store})
	io.WriteString(w, "\"Profile Name\"\r\n\"A\"\r\n")
	zw.Close()
	f.Add(b.Bytes())
	inner := bytes.Clone(b.Bytes())
	b.Reset()
	zw = zip.NewWriter(&b) // an archive inside an archive, by name and by signature
	w, _ = zw.Create("netflix-report.zip")
	w.Write(inner)
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "download", Method: zip.Store})
	w.Write(inner)
	zw.Close()
	f.Add(b.Bytes())

	lim := fuzzLimits()
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := input.Open(bytes.NewReader(data), int64(len(data)), "input.zip", input.Options{Limits: lim})
		if err != nil {
			if !knownCode(codes.Of(err)) {
				t.Fatalf("Open: %v", err)
			}
			return
		}
		names := fs.Names()
		if !sort.StringsAreSorted(names) {
			t.Fatalf("names not sorted: %q", names)
		}
		for i, n := range names {
			if n == "" || strings.HasPrefix(n, "/") || strings.Contains(n, `\`) || path.Clean(n) != n || strings.HasPrefix(n, "../") || n == ".." || i > 0 && names[i-1] == n {
				t.Fatalf("unsafe or repeated name %q", n)
			}
		}
		if len(names) > lim.MaxEntries {
			t.Fatalf("%d names, more than MaxEntries", len(names))
		}
		if n, ok := input.Find(fs, "ViewingActivity"); ok && !containsName(names, n) {
			t.Fatalf("Find returned %q, not a name of the set", n)
		}
		for _, k := range input.Tables(fs) {
			if !strings.HasSuffix(k, ".csv") && !strings.HasSuffix(k, ".txt") {
				t.Fatalf("Tables lists %q", k)
			}
		}
		if n, err := input.FindViewingActivity(fs); err != nil && !knownCode(codes.Of(err)) || err == nil && !containsName(names, n) {
			t.Fatalf("FindViewingActivity: %q, %v", n, err)
		}
		for _, n := range names[:min(len(names), 16)] {
			rc, _, err := fs.Open(n)
			if err != nil {
				if !knownCode(codes.Of(err)) {
					t.Fatalf("Open(%q): %v", n, err)
				}
				continue
			}
			k, err := io.Copy(io.Discard, rc)
			rc.Close()
			if err != nil && !knownCode(codes.Of(err)) {
				t.Fatalf("reading %q: %v", n, err)
			}
			if k > lim.MaxDecompressedBytes {
				t.Fatalf("read %d bytes of %q, more than the limit", k, n)
			}
		}
		opts := extractor.DefaultOptions()
		opts.Limits = lim
		checkExtract(t, fs, opts)
	})
}

// checkExtract runs Extract on fuzzed input: an error must carry a known
// code, and a summary must account for every row.
func checkExtract(t *testing.T, files input.FileSet, opts extractor.Options) {
	t.Helper()
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		if !knownCode(codes.Of(err)) {
			t.Fatalf("Extract: %v", err)
		}
		return
	}
	if s.RowsTotal != s.Totals.Views+s.Excluded.Sum() {
		t.Fatalf("rows_total %d != views %d + excluded %d", s.RowsTotal, s.Totals.Views, s.Excluded.Sum())
	}
	// Never a silent empty donation: no views only for the reasons a
	// summary states, and never mostly unreadable rows.
	if s.Totals.Views == 0 && s.Excluded.Malformed > 0 || 2*s.Excluded.Malformed > s.RowsTotal {
		t.Fatalf("a summary of %d views with %d of %d rows unreadable", s.Totals.Views, s.Excluded.Malformed, s.RowsTotal)
	}
}

func containsName(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
