//go:build js && wasm

package main

import (
	"github.com/hack-pad/safejs"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/blockcache"
	"github.com/netflix-donation/widget/internal/jsinflate"
)

// Block cache geometry for a lazily read input: a ZIP's central directory
// and one entry's compressed stream are read mostly sequentially, so a
// few large blocks turn thousands of small reads into a handful of
// FileReaderSync calls and bound the Go heap to about 4 MiB per input.
const (
	cacheBlockSize = 1 << 20
	cacheBlocks    = 4
)

// maxFolderFiles bounds the files a folder input may list before the
// extractor's own limit applies.
const maxFolderFiles = 100000

// openInput opens the JavaScript input object as a FileSet:
//
//	{kind: "file", name, size, readAt(offset, length)}
//	{kind: "folder", files: [{path, size, readAt(offset, length)}, ...]}
func openInput(v safejs.Value, p *pacer) (extractor.FileSet, error) {
	if v.Type() != safejs.TypeObject {
		return nil, badInput("the input is not an object")
	}
	kind, err := stringProp(v, "kind")
	if err != nil {
		return nil, err
	}
	switch kind {
	case "file":
		name, err := stringProp(v, "name")
		if err != nil {
			return nil, err
		}
		r, err := newFileReader(v, p)
		if err != nil {
			return nil, err
		}
		// The browser's DecompressionStream inflates several times faster
		// than compress/flate compiled to wasm (bench/README.md); Inflater
		// is nil where it is missing, and the extractor then uses
		// compress/flate. Either way the extractor counts and limits what
		// the inflater produces.
		return extractor.Open(r, r.Size(), name, extractor.ZipOptions{Inflate: jsinflate.Inflater()})
	case "folder":
		files, err := v.Get("files")
		if err != nil {
			return nil, badInput("the folder has no file list")
		}
		n, err := files.Length()
		if err != nil || files.Type() != safejs.TypeObject {
			return nil, badInput("the folder's file list is not an array")
		}
		if n > maxFolderFiles {
			return nil, &extractor.Error{Code: extractor.CodeTooLarge, Msg: "the folder has too many files"}
		}
		entries := make([]folderEntry, 0, n)
		for i := range n {
			f, err := files.Index(i)
			if err != nil {
				return nil, badInput("cannot read folder file %d", i)
			}
			path, err := stringProp(f, "path")
			if err != nil {
				return nil, err
			}
			r, err := newFileReader(f, p)
			if err != nil {
				return nil, err
			}
			entries = append(entries, folderEntry{path: path, size: r.Size(), r: r})
		}
		return extractor.OpenFolder(newFolderFS(entries))
	}
	return nil, badInput("the input kind is neither file nor folder")
}

// newFileReader returns a cached io.ReaderAt over a JavaScript object with
// a numeric size and a readAt method.
func newFileReader(v safejs.Value, p *pacer) (*blockcache.ReaderAt, error) {
	if v.Type() != safejs.TypeObject {
		return nil, badInput("a file of the input is not an object")
	}
	sv, err := v.Get("size")
	if err != nil || sv.Type() != safejs.TypeNumber {
		return nil, badInput("a file of the input has no numeric size")
	}
	size, err := sv.Float()
	if err != nil || size < 0 || size > 1<<53 || size != float64(int64(size)) {
		return nil, badInput("a file of the input has an invalid size")
	}
	if fn, err := v.Get("readAt"); err != nil || fn.Type() != safejs.TypeFunction {
		return nil, badInput("a file of the input has no readAt function")
	}
	r := &jsReaderAt{obj: v, size: int64(size), pacer: p}
	return blockcache.New(r, int64(size), cacheBlockSize, cacheBlocks), nil
}

// stringProp returns the string property name of v, or a bad_input error.
func stringProp(v safejs.Value, name string) (string, error) {
	s, err := v.Get(name)
	if err != nil || s.Type() != safejs.TypeString {
		return "", badInput("the input's %s is not a string", name)
	}
	return s.String()
}
