package badinput

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/internal/resave"
)

// This file holds the files participants really hand in instead of the
// export as Netflix sent it: the viewing table re-saved by a spreadsheet,
// another file picked from the unzipped folder, the export zipped once
// more.

// wildCases returns the cases of files from the wild.
func wildCases() []Case {
	var cases []Case
	for _, shape := range resave.Shapes() {
		cases = append(cases, Case{
			Name: "resave-" + shape.Name, Want: "", FileName: "ViewingActivity.csv", Rows: goodRows,
			Desc:  "ViewingActivity.csv opened and saved by " + shape.Desc,
			Build: func(w io.Writer) error { return writeResaved(w, shape) },
		})
	}
	return append(cases,
		Case{
			Name: "unreadable-dates", Want: codes.UnreadableRows, FileName: "ViewingActivity.csv",
			Desc:  "a re-save whose Start Times are long dates (\"30 jun. 2024 14:00\"), which no row can be read in",
			Build: func(w io.Writer) error { _, err := w.Write(longDateCSV(goodRows)); return err },
		},
		Case{
			Name: "saved-web-page", Want: codes.NotZipOrCSV, FileName: "Netflix.html",
			Desc:  "the viewing activity web page saved by the browser",
			Build: text(webPage),
		},
		Case{
			Name: "readme-text", Want: codes.NotZipOrCSV, FileName: "README.txt",
			Desc:  "a plain text note, not a table",
			Build: text(readme),
		},
		Case{
			Name: "json-file", Want: codes.NotZipOrCSV, FileName: "viewing.json",
			Desc:  "viewing data as JSON (another tool's export)",
			Build: text(jsonExport),
		},
		Case{
			Name: "other-netflix-table", Want: codes.OtherNetflixFile, FileName: "MessagesSentByNetflix.csv",
			Desc:  "MESSAGES/MessagesSentByNetflix.csv picked from the unzipped export",
			Build: text(messagesCSV),
		},
		Case{
			Name: "other-netflix-table-quoted", Want: codes.OtherNetflixFile, FileName: "Profiles.csv",
			Desc:  "PROFILES/Profiles.csv (every field quoted, CRLF) picked from the unzipped export",
			Build: text(profilesCSV),
		},
		Case{
			Name: "nested-export-zip", Want: "", FileName: "netflix-report.zip", Rows: goodRows,
			Desc:  "the export ZIP zipped once more (\"Compress\"), deflated",
			Build: func(w io.Writer) error { return writeNestedExport(w, zip.Deflate) },
		},
		Case{
			Name: "nested-export-zip-stored", Want: "", FileName: "Archive.zip", Rows: goodRows,
			Desc:  "the export ZIP zipped once more, stored, next to macOS resource-fork junk",
			Build: func(w io.Writer) error { return writeNestedExport(w, zip.Store) },
		},
		Case{
			Name: "nested-twice", Want: codes.NestedZip, FileName: "netflix-report.zip",
			Desc:  "the export ZIP zipped twice more: only one level is opened",
			Build: writeNestedTwice,
		},
		Case{
			Name: "bomb-nested-once", Want: codes.TooLarge, FileName: "netflix-report.zip",
			Desc:  "a ZIP holding only a ZIP whose ViewingActivity.csv inflates to 1 GiB of zeros: one level is opened, within the limits",
			Build: writeBombNestedOnce,
		},
	)
}

// writeResaved writes the good ViewingActivity.csv as shape saves it.
func writeResaved(w io.Writer, shape resave.Shape) error {
	b, err := shape.Resave(viewingCSV(goodRows))
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// longDateCSV is viewingCSV with every Start Time shown as a Dutch long
// date, a format a participant may pick in a spreadsheet.
func longDateCSV(n int) []byte {
	months := []string{"jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}
	var b bytes.Buffer
	b.WriteString(strings.ReplaceAll(viewingHeader, ",", ";") + "\r\n")
	var rows bytes.Buffer
	writeRows(&rows, n, ";", "\r\n")
	for _, line := range strings.SplitAfter(rows.String(), "\r\n") {
		if line == "" {
			continue
		}
		f := strings.SplitN(line, ";", 3)
		t, err := time.Parse(time.DateTime, f[1])
		if err != nil {
			panic(err) // writeRows writes canonical times
		}
		f[1] = fmt.Sprintf("%d %s %d %02d:%02d", t.Day(), months[t.Month()-1], t.Year(), t.Hour(), t.Minute())
		b.WriteString(strings.Join(f, ";"))
	}
	return b.Bytes()
}

// webPage is a browser's "Save page" of a made-up viewing activity page.
const webPage = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Netflix</title></head>\n" +
	"<body><h1>Kijkactiviteit</h1><ul><li>30-6-24 A Made-Up Film</li></ul></body></html>\n"

// readme is a note a participant might keep with the export.
const readme = "My Netflix data\n\nDownloaded in June. The real file is somewhere else.\n"

// jsonExport is viewing data in another tool's JSON.
const jsonExport = "[{\"title\": \"A Made-Up Film\", \"date\": \"2024-06-30\"}]\n"

// messagesCSV is a made-up MessagesSentByNetflix.csv with its real header.
const messagesCSV = "Profile Name,Sent Utc Ts,Message Name,Channel,Country Iso Code,Account Locale,Email Locale,Title Name,Email Domain Name,Link Url,Click Utc Ts,Device Model,Click Cnt\n" +
	"Alex,2024-06-01 10:00:00,Multichannel Launch,EMAIL,NL,nl-NL,nl-NL,A Made-Up Film,example.invalid,,,--,0\n"

// profilesCSV is a made-up Profiles.csv, quoted and CRLF as Netflix writes it.
const profilesCSV = "\"Profile Name\",\"Email Address\",\"Profile Creation Time\",\"Maturity Level\",\"Primary Lang\"\r\n" +
	"\"Alex\",\"\",\"2021-11-18T20:37:14Z\",\"ADULTS\",\"nl\"\r\n"

// writeNestedExport writes a ZIP holding the good export ZIP, with method,
// and for a stored one also the resource fork macOS adds.
func writeNestedExport(w io.Writer, method uint16) error {
	var export bytes.Buffer
	if err := writeExport(&export, "netflix-report/", goodRows); err != nil {
		return err
	}
	var entries []zipEntry
	if method == zip.Store {
		entries = append(entries, zipEntry{"__MACOSX/._netflix-report.zip", []byte("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"), zip.Deflate})
	}
	return writeMethodZip(w, append(entries, zipEntry{"netflix-report.zip", export.Bytes(), method}))
}

// writeNestedTwice writes the good export ZIP inside a ZIP inside a ZIP.
func writeNestedTwice(w io.Writer) error {
	var once bytes.Buffer
	if err := writeNestedExport(&once, zip.Deflate); err != nil {
		return err
	}
	return writeMethodZip(w, []zipEntry{{"netflix-report.zip", once.Bytes(), zip.Deflate}})
}

// writeBombNestedOnce writes a ZIP holding only a ZIP whose
// ViewingActivity.csv is a 1 GiB zero bomb. Its repeated DEFLATE segments
// deflate well once more, so the outer ZIP stays small.
func writeBombNestedOnce(w io.Writer) error {
	var bomb bytes.Buffer
	if err := writeZeroBomb(&bomb, 1<<30, 1<<30); err != nil {
		return err
	}
	return writeMethodZip(w, []zipEntry{{"netflix-report.zip", bomb.Bytes(), zip.Deflate}})
}
