// Package codebook describes the tables `netflix-summary collect` writes:
// for each table and column its type, unit, allowed values, what an empty
// cell and a 0 mean, and its definition. A column that carries a field of
// a donation takes its definition and allowed values from the format's
// JSON Schema (docs/netflix-summary.schema.json), so the codebook cannot
// drift from the format. From one description the package renders a
// codebook in Markdown for people and a Frictionless Data Package
// (datapackage.json, Table Schema for every table) for archives.
package codebook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netflix-donation/widget/docs"
)

// Column describes one column of a table.
type Column struct {
	Name string
	// Type is the Frictionless Table Schema type: string, integer,
	// boolean, date (YYYY-MM-DD) or yearmonth (YYYY-MM).
	Type string
	// Field is the path of the donation field the column carries
	// ("totals.views", "by_month[].seconds"), whose schema description
	// and allowed values the column takes; "" for collect's own columns.
	Field string
	// Meaning defines the column; with Field, it is said after the
	// schema's description.
	Meaning string
	// Unit of a number ("seconds", "views").
	Unit string
	// Values are the allowed values; for a column with Field an enum of
	// the schema fills them.
	Values []string
	// Empty says what an empty cell means; "" when a cell is never
	// empty (a required column).
	Empty string
	// Zero says what 0 means in a count, when that needs saying.
	Zero string
	// Minimum is the least value of an integer column (most are counts,
	// 0); nil for none.
	Minimum *int64
	// Pattern is a regular expression every non-empty value matches
	// whole, when Type cannot say it.
	Pattern string
}

// Table describes one CSV file.
type Table struct {
	Name        string // the file name without .csv; also the resource name
	Title       string
	Row         string // what one row is ("respondent × month")
	Description string
	Columns     []Column
	PrimaryKey  []string
	// ForeignKeys maps columns of this table to the columns of another
	// table (by name) that they refer to.
	ForeignKeys []ForeignKey
}

// ForeignKey says that Fields of a table refer to Fields of Resource.
type ForeignKey struct {
	Fields    []string
	Resource  string
	Reference []string
}

// Codes is a list of codes with their meanings, shown in the codebook
// after the tables (warning codes, outcomes).
type Codes struct {
	Title string
	Intro string
	Codes [][2]string // code, meaning
}

// Book is the whole description.
type Book struct {
	Title, Intro string
	Tables       []Table
	Codes        []Codes
}

// Count is a Minimum of 0 for count columns.
func Count() *int64 { z := int64(0); return &z }

// Resolve fills the columns that name a donation Field from the schema:
// it prepends the schema's description to Meaning and takes the enum as
// Values. It fails for a Field the schema does not have, so a renamed
// field cannot leave a column undocumented.
func (b *Book) Resolve() error {
	fields, err := docs.SummaryFields()
	if err != nil {
		return err
	}
	byPath := map[string]docs.Field{}
	for _, f := range fields {
		byPath[f.Path] = f
	}
	for ti := range b.Tables {
		t := &b.Tables[ti]
		for ci := range t.Columns {
			c := &t.Columns[ci]
			if c.Field == "" {
				continue
			}
			f, ok := byPath[c.Field]
			if !ok {
				return fmt.Errorf("%s.%s: the schema has no field %q", t.Name, c.Name, c.Field)
			}
			c.Meaning = strings.TrimSpace(f.Description + " " + c.Meaning)
			if len(f.Enum) > 0 && len(c.Values) == 0 {
				c.Values = slices.Clone(f.Enum)
			}
		}
	}
	return b.check()
}

// check refuses a description that a Table Schema could not state.
func (b *Book) check() error {
	types := []string{"string", "integer", "boolean", "date", "yearmonth"}
	names := map[string]*Table{}
	for ti := range b.Tables {
		t := &b.Tables[ti]
		if names[t.Name] != nil {
			return fmt.Errorf("table %s twice", t.Name)
		}
		names[t.Name] = t
		seen := map[string]bool{}
		for _, c := range t.Columns {
			if seen[c.Name] {
				return fmt.Errorf("%s: column %s twice", t.Name, c.Name)
			}
			seen[c.Name] = true
			if !slices.Contains(types, c.Type) {
				return fmt.Errorf("%s.%s: type %q", t.Name, c.Name, c.Type)
			}
			if c.Meaning == "" {
				return fmt.Errorf("%s.%s: no meaning", t.Name, c.Name)
			}
		}
		for _, k := range t.PrimaryKey {
			if !seen[k] {
				return fmt.Errorf("%s: primary key %s is not a column", t.Name, k)
			}
		}
	}
	for _, t := range b.Tables {
		for _, fk := range t.ForeignKeys {
			ref := names[fk.Resource]
			if ref == nil || len(fk.Fields) != len(fk.Reference) {
				return fmt.Errorf("%s: foreign key to %s", t.Name, fk.Resource)
			}
			for i, f := range fk.Fields {
				if t.Column(f) == nil || ref.Column(fk.Reference[i]) == nil {
					return fmt.Errorf("%s: foreign key %s -> %s.%s", t.Name, f, fk.Resource, fk.Reference[i])
				}
			}
		}
	}
	return nil
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// Header is the table's header row.
func (t *Table) Header() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// Table returns the table named name, or nil.
func (b *Book) Table(name string) *Table {
	for i := range b.Tables {
		if b.Tables[i].Name == name {
			return &b.Tables[i]
		}
	}
	return nil
}
