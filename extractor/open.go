package extractor

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/netflix-donation/widget/extractor/codes"
)

// sniffLen is how many leading bytes Open looks at to tell a ZIP, a text
// file and anything else apart.
const sniffLen = 512

// Open opens an input of unknown kind: the one file a participant chose.
// The kind is decided by its first bytes, never by its name (browsers and
// people rename files; Windows reports ZIPs under several MIME types):
//
//   - a ZIP signature ("PK\x03\x04", or "PK\x05\x06" for an empty ZIP):
//     [OpenZip] with opts;
//   - text (UTF-8, Windows-1252, or a UTF-16 byte order mark):
//     [OpenCSV] with name (and opts.Limits);
//   - 0 bytes: codes.EmptyFile (a download that failed or is unfinished);
//   - anything else (a PDF, a photo, random bytes, a saved web page, XML,
//     JSON): codes.NotZipOrCSV.
func Open(r io.ReaderAt, size int64, name string, opts ZipOptions) (FileSet, error) {
	if size < 0 {
		return nil, codes.New(codes.NotZipOrCSV, "the input has a negative size")
	}
	if size == 0 {
		return nil, errEmptyFile()
	}
	head := make([]byte, min(size, sniffLen))
	n, err := r.ReadAt(head, 0)
	if n == 0 && err != nil {
		if codes.Of(err) != codes.Internal {
			return nil, err
		}
		return nil, codes.Wrap(codes.NotZipOrCSV, err, "the file cannot be read")
	}
	head = head[:n]
	switch {
	case isZipPrefix(head):
		return OpenZip(r, size, opts)
	case looksLikeTable(head):
		return openCSV(name, r, size, opts.Limits.withDefaults()), nil
	}
	return nil, codes.New(codes.NotZipOrCSV, "the file is neither a ZIP nor a CSV")
}

// looksLikeText reports whether b, the start of a file, looks like text.
// A UTF-16 byte order mark makes it text (a spreadsheet's "Unicode text").
// Otherwise well-known binary signatures are refused, and so is any byte
// that never occurs in text: the "binary data bytes" of the WHATWG MIME
// sniffing standard (controls other than TAB, LF, FF, CR and ESC). Bytes
// above 0x7F are allowed, so a CSV with invalid UTF-8 in a title, or a
// Windows-1252 re-save, still counts as text and is decoded leniently.
func looksLikeText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	for _, sig := range binarySignatures() {
		if bytes.HasPrefix(b, sig) {
			return false
		}
	}
	for _, c := range b {
		if c <= 0x08 || c == 0x0B || 0x0E <= c && c <= 0x1A || 0x1C <= c && c <= 0x1F {
			return false
		}
	}
	return true
}

// looksLikeTable reports whether b, the start of a file, can be a CSV
// table: text (looksLikeText) that is valid in an encoding a spreadsheet
// writes and is not markup. A UTF-16 byte order mark is enough here: the
// rest is checked on the decoded text when its header does not bind
// (classifyHeader).
func looksLikeTable(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	return looksLikeText(b) && decodableText(b) && !isMarkup(b)
}

// decodableText reports whether b, the start of a text, is valid in an
// encoding a spreadsheet writes: UTF-8 (a character cut off at the end of
// b does not count against it) or, failing that, Windows-1252 (every byte
// but five is defined).
func decodableText(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i] // cut off by the end of the sniff window
			}
			break
		}
	}
	if utf8.Valid(b) {
		return true
	}
	for _, c := range b {
		if undefinedInWindows1252(c) {
			return false
		}
	}
	return true
}

// isMarkup reports whether b, the start of a text file, is a web page,
// XML or JSON rather than a table: after a byte order mark and white
// space it starts with "<", "{" or "[", which no header of the Netflix
// export does.
func isMarkup(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	return len(b) > 0 && (b[0] == '<' || b[0] == '{' || b[0] == '[')
}

// binarySignatures lists the starts of binary formats whose first bytes
// can all be printable: a PDF ("%PDF-") and a PostScript file. Most other
// formats (JPEG, PNG, GIF, executables) have binary bytes early and are
// caught by the byte test.
func binarySignatures() [][]byte {
	return [][]byte{[]byte("%PDF-"), []byte("%!PS-")}
}

// nopCloser is the io.Closer of an input that holds nothing open.
type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// OpenPath opens a path for the command line: a directory as a folder
// ([OpenFolder]), a file by its content ([Open]); opts.Limits apply to
// either. The returned Closer
// releases the open file; call it when done with the FileSet, also after
// an error of Extract. On error the Closer is nil and nothing is left open.
// A path that cannot be opened, or that is neither a file nor a
// directory, fails with codes.NotZipOrCSV.
func OpenPath(path string, opts ZipOptions) (FileSet, io.Closer, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, codes.Wrap(codes.NotZipOrCSV, err, "the input path cannot be opened")
	}
	if st.IsDir() {
		fs, err := OpenFolderOptions(os.DirFS(path), opts)
		if err != nil {
			return nil, nil, err
		}
		return fs, nopCloser{}, nil
	}
	if !st.Mode().IsRegular() {
		return nil, nil, codes.New(codes.NotZipOrCSV, "the input path is neither a file nor a folder")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, codes.Wrap(codes.NotZipOrCSV, err, "the input file cannot be opened")
	}
	fs, err := Open(f, st.Size(), filepath.Base(path), opts)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return fs, f, nil
}
