package extractor

import (
	"io"
	"os"
	"path/filepath"

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
	case csvscan.LooksLikeTable(head):
		return openCSV(name, r, size, opts.Limits.withDefaults()), nil
	}
	return nil, codes.New(codes.NotZipOrCSV, "the file is neither a ZIP nor a CSV")
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
