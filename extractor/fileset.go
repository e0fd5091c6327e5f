package extractor

import "io"

// FileSet is a set of named files: the entries of a ZIP, the files of a
// folder, or a single CSV. Every input kind goes through it, so finding
// and reading ViewingActivity.csv is one piece of code.
type FileSet interface {
	// Kind is "zip", "folder" or "csv"; it is reported in Summary.Source.
	Kind() string
	// Names lists the slash-separated paths of the regular files, in a
	// deterministic order. Unsafe names (absolute, containing "..") are left out.
	Names() []string
	// Open opens the named file for reading. size is the size the input
	// claims (-1 if unknown); readers enforce the set's Limits on the bytes
	// actually read and fail with codes.TooLarge.
	Open(name string) (rc io.ReadCloser, size int64, err error)
}
