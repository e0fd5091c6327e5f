package docs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Field is one property of a summary or donation as the schema
// describes it: the README's field table and collect's codebook are
// both made from these, so neither can drift from the schema.
type Field struct {
	// Path names the property from the top: "totals.views",
	// "by_month[].month" for a property of an array's items.
	Path string
	// Type is the type as a reader sees it: integer, string, boolean,
	// object, enum, "array of objects", "array of integer", a `const`, or
	// value.
	Type string
	// Description is the property's description, or that of the
	// definition it refers to.
	Description string
	// Enum lists the allowed values of an enum, in schema order.
	Enum []string
	// Pattern is the regular expression a string must match, if any.
	Pattern string
}

// SummaryFields lists every property of the current format's summary
// and donation, depth first in schema order.
func SummaryFields() ([]Field, error) {
	return Fields(SummarySchema())
}

// Fields lists every property of a netflix-summary schema (its
// "body" definition), depth first in schema order.
func Fields(schema []byte) ([]Field, error) {
	doc, err := decodeOrdered(json.NewDecoder(bytes.NewReader(schema)))
	if err != nil {
		return nil, err
	}
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the schema is not an object")
	}
	defs, _ := root["$defs"].(map[string]any)
	body, _ := defs["body"].(map[string]any)
	if body == nil {
		return nil, fmt.Errorf("the schema has no $defs/body")
	}
	var out []Field
	var walk func(prefix string, node map[string]any)
	walk = func(prefix string, node map[string]any) {
		props, _ := node["properties"].(map[string]any)
		for _, name := range orderedKeys(props) {
			p := props[name].(map[string]any)
			target := resolve(defs, p)
			f := Field{Path: prefix + name, Type: typeOf(defs, target)}
			f.Description, _ = p["description"].(string)
			if f.Description == "" {
				f.Description, _ = target["description"].(string)
			}
			if enum, ok := target["enum"].([]any); ok {
				for _, e := range enum {
					f.Enum = append(f.Enum, fmt.Sprint(e))
				}
			}
			f.Pattern, _ = target["pattern"].(string)
			out = append(out, f)
			switch {
			case target["properties"] != nil:
				walk(f.Path+".", target)
			case f.Type == "array of objects":
				walk(f.Path+"[].", resolve(defs, target["items"].(map[string]any)))
			}
		}
	}
	walk("", body)
	return out, nil
}

// orderedKeys returns the property names of node in schema-file order.
func orderedKeys(node map[string]any) []string {
	keys, _ := node[keyOrder].([]string)
	return keys
}

// keyOrder is where decodeOrdered keeps an object's key order (encoding/json
// maps lose it, and the lists follow the schema's order).
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
