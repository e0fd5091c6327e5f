//go:build js && wasm

package main

import (
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// folderEntry is one file of a folder pick: its slash-separated relative
// path (webkitRelativePath), its size and a lazy reader of its bytes.
type folderEntry struct {
	path string
	size int64
	r    io.ReaderAt
}

// folderFS is a read-only fs.FS over a list of folderEntry values. Unlike
// testing/fstest.MapFS it holds no bytes: a file's content is read from
// its io.ReaderAt only when the file is read. Paths that are not valid
// fs.FS paths (absolute, with "." or ".." elements, backslashes) are left
// out, as are later duplicates and files that clash with a directory.
type folderFS struct {
	files map[string]folderEntry
	dirs  map[string][]string // directory -> sorted child names; "." is the root
}

// newFolderFS builds the tree of entries.
func newFolderFS(entries []folderEntry) *folderFS {
	f := &folderFS{files: map[string]folderEntry{}, dirs: map[string][]string{".": nil}}
	for _, e := range entries {
		p := e.path
		if !fs.ValidPath(p) || p == "." || strings.Contains(p, "\\") || f.clashes(p) {
			continue
		}
		f.files[p] = e
		for child := p; child != "."; child = path.Dir(child) {
			dir := path.Dir(child)
			_, known := f.dirs[dir]
			if !slices.Contains(f.dirs[dir], path.Base(child)) {
				f.dirs[dir] = append(f.dirs[dir], path.Base(child))
			}
			if known {
				break
			}
		}
	}
	for _, names := range f.dirs {
		slices.Sort(names)
	}
	return f
}

// clashes reports whether p cannot be added: it exists already (as a file
// or directory), or one of its parents is a file.
func (f *folderFS) clashes(p string) bool {
	if _, ok := f.files[p]; ok {
		return true
	}
	if _, ok := f.dirs[p]; ok {
		return true
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if _, ok := f.files[d]; ok {
			return true
		}
	}
	return false
}

// Open implements fs.FS.
func (f *folderFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if e, ok := f.files[name]; ok {
		return &folderFile{info: fileInfo{name: path.Base(name), size: e.size}, r: io.NewSectionReader(e.r, 0, e.size)}, nil
	}
	if _, ok := f.dirs[name]; ok {
		entries, _ := f.ReadDir(name)
		return &folderDir{info: fileInfo{name: path.Base(name), dir: true}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS: the entries of a directory, sorted by name.
func (f *folderFS) ReadDir(name string) ([]fs.DirEntry, error) {
	names, ok := f.dirs[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		full := path.Join(name, n)
		info := fileInfo{name: n, dir: true}
		if e, ok := f.files[full]; ok {
			info = fileInfo{name: n, size: e.size}
		}
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	return out, nil
}

// fileInfo is the fs.FileInfo of a folderFS file or directory.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }

// folderFile is an open file; it also offers ReadAt and Seek.
type folderFile struct {
	info fileInfo
	r    *io.SectionReader
}

func (f *folderFile) Stat() (fs.FileInfo, error)                { return f.info, nil }
func (f *folderFile) Read(p []byte) (int, error)                { return f.r.Read(p) }
func (f *folderFile) ReadAt(p []byte, off int64) (int, error)   { return f.r.ReadAt(p, off) }
func (f *folderFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *folderFile) Close() error                              { return nil }

// folderDir is an open directory.
type folderDir struct {
	info    fileInfo
	entries []fs.DirEntry
	offset  int
}

func (d *folderDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *folderDir) Close() error               { return nil }
func (d *folderDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}

// ReadDir implements fs.ReadDirFile.
func (d *folderDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.offset += len(rest)
	return rest, nil
}
