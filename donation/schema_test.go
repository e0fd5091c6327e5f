package donation

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/testutil"

	"github.com/netflix-donation/widget/internal/synth"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// loadSchema compiles docs/netflix-summary.schema.json and also returns
// it decoded, for the drift test.
func loadSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "docs", "netflix-summary.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("netflix-summary.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("netflix-summary.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var plain map[string]any
	if err := json.Unmarshal(raw, &plain); err != nil {
		t.Fatal(err)
	}
	return sch, plain
}

func validateJSON(sch *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// generatedExport returns a synthetic export ZIP opened as a input.FileSet.
func generatedExport(t *testing.T, cfg synth.Config) input.FileSet {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteZip(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	fs, err := input.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "export.zip", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestSchemaValidatesSummariesAndDonations(t *testing.T) {
	sch, _ := loadSchema(t)
	files := generatedExport(t, synth.Config{Rows: 3000, Seed: 11})

	withOpts := func(f func(*extractor.Options)) extractor.Options {
		o := extractor.DefaultOptions()
		f(&o)
		return o
	}
	optionSets := map[string]extractor.Options{
		"defaults":               extractor.DefaultOptions(),
		"all blocks, all titles": withOpts(func(o *extractor.Options) { o.Titles = extractor.TitlesAll; o.Account = extractor.AccountBlocks() }),
		"no titles":              withOpts(func(o *extractor.Options) { o.Titles = extractor.TitlesNone }),
		"top 3, Amsterdam, period, one profile": withOpts(func(o *extractor.Options) {
			o.Top, o.TimeZone, o.From, o.To = 3, "Europe/Amsterdam", "2020-01-01", "2022-06-30"
			o.Profiles = []string{synth.DefaultProfiles()[0]}
			o.Account = []string{"searches", "tenure"}
		}),
	}
	shares := map[string]ShareOptions{
		"everything":          {},
		"totals only":         {Blocks: []string{"totals"}},
		"titles, one removed": {Blocks: []string{"titles", "by_month"}, RemoveTitles: []string{"no such title"}},
		"account":             {Blocks: []string{"account", "profiles"}},
	}
	for name, opts := range optionSets {
		s, err := extractor.Extract(context.Background(), files, opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		js, err := s.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if err := validateJSON(sch, js); err != nil {
			t.Errorf("summary %s does not validate: %v", name, err)
		}
		delete(shares, "size budget")
		if len(s.Titles) > 2 {
			full, err := Share(s, ShareOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shares["size budget"] = ShareOptions{MaxBytes: len(full) - 150}
			shares["titles, one removed"] = ShareOptions{Blocks: []string{"titles", "by_month"}, RemoveTitles: []string{s.Titles[0].Name}}
		}
		for sname, so := range shares {
			d, err := Share(s, so)
			if err != nil {
				t.Fatalf("%s / %s: %v", name, sname, err)
			}
			if err := validateJSON(sch, d); err != nil {
				t.Errorf("donation %s / %s does not validate: %v", name, sname, err)
			}
		}
	}
	if err := validateJSON(sch, []byte(`{"declined":true}`)); err != nil {
		t.Errorf("a declined donation does not validate: %v", err)
	}
}

// TestSchemaRejects makes sure the schema can fail: each broken document
// is derived from a valid one by one edit.
func TestSchemaRejects(t *testing.T) {
	sch, _ := loadSchema(t)
	files := generatedExport(t, synth.Config{Rows: 500, Seed: 5})
	opts := extractor.DefaultOptions()
	opts.Account = extractor.AccountBlocks()
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		t.Fatal(err)
	}
	summary, _ := s.JSON()
	donation, err := Share(s, ShareOptions{Blocks: []string{"totals", "account"}})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(doc []byte, f func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		out, _ := json.Marshal(m)
		return out
	}
	tests := []struct {
		name string
		doc  []byte
	}{
		{"summary without totals", edit(summary, func(m map[string]any) { delete(m, "totals") })},
		{"summary with an unknown field", edit(summary, func(m map[string]any) { m["email"] = "x" })},
		{"summary with a checksum", edit(summary, func(m map[string]any) { m["checksum"] = "sha256:" + strings.Repeat("0", 64) })},
		{"negative views", edit(summary, func(m map[string]any) { m["totals"].(map[string]any)["views"] = -1 })},
		{"six weekdays", edit(summary, func(m map[string]any) {
			m["weekday_hour_seconds"] = m["weekday_hour_seconds"].([]any)[:6]
		})},
		{"unknown device class", edit(summary, func(m map[string]any) {
			m["by_device"].([]any)[0].(map[string]any)["class"] = "Samsung Smart TV"
		})},
		{"rows of a profile", edit(summary, func(m map[string]any) {
			m["profiles"].(map[string]any)["rows"] = []any{12, 40}
		})},
		{"rows of other profiles", edit(summary, func(m map[string]any) {
			m["excluded"].(map[string]any)["other_profiles"] = 40
		})},
		{"a file name from the disk", edit(summary, func(m map[string]any) {
			m["source"].(map[string]any)["files"] = []any{"netflix-report (Jan de Vries).zip"}
		})},
		{"donation without checksum", edit(donation, func(m map[string]any) { delete(m, "checksum") })},
		{"donation with a bad checksum", edit(donation, func(m map[string]any) { m["checksum"] = "md5:abc" })},
		{"donation with an unknown block", edit(donation, func(m map[string]any) {
			m["sharing"].(map[string]any)["blocks"] = []any{"emails"}
		})},
		{"account with an unknown block", edit(donation, func(m map[string]any) {
			m["account"].(map[string]any)["queries"] = []any{}
		})},
		{"declined false", []byte(`{"declined":false}`)},
		{"declined with an unknown reason", []byte(`{"declined":true,"reason":"bored"}`)},
		{"declined with free text", []byte(`{"declined":true,"reason":"not_wanted","note":"my ex watches too"}`)},
		{"truncated", donation[:len(donation)/2]},
	}
	for _, tt := range tests {
		if err := validateJSON(sch, tt.doc); err == nil {
			t.Errorf("%s: validates, want an error", tt.name)
		}
	}
	for name, doc := range map[string][]byte{
		"summary": summary, "donation": donation,
		"declined": []byte(`{"declined":true,"reason":"did_not_work","error":"unreadable_rows"}`),
	} {
		if err := validateJSON(sch, doc); err != nil {
			t.Errorf("unedited %s does not validate: %v", name, err)
		}
	}
}

// TestSchemaMatchesGoTypes walks the Go types of the summary and the
// donation by reflection next to the schema, and requires the same JSON
// member names on both sides at every level, so they cannot drift apart.
func TestSchemaMatchesGoTypes(t *testing.T) {
	_, schema := loadSchema(t)
	defs := schema["$defs"].(map[string]any)
	resolve := func(node map[string]any) map[string]any {
		for {
			ref, ok := node["$ref"].(string)
			if !ok || node["properties"] != nil || node["items"] != nil {
				return node
			}
			node = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
	}

	var walk func(path string, types []reflect.Type, node map[string]any)
	walk = func(path string, types []reflect.Type, node map[string]any) {
		node = resolve(node)
		for i, typ := range types {
			for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
				typ = typ.Elem()
			}
			types[i] = typ
		}
		switch types[0].Kind() {
		case reflect.Struct:
		case reflect.Array:
			return // weekday_hour_seconds: checked by the schema's item counts
		default:
			return
		}
		if items, ok := node["items"].(map[string]any); ok && node["properties"] == nil {
			walk(path+"[]", types, items)
			return
		}
		props, _ := node["properties"].(map[string]any)
		goFields := map[string][]reflect.Type{}
		for _, typ := range types {
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "" || name == "-" || !f.IsExported() {
					continue
				}
				goFields[name] = append(goFields[name], f.Type)
			}
		}
		for name := range goFields {
			if _, ok := props[name]; !ok {
				t.Errorf("%s.%s is in the Go types but not in the schema", path, name)
			}
		}
		for name := range props {
			if _, ok := goFields[name]; !ok {
				t.Errorf("%s.%s is in the schema but not in the Go types", path, name)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(goFields)) {
			if p, ok := props[name].(map[string]any); ok {
				walk(path+"."+name, goFields[name], p)
			}
		}
	}
	walk("summary", []reflect.Type{reflect.TypeFor[extractor.Summary](), reflect.TypeFor[shared]()}, defs["body"].(map[string]any))
}
