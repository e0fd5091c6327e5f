//go:build !(js && wasm)

package donation

import (
	"encoding/json"
	"testing"

	"github.com/netflix-donation/widget/extractor"
)

// path addresses a node of a decoded JSON value: object keys and array
// indexes.
type path []any

// nodePaths lists the path of every node under v, v itself first; of an
// array, only the first two items' (the others are alike).
func nodePaths(v any, p path) []path {
	out := []path{append(path(nil), p...)}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out = append(out, nodePaths(e, append(p, k))...)
		}
	case []any:
		for i, e := range x[:min(len(x), 2)] {
			out = append(out, nodePaths(e, append(p, i))...)
		}
	}
	return out
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// mutate returns a copy of root with the node at p changed by f, which
// gets the node's parent and key and edits the parent.
func mutate(root any, p path, f func(parent any, key any) any) any {
	c := deepCopy(root)
	if len(p) == 0 {
		return f(nil, nil)
	}
	parent := c
	for _, k := range p[:len(p)-1] {
		switch x := parent.(type) {
		case map[string]any:
			parent = x[k.(string)]
		case []any:
			parent = x[k.(int)]
		}
	}
	if r := f(parent, p[len(p)-1]); r != nil {
		// An array shrank or grew: put the new slice in place.
		if len(p) == 1 {
			c.(map[string]any)[p[0].(string)] = r
			return c
		}
		grand := c
		for _, k := range p[:len(p)-2] {
			switch x := grand.(type) {
			case map[string]any:
				grand = x[k.(string)]
			case []any:
				grand = x[k.(int)]
			}
		}
		switch x := grand.(type) {
		case map[string]any:
			x[p[len(p)-2].(string)] = r
		case []any:
			x[p[len(p)-2].(int)] = r
		}
	}
	return c
}

// replacements are values put in place of a node.
var replacements = []any{
	json.Number("-1"), json.Number("7"), json.Number("12.0"), json.Number("1e2"), json.Number("99999999999999999999"),
	"", "2023-02-30", "tv", true, nil, []any{}, map[string]any{}, []any{"totals", "totals"},
}

// TestFastSchemaNeverAcceptsMore changes every node of real donations in
// many ways: whatever the compiled checks accept, the JSON Schema
// validator must accept too; and what the validator accepts, the checks
// accept too, unless an integer is written as 12.0 or 1e2.
func TestFastSchemaNeverAcceptsMore(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	if v.fast == nil {
		t.Fatal("the current schema does not compile to fast checks: collect would be slow")
	}
	withAccount := handSummary()
	withAccount.Account.Ratings = &extractor.AccountRatings{Total: 3, ThumbsUp: 2, Other: 1, ByMonth: []extractor.RatingMonth{{Month: "2024-01", ThumbsUp: 2}}}
	withAccount.Account.Profiles = &extractor.AccountProfiles{Count: 2}
	var bases []string
	for _, o := range []ShareOptions{{}, {Blocks: []string{"titles", "account"}}} {
		b, err := Share(withAccount, o)
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, string(b))
	}
	summary, _ := handSummary().JSON()
	bases = append(bases, string(summary), `{"declined":true,"reason":"did_not_work","error":"empty_file"}`)

	var fastAccepted, checked int
	for _, base := range bases {
		root, err := decodeUseNumber([]byte(base))
		if err != nil {
			t.Fatal(err)
		}
		if !v.fast(root) || v.schema.Validate(root) != nil {
			t.Fatalf("a good document is refused: %.80s", base)
		}
		type variant struct {
			doc     any
			literal bool // every number is an integer literal
		}
		var variants []variant
		for _, p := range nodePaths(root, nil) {
			for _, r := range replacements {
				n, isNum := r.(json.Number)
				_, lit := integerLiteral(n)
				variants = append(variants, variant{literal: !isNum || lit, doc: mutate(root, p, func(parent, key any) any {
					switch x := parent.(type) {
					case map[string]any:
						x[key.(string)] = r
					case []any:
						x[key.(int)] = r
					case nil:
						return nil
					}
					return nil
				})})
			}
			variants = append(variants, variant{literal: true, doc: mutate(root, p, func(parent, key any) any {
				switch x := parent.(type) {
				case map[string]any:
					delete(x, key.(string))
				case []any:
					return append(append([]any(nil), x[:key.(int)]...), x[key.(int)+1:]...)
				}
				return nil
			})}, variant{literal: true, doc: mutate(root, p, func(parent, key any) any {
				switch x := parent.(type) {
				case map[string]any:
					x["extra"] = json.Number("1")
				case []any:
					return append(append([]any(nil), x...), x[key.(int)])
				}
				return nil
			})})
		}
		for _, m := range variants {
			checked++
			fast, full := v.fast(m.doc), v.schema.Validate(m.doc) == nil
			if fast {
				fastAccepted++
			}
			if fast != full && (fast || m.literal) {
				b, _ := json.Marshal(m.doc)
				t.Fatalf("the fast checks say %v, the schema %v: %s\n(%v)", fast, full, b, v.schema.Validate(m.doc))
			}
		}
	}
	t.Logf("%d variants, %d accepted by the fast checks", checked, fastAccepted)
}

// TestCompileFastRefusesUnknownKeywords: a keyword the compiler does not
// mirror switches the fast path off instead of being ignored.
func TestCompileFastRefusesUnknownKeywords(t *testing.T) {
	for _, schema := range []string{
		`{"type":"object","maxProperties":3}`,
		`{"type":["string","null"]}`,
		`{"type":"string","pattern":"^\\d+$"}`,
		`{"$ref":"https://example.org/other.json"}`,
		`{"additionalProperties":{"type":"string"}}`,
		`{"minimum":0.5}`,
		`{"enum":[1,2]}`,
		`{"prefixItems":[{"type":"string"}]}`,
	} {
		doc, err := decodeUseNumber([]byte(schema))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := compileFast(doc.(map[string]any)); err == nil {
			t.Errorf("%s compiled", schema)
		}
	}
	doc, _ := decodeUseNumber([]byte(`{"type":"object","properties":{"a":{"type":"integer","minimum":1}},"required":["a"],"additionalProperties":false}`))
	f, err := compileFast(doc.(map[string]any))
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{`{"a":1}`: true, `{"a":0}`: false, `{"a":1.0}`: false, `{}`: false, `{"a":2,"b":1}`: false, `[]`: false} {
		v, _ := decodeUseNumber([]byte(text))
		if got := f(v); got != want {
			t.Errorf("%s: %v, want %v", text, got, want)
		}
	}
}

// FuzzFastSchema: for any JSON, the fast checks never accept what the
// schema refuses.
func FuzzFastSchema(f *testing.F) {
	v, err := NewVerifier()
	if err != nil {
		f.Fatal(err)
	}
	good, err := Share(handSummary(), ShareOptions{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"declined":true,"reason":"no_file"}`))
	f.Add([]byte(`{"schema":"netflix-summary/2","excluded":{"malformed":0,"outside_period":0,"supplemental":0,"short":0},"rows_total":0}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		inst, err := decodeUseNumber(data)
		if err != nil {
			return
		}
		if v.fast(inst) && v.schema.Validate(inst) != nil {
			t.Fatalf("fast checks accept %s; the schema refuses it", data)
		}
	})
}
