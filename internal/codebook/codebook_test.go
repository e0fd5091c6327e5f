package codebook

import (
	"encoding/json"
	"strings"
	"testing"
)

func sample() Book {
	return Book{Title: "T", Intro: "I", Tables: []Table{
		{Name: "people", Row: "person", Columns: []Column{
			{Name: "row", Type: "integer", Meaning: "Row", Minimum: Count()},
			{Name: "views", Type: "integer", Field: "totals.views", Unit: "views", Empty: "not shared", Zero: "none", Minimum: Count()},
			{Name: "class", Type: "string", Field: "by_device[].class"},
		}, PrimaryKey: []string{"row"}},
		{Name: "months", Row: "person × month", Columns: []Column{
			{Name: "row", Type: "integer", Meaning: "Row"},
			{Name: "month", Type: "yearmonth", Meaning: "Month"},
		}, ForeignKeys: []ForeignKey{{Fields: []string{"row"}, Resource: "people", Reference: []string{"row"}}}},
	}}
}

// TestResolveTakesTheSchema: a column naming a donation field gets the
// schema's description and enum; a wrong description is refused.
func TestResolveTakesTheSchema(t *testing.T) {
	b := sample()
	if err := b.Resolve(); err != nil {
		t.Fatal(err)
	}
	views, class := b.Tables[0].Columns[1], b.Tables[0].Columns[2]
	if !strings.HasPrefix(views.Meaning, "Rows counted as views") || len(class.Values) != 7 || class.Values[0] != "tv" {
		t.Errorf("views %q, class values %v", views.Meaning, class.Values)
	}
	for name, brk := range map[string]func(*Book){
		"unknown field":      func(b *Book) { b.Tables[0].Columns[1].Field = "totals.viewz" },
		"unknown type":       func(b *Book) { b.Tables[0].Columns[0].Type = "float" },
		"no meaning":         func(b *Book) { b.Tables[1].Columns[1].Meaning = "" },
		"column twice":       func(b *Book) { b.Tables[1].Columns[1].Name = "row" },
		"key not a column":   func(b *Book) { b.Tables[0].PrimaryKey = []string{"id"} },
		"foreign key astray": func(b *Book) { b.Tables[1].ForeignKeys[0].Reference = []string{"id"} },
	} {
		b := sample()
		brk(&b)
		if err := b.Resolve(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestRenderings(t *testing.T) {
	b := sample()
	if err := b.Resolve(); err != nil {
		t.Fatal(err)
	}
	md := b.Markdown()
	for _, want := range []string{"| [`people.csv`](#peoplecsv) | person |", "## months.csv", "`row` refers to `row` of `people.csv`.",
		"| `views` | integer | views | ≥ 0 | not shared | none | Rows counted as views"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	raw, err := b.DataPackage(Package{Name: "p", Files: map[string]FileInfo{"people": {Bytes: 3, SHA256: "ab"}}})
	if err != nil {
		t.Fatal(err)
	}
	var dp struct {
		Profile   string `json:"profile"`
		Resources []struct {
			Name, Path, Hash string
			Bytes            int64
			Schema           struct {
				Fields []struct {
					Name        string
					Constraints *struct {
						Required bool
						Minimum  *int64
					}
				}
			}
		}
	}
	if err := json.Unmarshal(raw, &dp); err != nil {
		t.Fatal(err)
	}
	r := dp.Resources[0]
	if dp.Profile != "tabular-data-package" || r.Path != "people.csv" || r.Hash != "sha256:ab" || r.Bytes != 3 ||
		!r.Schema.Fields[0].Constraints.Required || *r.Schema.Fields[0].Constraints.Minimum != 0 || r.Schema.Fields[1].Constraints.Required {
		t.Errorf("descriptor %s", raw)
	}
}
