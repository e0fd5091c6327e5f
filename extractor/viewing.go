package extractor

import (
	"bytes"
	"reflect"
	"strings"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/csvscan"
)

// viewingRow is THE schema of ViewingActivity.csv: its csv tags name the
// columns the extractor reads (matched by name, see bindHeader), and the
// gocsv mapper can decode the table into it directly. The fast decoder
// derives its column map from these tags, so there is one definition.
// Bookmark and Latest Bookmark are not read: nothing in a summary uses them.
type viewingRow struct {
	ProfileName           string `csv:"Profile Name"`
	StartTime             string `csv:"Start Time" required:"true"`
	Duration              string `csv:"Duration" required:"true"`
	Attributes            string `csv:"Attributes"`
	Title                 string `csv:"Title" required:"true"`
	SupplementalVideoType string `csv:"Supplemental Video Type"`
	DeviceType            string `csv:"Device Type"`
	Country               string `csv:"Country"`
}

// Positions of the viewingRow fields, in struct order; a test checks them
// against the struct so that they cannot drift.
const (
	colProfile = iota
	colStart
	colDuration
	colAttributes
	colTitle
	colSupplemental
	colDevice
	colCountry
	numViewingCols
)

// viewingColumn is one schema column as derived from a struct tag.
type viewingColumn struct {
	name     string // the header as Netflix writes it
	required bool
}

// viewingSchema reflects over viewingRow once per decoder.
func viewingSchema() [numViewingCols]viewingColumn {
	var cols [numViewingCols]viewingColumn
	t := reflect.TypeFor[viewingRow]()
	for i := range t.NumField() {
		f := t.Field(i)
		cols[i] = viewingColumn{name: f.Tag.Get("csv"), required: f.Tag.Get("required") == "true"}
	}
	return cols
}

// normalizeHeader makes a header cell comparable: without a byte order
// mark or surrounding space, case-folded (spreadsheets and R re-exports
// change case and padding, never the words).
func normalizeHeader(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	return strings.ToLower(strings.TrimSpace(string(b)))
}

// columnMap maps each viewingRow field to its index in a record, or -1.
type columnMap [numViewingCols]int

// bindHeader matches a header record against the schema. Extra columns
// are ignored and optional ones may be missing; a missing required column
// or a repeated known one is codes.BadHeader. The quick per-profile download
// (Title,Date) is recognised and named, because the participant needs to
// be told which download to make instead.
func bindHeader(header [][]byte) (columnMap, error) {
	var m columnMap
	for i := range m {
		m[i] = -1
	}
	schema := viewingSchema()
	seen := make(map[string]bool, len(header))
	for j, cell := range header {
		name := normalizeHeader(cell)
		seen[name] = true
		for i, col := range schema {
			if name != strings.ToLower(col.name) {
				continue
			}
			if m[i] >= 0 {
				return m, codes.New(codes.BadHeader, "the column %s appears twice", col.name)
			}
			m[i] = j
		}
	}
	if m[colStart] < 0 && seen["title"] && seen["date"] {
		return m, codes.New(codes.ViewingHistoryOnly,
			"this is the viewing-history download (Title, Date); the full export from Account > Download your personal information is needed")
	}
	for i, col := range schema {
		if col.required && m[i] < 0 {
			return m, codes.New(codes.BadHeader, "the column %s is missing", col.name)
		}
	}
	return m, nil
}

// get returns column c of r, or nil when the column is absent from the
// header or the record is short.
func (m *columnMap) get(r *csvscan.Record, c int) []byte {
	j := m[c]
	if j < 0 || j >= r.Len() {
		return nil
	}
	return r.Field(j)
}
