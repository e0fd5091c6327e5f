package input

import (
	"io"
	"io/fs"
	"path"

	"github.com/netflix-donation/widget/extractor/codes"
)

// csvFileSet is the FileSet of one loose file, normally ViewingActivity.csv.
type csvFileSet struct {
	name   string
	r      io.ReaderAt
	size   int64
	limits Limits
}

// openCSV returns the FileSet of a single file of size bytes in r. Its one
// name is the base name of name ("ViewingActivity.csv" when name is empty
// or unsafe). [Find] returns that file for "ViewingActivity" whatever
// it is called, so the file's header, not its name, decides what it is.
// Reads fail with codes.TooLarge past lim.MaxDecompressedBytes.
func openCSV(name string, r io.ReaderAt, size int64, lim Limits) *csvFileSet {
	base := "ViewingActivity.csv"
	if n, ok := cleanName(name); ok {
		base = path.Base(n)
	}
	return &csvFileSet{name: base, r: r, size: size, limits: lim}
}

func (c *csvFileSet) Kind() Kind { return CSV }

func (c *csvFileSet) Names() []string { return []string{c.name} }

func (c *csvFileSet) Open(name string) (io.ReadCloser, int64, error) {
	if name != c.name {
		return nil, -1, codes.Wrap(codes.Internal, fs.ErrNotExist, "no such file")
	}
	sr := io.NewSectionReader(c.r, 0, max(c.size, 0))
	return inputFile{limitReader: newLimitReader(codedReader{sr}, c.limits.MaxDecompressedBytes)}, c.size, nil
}

// codedReader gives the read errors of an input file (other than io.EOF)
// a code, so callers always see a *codes.Error: a file that vanished or
// cannot be read mid-way.
type codedReader struct{ r io.Reader }

func (r codedReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		if codes.Of(err) == codes.Internal {
			err = codes.Wrap(codes.NotZipOrCSV, err, "the file cannot be read")
		}
	}
	return n, err
}
