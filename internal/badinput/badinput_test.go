package badinput

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"hash/crc32"
	"image/jpeg"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/internal/resave"
)

func TestCrc32Zeros(t *testing.T) {
	for _, n := range []int64{0, 1, 2, 3, 7, 8, 1000, 4097, 1 << 20, 1<<20 + 13, 3 << 20} {
		want := crc32.ChecksumIEEE(make([]byte, n))
		if got := crc32Zeros(n); got != want {
			t.Errorf("crc32Zeros(%d) = %#x, want %#x", n, got, want)
		}
	}
}

func TestZeroStreamInflatesToZeros(t *testing.T) {
	const n = 5 * segmentZeros
	size, write := zeroStream(n)
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	if int64(b.Len()) != size {
		t.Fatalf("stream is %d bytes, zeroStream said %d", b.Len(), size)
	}
	out, err := io.ReadAll(flate.NewReader(&b))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != n {
		t.Fatalf("inflated %d bytes, want %d", len(out), n)
	}
	if i := bytes.IndexFunc(out, func(r rune) bool { return r != 0 }); i >= 0 {
		t.Fatalf("non-zero byte at %d", i)
	}
	if crc32.ChecksumIEEE(out) != crc32Zeros(n) {
		t.Fatal("checksum of the inflated stream differs from crc32Zeros")
	}
}

func TestCasesWellFormed(t *testing.T) {
	known := map[codes.Code]bool{
		"": true, codes.NotZipOrCSV: true, codes.CorruptZip: true, codes.UnsupportedZip: true,
		codes.NoViewingActivity: true, codes.ViewingHistoryOnly: true, codes.BadHeader: true,
		codes.Empty: true, codes.TooLarge: true, codes.EmptyFile: true,
		codes.OtherNetflixFile: true, codes.UnreadableRows: true, codes.NestedZip: true,
	}
	seen := map[string]bool{}
	for _, c := range Cases() {
		if c.Name == "" || seen[c.Name] {
			t.Errorf("case name %q empty or repeated", c.Name)
		}
		seen[c.Name] = true
		if c.FileName == "" || c.Desc == "" || c.Build == nil {
			t.Errorf("%s: FileName, Desc and Build are required", c.Name)
		}
		if !known[c.Want] {
			t.Errorf("%s: unknown code %q", c.Name, c.Want)
		}
		if (c.Want == "") != (c.Rows > 0) {
			t.Errorf("%s: Rows = %d with Want %q; accepted cases need Rows, refused ones none", c.Name, c.Rows, c.Want)
		}
	}
	if n := len(seen); n < 25 {
		t.Errorf("%d cases, want the whole corpus (>= 25)", n)
	}
}

// countWriter counts bytes written, so large cases are measured without
// being kept.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func TestLargeMatchesSize(t *testing.T) {
	for _, c := range Cases() {
		var cw countWriter
		if err := c.Build(&cw); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if c.Large != (cw.n > 1<<20) {
			t.Errorf("%s: %d bytes, Large = %v", c.Name, cw.n, c.Large)
		}
		if c.Want == codes.EmptyFile && cw.n != 0 {
			t.Errorf("%s: %d bytes, want 0", c.Name, cw.n)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range Cases() {
		if c.Large {
			continue
		}
		a, err := c.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := c.Bytes()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", c.Name)
		}
	}
}

func caseBytes(t *testing.T, name string) []byte {
	t.Helper()
	for _, c := range Cases() {
		if c.Name == name {
			b, err := c.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no case %q", name)
	return nil
}

func openZip(t *testing.T, b []byte) *zip.Reader {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

func TestBombHeaders(t *testing.T) {
	tests := []struct {
		name          string
		declared      uint64
		inflatesPast  int64 // bytes that must come out as zeros before any error
		wantReadError bool  // archive/zip itself notices the lie
	}{
		{"bomb-10gb-zeros", 10 << 30, 8 << 20, false},
		{"bomb-lying-header", 1 << 10, 1 << 10, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zr := openZip(t, caseBytes(t, tt.name))
			f := zr.File[len(zr.File)-1]
			if !strings.HasSuffix(f.Name, "/ViewingActivity.csv") || f.UncompressedSize64 != tt.declared {
				t.Fatalf("entry %q declares %d bytes, want ViewingActivity.csv declaring %d", f.Name, f.UncompressedSize64, tt.declared)
			}
			raw, _ := f.OpenRaw()
			out, err := io.ReadAll(io.LimitReader(flate.NewReader(raw), tt.inflatesPast+1))
			if err != nil || int64(len(out)) != tt.inflatesPast+1 || bytes.ContainsFunc(out, func(r rune) bool { return r != 0 }) {
				t.Fatalf("inflated %d bytes (err %v), want more than %d zeros", len(out), err, tt.inflatesPast)
			}
			rc, _ := f.Open()
			_, err = io.Copy(io.Discard, io.LimitReader(rc, 4<<20))
			if (err != nil) != tt.wantReadError {
				t.Fatalf("archive/zip read error = %v, want error %v", err, tt.wantReadError)
			}
		})
	}
}

func TestNestedBomb(t *testing.T) {
	b := caseBytes(t, "bomb-nested")
	if len(b) > 200<<10 {
		t.Errorf("nested bomb is %d bytes, want it small", len(b))
	}
	zr := openZip(t, b)
	if len(zr.File) != 16 {
		t.Fatalf("%d inner archives, want 16", len(zr.File))
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	inner, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	izr := openZip(t, inner)
	if len(izr.File) != 4 {
		t.Fatalf("%d bombs in an inner archive, want 4", len(izr.File))
	}
	for _, f := range izr.File {
		if f.UncompressedSize64 != 1<<30 {
			t.Errorf("%s declares %d bytes, want 1 GiB", f.Name, f.UncompressedSize64)
		}
	}
}

func TestFormats(t *testing.T) {
	if b := caseBytes(t, "pdf-renamed"); !bytes.HasPrefix(b, []byte("%PDF-1.4\n")) || !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		t.Errorf("PDF does not start and end like one: %q", b)
	}
	if _, err := jpeg.Decode(bytes.NewReader(caseBytes(t, "jpeg-renamed"))); err != nil {
		t.Errorf("JPEG does not decode: %v", err)
	}
	zr := openZip(t, caseBytes(t, "docx-renamed"))
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "[Content_Types].xml _rels/.rels word/document.xml" {
		t.Errorf("docx parts = %s", got)
	}
	zr = openZip(t, caseBytes(t, "encrypted-entry"))
	if f := zr.File[1]; f.Flags&1 == 0 || !strings.HasSuffix(f.Name, "ViewingActivity.csv") {
		t.Errorf("entry %s flags %#x, want the encrypted ViewingActivity.csv", f.Name, f.Flags)
	}
	zr = openZip(t, caseBytes(t, "bad-crc"))
	rc, _ := zr.File[0].Open()
	if _, err := io.Copy(io.Discard, rc); err != zip.ErrChecksum {
		t.Errorf("bad-crc read error = %v, want zip.ErrChecksum", err)
	}
	good := caseBytes(t, "good-export-zip")
	if trunc := caseBytes(t, "truncated-zip"); !bytes.Equal(trunc, good[:len(good)/2]) {
		t.Errorf("truncated-zip is not the first half of good-export-zip")
	}
}

// decodeUTF16LE decodes UTF-16LE bytes after a BOM, independently of the
// generator.
func decodeUTF16LE(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || len(b)%2 != 0 {
		t.Fatalf("not UTF-16LE with a BOM")
	}
	u := make([]uint16, 0, len(b)/2-1)
	for i := 2; i < len(b); i += 2 {
		u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
	}
	return string(utf16.Decode(u))
}

// TestAcceptedRows counts the data rows of every accepted lone CSV with
// encoding/csv, checking Case.Rows and that each row has the 10 columns.
func TestAcceptedRows(t *testing.T) {
	for _, c := range Cases() {
		if c.Want != "" || !strings.HasSuffix(c.FileName, ".csv") {
			continue
		}
		b, _ := c.Bytes()
		text := string(b)
		comma := ','
		switch c.Name {
		case "utf16le-bom":
			text = decodeUTF16LE(t, b)
		case "semicolon-resave":
			text = strings.TrimPrefix(text, "\uFEFF")
			comma = ';'
		}
		for _, s := range resave.Shapes() {
			if c.Name == "resave-"+s.Name {
				text, comma = strings.TrimPrefix(text, "\uFEFF"), s.Comma
			}
		}
		r := csv.NewReader(strings.NewReader(text))
		r.Comma = comma
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if got := int64(len(recs) - 1); got != c.Rows {
			t.Errorf("%s: %d data rows, Case.Rows = %d", c.Name, got, c.Rows)
		}
		if len(recs[0]) != 10 || recs[0][0] != "Profile Name" {
			t.Errorf("%s: header %q", c.Name, recs[0])
		}
	}
}
