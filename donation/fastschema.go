//go:build !(js && wasm)

// Donations are read on the researcher's machine (netflix-summary
// collect), never in the participant's browser: leaving this file out of
// the WebAssembly engine keeps the JSON Schema validator out of its
// download.

package donation

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A JSON Schema validator that follows every number through big.Rat
// spends most of collect's time on the 168 cells of weekday_hour_seconds.
// fastSchema is a second reading of the same schema file, compiled into
// plain Go checks for the small set of keywords the schema uses, with
// one deliberate difference: an integer must be written as an integer
// literal (12, not 12.0 or 1.2e1), which is how every donation the
// widget makes is written. So whatever fastSchema accepts, the schema
// accepts; what it refuses goes to the full validator, which gives the
// verdict and the reason. The schema stays the one definition: a keyword
// the compiler does not know switches the fast path off rather than
// guessing.

// fastCheck reports whether a decoded JSON value (json.Number for
// numbers) is valid.
type fastCheck func(v any) bool

// fastCompiler compiles one schema document.
type fastCompiler struct {
	defs     map[string]any
	compiled map[string]*fastCheck // by $ref, so recursive references work
}

// compileFast compiles a schema (decoded with UseNumber) or returns an
// error naming the first keyword it cannot mirror exactly.
func compileFast(doc map[string]any) (fastCheck, error) {
	defs, _ := doc["$defs"].(map[string]any)
	c := &fastCompiler{defs: defs, compiled: map[string]*fastCheck{}}
	return c.compile(doc)
}

// annotation keywords change no verdict.
var annotations = map[string]bool{"$schema": true, "$id": true, "$defs": true, "title": true, "description": true, "$comment": true}

func (c *fastCompiler) compile(node any) (fastCheck, error) {
	switch n := node.(type) {
	case bool:
		return func(any) bool { return n }, nil
	case map[string]any:
		return c.compileObject(n)
	}
	return nil, fmt.Errorf("a schema that is neither an object nor a boolean")
}

func (c *fastCompiler) compileObject(n map[string]any) (fastCheck, error) {
	var checks []fastCheck
	add := func(f fastCheck) { checks = append(checks, f) }
	var props map[string]any
	var ifSchema, thenSchema, elseSchema any
	for key, val := range n {
		switch key {
		case "$ref":
			f, err := c.ref(val)
			if err != nil {
				return nil, err
			}
			add(f)
		case "type":
			f, err := typeCheck(val)
			if err != nil {
				return nil, err
			}
			add(f)
		case "properties":
			p, ok := val.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("properties is not an object")
			}
			props = p
			compiled := map[string]fastCheck{}
			for name, sub := range p {
				f, err := c.compile(sub)
				if err != nil {
					return nil, err
				}
				compiled[name] = f
			}
			add(func(v any) bool {
				m, ok := v.(map[string]any)
				if !ok {
					return true
				}
				for name, f := range compiled {
					if pv, ok := m[name]; ok && !f(pv) {
						return false
					}
				}
				return true
			})
		case "additionalProperties":
			if val != false {
				return nil, fmt.Errorf("additionalProperties other than false")
			}
		case "required":
			names, err := stringList(val)
			if err != nil {
				return nil, err
			}
			add(func(v any) bool {
				m, ok := v.(map[string]any)
				if !ok {
					return true
				}
				for _, name := range names {
					if _, ok := m[name]; !ok {
						return false
					}
				}
				return true
			})
		case "items":
			f, err := c.compile(val)
			if err != nil {
				return nil, err
			}
			add(func(v any) bool {
				a, ok := v.([]any)
				if !ok {
					return true
				}
				for _, item := range a {
					if !f(item) {
						return false
					}
				}
				return true
			})
		case "minItems", "maxItems":
			limit, err := nonNegative(val)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", key, err)
			}
			isMin := key == "minItems"
			add(func(v any) bool {
				a, ok := v.([]any)
				if !ok {
					return true
				}
				if isMin {
					return len(a) >= limit
				}
				return len(a) <= limit
			})
		case "uniqueItems":
			if val != true {
				return nil, fmt.Errorf("uniqueItems other than true")
			}
			add(func(v any) bool {
				a, ok := v.([]any)
				if !ok {
					return true
				}
				seen := make(map[string]bool, len(a))
				for _, item := range a {
					s, ok := item.(string)
					if !ok || seen[s] {
						return false // other items: the full validator decides
					}
					seen[s] = true
				}
				return true
			})
		case "minLength":
			limit, err := nonNegative(val)
			if err != nil {
				return nil, fmt.Errorf("minLength: %v", err)
			}
			add(func(v any) bool {
				s, ok := v.(string)
				return !ok || utf8.RuneCountInString(s) >= limit
			})
		case "pattern":
			p, ok := val.(string)
			if !ok || !plainPattern(p) {
				return nil, fmt.Errorf("pattern %v may mean something else in Go", val)
			}
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, err
			}
			add(func(v any) bool {
				s, ok := v.(string)
				return !ok || re.MatchString(s)
			})
		case "minimum":
			limit, err := integerValue(val)
			if err != nil {
				return nil, fmt.Errorf("minimum: %v", err)
			}
			add(func(v any) bool {
				num, ok := v.(json.Number)
				if !ok {
					return true
				}
				i, ok := integerLiteral(num)
				return ok && i >= limit
			})
		case "enum":
			values, err := stringList(val)
			if err != nil {
				return nil, fmt.Errorf("enum: %v", err)
			}
			add(func(v any) bool {
				s, ok := v.(string)
				return ok && slices.Contains(values, s)
			})
		case "const":
			switch want := val.(type) {
			case string, bool:
				add(func(v any) bool { return v == want })
			default:
				return nil, fmt.Errorf("const %v", val)
			}
		case "if":
			ifSchema = val
		case "then":
			thenSchema = val
		case "else":
			elseSchema = val
		default:
			if !annotations[key] {
				return nil, fmt.Errorf("keyword %q", key)
			}
		}
	}
	if n["additionalProperties"] == false {
		add(func(v any) bool {
			m, ok := v.(map[string]any)
			if !ok {
				return true
			}
			for name := range m {
				if _, ok := props[name]; !ok {
					return false
				}
			}
			return true
		})
	}
	if ifSchema != nil {
		fi, err := c.compile(ifSchema)
		if err != nil {
			return nil, err
		}
		ft, fe := fastCheck(func(any) bool { return true }), fastCheck(func(any) bool { return true })
		if thenSchema != nil {
			if ft, err = c.compile(thenSchema); err != nil {
				return nil, err
			}
		}
		if elseSchema != nil {
			if fe, err = c.compile(elseSchema); err != nil {
				return nil, err
			}
		}
		add(func(v any) bool {
			if fi(v) {
				return ft(v)
			}
			return fe(v)
		})
	} else if thenSchema != nil || elseSchema != nil {
		// then and else without if are ignored by the specification.
	}
	return func(v any) bool {
		for _, f := range checks {
			if !f(v) {
				return false
			}
		}
		return true
	}, nil
}

// ref resolves a reference into $defs, compiling each target once.
func (c *fastCompiler) ref(val any) (fastCheck, error) {
	ref, ok := val.(string)
	name, found := strings.CutPrefix(ref, "#/$defs/")
	if !ok || !found || strings.Contains(name, "/") || c.defs[name] == nil {
		return nil, fmt.Errorf("$ref %v", val)
	}
	if p, ok := c.compiled[name]; ok {
		return func(v any) bool { return (*p)(v) }, nil
	}
	p := new(fastCheck)
	c.compiled[name] = p
	f, err := c.compile(c.defs[name])
	if err != nil {
		return nil, err
	}
	*p = f
	return f, nil
}

// typeCheck checks a single type name. An integer must be an integer
// literal: stricter than JSON Schema, which also takes 12.0.
func typeCheck(val any) (fastCheck, error) {
	switch val {
	case "object":
		return func(v any) bool { _, ok := v.(map[string]any); return ok }, nil
	case "array":
		return func(v any) bool { _, ok := v.([]any); return ok }, nil
	case "string":
		return func(v any) bool { _, ok := v.(string); return ok }, nil
	case "boolean":
		return func(v any) bool { _, ok := v.(bool); return ok }, nil
	case "integer":
		return func(v any) bool {
			n, ok := v.(json.Number)
			if !ok {
				return false
			}
			_, ok = integerLiteral(n)
			return ok
		}, nil
	}
	return nil, fmt.Errorf("type %v", val)
}

// integerLiteral parses n when it is written as an integer without
// fraction or exponent and fits an int64.
func integerLiteral(n json.Number) (int64, bool) {
	s := string(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 18 {
		// Long numbers take the careful road.
		if strings.ContainsAny(string(n), ".eE") {
			return 0, false
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		return i, err == nil
	}
	var i int64
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int64(c-'0')
	}
	if neg {
		i = -i
	}
	return i, true
}

func integerValue(val any) (int64, error) {
	n, ok := val.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%v is not a number", val)
	}
	i, ok := integerLiteral(n)
	if !ok {
		return 0, fmt.Errorf("%v is not an integer", val)
	}
	return i, nil
}

func nonNegative(val any) (int, error) {
	i, err := integerValue(val)
	if err != nil || i < 0 {
		return 0, fmt.Errorf("%v is not a non-negative integer", val)
	}
	return int(i), nil
}

func stringList(val any) ([]string, error) {
	a, ok := val.([]any)
	if !ok {
		return nil, fmt.Errorf("%v is not an array", val)
	}
	out := make([]string, 0, len(a))
	for _, x := range a {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("%v is not a string", x)
		}
		out = append(out, s)
	}
	return out, nil
}

// plainPattern reports whether a pattern uses only syntax that means the
// same in ECMA-262 (JSON Schema's regular expressions) and in Go's RE2:
// literals, classes of literals and ranges, groups, alternation,
// anchors, quantifiers and escapes of punctuation. \d, \w and \s differ
// (Unicode in ECMA-262 with the u flag, ASCII in RE2) and are refused.
func plainPattern(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] == '\\' {
			if i+1 >= len(p) || !strings.ContainsRune(`\.-+*?()[]{}|^$/`, rune(p[i+1])) {
				return false
			}
			i++
		}
	}
	return true
}
