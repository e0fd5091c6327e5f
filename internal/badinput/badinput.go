// Package badinput generates the hostile-input corpus of the extractor:
// every kind of wrong, broken or malicious file a participant's computer
// can hand the widget, each with the error code the extractor
// must answer, plus a few good files that prove the next upload still
// works.
//
// Everything is generated in memory or streamed, deterministically, and
// quickly: the 10 GB zip bomb is about 10 MB of repeated DEFLATE segments
// and builds in milliseconds. Nothing large is committed to the
// repository, and no real export is used: the viewing rows are made up.
//
// The native tests (extractor/badinput_test.go) run each case through
// input.Open and extractor.Extract; browser tests write each case to
// a file named Case.FileName and upload it.
package badinput

import (
	"bytes"
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
)

// Case is one input of the corpus.
type Case struct {
	// Name identifies the case, stable and unique: "bomb-10gb-zeros".
	Name string
	// Desc says in a sentence what the input is and why it must get Want.
	Desc string
	// Want is the code extractor.Extract must return; "" means the input
	// is accepted and summarised.
	Want codes.Code
	// FileName is the name a participant's file would carry; it is what a
	// browser test names the uploaded file. The extractor never decides by
	// it.
	FileName string
	// Rows is, for an accepted case, the number of ViewingActivity data
	// rows, i.e. the summary's rows_total.
	Rows int64
	// Large marks a case whose bytes exceed 1 MiB (bombs, the 100,000
	// entries, the 50 MB line): leave it out of fuzz seeds and quick runs.
	Large bool
	// Build writes the input to w.
	Build func(w io.Writer) error
}

// Bytes builds the case in memory.
func (c Case) Bytes() ([]byte, error) {
	var b bytes.Buffer
	err := c.Build(&b)
	return b.Bytes(), err
}

// Cases returns the corpus, in a fixed order: a good export first and a
// good lone CSV last, so a run through all of them in one session proves
// that a refused input does not spoil the next one.
func Cases() []Case {
	cases := []Case{
		{
			Name: "good-export-zip", Want: "", FileName: "netflix-report.zip", Rows: goodRows,
			Desc:  "a valid minimal export: netflix-report/ with ViewingActivity.csv and other tables",
			Build: func(w io.Writer) error { return writeExport(w, "netflix-report/", goodRows) },
		},
		{
			Name: "good-export-extra-folder", Want: "", FileName: "my-netflix-data.zip", Rows: goodRows,
			Desc:  "a valid export re-zipped under an extra top folder",
			Build: func(w io.Writer) error { return writeExport(w, "Downloads/netflix-report/", goodRows) },
		},
		{
			Name: "empty-0-bytes", Want: codes.EmptyFile, FileName: "netflix-report.zip",
			Desc:  "a file of 0 bytes (a download that failed or has not finished)",
			Build: func(w io.Writer) error { return nil },
		},
		{
			Name: "random-bytes", Want: codes.NotZipOrCSV, FileName: "netflix-report.zip",
			Desc:  "64 KiB of seeded random bytes",
			Build: func(w io.Writer) error { return writeRandom(w, 1, 64<<10) },
		},
		{
			Name: "pdf-renamed", Want: codes.NotZipOrCSV, FileName: "netflix-report.zip",
			Desc:  "a PDF (the export's Cover Sheet) renamed to .zip",
			Build: writePDF,
		},
		{
			Name: "jpeg-renamed", Want: codes.NotZipOrCSV, FileName: "netflix-report.zip",
			Desc:  "a JPEG photo renamed to .zip",
			Build: writeJPEG,
		},
		{
			Name: "docx-renamed", Want: codes.NoViewingActivity, FileName: "netflix-report.zip",
			Desc:  "a Word .docx (itself a valid ZIP) renamed to .zip",
			Build: writeDocx,
		},
		{
			Name: "truncated-zip", Want: codes.CorruptZip, FileName: "netflix-report.zip",
			Desc:  "a good export cut in half, as an interrupted download leaves it",
			Build: writeTruncatedExport,
		},
		{
			Name: "bad-crc", Want: codes.CorruptZip, FileName: "netflix-report.zip",
			Desc:  "a ZIP whose ViewingActivity.csv does not match its CRC-32",
			Build: writeBadCRC,
		},
		{
			Name: "encrypted-entry", Want: codes.UnsupportedZip, FileName: "netflix-report.zip",
			Desc:  "a ZIP whose ViewingActivity.csv is encrypted (flag bit 0)",
			Build: writeEncrypted,
		},
		{
			Name: "100k-entries", Want: codes.TooLarge, FileName: "netflix-report.zip", Large: true,
			Desc:  "a ZIP with 100,000 empty entries, more than MaxEntries",
			Build: func(w io.Writer) error { return writeManyEntries(w, 100_000) },
		},
		{
			Name: "unsafe-names", Want: codes.NoViewingActivity, FileName: "netflix-report.zip",
			Desc:  "ViewingActivity.csv only under names with ../, absolute paths and drive letters",
			Build: writeUnsafeNames,
		},
		{
			Name: "google-takeout", Want: codes.NoViewingActivity, FileName: "takeout-20240101T000000Z-001.zip",
			Desc:  "another service's export: a Google-Takeout-like ZIP",
			Build: writeTakeout,
		},
		{
			Name: "viewing-history-only-csv", Want: codes.ViewingHistoryOnly, FileName: "NetflixViewingHistory.csv",
			Desc:  "the quick per-profile download NetflixViewingHistory.csv (Title,Date)",
			Build: func(w io.Writer) error { _, err := w.Write(viewingHistoryCSV()); return err },
		},
		{
			Name: "viewing-history-only-zip", Want: codes.ViewingHistoryOnly, FileName: "netflix.zip",
			Desc:  "NetflixViewingHistory.csv zipped by the participant",
			Build: writeViewingHistoryZip,
		},
		{
			Name: "utf16le-bom", Want: "", FileName: "ViewingActivity.csv", Rows: smallRows,
			Desc:  "ViewingActivity.csv saved by a spreadsheet as UTF-16LE with a byte order mark",
			Build: func(w io.Writer) error { _, err := w.Write(utf16LE(viewingCSV(smallRows))); return err },
		},
		{
			Name: "semicolon-resave", Want: "", FileName: "ViewingActivity.csv", Rows: smallRows,
			Desc:  "a Dutch spreadsheet re-save: UTF-8 BOM, semicolons, CRLF",
			Build: func(w io.Writer) error { _, err := w.Write(semicolonCSV(smallRows)); return err },
		},
		{
			Name: "header-only", Want: codes.Empty, FileName: "ViewingActivity.csv",
			Desc:  "ViewingActivity.csv with the header and no rows",
			Build: text(viewingHeader + "\n"),
		},
		{
			Name: "txt-placeholder", Want: codes.Empty, FileName: "netflix-report.zip",
			Desc:  "an export whose ViewingActivity is the .txt empty-table placeholder",
			Build: writePlaceholderExport,
		},
		{
			Name: "line-50mb", Want: codes.TooLarge, FileName: "ViewingActivity.csv", Large: true,
			Desc:  "a CSV whose second line is 50 MB long without a newline",
			Build: func(w io.Writer) error { return writeLongLine(w, 50<<20) },
		},
		{
			Name: "invalid-utf8-title", Want: "", FileName: "ViewingActivity.csv", Rows: smallRows,
			Desc:  "a CSV with a Windows-1252 byte (invalid UTF-8) inside a title, which is decoded as Windows-1252",
			Build: func(w io.Writer) error { _, err := w.Write(invalidUTF8CSV(smallRows)); return err },
		},
		{
			Name: "duplicate-headers", Want: codes.BadHeader, FileName: "ViewingActivity.csv",
			Desc:  "a CSV whose header names Title twice",
			Build: func(w io.Writer) error { _, err := w.Write(duplicateHeaderCSV()); return err },
		},
		{
			Name: "missing-duration", Want: codes.BadHeader, FileName: "ViewingActivity.csv",
			Desc:  "a CSV without the required Duration column",
			Build: func(w io.Writer) error { _, err := w.Write(missingDurationCSV()); return err },
		},
		{
			Name: "bomb-10gb-zeros", Want: codes.TooLarge, FileName: "netflix-report.zip", Large: true,
			Desc:  "a zip bomb: ViewingActivity.csv inflates to 10 GiB of zeros, with honest headers",
			Build: func(w io.Writer) error { return writeZeroBomb(w, 10<<30, 10<<30) },
		},
		{
			Name: "bomb-lying-header", Want: codes.TooLarge, FileName: "netflix-report.zip", Large: true,
			Desc:  "a zip bomb whose header claims 1 KiB while the entry inflates to 2 GiB",
			Build: func(w io.Writer) error { return writeZeroBomb(w, 2<<30, 1<<10) },
		},
		{
			Name: "bomb-nested", Want: codes.NestedZip, FileName: "netflix-report.zip",
			Desc:  "a 42.zip-style ZIP of 16 ZIPs, each holding 4 bombs of 1 GiB (64 GiB in all): several archives are never opened",
			Build: writeNestedBomb,
		},
	}
	cases = append(cases, wildCases()...)
	return append(cases, Case{
		Name: "good-lone-csv", Want: "", FileName: "ViewingActivity.csv", Rows: goodRows,
		Desc:  "a valid ViewingActivity.csv uploaded on its own",
		Build: func(w io.Writer) error { _, err := w.Write(viewingCSV(goodRows)); return err },
	})
}
