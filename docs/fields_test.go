package docs

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/testutil"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the README's field table from the schema")

const (
	fieldsBegin = "<!-- fields:begin (generated from docs/netflix-summary.schema.json by `go test ./docs -update-readme`) -->"
	fieldsEnd   = "<!-- fields:end -->"
)

// TestREADMEFieldsMatchSchema keeps the README's list of summary fields and
// the JSON Schema in agreement: the list is derived from the schema's
// properties and descriptions, so a field added, renamed or redefined in
// one place fails here until the other follows.
func TestREADMEFieldsMatchSchema(t *testing.T) {
	doc, err := decodeOrdered(json.NewDecoder(bytes.NewReader(SummarySchema())))
	if err != nil {
		t.Fatal(err)
	}
	schema := doc.(map[string]any)
	want := fieldsBegin + "\n\n" + fieldTable(schema) + "\n" + fieldsEnd

	path := filepath.Join(testutil.RepoRoot(t), "README.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, fieldsBegin), strings.Index(readme, fieldsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no field table between %q and %q", fieldsBegin, fieldsEnd)
	}
	got := readme[i : j+len(fieldsEnd)]
	if got == want {
		return
	}
	if *updateREADME {
		if err := os.WriteFile(path, []byte(readme[:i]+want+readme[j+len(fieldsEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's field table differs from the schema; run `go test ./docs -update-readme`")
}

// fieldTable lists every property of a summary or donation, depth first in
// schema order, with its type and description.
func fieldTable(schema map[string]any) string {
	defs := schema["$defs"].(map[string]any)
	var b strings.Builder
	b.WriteString("| field | type | meaning |\n|---|---|---|\n")
	var walk func(prefix string, node map[string]any)
	walk = func(prefix string, node map[string]any) {
		props, _ := node["properties"].(map[string]any)
		for _, name := range orderedKeys(props) {
			p := props[name].(map[string]any)
			path := prefix + name
			desc, _ := p["description"].(string)
			target := resolve(defs, p)
			if desc == "" {
				desc, _ = target["description"].(string)
			}
			typ := typeOf(defs, target)
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", path, typ, strings.ReplaceAll(desc, "|", "\\|"))
			switch {
			case target["properties"] != nil:
				walk(path+".", target)
			case typ == "array of objects":
				walk(path+"[].", resolve(defs, target["items"].(map[string]any)))
			}
		}
	}
	walk("", defs["body"].(map[string]any))
	return b.String()
}

// orderedKeys returns the property names of node in schema-file order.
func orderedKeys(node map[string]any) []string {
	keys, _ := node[keyOrder].([]string)
	return keys
}

// keyOrder is where decodeOrdered keeps an object's key order (encoding/json
// maps lose it, and the README lists fields in the schema's order).
const keyOrder = "\x00order"

// decodeOrdered decodes JSON like encoding/json into map[string]any, and
// records each object's key order under keyOrder.
func decodeOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := map[string]any{}
		var order []string
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			obj[k.(string)] = v
			order = append(order, k.(string))
		}
		obj[keyOrder] = order
		_, err := dec.Token()
		return obj, err
	case json.Delim('['):
		var arr []any
		for dec.More() {
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := dec.Token()
		return arr, err
	default:
		return tok, nil
	}
}

func resolve(defs map[string]any, node map[string]any) map[string]any {
	for {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		node = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
	}
}

func typeOf(defs map[string]any, node map[string]any) string {
	if _, ok := node["enum"]; ok {
		return "enum"
	}
	if c, ok := node["const"]; ok {
		return fmt.Sprintf("`%v`", c)
	}
	switch t, _ := node["type"].(string); t {
	case "array":
		items := resolve(defs, node["items"].(map[string]any))
		it := typeOf(defs, items)
		if it == "object" {
			return "array of objects"
		}
		return "array of " + it
	case "":
		return "value"
	default:
		return t
	}
}
