// Package codes defines the stable error codes of the extractor and the
// error type that carries them.
//
// A code is part of the public contract: the widget translates each into a
// friendly message (nl, en, de), survey data may record it, and the
// JavaScript side lists them (web/contract.js). The string of a code never
// changes meaning. An [Error] pairs a code with an English explanation
// that never contains raw data from the input, so it is safe to log and to
// show.
package codes

import (
	"context"
	"errors"
	"fmt"
)

// Code is a stable, machine-readable error code.
type Code string

// The codes, by what went wrong. The widget adds a few of its own for
// failures outside the extractor (web/contract.go).
const (
	// NotZipOrCSV: the input is neither a ZIP nor a table of the export (a PDF, a photo, random
	// bytes, a saved web page, XML, JSON, a README).
	NotZipOrCSV Code = "not_zip_or_csv"
	// EmptyFile: the input, or its ViewingActivity file, has 0 bytes: a download that failed or
	// has not finished (Netflix itself never writes an empty file).
	EmptyFile Code = "empty_file"
	// CorruptZip: the input starts like a ZIP but cannot be read (truncated download, bad CRC).
	CorruptZip Code = "corrupt_zip"
	// UnsupportedZip: the ZIP is readable but uses encryption or a compression method we cannot read.
	UnsupportedZip Code = "unsupported_zip"
	// NoViewingActivity: a readable input without ViewingActivity.csv (another service's export, a .docx).
	NoViewingActivity Code = "no_viewing_activity"
	// ViewingHistoryOnly: the quick per-profile NetflixViewingHistory.csv (Title,Date) instead of the full export.
	ViewingHistoryOnly Code = "viewing_history_only"
	// OtherNetflixFile: another table of the export (MessagesSentByNetflix.csv, Ratings.csv, ...)
	// chosen instead of CONTENT_INTERACTION/ViewingActivity.csv.
	OtherNetflixFile Code = "other_netflix_file"
	// BadHeader: ViewingActivity.csv lacks a required column (Start Time, Duration, Title), repeats
	// one, or lost its header line: some but not all of the table is there.
	BadHeader Code = "bad_header"
	// UnreadableRows: fewer than half of the rows of ViewingActivity.csv (of the chosen profiles,
	// for Extract) have a Start Time and a Duration that can be read (a re-save in a shape the
	// extractor does not know), or no row is a view while some rows cannot be read. A summary would
	// mislead.
	UnreadableRows Code = "unreadable_rows"
	// Empty: ViewingActivity.csv has no data rows (only a header, or the empty-table placeholder).
	Empty Code = "empty"
	// TooLarge: a limit was hit while reading (decompressed bytes, entries, line length,
	// compression ratio), counted over both levels of an export zipped once more.
	TooLarge Code = "too_large"
	// NestedZip: the export is not there, but archives are, which are not opened: several ZIPs
	// inside the ZIP or folder, or a ZIP inside the inner ZIP (only one level of nesting is opened).
	NestedZip Code = "nested_zip"
	// BadOptions: the options are invalid (unknown time zone, malformed date, unknown title detail).
	BadOptions Code = "bad_options"
	// Aborted: the caller's context was cancelled.
	Aborted Code = "aborted"
	// ChecksumMismatch: a shared donation does not match its checksum (it was cut or altered).
	ChecksumMismatch Code = "checksum_mismatch"
	// Internal: an unexpected failure inside the extractor (a recovered panic). Always a bug.
	Internal Code = "internal"
)

// All returns every Code of this package, in the order they are declared.
// The widget translates each (web/contract.go lists them for the
// JavaScript side); a test checks the list against the declarations.
func All() []Code {
	return []Code{
		NotZipOrCSV, EmptyFile, CorruptZip, UnsupportedZip, NoViewingActivity,
		ViewingHistoryOnly, OtherNetflixFile, BadHeader, UnreadableRows, Empty,
		TooLarge, NestedZip, BadOptions, Aborted, ChecksumMismatch, Internal,
	}
}

// Error is an error with a Code. Its message never contains raw data from
// the input (no titles, no profile names), so it is safe to log and to
// show.
type Error struct {
	Code Code   // stable machine-readable code
	Msg  string // human-readable English explanation, without raw data
	Err  error  // optional underlying cause (never shown to participants)
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Msg }

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, &Error{Code: Empty}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Of returns the code of err: the Code of an *Error in its chain, Aborted
// for context cancellation, "" for nil, and Internal otherwise.
func Of(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return Aborted
	}
	return Internal
}

// New returns an *Error with code and the message format and args make.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Wrap is New with err as the underlying cause.
func Wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...), Err: err}
}
