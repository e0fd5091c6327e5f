//go:build !(js && wasm)

// Donations are read on the researcher's machine (netflix-summary
// collect), never in the participant's browser: leaving this file out of
// the WebAssembly engine keeps the JSON Schema validator out of its
// download.

package donation

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// A donation that passed the fast checks is already decoded into a tree
// of maps and slices; filling the Donation from that tree instead of
// parsing the text again saves a fifth of collect's time. It does what
// json.Unmarshal does for the types a Donation holds, and a test keeps
// the two equal.

// treeDecoder fills values of one type from decoded JSON trees. It is
// built once for the Donation type and only read afterwards, so it is
// safe for concurrent use.
type treeDecoder struct {
	fields map[reflect.Type][]treeField
}

// treeField is a struct field and its JSON name.
type treeField struct {
	name  string
	index int
}

// newTreeDecoder prepares the field lists of t and every type it holds.
func newTreeDecoder(t reflect.Type) *treeDecoder {
	d := &treeDecoder{fields: map[reflect.Type][]treeField{}}
	d.prepare(t)
	return d
}

func (d *treeDecoder) prepare(t reflect.Type) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		d.prepare(t.Elem())
	case reflect.Struct:
		if _, ok := d.fields[t]; ok {
			return
		}
		var fs []treeField
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			fs = append(fs, treeField{name: name, index: i})
		}
		d.fields[t] = fs
		for _, f := range fs {
			d.prepare(t.Field(f.index).Type)
		}
	}
}

// decode fills dst (a pointer) from v, a tree decoded with UseNumber
// whose member names match the json tags exactly.
func (d *treeDecoder) decode(dst any, v any) error {
	return d.assign(reflect.ValueOf(dst).Elem(), v)
}

func (d *treeDecoder) assign(dst reflect.Value, v any) error {
	if v == nil {
		switch dst.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			dst.SetZero()
		}
		return nil // json.Unmarshal leaves other kinds as they are
	}
	switch dst.Kind() {
	case reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return d.assign(dst.Elem(), v)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%T for a %s", v, dst.Type())
		}
		fs, ok := d.fields[dst.Type()]
		if !ok {
			return fmt.Errorf("type %s not prepared", dst.Type())
		}
		for _, f := range fs {
			if fv, ok := m[f.name]; ok {
				if err := d.assign(dst.Field(f.index), fv); err != nil {
					return err
				}
			}
		}
		return nil
	case reflect.Slice:
		a, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%T for a %s", v, dst.Type())
		}
		s := reflect.MakeSlice(dst.Type(), len(a), len(a))
		for i, e := range a {
			if err := d.assign(s.Index(i), e); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case reflect.Array:
		a, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%T for a %s", v, dst.Type())
		}
		for i := range dst.Len() {
			if i < len(a) {
				if err := d.assign(dst.Index(i), a[i]); err != nil {
					return err
				}
			} else {
				dst.Index(i).SetZero()
			}
		}
		return nil
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%T for a string", v)
		}
		dst.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("%T for a boolean", v)
		}
		dst.SetBool(b)
		return nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%T for a number", v)
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return fmt.Errorf("the number %s does not fit a %s", n, dst.Type())
		}
		dst.SetInt(i)
		return nil
	}
	return fmt.Errorf("cannot fill a %s", dst.Type())
}
