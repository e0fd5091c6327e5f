package input

import (
	"errors"
	"io"
	"io/fs"
	"sort"

	"github.com/netflix-donation/widget/extractor/codes"
)

// folderFileSet is the FileSet of a folder: an unzipped export, as macOS
// Safari leaves a downloaded ZIP, or a folder the participant picked.
type folderFileSet struct {
	fsys   fs.FS
	paths  map[string]string // cleaned name -> path in fsys
	names  []string          // sorted keys of paths
	limits Limits
}

// OpenFolder opens the regular files of fsys, at any depth, as a FileSet.
// Symbolic links are not followed, and unreadable sub-folders are skipped
// (what can be read is used). It fails with codes.TooLarge when the folder
// holds more than opts.Limits.MaxEntries files, and files read through it
// fail with codes.TooLarge past opts.Limits.MaxDecompressedBytes (zero
// fields take DefaultLimits).
//
// fsys must list directories: through [fs.ReadDirFS] or directories that
// open as [fs.ReadDirFile], as [os.DirFS] and [testing/fstest.MapFS] do.
//
// A folder that holds no export but one ZIP (the downloaded export ZIP,
// in the folder the participant chose) is opened as that ZIP, in memory,
// with opts. opts.InflateEntry is not used for it: it locates data in one
// input, and a folder has many.
func OpenFolder(fsys fs.FS, opts Options) (FileSet, error) {
	opts.Limits = opts.Limits.withDefaults()
	opts.InflateEntry = nil
	f, err := openFolder(fsys, opts.Limits)
	if err != nil {
		return nil, err
	}
	return f.unwrap(opts)
}

// openFolder lists the files of fsys within lim.
func openFolder(fsys fs.FS, lim Limits) (*folderFileSet, error) {
	f := &folderFileSet{fsys: fsys, paths: map[string]string{}, limits: lim}
	tooMany := errors.New("too many files")
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // unreadable: skip it (for a directory, its contents)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		name, ok := cleanName(p)
		if !ok {
			return nil
		}
		if _, dup := f.paths[name]; dup {
			return nil
		}
		if len(f.paths) == lim.MaxEntries {
			return tooMany
		}
		f.paths[name] = p
		f.names = append(f.names, name)
		return nil
	})
	if errors.Is(err, tooMany) {
		return nil, codes.New(codes.TooLarge, "the folder holds more than %d files", lim.MaxEntries)
	}
	if err != nil {
		return nil, codes.Wrap(codes.NotZipOrCSV, err, "the folder cannot be read")
	}
	sort.Strings(f.names)
	return f, nil
}

func (f *folderFileSet) Kind() Kind { return Folder }

func (f *folderFileSet) Names() []string { return append([]string(nil), f.names...) }

func (f *folderFileSet) Open(name string) (io.ReadCloser, int64, error) {
	p, ok := f.paths[name]
	if !ok {
		return nil, -1, codes.Wrap(codes.Internal, fs.ErrNotExist, "no such file in the folder")
	}
	file, err := f.fsys.Open(p)
	if err != nil {
		return nil, -1, codes.Wrap(codes.NotZipOrCSV, err, "a file of the folder cannot be opened")
	}
	size := int64(-1)
	if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return inputFile{limitReader: newLimitReader(codedReader{file}, f.limits.MaxDecompressedBytes), closer: file}, size, nil
}
