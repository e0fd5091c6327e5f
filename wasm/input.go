//go:build js && wasm

package main

import (
	"github.com/hack-pad/safejs"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/blockcache"
)

// Block cache geometry for a lazily read input: a CSV (or a ZIP entry's
// compressed stream, where the worker cannot inflate the entry itself)
// is read sequentially, so a few large blocks turn thousands of small
// reads into a handful of FileReaderSync calls and bound the Go heap to
// about 4 MiB per input. When JavaScript inflates the entries, Go reads
// only the ZIP's directory and local headers: a few small blocks, since
// each FileReaderSync call costs time in proportion to what it reads.
const (
	cacheBlockSize = 1 << 20
	cacheBlocks    = 4

	zipHeaderBlockSize = 64 << 10
	zipHeaderBlocks    = 8
)

// maxFolderFiles bounds the files a folder input may list before the
// extractor's own limit applies.
const maxFolderFiles = 100000

// openInput opens the JavaScript input object as a FileSet:
//
//	{kind: "file", name, size, readAt(offset, length)}
//	{kind: "folder", files: [{path, size, readAt(offset, length)}, ...]}
func openInput(v safejs.Value, p *pacer) (input.FileSet, error) {
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
		inflateEntry := entryInflater(v)
		blockSize, blocks := cacheBlockSize, cacheBlocks
		if inflateEntry != nil && looksLikeZip(v) {
			blockSize, blocks = zipHeaderBlockSize, zipHeaderBlocks
		}
		r, err := newFileReader(v, p, blockSize, blocks)
		if err != nil {
			return nil, err
		}
		// Where the worker offers inflate (entryInflater), the browser's
		// DecompressionStream inflates the ZIP's entries and the
		// compressed bytes stay in JavaScript; elsewhere compress/flate
		// does. Either way the extractor counts and limits what is
		// produced.
		return input.Open(r, r.Size(), name, input.Options{InflateEntry: inflateEntry})
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
			return nil, &codes.Error{Code: codes.TooLarge, Msg: "the folder has too many files"}
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
			r, err := newFileReader(f, p, cacheBlockSize, cacheBlocks)
			if err != nil {
				return nil, err
			}
			entries = append(entries, folderEntry{path: path, size: r.Size(), r: r})
		}
		// A folder that holds only the export ZIP is read as that ZIP (in
		// memory, inflated by compress/flate: a rare input).
		return input.OpenFolder(newFolderFS(entries), input.Options{})
	}
	return nil, badInput("the input kind is neither file nor folder")
}

// entryInflater returns the input.Options.InflateEntry hook over the file
// object's inflate method, or nil when it has none.
func entryInflater(file safejs.Value) func(input.ZipEntry) (input.EntryReader, error) {
	if fn, err := file.Get("inflate"); err != nil || fn.Type() != safejs.TypeFunction {
		return nil
	}
	return func(e input.ZipEntry) (input.EntryReader, error) {
		// Offsets and lengths stay below 2^53, exact as JavaScript
		// numbers; a larger stated length is cut to the file anyway. The
		// size goes as gzip's trailer holds it, modulo 2^32.
		obj, err := file.Call("inflate", float64(e.Offset), float64(e.CompressedSize), float64(e.CRC32), float64(e.Size&0xFFFFFFFF))
		if err != nil {
			return nil, err
		}
		return NewEntryReader(obj)
	}
}

// newFileReader returns a cached io.ReaderAt over a JavaScript object with
// a numeric size and a readAt method.
func newFileReader(v safejs.Value, p *pacer, blockSize, blocks int) (*blockcache.ReaderAt, error) {
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
	return blockcache.New(r, int64(size), blockSize, blocks), nil
}

// looksLikeZip reports whether the file object's first bytes are a ZIP
// signature (a local file header, or the end record of an empty ZIP).
// Anything it cannot read is left to input.Open to judge.
func looksLikeZip(v safejs.Value) bool {
	sig, err := v.Call("readAt", 0, 4)
	if err != nil {
		return false
	}
	b := make([]byte, 4)
	if n, err := safejs.CopyBytesToGo(b, sig); err != nil || n < 4 {
		return false
	}
	return string(b) == "PK\x03\x04" || string(b) == "PK\x05\x06"
}

// stringProp returns the string property name of v, or a bad_input error.
func stringProp(v safejs.Value, name string) (string, error) {
	s, err := v.Get(name)
	if err != nil || s.Type() != safejs.TypeString {
		return "", badInput("the input's %s is not a string", name)
	}
	return s.String()
}
