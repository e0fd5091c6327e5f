//go:build js && wasm

package main

import (
	"testing"

	"github.com/hack-pad/safejs"
)

// This file holds helpers that build JavaScript values for the tests with
// safejs, the way the worker builds them over File objects.

// fakeFile is a JavaScript object {kind, name, size, readAt} over data;
// readAt copies a slice into a new Uint8Array, like FileReaderSync does.
// calls counts the readAt calls; onRead, when set, runs on each.
type fakeFile struct {
	obj    safejs.Value
	calls  int
	onRead func()
	fn     safejs.Func
}

func newFakeFile(t *testing.T, name string, data []byte) *fakeFile {
	t.Helper()
	f := &fakeFile{}
	u8, err := safejs.Global().Get("Uint8Array")
	must(t, err)
	f.fn, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		f.calls++
		if f.onRead != nil {
			f.onRead()
		}
		off, _ := args[0].Int()
		n, _ := args[1].Int()
		end := min(off+n, len(data))
		arr, err := u8.New(end - off)
		if err != nil {
			return nil
		}
		safejs.CopyBytesToJS(arr, data[off:end])
		return arr
	})
	must(t, err)
	t.Cleanup(f.fn.Release)
	f.obj = object(t, map[string]any{"kind": "file", "name": name, "size": len(data), "readAt": f.fn})
	return f
}

// object returns a new JavaScript object with the given properties.
func object(t *testing.T, props map[string]any) safejs.Value {
	t.Helper()
	o, err := newObject()
	must(t, err)
	for k, v := range props {
		must(t, o.Set(k, v))
	}
	return o
}

// array returns a JavaScript array of the values.
func array(t *testing.T, values ...any) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("Array")
	must(t, err)
	a, err := ctor.New()
	must(t, err)
	for i, v := range values {
		must(t, a.SetIndex(i, v))
	}
	return a
}

// newAbortController returns a JavaScript AbortController.
func newAbortController(t *testing.T) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("AbortController")
	must(t, err)
	c, err := ctor.New()
	must(t, err)
	return c
}

// outcome is how a Promise settled.
type outcome struct {
	value   string       // the resolved string
	raw     safejs.Value // the resolved value itself
	code    string       // the rejection's .code
	message string
	ok      bool
}

// await waits for a Promise and returns its outcome. Blocking here lets the
// Go runtime return to the JavaScript event loop until the Promise settles.
func await(t *testing.T, p safejs.Value) outcome {
	t.Helper()
	ch := make(chan outcome, 1)
	onOK, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		s, _ := args[0].String()
		ch <- outcome{value: s, raw: args[0], ok: true}
		return nil
	})
	must(t, err)
	defer onOK.Release()
	onErr, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		var o outcome
		if c, err := args[0].Get("code"); err == nil {
			o.code, _ = c.String()
		}
		if m, err := args[0].Get("message"); err == nil {
			o.message, _ = m.String()
		}
		ch <- o
		return nil
	})
	must(t, err)
	defer onErr.Release()
	if p.Type() != safejs.TypeObject {
		t.Fatalf("not a Promise: %v", p.Type())
	}
	_, err = p.Call("then", onOK, onErr)
	must(t, err)
	return <-ch
}

// callAPI calls __netflixDonation.method(args...) as JavaScript would and
// awaits the Promise.
func callAPI(t *testing.T, method string, args ...any) outcome {
	t.Helper()
	api, err := safejs.Global().Get("__netflixDonation")
	must(t, err)
	if api.Type() != safejs.TypeObject {
		api, err = newAPI()
		must(t, err)
		must(t, safejs.Global().Set("__netflixDonation", api))
	}
	p, err := api.Call(method, args...)
	must(t, err)
	return await(t, p)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
