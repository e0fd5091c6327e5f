package codebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Markdown renders the codebook for people.
func (b *Book) Markdown() string {
	var w strings.Builder
	fmt.Fprintf(&w, "# %s\n\n%s\n\n", b.Title, strings.TrimSpace(b.Intro))
	w.WriteString("| file | one row per |\n|---|---|\n")
	for _, t := range b.Tables {
		fmt.Fprintf(&w, "| [`%s.csv`](#%s) | %s |\n", t.Name, anchor(t.Name+".csv"), cell(t.Row))
	}
	for _, t := range b.Tables {
		fmt.Fprintf(&w, "\n## %s.csv\n\n%s\n\n", t.Name, strings.TrimSpace(t.Description))
		fmt.Fprintf(&w, "One row per %s.", t.Row)
		if len(t.PrimaryKey) > 0 {
			fmt.Fprintf(&w, " Key: %s.", codeList(t.PrimaryKey))
		}
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&w, " %s refers to %s of `%s.csv`.", codeList(fk.Fields), codeList(fk.Reference), fk.Resource)
		}
		w.WriteString("\n\n| column | type | unit | allowed values | empty cell | 0 | meaning |\n|---|---|---|---|---|---|---|\n")
		for _, c := range t.Columns {
			empty := c.Empty
			if empty == "" {
				empty = "never empty"
			}
			fmt.Fprintf(&w, "| `%s` | %s | %s | %s | %s | %s | %s |\n", c.Name, typeName(c.Type), cell(c.Unit),
				values(c), cell(empty), cell(c.Zero), cell(c.Meaning))
		}
	}
	for _, cs := range b.Codes {
		fmt.Fprintf(&w, "\n## %s\n\n%s\n\n| code | meaning |\n|---|---|\n", cs.Title, strings.TrimSpace(cs.Intro))
		for _, c := range cs.Codes {
			fmt.Fprintf(&w, "| `%s` | %s |\n", c[0], cell(c[1]))
		}
	}
	return w.String()
}

// typeName says a Table Schema type the way a reader of the codebook
// writes dates.
func typeName(t string) string {
	switch t {
	case "date":
		return "date (YYYY-MM-DD)"
	case "yearmonth":
		return "month (YYYY-MM)"
	case "boolean":
		return "boolean (true/false)"
	}
	return t
}

func values(c Column) string {
	switch {
	case len(c.Values) > 0:
		return codeList(c.Values)
	case c.Pattern != "":
		return "matches `" + strings.ReplaceAll(c.Pattern, "|", `\|`) + "`"
	case c.Minimum != nil:
		return fmt.Sprintf("≥ %d", *c.Minimum)
	}
	return ""
}

func codeList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

// cell makes text safe for a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}

// anchor is the heading anchor GitHub makes for a heading's text.
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// FileInfo is what the package says about a written file.
type FileInfo struct {
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"` // lowercase hex
}

// Package describes the data package around the tables.
type Package struct {
	Name        string // lower case, digits and . _ - /
	Title       string
	Description string
	Created     string              // RFC 3339
	Files       map[string]FileInfo // by table name
}

// The descriptor's JSON, in the field order of the specification's
// examples.
type (
	dpPackage struct {
		Profile     string       `json:"profile"`
		Name        string       `json:"name"`
		Title       string       `json:"title,omitempty"`
		Description string       `json:"description,omitempty"`
		Created     string       `json:"created,omitempty"`
		Resources   []dpResource `json:"resources"`
	}
	dpResource struct {
		Profile     string    `json:"profile"`
		Name        string    `json:"name"`
		Path        string    `json:"path"`
		Title       string    `json:"title,omitempty"`
		Description string    `json:"description,omitempty"`
		Format      string    `json:"format"`
		Mediatype   string    `json:"mediatype"`
		Encoding    string    `json:"encoding"`
		Bytes       int64     `json:"bytes,omitempty"`
		Hash        string    `json:"hash,omitempty"`
		Dialect     dpDialect `json:"dialect"`
		Schema      dpSchema  `json:"schema"`
	}
	dpDialect struct {
		Delimiter      string `json:"delimiter"`
		LineTerminator string `json:"lineTerminator"`
		QuoteChar      string `json:"quoteChar"`
		DoubleQuote    bool   `json:"doubleQuote"`
		Header         bool   `json:"header"`
	}
	dpSchema struct {
		Fields        []dpField      `json:"fields"`
		PrimaryKey    []string       `json:"primaryKey,omitempty"`
		ForeignKeys   []dpForeignKey `json:"foreignKeys,omitempty"`
		MissingValues []string       `json:"missingValues"`
	}
	dpField struct {
		Name        string         `json:"name"`
		Type        string         `json:"type"`
		Format      string         `json:"format,omitempty"`
		Description string         `json:"description"`
		Constraints *dpConstraints `json:"constraints,omitempty"`
	}
	dpConstraints struct {
		Required bool     `json:"required,omitempty"`
		Enum     []string `json:"enum,omitempty"`
		Minimum  *int64   `json:"minimum,omitempty"`
		Pattern  string   `json:"pattern,omitempty"`
	}
	dpForeignKey struct {
		Fields    []string    `json:"fields"`
		Reference dpReference `json:"reference"`
	}
	dpReference struct {
		Resource string   `json:"resource"`
		Fields   []string `json:"fields"`
	}
)

// DataPackage renders a Frictionless Tabular Data Package descriptor
// (datapackage.json, specification v1) for the tables: each a CSV
// resource with its size, SHA-256 and Table Schema. An empty cell is a
// missing value; a column that is never empty is required.
func (b *Book) DataPackage(p Package) ([]byte, error) {
	out := dpPackage{Profile: "tabular-data-package", Name: p.Name, Title: p.Title, Description: p.Description, Created: p.Created}
	for _, t := range b.Tables {
		r := dpResource{
			Profile: "tabular-data-resource", Name: t.Name, Path: t.Name + ".csv", Title: t.Title,
			Description: strings.TrimSpace(t.Description + " One row per " + t.Row + "."),
			Format:      "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Dialect: dpDialect{Delimiter: ",", LineTerminator: "\n", QuoteChar: `"`, DoubleQuote: true, Header: true},
			Schema:  dpSchema{PrimaryKey: t.PrimaryKey, MissingValues: []string{""}},
		}
		if f, ok := p.Files[t.Name]; ok {
			r.Bytes, r.Hash = f.Bytes, "sha256:"+f.SHA256
		}
		for _, c := range t.Columns {
			f := dpField{Name: c.Name, Type: c.Type, Description: fieldDescription(c)}
			var cons dpConstraints
			cons.Required = c.Empty == ""
			cons.Enum = c.Values
			cons.Minimum = c.Minimum
			cons.Pattern = c.Pattern
			if cons.Required || cons.Enum != nil || cons.Minimum != nil || cons.Pattern != "" {
				f.Constraints = &cons
			}
			r.Schema.Fields = append(r.Schema.Fields, f)
		}
		for _, fk := range t.ForeignKeys {
			r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, dpForeignKey{Fields: fk.Fields,
				Reference: dpReference{Resource: fk.Resource, Fields: fk.Reference}})
		}
		out.Resources = append(out.Resources, r)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(out)
	return buf.Bytes(), err
}

// fieldDescription is the column's meaning with its unit and what empty
// and 0 mean, in one text.
func fieldDescription(c Column) string {
	s := c.Meaning
	if c.Unit != "" {
		s += " Unit: " + c.Unit + "."
	}
	if c.Empty != "" {
		s += " Empty: " + c.Empty + "."
	}
	if c.Zero != "" {
		s += " 0: " + c.Zero + "."
	}
	return strings.Join(strings.Fields(s), " ")
}
