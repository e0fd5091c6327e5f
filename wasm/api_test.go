//go:build js && wasm

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hack-pad/safejs"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/synth"
)

// nativeJSON is the summary JSON of the same input computed without the
// adapter: extractor.Open over a bytes.Reader, then Summary.JSON.
func nativeJSON(t *testing.T, name string, data []byte, opts extractor.Options) string {
	t.Helper()
	fs, err := extractor.Open(bytes.NewReader(data), int64(len(data)), name, extractor.ZipOptions{})
	must(t, err)
	s, err := extractor.Extract(context.Background(), fs, opts)
	must(t, err)
	b, err := s.JSON()
	must(t, err)
	return string(b)
}

func genZip(t *testing.T, cfg synth.Config) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteZip(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func genCSV(t *testing.T, cfg synth.Config) ([]byte, synth.Truth) {
	t.Helper()
	var buf bytes.Buffer
	truth, err := synth.WriteViewingActivity(&buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), truth
}

func TestExtractMatchesNative(t *testing.T) {
	zipData := genZip(t, synth.Config{Rows: 2000, Seed: 3})
	csvData, _ := genCSV(t, synth.Config{Rows: 1500, Seed: 4})
	amsterdam := extractor.DefaultOptions()
	amsterdam.TimeZone = "Europe/Amsterdam"
	amsterdam.Titles = extractor.TitlesAll
	tests := []struct {
		name     string
		file     string
		data     []byte
		optsJSON string
		opts     extractor.Options
	}{
		{"zip defaults", "netflix.zip", zipData, "{}", extractor.DefaultOptions()},
		{"zip amsterdam all titles", "netflix.zip", zipData, `{"time_zone":"Europe/Amsterdam","titles":"all"}`, amsterdam},
		{"csv", "ViewingActivity.csv", csvData, `{"time_zone":"Europe/Amsterdam","titles":"all"}`, amsterdam},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeFile(t, tt.file, tt.data)
			got := callAPI(t, "extract", f.obj, tt.optsJSON)
			if !got.ok {
				t.Fatalf("rejected: %s %s", got.code, got.message)
			}
			if want := nativeJSON(t, tt.file, tt.data, tt.opts); got.value != want {
				t.Fatalf("adapter JSON differs from native\n got %.300s\nwant %.300s", got.value, want)
			}
			// Lazy reading through the block cache: a few 1 MiB blocks,
			// never one call per small read.
			if max := len(tt.data)/cacheBlockSize + 3; f.calls > max {
				t.Errorf("%d readAt calls for %d bytes; want at most %d", f.calls, len(tt.data), max)
			}
		})
	}
}

func TestExtractFolderMatchesNative(t *testing.T) {
	zipData := genZip(t, synth.Config{Rows: 1000, Seed: 5})
	zr, err := zip.NewReader(bytes.NewReader(zipData), int64(len(zipData)))
	must(t, err)
	mapFS := fstest.MapFS{}
	var jsFiles []any
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		rc, err := zf.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		// As a folder pick reports it: the chosen folder's name first.
		path := "Download/" + zf.Name
		mapFS[path] = &fstest.MapFile{Data: b}
		f := newFakeFile(t, zf.Name, b)
		must(t, f.obj.Set("path", path))
		jsFiles = append(jsFiles, f.obj)
	}
	input := object(t, map[string]any{"kind": "folder", "files": array(t, jsFiles...)})
	got := callAPI(t, "extract", input, `{"time_zone":"Europe/Amsterdam"}`)
	if !got.ok {
		t.Fatalf("rejected: %s %s", got.code, got.message)
	}
	fs, err := extractor.OpenFolder(mapFS)
	must(t, err)
	opts := extractor.DefaultOptions()
	opts.TimeZone = "Europe/Amsterdam"
	s, err := extractor.Extract(context.Background(), fs, opts)
	must(t, err)
	want, _ := s.JSON()
	if got.value != string(want) {
		t.Fatalf("folder JSON differs from native\n got %.300s\nwant %.300s", got.value, want)
	}
	if !strings.Contains(got.value, `"kind":"folder"`) {
		t.Errorf("source kind is not folder: %.300s", got.value)
	}
}

// TestExtractNestedMatchesNative reads the export ZIP zipped once more and
// a folder that holds only the export ZIP: the adapter must open them one
// level deep as the extractor does natively (the folder's ZIP with the
// browser's inflater).
func TestExtractNestedMatchesNative(t *testing.T) {
	export := genZip(t, synth.Config{Rows: 1200, Seed: 6})
	var outer bytes.Buffer
	zw := zip.NewWriter(&outer)
	w, err := zw.Create("netflix-report.zip")
	must(t, err)
	w.Write(export)
	must(t, zw.Close())
	want := nativeJSON(t, "netflix-report.zip", export, extractor.DefaultOptions())

	got := callAPI(t, "extract", newFakeFile(t, "Archive.zip", outer.Bytes()).obj, "{}")
	if !got.ok || got.value != want {
		t.Fatalf("zip in a zip: ok=%v %s %s; same as the export itself: %v", got.ok, got.code, got.message, got.value == want)
	}
	f := newFakeFile(t, "netflix-report.zip", export)
	must(t, f.obj.Set("path", "Downloads/netflix-report.zip"))
	got = callAPI(t, "extract", object(t, map[string]any{"kind": "folder", "files": array(t, f.obj)}), "{}")
	if !got.ok || got.value != want {
		t.Fatalf("folder holding the zip: ok=%v %s %s; same as the export itself: %v", got.ok, got.code, got.message, got.value == want)
	}
}

func TestErrorsAndRecovery(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	random[0], random[1] = 0xff, 0xd8 // not text, not a ZIP
	good, _ := genCSV(t, synth.Config{Rows: 50, Seed: 1})
	tests := []struct {
		name string
		args func(t *testing.T) []any
		want string
	}{
		{"random bytes", func(t *testing.T) []any { return []any{newFakeFile(t, "x.zip", random).obj, "{}"} }, "not_zip_or_csv"},
		{"zero bytes", func(t *testing.T) []any { return []any{newFakeFile(t, "x.zip", nil).obj, "{}"} }, "empty_file"},
		{"truncated zip", func(t *testing.T) []any {
			z := genZip(t, synth.Config{Rows: 200, Seed: 2})
			return []any{newFakeFile(t, "x.zip", z[:len(z)/2]).obj, "{}"}
		}, "corrupt_zip"},
		{"input is a number", func(t *testing.T) []any { return []any{42, "{}"} }, "bad_input"},
		{"input is undefined", func(t *testing.T) []any { return nil }, "bad_input"},
		{"unknown kind", func(t *testing.T) []any { return []any{object(t, map[string]any{"kind": "url"}), "{}"} }, "bad_input"},
		{"no readAt", func(t *testing.T) []any {
			return []any{object(t, map[string]any{"kind": "file", "name": "a.csv", "size": 10}), "{}"}
		}, "bad_input"},
		{"negative size", func(t *testing.T) []any {
			f := newFakeFile(t, "a.csv", good)
			must(t, f.obj.Set("size", -1))
			return []any{f.obj, "{}"}
		}, "bad_input"},
		{"size larger than the data", func(t *testing.T) []any {
			f := newFakeFile(t, "a.csv", good)
			must(t, f.obj.Set("size", len(good)+5000))
			return []any{f.obj, "{}"}
		}, ""}, // some read error: checked below only for not being ok
		{"readAt returns a string", func(t *testing.T) []any {
			fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return "nope" })
			must(t, err)
			t.Cleanup(fn.Release)
			return []any{object(t, map[string]any{"kind": "file", "name": "a.csv", "size": 100, "readAt": fn}), "{}"}
		}, ""},
		{"options not JSON", func(t *testing.T) []any { return []any{newFakeFile(t, "a.csv", good).obj, "{"} }, "bad_options"},
		{"options wrong type", func(t *testing.T) []any { return []any{newFakeFile(t, "a.csv", good).obj, `{"top":"five"}`} }, "bad_options"},
		{"options not a string", func(t *testing.T) []any { return []any{newFakeFile(t, "a.csv", good).obj, 5} }, "bad_input"},
		{"unknown time zone", func(t *testing.T) []any {
			return []any{newFakeFile(t, "a.csv", good).obj, `{"time_zone":"Mars/Olympus_Mons"}`}
		}, "bad_options"},
		{"hooks not an object", func(t *testing.T) []any { return []any{newFakeFile(t, "a.csv", good).obj, "{}", 7} }, "bad_input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := callAPI(t, "extract", tt.args(t)...)
			if got.ok {
				t.Fatalf("resolved; want rejection %q", tt.want)
			}
			if got.code == "" {
				t.Fatalf("rejection without code: %q", got.message)
			}
			if tt.want != "" && got.code != tt.want {
				t.Fatalf("code %q (%s); want %q", got.code, got.message, tt.want)
			}
			// The next good call works.
			if next := callAPI(t, "extract", newFakeFile(t, "a.csv", good).obj, "{}"); !next.ok {
				t.Fatalf("next call rejected: %s %s", next.code, next.message)
			}
		})
	}
}

func TestPanicRecovery(t *testing.T) {
	boom, err := promiseFunc(func([]safejs.Value) (string, error) { panic("boom") })
	must(t, err)
	defer boom.Release()
	p, err := boom.Value().Invoke()
	must(t, err)
	got := await(t, p)
	if got.ok || got.code != "internal" {
		t.Fatalf("panicking call: %+v; want rejection internal", got)
	}
	if strings.Contains(got.message, "boom") {
		t.Errorf("the panic value leaked into the message: %q", got.message)
	}
	good, _ := genCSV(t, synth.Config{Rows: 20, Seed: 1})
	if next := callAPI(t, "extract", newFakeFile(t, "a.csv", good).obj, "{}"); !next.ok {
		t.Fatalf("call after a panic rejected: %s %s", next.code, next.message)
	}
}

func TestAbort(t *testing.T) {
	data := genZip(t, synth.Config{Rows: 30000, Seed: 8})
	t.Run("already aborted", func(t *testing.T) {
		c := newAbortController(t)
		_, err := c.Call("abort")
		must(t, err)
		sig, _ := c.Get("signal")
		f := newFakeFile(t, "x.zip", data)
		got := callAPI(t, "extract", f.obj, "{}", object(t, map[string]any{"signal": sig}))
		if got.ok || got.code != "aborted" {
			t.Fatalf("%+v; want aborted", got)
		}
		if f.calls != 0 {
			t.Errorf("%d reads after an abort before the start", f.calls)
		}
	})
	t.Run("aborted while reading", func(t *testing.T) {
		c := newAbortController(t)
		sig, _ := c.Get("signal")
		f := newFakeFile(t, "x.zip", data)
		f.onRead = func() { c.Call("abort") } // fires during the first read
		got := callAPI(t, "extract", f.obj, "{}", object(t, map[string]any{"signal": sig}))
		if got.ok || got.code != "aborted" {
			t.Fatalf("%+v; want aborted", got)
		}
	})
	t.Run("next call works", func(t *testing.T) {
		f := newFakeFile(t, "x.zip", data)
		if got := callAPI(t, "extract", f.obj, "{}"); !got.ok {
			t.Fatalf("rejected: %s %s", got.code, got.message)
		}
	})
}

func TestProfiles(t *testing.T) {
	profiles := []string{"Anna", "Bram <b>", "Kids"}
	data := genZip(t, synth.Config{Rows: 600, Seed: 11, Profiles: profiles})
	var truth synth.Truth
	{
		var buf bytes.Buffer
		var err error
		truth, err = synth.WriteViewingActivity(&buf, synth.Config{Rows: 600, Seed: 11, Profiles: profiles})
		must(t, err)
	}
	got := callAPI(t, "profiles", newFakeFile(t, "x.zip", data).obj)
	if !got.ok {
		t.Fatalf("rejected: %s %s", got.code, got.message)
	}
	var list []extractor.ProfileInfo
	must(t, json.Unmarshal([]byte(got.value), &list))
	if len(list) != len(profiles) {
		t.Fatalf("%d profiles; want %d: %s", len(list), len(profiles), got.value)
	}
	for i, p := range list {
		want := extractor.ProfileInfo{Pseudonym: "P" + string(rune('1'+i)), Name: profiles[i], Rows: truth.ProfileRows[i]}
		if p != want {
			t.Errorf("profile %d = %+v; want %+v", i, p, want)
		}
	}
}

func TestShare(t *testing.T) {
	data, _ := genCSV(t, synth.Config{Rows: 800, Seed: 12})
	got := callAPI(t, "extract", newFakeFile(t, "a.csv", data).obj, `{"titles":"all"}`)
	if !got.ok {
		t.Fatalf("extract rejected: %s %s", got.code, got.message)
	}
	var s extractor.Summary
	must(t, json.Unmarshal([]byte(got.value), &s))
	if len(s.Titles) == 0 {
		t.Fatal("no titles to remove")
	}
	removed := s.Titles[0].Name
	opts := extractor.ShareOptions{Blocks: []string{"totals", "titles"}, RemoveTitles: []string{removed}}
	optsJSON, _ := json.Marshal(opts)
	shared := callAPI(t, "share", got.value, string(optsJSON))
	if !shared.ok {
		t.Fatalf("share rejected: %s %s", shared.code, shared.message)
	}
	want, err := extractor.Share(&s, opts)
	must(t, err)
	if shared.value != string(want) {
		t.Fatalf("share JSON differs from extractor.Share\n got %.300s\nwant %.300s", shared.value, want)
	}
	var doc map[string]json.RawMessage
	must(t, json.Unmarshal([]byte(shared.value), &doc))
	if _, ok := doc["by_month"]; ok {
		t.Error("by_month shared although not chosen")
	}
	if bytes.Contains(doc["titles"], []byte(`"name":`+mustJSON(removed)+`,`)) {
		t.Errorf("removed title %q still shared", removed)
	}

	for _, bad := range []struct {
		name     string
		args     []any
		wantCode string
	}{
		{"summary not JSON", []any{"{", "{}"}, "bad_input"},
		{"summary missing", []any{}, "bad_input"},
		{"options not JSON", []any{got.value, "nope"}, "bad_options"},
	} {
		if r := callAPI(t, "share", bad.args...); r.ok || r.code != bad.wantCode {
			t.Errorf("%s: %+v; want %s", bad.name, r, bad.wantCode)
		}
	}
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestVersion(t *testing.T) {
	api, err := newAPI()
	must(t, err)
	v, err := api.Get("version")
	must(t, err)
	if s, _ := v.String(); s != Version {
		t.Fatalf("version %q; want %q", s, Version)
	}
}

// TestExtractPartsMatchNative splits a table large enough to split into
// two parts through the API, as two workers would: extractPart for part
// 1, then extract with hooks that hand part 1's Uint8Array to part 0, and
// compares with the native Extract of the whole.
func TestExtractPartsMatchNative(t *testing.T) {
	csvData, _ := genCSV(t, synth.Config{Rows: 9000, Seed: 6})
	if len(csvData) < extractor.MinPartBytes {
		t.Fatalf("%d bytes: too small to split", len(csvData))
	}
	zipData := genZip(t, synth.Config{Rows: 9000, Seed: 7})
	amsterdam := extractor.DefaultOptions()
	amsterdam.TimeZone = "Europe/Amsterdam"
	amsterdam.Titles = extractor.TitlesAll
	const optsJSON = `{"time_zone":"Europe/Amsterdam","titles":"all"}`
	for _, in := range []struct {
		name string
		data []byte
	}{{"ViewingActivity.csv", csvData}, {"netflix.zip", zipData}} {
		// As the first worker runs it: part 0 itself, then part 1 from
		// hooks.parts, which another worker's extractPart made.
		part1 := callAPI(t, "extractPart", newFakeFile(t, in.name, in.data).obj, optsJSON, 1, 2)
		if !part1.ok {
			t.Fatalf("%s part 1 rejected: %s %s", in.name, part1.code, part1.message)
		}
		if n, err := part1.raw.Length(); err != nil || n < 1000 {
			t.Errorf("%s: part 1 has %d bytes (%v); the second half should hold aggregates", in.name, n, err)
		}
		got := callAPI(t, "extract", newFakeFile(t, in.name, in.data).obj, optsJSON, partsHooks(t, 2, resolved(t, array(t, part1.raw))))
		if !got.ok {
			t.Fatalf("%s extract with parts rejected: %s %s", in.name, got.code, got.message)
		}
		if want := nativeJSON(t, in.name, in.data, amsterdam); got.value != want {
			t.Fatalf("%s: extract with parts differs from native\n got %.300s\nwant %.300s", in.name, got.value, want)
		}
	}
}

// TestExtractPartErrors checks the codes of the split calls.
func TestExtractPartErrors(t *testing.T) {
	good, _ := genCSV(t, synth.Config{Rows: 50, Seed: 1})
	file := func() safejs.Value { return newFakeFile(t, "a.csv", good).obj }
	row := "A,2023-01-01 10:00:00,00:40:00,,Some Film,,PC,,,\n"
	half := strings.Repeat(row, extractor.MinPartBytes/len(row)/2+1)
	header := "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"
	crossing := header + half + "A,2023-01-01 12:00:00,00:40:00,,\"" + strings.Repeat("a line\n", 100000) + "\",,PC,,,\n" + half
	bytesOf := func(b []byte) safejs.Value {
		ctor, err := safejs.Global().Get("Uint8Array")
		must(t, err)
		a, err := ctor.New(len(b))
		must(t, err)
		_, err = safejs.CopyBytesToJS(a, b)
		must(t, err)
		return a
	}
	tests := []struct {
		name   string
		method string
		args   []any
		want   string
	}{
		{"index not a number", "extractPart", []any{file(), "{}", "0", 2}, "bad_input"},
		{"count fractional", "extractPart", []any{file(), "{}", 0, 1.5}, "bad_input"},
		{"index out of range", "extractPart", []any{file(), "{}", 2, 2}, "bad_options"},
		{"crossing record", "extractPart", []any{newFakeFile(t, "a.csv", []byte(crossing)).obj, "{}", 0, 2}, "split_misaligned"},
		{"part damaged", "extract", []any{newFakeFile(t, "a.csv", []byte(crossing[:len(crossing)/3])).obj, "{}",
			partsHooks(t, 2, resolved(t, array(t, bytesOf([]byte("NFXPART1 damaged")))))}, "internal"},
		{"parts not an array", "extract", []any{newFakeFile(t, "a.csv", []byte(crossing[:len(crossing)/3])).obj, "{}",
			partsHooks(t, 2, resolved(t, numberValue(t, 5)))}, "bad_input"},
		{"a helper failed", "extract", []any{newFakeFile(t, "a.csv", []byte(crossing[:len(crossing)/3])).obj, "{}",
			partsHooks(t, 2, rejected(t, "too_large"))}, "too_large"},
		{"parts not bytes", "extract", []any{newFakeFile(t, "a.csv", []byte(crossing[:len(crossing)/3])).obj, "{}",
			partsHooks(t, 2, resolved(t, array(t, 7)))}, "bad_input"},
		{"count without parts", "extract", []any{file(), "{}", object(t, map[string]any{"count": 2})}, "bad_input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := callAPI(t, tt.method, tt.args...)
			if got.ok || got.code != tt.want {
				t.Fatalf("ok=%v code %q (%s); want %q", got.ok, got.code, got.message, tt.want)
			}
		})
	}
}

// partsHooks returns hooks {count, parts} whose parts() returns promise.
func partsHooks(t *testing.T, count int, promise safejs.Value) safejs.Value {
	t.Helper()
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return promise })
	must(t, err)
	t.Cleanup(fn.Release)
	return object(t, map[string]any{"count": count, "parts": fn})
}

// resolved returns Promise.resolve(v).
func resolved(t *testing.T, v safejs.Value) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("Promise")
	must(t, err)
	p, err := ctor.Call("resolve", v)
	must(t, err)
	return p
}

// rejected returns a Promise rejected with an Error whose code is code.
// It is marked handled at once: the test awaits it only later, and Node
// ends the process on a rejection that stays unhandled while the event
// loop turns in between.
func rejected(t *testing.T, code string) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("Promise")
	must(t, err)
	e, ok := jsErrorValue(extractor.Code(code), "a helper failed").(safejs.Value)
	if !ok {
		t.Fatal("cannot make an Error")
	}
	p, err := ctor.Call("reject", e)
	must(t, err)
	noop, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return nil })
	must(t, err)
	t.Cleanup(noop.Release)
	_, err = p.Call("catch", noop)
	must(t, err)
	return p
}

// numberValue returns the JavaScript number n.
func numberValue(t *testing.T, n float64) safejs.Value {
	t.Helper()
	v, err := safejs.ValueOf(n)
	must(t, err)
	return v
}
