package extractor

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
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
//   - text (UTF-8, another 8-bit text, or a UTF-16 byte order mark):
//     [OpenCSV] with name (and opts.Limits);
//   - 0 bytes: CodeEmpty;
//   - anything else (a PDF, a photo, random bytes): CodeNotZipOrCSV.
func Open(r io.ReaderAt, size int64, name string, opts ZipOptions) (FileSet, error) {
	if size < 0 {
		return nil, newError(CodeNotZipOrCSV, "the input has a negative size")
	}
	if size == 0 {
		return nil, newError(CodeEmpty, "the file is empty (0 bytes)")
	}
	head := make([]byte, min(size, sniffLen))
	n, err := r.ReadAt(head, 0)
	if n == 0 && err != nil {
		if CodeOf(err) != CodeInternal {
			return nil, err
		}
		return nil, wrapError(CodeNotZipOrCSV, err, "the file cannot be read")
	}
	head = head[:n]
	switch {
	case isZipPrefix(head):
		return OpenZip(r, size, opts)
	case looksLikeText(head):
		return openCSV(name, r, size, opts.Limits.withDefaults()), nil
	}
	return nil, newError(CodeNotZipOrCSV, "the file is neither a ZIP nor a CSV")
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
// directory, fails with CodeNotZipOrCSV.
func OpenPath(path string, opts ZipOptions) (FileSet, io.Closer, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, wrapError(CodeNotZipOrCSV, err, "the input path cannot be opened")
	}
	if st.IsDir() {
		fs, err := openFolder(os.DirFS(path), opts.Limits.withDefaults())
		if err != nil {
			return nil, nil, err
		}
		return fs, nopCloser{}, nil
	}
	if !st.Mode().IsRegular() {
		return nil, nil, newError(CodeNotZipOrCSV, "the input path is neither a file nor a folder")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, wrapError(CodeNotZipOrCSV, err, "the input file cannot be opened")
	}
	fs, err := Open(f, st.Size(), filepath.Base(path), opts)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return fs, f, nil
}
