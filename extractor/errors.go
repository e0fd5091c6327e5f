package extractor

import (
	"context"
	"errors"
	"fmt"
)

// Code is a stable, machine-readable error code. Codes are part of the
// public contract: the widget translates them into friendly messages and
// survey data may record them, so they never change meaning.
type Code string

// The error codes [Extract], [ListProfiles], [Share] and the Open functions return.
const (
	// CodeNotZipOrCSV: the input is neither a ZIP nor a table of the export (a PDF, a photo, random
	// bytes, a saved web page, XML, JSON, a README).
	CodeNotZipOrCSV Code = "not_zip_or_csv"
	// CodeEmptyFile: the input, or its ViewingActivity file, has 0 bytes: a download that failed or
	// has not finished (Netflix itself never writes an empty file).
	CodeEmptyFile Code = "empty_file"
	// CodeCorruptZip: the input starts like a ZIP but cannot be read (truncated download, bad CRC).
	CodeCorruptZip Code = "corrupt_zip"
	// CodeUnsupportedZip: the ZIP is readable but uses encryption or a compression method we cannot read.
	CodeUnsupportedZip Code = "unsupported_zip"
	// CodeNoViewingActivity: a readable input without ViewingActivity.csv (another service's export, a .docx).
	CodeNoViewingActivity Code = "no_viewing_activity"
	// CodeViewingHistoryOnly: the quick per-profile NetflixViewingHistory.csv (Title,Date) instead of the full export.
	CodeViewingHistoryOnly Code = "viewing_history_only"
	// CodeOtherNetflixFile: another table of the export (MessagesSentByNetflix.csv, Ratings.csv, ...)
	// chosen instead of CONTENT_INTERACTION/ViewingActivity.csv.
	CodeOtherNetflixFile Code = "other_netflix_file"
	// CodeBadHeader: ViewingActivity.csv lacks a required column (Start Time, Duration, Title), repeats
	// one, or lost its header line: some but not all of the table is there.
	CodeBadHeader Code = "bad_header"
	// CodeUnreadableRows: fewer than half of the rows of ViewingActivity.csv (of the chosen profiles,
	// for Extract) have a Start Time and a Duration that can be read (a re-save in a shape the
	// extractor does not know), or no row is a view while some rows cannot be read. A summary would
	// mislead.
	CodeUnreadableRows Code = "unreadable_rows"
	// CodeEmpty: ViewingActivity.csv has no data rows (only a header, or the empty-table placeholder).
	CodeEmpty Code = "empty"
	// CodeTooLarge: a limit was hit while reading (decompressed bytes, entries, line length,
	// compression ratio), counted over both levels of an export zipped once more.
	CodeTooLarge Code = "too_large"
	// CodeNestedZip: the export is not there, but archives are, which are not opened: several ZIPs
	// inside the ZIP or folder, or a ZIP inside the inner ZIP (only one level of nesting is opened).
	CodeNestedZip Code = "nested_zip"
	// CodeBadOptions: the options are invalid (unknown time zone, malformed date, unknown title detail).
	CodeBadOptions Code = "bad_options"
	// CodeAborted: the caller's context was cancelled.
	CodeAborted Code = "aborted"
	// CodeChecksumMismatch: a shared donation does not match its checksum (it was cut or altered).
	CodeChecksumMismatch Code = "checksum_mismatch"
	// CodeInternal: an unexpected failure inside the extractor (a recovered panic). Always a bug.
	CodeInternal Code = "internal"
)

// Codes returns every Code of this package, in the order they are
// declared. The widget translates each (web/contract.go lists them for
// the JavaScript side); a test checks the list against the declarations.
func Codes() []Code {
	return []Code{
		CodeNotZipOrCSV, CodeEmptyFile, CodeCorruptZip, CodeUnsupportedZip, CodeNoViewingActivity,
		CodeViewingHistoryOnly, CodeOtherNetflixFile, CodeBadHeader, CodeUnreadableRows, CodeEmpty,
		CodeTooLarge, CodeNestedZip, CodeBadOptions, CodeAborted, CodeChecksumMismatch, CodeInternal,
	}
}

// Error is the error type of this package. Its message never contains raw
// data from the input (no titles, no profile names), so it is safe to log
// and to show.
type Error struct {
	Code Code   // stable machine-readable code
	Msg  string // human-readable English explanation, without raw data
	Err  error  // optional underlying cause (never shown to participants)
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Msg }

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, &Error{Code: CodeEmpty}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// CodeOf returns the code of err: the Code of an *Error in its chain,
// CodeAborted for context cancellation, "" for nil, and CodeInternal otherwise.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return CodeAborted
	}
	return CodeInternal
}

func newError(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

func wrapError(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...), Err: err}
}
