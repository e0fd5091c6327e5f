// Package resave writes ViewingActivity.csv back as spreadsheet programs
// do after a participant opened and saved it: Excel with Dutch, German,
// British and American settings, Excel's "CSV UTF-8", LibreOffice and
// Numbers with Dutch settings (netflix-format.md §2.8).
//
// It is the test oracle for the extractor's reading of re-saved files, so
// it shares no code with the extractor: the pristine table is read with
// encoding/csv and its times with the time package, and each shape is
// written byte for byte as its program writes it: the field separator,
// quoting only where the separator, a quote or a line break needs it, the
// text encoding (Windows-1252 with "?" for every character it lacks, or
// UTF-8 with or without a byte order mark), the line ends, and dates and
// durations as the program shows them. Start times stay UTC (spreadsheets
// do not convert them) and lose their seconds, which the display formats
// leave out and spreadsheets truncate.
package resave

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Encoding is the text encoding a program saves in.
type Encoding int

// The encodings of the shapes.
const (
	UTF8        Encoding = iota // UTF-8 without a byte order mark
	UTF8BOM                     // UTF-8 with a byte order mark (Excel's "CSV UTF-8")
	Windows1252                 // Excel's "CSV" on a Western Windows: "?" for what it lacks
)

// Shape is one program with one set of regional settings.
type Shape struct {
	Name     string   // "excel-nl"
	Desc     string   // what a participant did
	Comma    rune     // the field separator
	Encoding Encoding // the text encoding
	CRLF     bool     // lines end in CR LF (else LF)
	// StartFormat is how the program shows a Start Time, in the tokens of
	// formatStart: "D-M-YYYY h:mm" is Dutch Excel's "29-10-2023 18:36".
	StartFormat string
	// PadHours writes durations as HH:MM:SS (else H:MM:SS).
	PadHours bool
	// DayFirst says how the dates are ordered, which the extractor must
	// find out from the file (its summary's source.date_order).
	DayFirst bool
}

// Shapes returns every shape, in a fixed order.
func Shapes() []Shape {
	return []Shape{
		{Name: "excel-nl", Desc: "Excel with Dutch settings, saved as CSV (separated by list separator)",
			Comma: ';', Encoding: Windows1252, CRLF: true, StartFormat: "D-M-YYYY h:mm", DayFirst: true},
		{Name: "excel-nl-utf8", Desc: "Excel with Dutch settings, saved as CSV UTF-8",
			Comma: ';', Encoding: UTF8BOM, CRLF: true, StartFormat: "D-M-YYYY h:mm", DayFirst: true},
		{Name: "excel-de", Desc: "Excel with German settings, saved as CSV (separated by semicolons)",
			Comma: ';', Encoding: Windows1252, CRLF: true, StartFormat: "DD.MM.YYYY hh:mm", DayFirst: true},
		{Name: "excel-uk", Desc: "Excel with British settings, saved as CSV (comma delimited)",
			Comma: ',', Encoding: Windows1252, CRLF: true, StartFormat: "DD/MM/YYYY hh:mm", DayFirst: true},
		{Name: "excel-us", Desc: "Excel with American settings, saved as CSV (comma delimited)",
			Comma: ',', Encoding: Windows1252, CRLF: true, StartFormat: "M/D/YYYY h:mm", DayFirst: false},
		{Name: "libreoffice-nl", Desc: "LibreOffice Calc with Dutch settings, saved as Text CSV (UTF-8, comma)",
			Comma: ',', Encoding: UTF8, StartFormat: "DD-MM-YY hh:mm", PadHours: true, DayFirst: true},
		{Name: "numbers-nl", Desc: "Numbers with Dutch region settings, exported as CSV (UTF-8)",
			Comma: ';', Encoding: UTF8, StartFormat: "DD-MM-YYYY hh:mm", DayFirst: true},
	}
}

// clockRE is a Duration or Bookmark as Netflix writes it.
var clockRE = regexp.MustCompile(`^(\d+):(\d\d):(\d\d)$`)

// Resave returns pristine, a ViewingActivity.csv as Netflix writes it,
// saved again in shape s. Every Start Time must be canonical
// ("YYYY-MM-DD HH:MM:SS").
func (s Shape) Resave(pristine []byte) ([]byte, error) {
	r := csv.NewReader(bytes.NewReader(pristine))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("resave: reading the pristine table: %w", err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("resave: the pristine table is empty")
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	start, ok := col["Start Time"]
	if !ok {
		return nil, fmt.Errorf("resave: no Start Time column")
	}
	clocks := []int{}
	for _, name := range []string{"Duration", "Bookmark", "Latest Bookmark"} {
		if i, ok := col[name]; ok {
			clocks = append(clocks, i)
		}
	}
	var out strings.Builder
	eol := "\n"
	if s.CRLF {
		eol = "\r\n"
	}
	for n, rec := range recs {
		if n > 0 {
			if start < len(rec) {
				t, err := time.Parse(time.DateTime, rec[start])
				if err != nil {
					return nil, fmt.Errorf("resave: row %d: Start Time %q is not canonical", n, rec[start])
				}
				rec[start] = formatStart(t, s.StartFormat)
			}
			for _, i := range clocks {
				if i < len(rec) {
					rec[i] = s.clock(rec[i])
				}
			}
		}
		for i, f := range rec {
			if i > 0 {
				out.WriteRune(s.Comma)
			}
			out.WriteString(s.quote(f))
		}
		out.WriteString(eol)
	}
	return s.encode(out.String()), nil
}

// formatStart writes t in format, whose tokens are YYYY and YY (year),
// MM and M (month), DD and D (day), hh and h (hour, 0 to 23) and mm
// (minute): doubled letters pad to two digits. Anything else is copied.
func formatStart(t time.Time, format string) string {
	tokens := []struct {
		tok string
		val func() string
	}{
		{"YYYY", func() string { return fmt.Sprintf("%04d", t.Year()) }},
		{"YY", func() string { return fmt.Sprintf("%02d", t.Year()%100) }},
		{"MM", func() string { return fmt.Sprintf("%02d", int(t.Month())) }},
		{"M", func() string { return strconv.Itoa(int(t.Month())) }},
		{"DD", func() string { return fmt.Sprintf("%02d", t.Day()) }},
		{"D", func() string { return strconv.Itoa(t.Day()) }},
		{"hh", func() string { return fmt.Sprintf("%02d", t.Hour()) }},
		{"h", func() string { return strconv.Itoa(t.Hour()) }},
		{"mm", func() string { return fmt.Sprintf("%02d", t.Minute()) }},
	}
	var b strings.Builder
next:
	for format != "" {
		for _, tk := range tokens {
			if strings.HasPrefix(format, tk.tok) {
				b.WriteString(tk.val())
				format = format[len(tk.tok):]
				continue next
			}
		}
		b.WriteByte(format[0])
		format = format[1:]
	}
	return b.String()
}

// clock writes a Duration or Bookmark as the program shows a time span:
// hours unpadded (Excel's h:mm:ss) or padded to two digits, hours above
// 24 kept (Excel's [h]:mm:ss). Other text ("Not latest view") stays.
func (s Shape) clock(v string) string {
	m := clockRE.FindStringSubmatch(v)
	if m == nil {
		return v
	}
	h, _ := strconv.Atoi(m[1])
	if s.PadHours {
		return fmt.Sprintf("%02d:%s:%s", h, m[2], m[3])
	}
	return fmt.Sprintf("%d:%s:%s", h, m[2], m[3])
}

// quote quotes a field that holds the separator, a quote or a line break,
// doubling its quotes, as Excel, LibreOffice and Numbers do.
func (s Shape) quote(f string) string {
	if !strings.ContainsRune(f, s.Comma) && !strings.ContainsAny(f, "\"\r\n") {
		return f
	}
	return `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
}

// encode writes text in the shape's encoding.
func (s Shape) encode(text string) []byte {
	switch s.Encoding {
	case UTF8BOM:
		return append([]byte("\uFEFF"), text...)
	case Windows1252:
		return EncodeWindows1252(text)
	}
	return []byte(text)
}

// windows1252 maps the characters of Windows-1252's bytes 0x80 to 0x9F
// (its five undefined bytes are left out) to those bytes.
func windows1252() map[rune]byte {
	return map[rune]byte{
		'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
		'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
		'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
		'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
	}
}

// EncodeWindows1252 encodes text as Windows-1252, writing "?" for each
// character it cannot hold, as Excel does.
func EncodeWindows1252(text string) []byte {
	high := windows1252()
	out := make([]byte, 0, len(text))
	for _, r := range text {
		b, ok := high[r]
		switch {
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
		case ok:
			out = append(out, b)
		default:
			out = append(out, '?')
		}
	}
	return out
}
