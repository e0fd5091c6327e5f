package extractor

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/csvscan"
	"github.com/netflix-donation/widget/internal/synth"
)

// TestViewingColumnConstants checks that the col* constants name the
// viewingRow fields in struct order, and the tags are the real header names.
func TestViewingColumnConstants(t *testing.T) {
	want := map[int][2]string{
		colProfile:      {"ProfileName", "Profile Name"},
		colStart:        {"StartTime", "Start Time"},
		colDuration:     {"Duration", "Duration"},
		colAttributes:   {"Attributes", "Attributes"},
		colTitle:        {"Title", "Title"},
		colSupplemental: {"SupplementalVideoType", "Supplemental Video Type"},
		colDevice:       {"DeviceType", "Device Type"},
		colCountry:      {"Country", "Country"},
	}
	typ := reflect.TypeFor[viewingRow]()
	if typ.NumField() != numViewingCols || len(want) != numViewingCols {
		t.Fatalf("viewingRow has %d fields, constants name %d", typ.NumField(), numViewingCols)
	}
	for i, w := range want {
		f := typ.Field(i)
		if f.Name != w[0] || f.Tag.Get("csv") != w[1] {
			t.Errorf("field %d = %s %q, want %s %q", i, f.Name, f.Tag.Get("csv"), w[0], w[1])
		}
	}
	schema := viewingSchema()
	var required []string
	for _, c := range schema {
		if c.required {
			required = append(required, c.name)
		}
	}
	if !reflect.DeepEqual(required, []string{"Start Time", "Duration", "Title"}) {
		t.Errorf("required = %q", required)
	}
}

// TestBindHeader checks header matching by name.
func TestBindHeader(t *testing.T) {
	split := func(s string) [][]byte {
		var out [][]byte
		for _, f := range strings.Split(s, ",") {
			out = append(out, []byte(f))
		}
		return out
	}
	for _, tc := range []struct {
		header string
		want   columnMap // -1 = absent
		code   codes.Code
	}{
		{strings.TrimSuffix(vaHeader, "\n"), columnMap{0, 1, 2, 3, 4, 5, 6, 9}, ""},
		{"\uFEFFProfile Name, start time ,DURATION,Title", columnMap{0, 1, 2, -1, 3, -1, -1, -1}, ""},
		{"Duration,Extra,Start Time,Title,Profile Name", columnMap{4, 2, 0, -1, 3, -1, -1, -1}, ""},
		{"Start Time,Duration,Title", columnMap{-1, 0, 1, -1, 2, -1, -1, -1}, ""},
		{"Profile Name,Start Time,Title", columnMap{}, codes.BadHeader},
		{"Profile Name,Duration,Title", columnMap{}, codes.BadHeader},
		{"Start Time,Duration,Title,Title", columnMap{}, codes.BadHeader},
		{"Start Time,Duration,Title,Bookmark,Bookmark", columnMap{-1, 0, 1, -1, 2, -1, -1, -1}, ""},
		{"Title,Date", columnMap{}, codes.ViewingHistoryOnly},
		{"\uFEFFtitle , date", columnMap{}, codes.ViewingHistoryOnly},
		{"Start Time (UTC),Duration (H:MM:SS),Title", columnMap{}, codes.BadHeader},
	} {
		got, err := bindHeader(split(tc.header))
		if codes.Of(err) != tc.code {
			t.Errorf("%q: err %v, want %q", tc.header, err, tc.code)
			continue
		}
		if err == nil && got != tc.want {
			t.Errorf("%q: %v, want %v", tc.header, got, tc.want)
		}
	}
}

// viewingFixture is a small CSV with quoting, a hidden view, an
// autoplayed view, non-ASCII text and an excluded row; its figures are
// checked by hand in TestEncodingsAndShapes.
const viewingFixture = vaHeader +
	"Lúcia Emília,2023-10-27 07:22:50,00:00:15,Autoplayed: user action: None; ,\"Trailer: Kanan Gill: Yours Sincerely, Kanan Gill\",TRAILER,Netflix Chrome MAC (Cadmium) HTML 5,00:00:15,00:00:15,IN (India)\n" +
	"Lúcia Emília,2023-10-26 20:00:00,00:50:00,Has branched playback; Autoplayed: user action: None; ,\"Love, Death & Robots: Volume 3: Night of the Mini Dead (Episode 4)\",,Sony PS4,00:50:00,00:50:00,\"KR (Korea, Republic of)\"\n" +
	"Lúcia Emília,2023-10-25 20:00:00,01:00:00,View was hidden; ,HIDDEN TITLE(user hid title at this time): Branquinha,,DefaultWidevineAndroidPhone,00:00:00,00:00:00,BR (Brazil)\n" +
	"Begüm:),2023-09-01 18:00:00,01:51:20,,\"Gilmore Girls: 1. Sezon: Aşk, Savaş ve Kar (Bölüm 8)\",,Apple iPhone 11,01:51:20,01:51:20,TR (Turkey)\n"

// checkFixture asserts the hand-computed figures of viewingFixture.
func checkFixture(t *testing.T, name string, s *Summary) {
	t.Helper()
	want := Totals{
		Views: 3, Seconds: 3000 + 3600 + 6680, ActiveDays: 3, Titles: 2, Series: 2,
		FirstDay: "2023-09-01", LastDay: "2023-10-26", HiddenViews: 1,
		AutoplayViews: 1, AutoplaySeconds: 3000,
	}
	if s.Totals != want {
		t.Errorf("%s: totals = %+v\nwant %+v", name, s.Totals, want)
	}
	if s.Excluded != (Excluded{Supplemental: 1}) || s.RowsTotal != 4 || s.Profiles != (Profiles{Count: 2, Selected: 2}) {
		t.Errorf("%s: excluded %+v rows %d profiles %+v", name, s.Excluded, s.RowsTotal, s.Profiles)
	}
	names := []string{}
	for _, ts := range s.Titles {
		names = append(names, ts.Name)
	}
	if !reflect.DeepEqual(names, []string{"Gilmore Girls", "Love, Death & Robots"}) {
		t.Errorf("%s: titles %q", name, names)
	}
}

// TestEncodingsAndShapes reads the fixture as Netflix writes it and as
// spreadsheets re-save it; every variant is built here from the records
// by independent code (encoding/csv, unicode/utf16).
func TestEncodingsAndShapes(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(viewingFixture)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	write := func(comma rune, crlf bool) string {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Comma, w.UseCRLF = comma, crlf
		w.WriteAll(recs)
		return b.String()
	}
	utf16Of := func(s string, big bool) string {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			if big {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		return string(b)
	}
	// Excel with a ";" locale: split each line at ";", pad to the widest
	// line with empty cells, quote cells holding a quote, join with ";".
	excelSemicolon := func(s string) string {
		var lines [][]string
		widest := 0
		for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
			cells := strings.Split(l, ";")
			widest = max(widest, len(cells))
			lines = append(lines, cells)
		}
		var b strings.Builder
		for _, cells := range lines {
			for len(cells) < widest {
				cells = append(cells, "")
			}
			for i, c := range cells {
				if strings.ContainsAny(c, "\";") {
					c = "\"" + strings.ReplaceAll(c, "\"", "\"\"") + "\""
				}
				if i > 0 {
					b.WriteByte(';')
				}
				b.WriteString(c)
			}
			b.WriteString("\r\n")
		}
		return b.String()
	}
	// R and pandas re-exports quote every field and may reorder columns.
	allQuoted := func() string {
		order := []int{2, 1, 0, 9, 8, 7, 6, 5, 4, 3}
		var b strings.Builder
		for _, r := range recs {
			for i, j := range order {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString("\"" + strings.ReplaceAll(r[j], "\"", "\"\"") + "\"")
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	variants := map[string]string{
		"netflix":                viewingFixture,
		"CRLF":                   write(',', true),
		"no final newline":       strings.TrimSuffix(viewingFixture, "\n"),
		"trailing empty line":    viewingFixture + "\n",
		"UTF-8 BOM":              "\uFEFF" + viewingFixture,
		"UTF-16LE BOM":           "\xFF\xFE" + utf16Of(write('\t', true), false),
		"UTF-16BE BOM":           "\xFE\xFF" + utf16Of(viewingFixture, true),
		"UTF-16LE without BOM":   utf16Of(viewingFixture, false),
		"semicolon":              write(';', true),
		"semicolon after blanks": "\r\n\r\n" + write(';', true),
		"tab":                    write('\t', false),
		"excel semicolon":        excelSemicolon(viewingFixture),
		"all quoted reordered":   allQuoted(),
	}
	if !strings.HasSuffix(strings.Split(variants["excel semicolon"], "\r\n")[0], ";;") {
		t.Fatalf("the Excel shape should pad the header with ;; : %q", strings.Split(variants["excel semicolon"], "\r\n")[0])
	}
	for name, in := range variants {
		s, err := Extract(context.Background(), loneCSV(in), optionsWith(func(o *Options) { o.Titles = TitlesAll }))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkFixture(t, name, s)
	}
}

// TestInvalidUTF8Title decodes a field that is not UTF-8 as Windows-1252,
// as Excel writes it, so that titles and profile names read right and the
// JSON is valid. The expected texts are the Windows-1252 code chart's.
func TestInvalidUTF8Title(t *testing.T) {
	in := vaHeader + "Zo\xeb\x92s,2023-01-01 10:00:00,01:00:00,,Caf\xe9 \x93Soci\xe9t\xe9\x94 \x80: Season 1: X (Episode 1),,PC,,,\n" +
		"P\xff,2023-01-02 10:00:00,01:00:00,,Caf\xe9 \x93Soci\xe9t\xe9\x94 \x80: Season 1: Y (Episode 2),,PC,,,\n"
	s := mustExtract(t, loneCSV(in), optionsWith(func(o *Options) { o.Titles = TitlesAll }))
	b, err := json.Marshal(s)
	if err != nil || !utf8.Valid(b) {
		t.Fatalf("invalid JSON: %v", err)
	}
	if len(s.Titles) != 1 || s.Titles[0].Name != "Café “Société” €" || s.Titles[0].Episodes != 2 {
		t.Errorf("titles = %+v", s.Titles)
	}
	list, err := listProfiles(context.Background(), loneCSV(in))
	if err != nil || len(list) != 2 || list[0].Name != "Zoë’s" || list[1].Name != "Pÿ" {
		t.Errorf("profiles = %+v, %v", list, err)
	}
	// The name as listed selects the profile.
	s = mustExtract(t, loneCSV(in), optionsWith(func(o *Options) { o.Profiles = []string{list[0].Name} }))
	if s.Totals.Views != 1 {
		t.Errorf("selecting the listed name: %d views", s.Totals.Views)
	}
}

// TestFastPathMatchesGocsv decodes the same generated CSV with gocsv (the
// project's mapper, with its own csv.Reader) and with the fast path and
// asserts identical rows.
func TestFastPathMatchesGocsv(t *testing.T) {
	for _, seed := range []int64{1, 2} {
		var b bytes.Buffer
		if _, err := synth.WriteViewingActivity(&b, synth.Config{Rows: 3000, Seed: seed, Lenient: true, Malformed: true}); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(b.Bytes()))
		r.FieldsPerRecord, r.LazyQuotes = -1, true
		var want []viewingRow
		if err := gocsv.UnmarshalCSV(r, &want); err != nil {
			t.Fatal(err)
		}
		got := fastRows(t, b.Bytes())
		if len(got) != len(want) || len(got) != 3000 {
			t.Fatalf("seed %d: fast path %d rows, gocsv %d", seed, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("seed %d row %d:\nfast  %+v\ngocsv %+v", seed, i, got[i], want[i])
			}
		}
	}
}

// fastRows decodes every row of in through the fast path.
func fastRows(t testing.TB, in []byte) []viewingRow {
	v, err := openViewing(bytes.NewReader(in), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var rows []viewingRow
	for {
		rec, err := v.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, v.cols.row(rec))
	}
}

// field returns column c of rec, or nil when the column is absent from
// the header or the record is short.
func (m *columnMap) field(rec [][]byte, c int) []byte {
	j := m[c]
	if j < 0 || j >= len(rec) {
		return nil
	}
	return rec[j]
}

// row converts a record to a viewingRow (allocating strings, fields that
// are not UTF-8 decoded as csvscan.Text does): what the fast path reads,
// in the form gocsv decodes the table into.
func (m *columnMap) row(rec [][]byte) viewingRow {
	s := func(c int) string { return csvscan.Text(m.field(rec, c)) }
	return viewingRow{
		ProfileName:           s(colProfile),
		StartTime:             s(colStart),
		Duration:              s(colDuration),
		Attributes:            s(colAttributes),
		Title:                 s(colTitle),
		SupplementalVideoType: s(colSupplemental),
		DeviceType:            s(colDevice),
		Country:               s(colCountry),
	}
}
