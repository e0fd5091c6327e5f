//go:build js && wasm

package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/hack-pad/safejs"
)

// mockInflater is a JavaScript object with the worker's entry inflater
// methods over data already "inflated", handing out chunks of chunk bytes
// (as a DecompressionStream does) and failing after failAt bytes when
// failAt >= 0. Node has no CSP, so the test may build it with eval.
func mockInflater(t *testing.T, data []byte, chunk, failAt int) safejs.Value {
	t.Helper()
	eval, err := safejs.Global().Get("eval")
	if err != nil {
		t.Fatal(err)
	}
	factory, err := eval.Invoke(`(function (data, chunk, failAt) {
  let pos = 0, consumed = 0, cancelled = false;
  function next(max) {
    if (failAt >= 0 && pos >= failAt) return Promise.reject(new TypeError('The compressed data was not valid'));
    if (pos >= data.length) return Promise.resolve(null);
    const n = Math.min(chunk, max, data.length - pos);
    const v = data.subarray(pos, pos + n);
    pos += n; consumed += Math.ceil(n / 10);
    return Promise.resolve(v);
  }
  return {
    read: async function (max) {
      const parts = []; let n = 0;
      while (n < max) { const v = await next(max - n); if (v === null) break; parts.push(v); n += v.length; }
      if (n === 0) return null;
      const all = new Uint8Array(n); let at = 0;
      for (const p of parts) { all.set(p, at); at += p.length; }
      return all;
    },
    skip: async function (n) { let k = 0; while (k < n) { const v = await next(n - k); if (v === null) break; k += v.length; } return k; },
    consumed: function () { return consumed; },
    cancel: function () { cancelled = true; },
    cancelled: function () { return cancelled; },
  };
})`)
	if err != nil {
		t.Fatal(err)
	}
	u8, _ := safejs.Global().Get("Uint8Array")
	arr, err := u8.New(len(data))
	if err != nil {
		t.Fatal(err)
	}
	safejs.CopyBytesToJS(arr, data)
	obj, err := factory.Invoke(arr, chunk, failAt)
	if err != nil {
		t.Fatal(err)
	}
	return obj
}

func TestEntryReaderReadsAndSkips(t *testing.T) {
	data := []byte(strings.Repeat("Anna,2023-01-01 10:00:00,00:40:00,,Dark,,PC,,,\n", 60000)) // 2.8 MB
	r, err := NewEntryReader(mockInflater(t, data, 64<<10, -1))
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 1000)
	if _, err := io.ReadFull(r, head); err != nil || !bytes.Equal(head, data[:1000]) {
		t.Fatalf("first bytes: %v", err)
	}
	// Skip passes what is buffered in Go first, then asks JavaScript.
	const skip = 1500000
	if k, err := r.Skip(skip); k != skip || err != nil {
		t.Fatalf("Skip = %d, %v", k, err)
	}
	rest, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(rest, data[1000+skip:]) {
		t.Fatalf("after skipping: %d bytes, %v; want %d", len(rest), err, len(data)-1000-skip)
	}
	if c := r.Consumed(); c <= 0 {
		t.Errorf("Consumed = %d", c)
	}
	if k, err := r.Skip(10); k != 0 || err != io.EOF {
		t.Errorf("Skip at the end = %d, %v; want 0, EOF", k, err)
	}
	r.Close()
	if _, err := r.Read(head); err == nil {
		t.Error("Read after Close succeeded")
	}
}

func TestEntryReaderSkipsPastTheEnd(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 100000)
	r, _ := NewEntryReader(mockInflater(t, data, 4096, -1))
	if k, err := r.Skip(250000); k != int64(len(data)) || err != io.EOF {
		t.Fatalf("Skip = %d, %v; want %d, EOF", k, err, len(data))
	}
}

func TestEntryReaderFails(t *testing.T) {
	data := bytes.Repeat([]byte("y"), 300000)
	r, _ := NewEntryReader(mockInflater(t, data, 8192, 200000))
	n, err := io.Copy(io.Discard, r)
	if err == nil || !strings.Contains(err.Error(), "not valid") || n > 200000 {
		t.Fatalf("copied %d bytes, %v; want the rejection after at most 200000", n, err)
	}
	if _, err := NewEntryReader(safejs.Null()); err == nil {
		t.Error("NewEntryReader(null) succeeded")
	}
}
