//go:build !(js && wasm)

// OpenPath opens files of the operating system, which the browser engine
// has none of.

package input

import (
	"io"
	"os"
	"path/filepath"

	"github.com/netflix-donation/widget/extractor/codes"
)

// nopCloser is the io.Closer of an input that holds nothing open.
type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// OpenPath opens a path for the command line: a directory as a folder
// ([OpenFolder]), a file by its content ([Open]), both with opts. The
// returned Closer releases the open file; call it when done with the
// FileSet, also after an error of reading it. On error the Closer is nil
// and nothing is left open. A path that cannot be opened, or that is
// neither a file nor a directory, fails with codes.NotZipOrCSV.
func OpenPath(path string, opts Options) (FileSet, io.Closer, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, codes.Wrap(codes.NotZipOrCSV, err, "the input path cannot be opened")
	}
	if st.IsDir() {
		fs, err := OpenFolder(os.DirFS(path), opts)
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
