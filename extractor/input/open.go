package input

import (
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/csvscan"
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
//   - text (UTF-8, Windows-1252, or a UTF-16 byte order mark): a FileSet
//     of Kind CSV holding that one file under the base name of name, which
//     [Find] returns for "ViewingActivity" whatever it is called (the
//     file's header, not its name, decides what it is);
//   - 0 bytes: codes.EmptyFile (a download that failed or is unfinished);
//   - anything else (a PDF, a photo, random bytes, a saved web page, XML,
//     JSON): codes.NotZipOrCSV.
func Open(r io.ReaderAt, size int64, name string, opts Options) (FileSet, error) {
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
	case csvscan.LooksLikeTable(head):
		return openCSV(name, r, size, opts.Limits.withDefaults()), nil
	}
	return nil, codes.New(codes.NotZipOrCSV, "the file is neither a ZIP nor a CSV")
}

// errEmptyFile is the error for a file of 0 bytes. Netflix never writes
// one (an empty table becomes a .txt placeholder): it is a download that
// failed or has not finished.
func errEmptyFile() *codes.Error {
	return codes.New(codes.EmptyFile, "the file is empty (0 bytes)")
}
