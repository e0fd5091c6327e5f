package extractor

import (
	"fmt"
	"reflect"
	"strings"
)

// decodeAccountBatchTags maps one batch of an account table onto rows of
// T as gocsv.UnmarshalCSV does for the account structs, with reflect
// alone: the first record of the batch is the header, each column goes to
// the exported string field whose csv tag names it (ignoring case), an
// empty cell takes the tag's default= value, and untagged fields stay
// empty. It is the browser engine's decoder (account_decode_js.go), and it
// is compiled everywhere so that a native test can check it against gocsv
// on the same tables.
//
// The account schema has string fields only (the summary parses dates and
// levels itself); another field kind is an error, so a schema change that
// this decoder cannot follow fails loudly in the tests rather than
// silently in the browser.
func decodeAccountBatchTags[T any](p *accountProjection, rows *[]T) error {
	records, err := p.ReadAll()
	if err != nil {
		return err
	}
	if len(records) == 0 {
		return fmt.Errorf("account table: no header")
	}
	cols, err := accountColumns(reflect.TypeFor[T](), records[0])
	if err != nil {
		return err
	}
	out := make([]T, len(records)-1)
	for i, rec := range records[1:] {
		row := reflect.ValueOf(&out[i]).Elem()
		for j, cell := range rec {
			if j >= len(cols) || cols[j].index < 0 {
				continue
			}
			if cell == "" {
				cell = cols[j].def
			}
			row.Field(cols[j].index).SetString(cell)
		}
	}
	*rows = out
	return nil
}

// accountColumn says where one column of a batch goes.
type accountColumn struct {
	index int    // field index in the struct, -1 for a column no field wants
	def   string // the tag's default= value for an empty cell
}

// accountColumns maps the header of a batch onto the csv-tagged fields of
// the struct type t.
func accountColumns(t reflect.Type, header []string) ([]accountColumn, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("account table: %v is not a struct", t)
	}
	cols := make([]accountColumn, len(header))
	for j := range cols {
		cols[j].index = -1
	}
	tagged := 0
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("csv"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		tagged++
		if f.Type.Kind() != reflect.String {
			return nil, fmt.Errorf("account table: field %s is a %v; only string fields are supported", f.Name, f.Type)
		}
		for j, h := range header {
			if cols[j].index < 0 && strings.EqualFold(accountHeaderName(h), name) {
				cols[j] = accountColumn{index: i, def: tagDefault(opts)}
				break
			}
		}
	}
	if tagged == 0 {
		return nil, fmt.Errorf("account table: %v has no csv tags", t)
	}
	return cols, nil
}

// tagDefault returns the value of a default= option in the options part
// of a csv tag ("omitempty,default=0"), or "".
func tagDefault(opts string) string {
	for _, o := range strings.Split(opts, ",") {
		if v, ok := strings.CutPrefix(o, "default="); ok {
			return v
		}
	}
	return ""
}
