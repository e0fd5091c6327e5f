package input

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/codes"
)

// testEntry is one file of a ZIP built by testZip.
type testEntry struct {
	name   string
	data   string
	method uint16 // zip.Deflate unless set
	hdr    func(*zip.FileHeader)
}

// testZip builds a ZIP in memory. Entries with hdr are written raw (their
// headers may lie); others through archive/zip's normal path.
func testZip(t testing.TB, entries ...testEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		method := e.method
		if method == 0 && !strings.HasSuffix(e.name, "/") {
			method = zip.Deflate
		}
		if e.hdr == nil {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, e.data)
			continue
		}
		data := []byte(e.data)
		if method == zip.Deflate {
			data = deflate(t, data)
		}
		h := &zip.FileHeader{Name: e.name, Method: method, CRC32: crc32.ChecksumIEEE([]byte(e.data)),
			CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(e.data))}
		e.hdr(h)
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func openTestZip(t testing.TB, b []byte, lim Limits) FileSet {
	t.Helper()
	fs, err := OpenZip(bytes.NewReader(b), int64(len(b)), Options{Limits: lim})
	if err != nil {
		t.Fatalf("OpenZip: %v", err)
	}
	return fs
}

// readAll reads a file of fs and returns its content and the code of the
// error ("" for none).
func readAll(fs FileSet, name string) (string, codes.Code) {
	rc, _, err := fs.Open(name)
	if err != nil {
		return "", codes.Of(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	return string(b), codes.Of(err)
}

const viewingLine = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"

func TestZipNames(t *testing.T) {
	b := testZip(t,
		testEntry{name: "netflix-report/"},
		testEntry{name: "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", data: viewingLine},
		testEntry{name: `netflix-report\PROFILES\Profiles.csv`, data: "windows"},
		testEntry{name: "./netflix-report//Cover Sheet.pdf", data: "%PDF-"},
		testEntry{name: "../ViewingActivity.csv", data: "outside"},
		testEntry{name: "/abs/ViewingActivity.csv", data: "outside"},
		testEntry{name: "C:/abs/ViewingActivity.csv", data: "outside"},
		testEntry{name: "a/../../ViewingActivity.csv", data: "outside"},
		testEntry{name: "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", data: "second copy"},
		testEntry{name: "link", data: "ViewingActivity.csv", hdr: func(h *zip.FileHeader) { h.SetMode(fs.ModeSymlink | 0o777) }},
	)
	z := openTestZip(t, b, Limits{})
	if z.Kind() != "zip" {
		t.Errorf("Kind = %q", z.Kind())
	}
	want := "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv netflix-report/Cover Sheet.pdf netflix-report/PROFILES/Profiles.csv"
	if got := strings.Join(z.Names(), " "); got != want {
		t.Errorf("Names = %q\nwant    %q", got, want)
	}
	if got, code := readAll(z, "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"); got != viewingLine || code != "" {
		t.Errorf("first entry of a duplicated name: %q, %q; want the first one", got, code)
	}
	if got, _ := readAll(z, "netflix-report/PROFILES/Profiles.csv"); got != "windows" {
		t.Errorf("backslash name reads %q", got)
	}
	if _, _, err := z.Open("../ViewingActivity.csv"); err == nil {
		t.Error("an unsafe name opened")
	}
}

func TestZipErrors(t *testing.T) {
	good := testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine + "a,b\n"})
	tests := []struct {
		name     string
		zip      []byte
		lim      Limits
		openCode codes.Code // of OpenZip
		readCode codes.Code // of opening and reading ViewingActivity.csv
	}{
		{"good", good, Limits{}, "", ""},
		{"huge limits", good, Limits{MaxEntries: math.MaxInt, MaxDecompressedBytes: math.MaxInt64, MaxCompressionRatio: math.MaxInt64}, "", ""},
		{"not a zip", []byte("hello, world"), Limits{}, codes.CorruptZip, ""},
		{"truncated", good[:len(good)/2], Limits{}, codes.CorruptZip, ""},
		{"truncated end record", good[:len(good)-3], Limits{}, codes.CorruptZip, ""},
		{"bad crc", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, hdr: func(h *zip.FileHeader) { h.CRC32++ }}), Limits{}, "", codes.CorruptZip},
		{"bad crc stored", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, method: zip.Store, hdr: func(h *zip.FileHeader) { h.CRC32++ }}), Limits{}, "", codes.CorruptZip},
		{"data shorter than header", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, hdr: func(h *zip.FileHeader) { h.UncompressedSize64 += 10 }}), Limits{}, "", codes.CorruptZip},
		{"header lies small", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, hdr: func(h *zip.FileHeader) { h.UncompressedSize64 = 10 }}), Limits{}, "", codes.TooLarge},
		{"encrypted", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, hdr: func(h *zip.FileHeader) { h.Flags |= 1 }}), Limits{}, "", codes.UnsupportedZip},
		{"bzip2 method", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, method: 12, hdr: func(*zip.FileHeader) {}}), Limits{}, "", codes.UnsupportedZip},
		{"aes method 99", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, method: 99, hdr: func(*zip.FileHeader) {}}), Limits{}, "", codes.UnsupportedZip},
		{"garbage deflate", testZip(t, testEntry{name: "ViewingActivity.csv", data: "\xff\xff\xff\xff", method: zip.Store, hdr: func(h *zip.FileHeader) { h.Method = zip.Deflate; h.UncompressedSize64 = 100 }}), Limits{}, "", codes.CorruptZip},
		{"decompressed limit", good, Limits{MaxDecompressedBytes: 20}, "", codes.TooLarge},
		{"decompressed limit exact", good, Limits{MaxDecompressedBytes: int64(len(viewingLine) + 4)}, "", ""},
		{"stored over limit", testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine, method: zip.Store}), Limits{MaxDecompressedBytes: 20}, "", codes.TooLarge},
		{"entries limit", testZip(t, testEntry{name: "a", data: "1"}, testEntry{name: "b", data: "2"}, testEntry{name: "ViewingActivity.csv", data: viewingLine}), Limits{MaxEntries: 2}, codes.TooLarge, ""},
		{"entries at limit", testZip(t, testEntry{name: "a", data: "1"}, testEntry{name: "ViewingActivity.csv", data: viewingLine}), Limits{MaxEntries: 2}, "", ""},
		{"ratio", testZip(t, testEntry{name: "ViewingActivity.csv", data: strings.Repeat("A", 2<<20)}), Limits{MaxCompressionRatio: 100}, "", codes.TooLarge},
		{"ratio allowed", testZip(t, testEntry{name: "ViewingActivity.csv", data: strings.Repeat("A", 2<<20)}), Limits{MaxCompressionRatio: 5000}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, err := OpenZip(bytes.NewReader(tt.zip), int64(len(tt.zip)), Options{Limits: tt.lim})
			if codes.Of(err) != tt.openCode {
				t.Fatalf("OpenZip: %v, want code %q", err, tt.openCode)
			}
			if err != nil {
				return
			}
			if _, code := readAll(z, "ViewingActivity.csv"); code != tt.readCode {
				t.Errorf("read: code %q, want %q", code, tt.readCode)
			}
		})
	}
}

// TestZipUnsupportedOnlyWhenNeeded: an encrypted or exotic entry that is
// not read does not spoil the archive.
func TestZipUnsupportedOnlyWhenNeeded(t *testing.T) {
	b := testZip(t,
		testEntry{name: "secret.pdf", data: "x", hdr: func(h *zip.FileHeader) { h.Flags |= 1 }},
		testEntry{name: "old.bin", data: "x", method: 12, hdr: func(*zip.FileHeader) {}},
		testEntry{name: "netflix-report/ViewingActivity.csv", data: viewingLine},
	)
	z := openTestZip(t, b, Limits{})
	if got, code := readAll(z, "netflix-report/ViewingActivity.csv"); got != viewingLine || code != "" {
		t.Errorf("read %q, %q", got, code)
	}
	if _, code := readAll(z, "secret.pdf"); code != codes.UnsupportedZip {
		t.Errorf("encrypted entry: %q", code)
	}
}

func TestZipSize(t *testing.T) {
	b := testZip(t, testEntry{name: "ViewingActivity.csv", data: viewingLine})
	z, err := OpenZip(bytes.NewReader(b), int64(len(b)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rc, size, err := z.Open("ViewingActivity.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	if string(got) != viewingLine || err != nil || size != int64(len(viewingLine)) {
		t.Errorf("read %q (err %v), size %d", got, err, size)
	}
}

// recordingReaderAt counts the bytes read through it.
type recordingReaderAt struct {
	r     io.ReaderAt
	bytes int64
}

func (r *recordingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.r.ReadAt(p, off)
	r.bytes += int64(n)
	return n, err
}

// TestZipReadsLazily: opening a ZIP and reading one small entry does not
// read a large stored entry beside it.
func TestZipReadsLazily(t *testing.T) {
	video := strings.Repeat("\x01\x02\x03\x04", 2<<20) // 8 MiB
	b := testZip(t,
		testEntry{name: "netflix-report/video.mp4", data: video, method: zip.Store},
		testEntry{name: "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", data: viewingLine},
	)
	rec := &recordingReaderAt{r: bytes.NewReader(b)}
	z, err := OpenZip(rec, int64(len(b)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, code := readAll(z, "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"); got != viewingLine || code != "" {
		t.Fatalf("read %q, %q", got, code)
	}
	if rec.bytes > 256<<10 {
		t.Errorf("read %d bytes of a %d-byte ZIP to get one small entry", rec.bytes, len(b))
	}
}

// TestZipDirectoryBudget: a central directory that is larger than
// MaxEntries entries can need is refused while being read.
func TestZipDirectoryBudget(t *testing.T) {
	var entries []testEntry
	for i := range 3000 {
		entries = append(entries, testEntry{name: strings.Repeat("n", 200) + string(rune('a'+i%26)) + strings.Repeat("x", i%7), data: "", method: zip.Store, hdr: func(*zip.FileHeader) {}})
	}
	b := testZip(t, entries...)
	_, err := OpenZip(bytes.NewReader(b), int64(len(b)), Options{Limits: Limits{MaxEntries: 100}})
	if codes.Of(err) != codes.TooLarge {
		t.Errorf("err = %v, want too_large", err)
	}
}
