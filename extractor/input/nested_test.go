package input_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// nestedEntry is one file of a ZIP that wraps other files.
type nestedEntry struct {
	name   string
	data   []byte
	method uint16
}

// wrapZip writes entries into a ZIP, each stored or deflated as asked.
func wrapZip(t testing.TB, entries ...nestedEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// syntheticExport returns a generated export ZIP.
func syntheticExport(t testing.TB, rows int) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := synth.WriteZip(&b, synth.Config{Rows: rows, Seed: 17}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestNestedExport opens the export zipped once more (stored and
// deflated, with and without the browser's way of inflating entries) and
// a folder that holds only the export ZIP: each must hold exactly the
// files of the export ZIP itself, byte for byte.
func TestNestedExport(t *testing.T) {
	export := syntheticExport(t, 3000)
	direct, err := input.OpenZip(bytes.NewReader(export), int64(len(export)), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := contents(t, direct)
	if _, ok := want["netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"]; !ok {
		t.Fatalf("the export itself holds %d files but no ViewingActivity.csv", len(want))
	}
	same := func(t *testing.T, files input.FileSet) {
		t.Helper()
		if files.Kind() != input.ZIP {
			t.Errorf("kind %q", files.Kind())
		}
		if got := contents(t, files); !maps.Equal(got, want) {
			t.Errorf("%d files differ from the %d of the export itself", len(got), len(want))
		}
	}

	junk := nestedEntry{"__MACOSX/._netflix-report.zip", []byte("\x00\x05\x16\x07 resource fork"), zip.Deflate}
	zips := map[string][]byte{
		"deflated":           wrapZip(t, nestedEntry{"netflix-report.zip", export, zip.Deflate}),
		"stored":             wrapZip(t, nestedEntry{"netflix-report.zip", export, zip.Store}),
		"stored, with junk":  wrapZip(t, junk, nestedEntry{"Downloads/netflix-report.zip", export, zip.Store}),
		"deflated, unnamed":  wrapZip(t, nestedEntry{"download", export, zip.Deflate}),
		"with a readme":      wrapZip(t, nestedEntry{"README.txt", []byte("my data\n"), zip.Deflate}, nestedEntry{"netflix.zip", export, zip.Deflate}),
		"deflated with junk": wrapZip(t, nestedEntry{"netflix-report.zip", export, zip.Deflate}, junk),
	}
	for name, outer := range zips {
		for _, hook := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/inflate-entry=%v", name, hook), func(t *testing.T) {
				var zo input.Options
				if hook {
					zo.InflateEntry = testutil.EntryInflater(bytes.NewReader(outer))
				}
				files, err := input.Open(bytes.NewReader(outer), int64(len(outer)), "archive.zip", zo)
				if err != nil {
					t.Fatal(err)
				}
				same(t, files)
			})
		}
	}

	t.Run("folder holding only the ZIP", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "netflix-report.zip"), export, 0o644); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("Bud1"), 0o644)
		files, closer, err := input.OpenPath(dir, input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		same(t, files)
		if err := closer.Close(); err != nil {
			t.Errorf("closing: %v", err)
		}
		if _, err := input.OpenFolder(fstest.MapFS{"Downloads/netflix-report.zip": {Data: nil}}, input.Options{}); codes.Of(err) != codes.EmptyFile {
			t.Errorf("a folder holding an empty ZIP: %v, want empty_file", err)
		}
		mem := fstest.MapFS{"Downloads/netflix-report (1).zip": {Data: export}, "Downloads/photo.jpg": {Data: []byte("\xFF\xD8\xFF")}}
		files, err = input.OpenFolder(mem, input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		same(t, files)
	})
}

// contents reads every file of files.
func contents(t *testing.T, files input.FileSet) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range files.Names() {
		rc, _, err := files.Open(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = string(b)
	}
	return out
}

// readViewingActivity finds ViewingActivity.csv in files and reads it
// whole: everything of an input that its limits bound.
func readViewingActivity(files input.FileSet) error {
	name, err := input.FindViewingActivity(files)
	if err != nil {
		return err
	}
	rc, _, err := files.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	return err
}

// TestNestedRefused checks what is not opened: a ZIP two levels down,
// several ZIPs, and a damaged inner ZIP.
func TestNestedRefused(t *testing.T) {
	export := syntheticExport(t, 200)
	inner := wrapZip(t, nestedEntry{"netflix-report.zip", export, zip.Deflate})
	for _, tc := range []struct {
		name  string
		outer []byte
		want  codes.Code
	}{
		{"two levels", wrapZip(t, nestedEntry{"again.zip", inner, zip.Deflate}), codes.NestedZip},
		{"two levels, stored", wrapZip(t, nestedEntry{"again.zip", inner, zip.Store}), codes.NestedZip},
		{"two exports", wrapZip(t, nestedEntry{"a.zip", export, zip.Store}, nestedEntry{"b.zip", export, zip.Store}), codes.NestedZip},
		{"a cut inner ZIP", wrapZip(t, nestedEntry{"netflix-report.zip", export[:len(export)/2], zip.Deflate}), codes.CorruptZip},
		{"an empty inner ZIP", wrapZip(t, nestedEntry{"netflix-report.zip", nil, zip.Deflate}), codes.EmptyFile},
		{"an inner ZIP of something else", wrapZip(t, nestedEntry{"photos.zip", wrapZip(t, nestedEntry{"a.jpg", []byte("\xFF\xD8\xFF"), zip.Store}), zip.Deflate}), codes.NoViewingActivity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files, err := input.Open(bytes.NewReader(tc.outer), int64(len(tc.outer)), "x.zip", input.Options{})
			if err == nil {
				err = readViewingActivity(files)
			}
			if codes.Of(err) != tc.want {
				t.Errorf("%v, want %s", err, tc.want)
			}
		})
	}
}

// TestNestedLimits checks that every limit counts both levels: each case
// passes when its inner ZIP is opened on its own and fails nested.
func TestNestedLimits(t *testing.T) {
	// A ViewingActivity.csv of varied rows deflates a few times; the
	// padding, stored in the inner ZIP, makes the outer ZIP deflate it
	// about thirty times.
	rng := rand.New(rand.NewPCG(5, 5))
	var va strings.Builder
	va.WriteString("Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n")
	for va.Len() < 3<<20 {
		fmt.Fprintf(&va, "P,2023-%02d-%02d %02d:%02d:%02d,00:%02d:00,,Title %x,,PC,,,\n",
			1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), 1+rng.IntN(59), rng.Uint64())
	}
	innerZip := wrapZip(t, nestedEntry{"CONTENT_INTERACTION/ViewingActivity.csv", []byte(va.String()), zip.Deflate},
		nestedEntry{"padding.bin", make([]byte, 16<<20), zip.Store})
	outer := wrapZip(t, nestedEntry{"netflix-report.zip", innerZip, zip.Deflate})
	outerStored := wrapZip(t, nestedEntry{"x.txt", []byte("x"), zip.Deflate}, nestedEntry{"netflix-report.zip", innerZip, zip.Store})
	ratio := func(archive []byte, name string) int64 {
		zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == name {
				return int64(f.UncompressedSize64 / f.CompressedSize64)
			}
		}
		t.Fatalf("%s missing", name)
		return 0
	}
	const maxRatio = 40
	innerRatio, outerRatio := ratio(innerZip, "CONTENT_INTERACTION/ViewingActivity.csv"), ratio(outer, "netflix-report.zip")
	if innerRatio >= maxRatio || outerRatio >= maxRatio || innerRatio*outerRatio <= maxRatio {
		t.Fatalf("the premise fails: ratios %d and %d with a limit of %d", innerRatio, outerRatio, maxRatio)
	}

	extract := func(data []byte, lim input.Limits) error {
		files, err := input.Open(bytes.NewReader(data), int64(len(data)), "x.zip", input.Options{Limits: lim})
		if err == nil {
			err = readViewingActivity(files)
		}
		return err
	}
	for _, tc := range []struct {
		name  string
		outer []byte
		lim   input.Limits
	}{
		// The inner ZIP's bytes and its ViewingActivity.csv each fit, both not.
		{"bytes", outerStored, input.Limits{MaxDecompressedBytes: int64(va.Len()) + int64(len(innerZip))/2}},
		{"bytes, deflated", outer, input.Limits{MaxDecompressedBytes: int64(len(innerZip)) + 1<<20}},
		// Two inner entries fit, not with the two outer ones.
		{"entries", outerStored, input.Limits{MaxEntries: 3}},
		// Each level's ratio fits, their product does not.
		{"ratio", outer, input.Limits{MaxCompressionRatio: maxRatio}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := extract(innerZip, tc.lim); err != nil {
				t.Fatalf("the inner ZIP on its own: %v", err)
			}
			if err := extract(tc.outer, input.Limits{}); err != nil {
				t.Fatalf("nested, default limits: %v", err)
			}
			if err := extract(tc.outer, tc.lim); codes.Of(err) != codes.TooLarge {
				t.Errorf("nested with %+v: %v, want too_large", tc.lim, err)
			}
		})
	}
}
