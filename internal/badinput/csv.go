package badinput

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"
)

// viewingHeader is the exact header of a real ViewingActivity.csv.
const viewingHeader = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country"

// Row counts of the generated viewing files.
const (
	goodRows  = 240 // a good export: enough bytes that cutting it in half cuts the data
	smallRows = 6   // the re-encoded variants
)

// fakeRow is one made-up viewing row. None of it is real data.
type fakeRow struct {
	profile, attrs, title, svt, device, country string
	dur                                         int // seconds
}

// fakeRows is the pool the generated rows cycle through: series and
// movies, a title with a comma, a trailer, autoplay, a hidden view.
func fakeRows() []fakeRow {
	return []fakeRow{
		{"Alex", "", "Example Show: Season 1: The Start (Episode 1)", "", "Samsung 2019 UHD TV Smart TV", "NL (Netherlands)", 2530},
		{"Alex", "Autoplayed: user action: None; ", "Example Show: Season 1: The Middle (Episode 2)", "", "Samsung 2019 UHD TV Smart TV", "NL (Netherlands)", 2410},
		{"Alex", "Autoplayed: user action: None; ", "Trailer: A Made-Up Film", "TRAILER", "Chrome PC (Cadmium)", "NL (Netherlands)", 31},
		{"Alex", "", "A Made-Up Film", "", "Chrome PC (Cadmium)", "NL (Netherlands)", 6120},
		{"Sam & Kim", "", "Voorbeeldserie: Seizoen 2: Het Begin (Aflevering 1)", "", "Apple iPhone 12", "NL (Netherlands)", 1500},
		{"Sam & Kim", "", "Commas, Quotes and Things", "", "Sony PS4", "KR (Korea, Republic of)", 45},
		{"Sam & Kim", "View was hidden; ", "HIDDEN TITLE(user hid title at this time): Something Private", "", "Apple iPad Air 2", "NL (Netherlands)", 900},
	}
}

// writeRows appends n rows to b, the fields joined by sep, lines ended by
// eol. Start times go back from a fixed instant, 7 hours apart, grouped
// by profile and descending as in a real export.
func writeRows(b *bytes.Buffer, n int, sep, eol string) {
	pool := fakeRows()
	t := time.Date(2024, 6, 30, 21, 0, 0, 0, time.UTC)
	for i := range n {
		r := pool[i%len(pool)]
		t = t.Add(-7 * time.Hour)
		d := clock(r.dur)
		fields := []string{r.profile, t.Format(time.DateTime), d, r.attrs, r.title, r.svt, r.device, d, d, r.country}
		for j, f := range fields {
			fields[j] = quote(f, sep)
		}
		b.WriteString(strings.Join(fields, sep))
		b.WriteString(eol)
	}
}

// quote quotes a field as RFC 4180 asks: only when it holds the
// separator, a quote or a line break.
func quote(f, sep string) string {
	if !strings.Contains(f, sep) && !strings.ContainsAny(f, "\"\r\n") {
		return f
	}
	return `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
}

// clock formats seconds as HH:MM:SS.
func clock(s int) string {
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// viewingCSV is a well-formed ViewingActivity.csv with n rows.
func viewingCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString(viewingHeader + "\n")
	writeRows(&b, n, ",", "\n")
	return b.Bytes()
}

// semicolonCSV is viewingCSV as a Dutch or German spreadsheet saves it:
// UTF-8 with a byte order mark, semicolons, CRLF.
func semicolonCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF" + strings.ReplaceAll(viewingHeader, ",", ";") + "\r\n")
	writeRows(&b, n, ";", "\r\n")
	return b.Bytes()
}

// utf16LE encodes UTF-8 text as UTF-16LE with a byte order mark, a
// spreadsheet's "Unicode text".
func utf16LE(text []byte) []byte {
	units := utf16.Encode([]rune("\uFEFF" + string(text)))
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// invalidUTF8CSV is viewingCSV with a Latin-1 "é" (0xE9, invalid UTF-8)
// in the title of the first row.
func invalidUTF8CSV(n int) []byte {
	b := viewingCSV(n)
	return bytes.Replace(b, []byte("The Start"), []byte("Caf\xe9 Start"), 1)
}

// duplicateHeaderCSV names Title twice.
func duplicateHeaderCSV() []byte {
	return []byte("Profile Name,Start Time,Duration,Title,Title\n" +
		"Alex,2024-01-02 20:00:00,00:30:00,A Made-Up Film,A Made-Up Film\n")
}

// missingDurationCSV lacks the required Duration column.
func missingDurationCSV() []byte {
	return []byte("Profile Name,Start Time,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n" +
		"Alex,2024-01-02 20:00:00,,A Made-Up Film,,Chrome PC (Cadmium),00:30:00,00:30:00,NL (Netherlands)\n")
}

// viewingHistoryCSV is the quick per-profile download: Title,Date.
func viewingHistoryCSV() []byte {
	return []byte("Title,Date\n" +
		"\"Example Show: Season 1: The Middle\",6/29/24\n" +
		"A Made-Up Film,6/27/24\n" +
		"\"Example Show: Season 1: The Start\",6/20/24\n")
}

// placeholder is the exact content of Netflix's empty-table .txt file.
const placeholder = "We found no information for this table."
