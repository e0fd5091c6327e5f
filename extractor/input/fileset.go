// Package input opens what a participant hands the widget as a [FileSet]:
// a ZIP (the export, or the export zipped once more), a folder (the
// unzipped export, or a folder holding the export ZIP) or a lone table.
// The kind is decided by content, never by name. Everything read through a
// FileSet is bounded by [Limits], enforced on the bytes actually read, so
// a zip bomb or a lying header is refused with codes.TooLarge.
//
// It also finds the known tables of the Netflix export in a FileSet
// ([Find], [Tables], [FindViewingActivity]); reading them is the
// extractor's.
package input

import "io"

// Kind is the kind of input a FileSet was opened from. Its string is what
// a summary reports as source.kind.
type Kind string

// The kinds of input.
const (
	ZIP    Kind = "zip"    // a ZIP archive
	Folder Kind = "folder" // a folder of files
	CSV    Kind = "csv"    // one table, normally ViewingActivity.csv
)

// FileSet is a set of named files: the entries of a ZIP, the files of a
// folder, or a single CSV. Every input kind goes through it, so finding
// and reading ViewingActivity.csv is one piece of code.
type FileSet interface {
	// Kind is the kind of input the set was opened from.
	Kind() Kind
	// Names lists the slash-separated paths of the regular files, in a
	// deterministic order. Unsafe names (absolute, containing "..") are left out.
	Names() []string
	// Open opens the named file for reading. size is the size the input
	// claims (-1 if unknown); readers enforce the set's Limits on the bytes
	// actually read and fail with codes.TooLarge. The readers of the sets
	// this package opens implement [Skipper].
	Open(name string) (rc io.ReadCloser, size int64, err error)
}
