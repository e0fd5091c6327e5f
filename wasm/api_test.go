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

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/web"
)

// nativeJSON is the summary JSON of the same input computed without the
// adapter: input.Open over a bytes.Reader, then Summary.JSON.
func nativeJSON(t *testing.T, name string, data []byte, opts extractor.Options) string {
	t.Helper()
	fs, err := input.Open(bytes.NewReader(data), int64(len(data)), name, input.Options{})
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

// extract runs what the page does for one summary: open (read the whole
// input into a session), summary for every profile, close. It returns
// the first rejection, or the summary JSON.
func extract(t *testing.T, args ...any) outcome {
	t.Helper()
	for len(args) < 2 {
		args = append(args, safejs.Undefined())
	}
	open := callAPI(t, "open", append([]any{args[0], args[1], "{}"}, args[2:]...)...)
	if !open.ok {
		return open
	}
	defer func() {
		if c := callAPI(t, "close", open.value); !c.ok {
			t.Errorf("close rejected: %s %s", c.code, c.message)
		}
	}()
	return callAPI(t, "summary", open.value, "[]")
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
			got := extract(t, f.obj, tt.optsJSON)
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
	folder := object(t, map[string]any{"kind": "folder", "files": array(t, jsFiles...)})
	got := extract(t, folder, `{"time_zone":"Europe/Amsterdam"}`)
	if !got.ok {
		t.Fatalf("rejected: %s %s", got.code, got.message)
	}
	fs, err := input.OpenFolder(mapFS, input.Options{})
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

	got := extract(t, newFakeFile(t, "Archive.zip", outer.Bytes()).obj, "{}")
	if !got.ok || got.value != want {
		t.Fatalf("zip in a zip: ok=%v %s %s; same as the export itself: %v", got.ok, got.code, got.message, got.value == want)
	}
	f := newFakeFile(t, "netflix-report.zip", export)
	must(t, f.obj.Set("path", "Downloads/netflix-report.zip"))
	got = extract(t, object(t, map[string]any{"kind": "folder", "files": array(t, f.obj)}), "{}")
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
		{"input is undefined", func(t *testing.T) []any { return []any{safejs.Undefined()} }, "bad_input"},
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
		{"a table without rows", func(t *testing.T) []any {
			return []any{newFakeFile(t, "a.csv", []byte("Profile Name,Start Time,Duration,Title\n")).obj, "{}"}
		}, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extract(t, tt.args(t)...)
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
			if next := extract(t, newFakeFile(t, "a.csv", good).obj, "{}"); !next.ok {
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
	if next := extract(t, newFakeFile(t, "a.csv", good).obj, "{}"); !next.ok {
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
		got := extract(t, f.obj, "{}", object(t, map[string]any{"signal": sig}))
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
		got := extract(t, f.obj, "{}", object(t, map[string]any{"signal": sig}))
		if got.ok || got.code != "aborted" {
			t.Fatalf("%+v; want aborted", got)
		}
	})
	t.Run("next call works", func(t *testing.T) {
		f := newFakeFile(t, "x.zip", data)
		if got := extract(t, f.obj, "{}"); !got.ok {
			t.Fatalf("rejected: %s %s", got.code, got.message)
		}
	})
}

// TestSession lists the profiles of a session and builds summaries for
// several choices from it, each equal to the native Extract with that
// choice, without reading the file again.
func TestSession(t *testing.T) {
	profiles := []string{"Anna", "Bram <b>", "Kids"}
	cfg := synth.Config{Rows: 600, Seed: 11, Profiles: profiles}
	data := genZip(t, cfg)
	_, truth := genCSV(t, cfg)
	f := newFakeFile(t, "x.zip", data)
	open := callAPI(t, "open", f.obj, "{}", "{}")
	if !open.ok {
		t.Fatalf("rejected: %s %s", open.code, open.message)
	}
	reads := f.calls
	got := callAPI(t, "profiles", open.value)
	if !got.ok {
		t.Fatalf("rejected: %s %s", got.code, got.message)
	}
	var list []extractor.ProfileInfo
	must(t, json.Unmarshal([]byte(got.value), &list))
	if len(list) != len(profiles) {
		t.Fatalf("%d profiles; want %d: %s", len(list), len(profiles), got.value)
	}
	for i, p := range list {
		if p.Pseudonym != "P"+string(rune('1'+i)) || p.Name != profiles[i] || p.Rows != truth.ProfileRows[i] {
			t.Errorf("profile %d = %+v; want %s with %d rows", i, p, profiles[i], truth.ProfileRows[i])
		}
	}
	for _, choice := range [][]string{{"Kids"}, {"Anna", "Bram <b>"}, {"Kids"}, nil} {
		names, _ := json.Marshal(choice)
		if choice == nil {
			names = []byte("[]")
		}
		got := callAPI(t, "summary", open.value, string(names))
		if !got.ok {
			t.Fatalf("%s: rejected: %s %s", names, got.code, got.message)
		}
		opts := extractor.DefaultOptions()
		opts.Profiles = choice
		if want := nativeJSON(t, "x.zip", data, opts); got.value != want {
			t.Errorf("%s: differs from native\n got %.300s\nwant %.300s", names, got.value, want)
		}
	}
	if f.calls != reads {
		t.Errorf("%d reads of the file after it was opened; want none", f.calls-reads)
	}
	if r := callAPI(t, "summary", open.value, `["nobody"]`); r.ok || r.code != "bad_options" {
		t.Errorf("a profile that does not exist: %+v; want bad_options", r)
	}
	if r := callAPI(t, "summary", open.value, `"Kids"`); r.ok || r.code != "bad_options" {
		t.Errorf("profiles not an array: %+v; want bad_options", r)
	}
	if c := callAPI(t, "close", open.value); !c.ok {
		t.Fatalf("close rejected: %s %s", c.code, c.message)
	}
	for _, method := range []string{"profiles", "summary", "close"} {
		if r := callAPI(t, method, open.value, "[]"); r.ok || r.code != "bad_input" {
			t.Errorf("%s after close: %+v; want bad_input", method, r)
		}
	}
}

func TestShare(t *testing.T) {
	data, _ := genCSV(t, synth.Config{Rows: 800, Seed: 12})
	got := extract(t, newFakeFile(t, "a.csv", data).obj, `{"titles":"all"}`)
	if !got.ok {
		t.Fatalf("extract rejected: %s %s", got.code, got.message)
	}
	var s extractor.Summary
	must(t, json.Unmarshal([]byte(got.value), &s))
	if len(s.Titles) == 0 {
		t.Fatal("no titles to remove")
	}
	removed := s.Titles[0].Name
	opts := donation.ShareOptions{Blocks: []string{"totals", "titles"}, RemoveTitles: []string{removed}}
	optsJSON, _ := json.Marshal(opts)
	shared := callAPI(t, "share", got.value, string(optsJSON))
	if !shared.ok {
		t.Fatalf("share rejected: %s %s", shared.code, shared.message)
	}
	want, err := donation.Share(&s, opts)
	must(t, err)
	if shared.value != string(want) {
		t.Fatalf("share JSON differs from donation.Share\n got %.300s\nwant %.300s", shared.value, want)
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
	if s, _ := v.String(); s != web.Version {
		t.Fatalf("version %q; want %q", s, web.Version)
	}
}

// TestRangesMatchNative splits a table into two ranges through the API,
// as two workers would: read for the second half (its aggregates as a
// Uint8Array), open for the first, merge the second into it, and
// compares the summary with the native Extract of the whole.
func TestRangesMatchNative(t *testing.T) {
	csvData, _ := genCSV(t, synth.Config{Rows: 9000, Seed: 6})
	zipData := genZip(t, synth.Config{Rows: 9000, Seed: 7})
	amsterdam := extractor.DefaultOptions()
	amsterdam.TimeZone = "Europe/Amsterdam"
	amsterdam.Titles = extractor.TitlesAll
	const optsJSON = `{"time_zone":"Europe/Amsterdam","titles":"all"}`
	for _, in := range []struct {
		name string
		data []byte
	}{{"ViewingActivity.csv", csvData}, {"netflix.zip", zipData}} {
		second := callAPI(t, "read", newFakeFile(t, in.name, in.data).obj, optsJSON, `{"from":0.5,"to":1}`)
		if !second.ok {
			t.Fatalf("%s second half rejected: %s %s", in.name, second.code, second.message)
		}
		if n, err := second.raw.Length(); err != nil || n < 1000 {
			t.Errorf("%s: the second half has %d bytes (%v); it should hold aggregates", in.name, n, err)
		}
		open := callAPI(t, "open", newFakeFile(t, in.name, in.data).obj, optsJSON, `{"from":0,"to":0.5}`)
		if !open.ok {
			t.Fatalf("%s first half rejected: %s %s", in.name, open.code, open.message)
		}
		if m := callAPI(t, "merge", open.value, array(t, second.raw)); !m.ok {
			t.Fatalf("%s merge rejected: %s %s", in.name, m.code, m.message)
		}
		got := callAPI(t, "summary", open.value, "[]")
		if !got.ok {
			t.Fatalf("%s summary rejected: %s %s", in.name, got.code, got.message)
		}
		if want := nativeJSON(t, in.name, in.data, amsterdam); got.value != want {
			t.Fatalf("%s: merged summary differs from native\n got %.300s\nwant %.300s", in.name, got.value, want)
		}
		callAPI(t, "close", open.value)
	}
}

// TestRangeErrors checks the codes of the calls that split a table.
func TestRangeErrors(t *testing.T) {
	good, _ := genCSV(t, synth.Config{Rows: 50, Seed: 1})
	file := func() safejs.Value { return newFakeFile(t, "a.csv", good).obj }
	row := "A,2023-01-01 10:00:00,00:40:00,,Some Film,,PC,,,\n"
	half := strings.Repeat(row, 10000)
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
	session := callAPI(t, "open", file(), "{}", "{}")
	if !session.ok {
		t.Fatalf("open: %s %s", session.code, session.message)
	}
	defer callAPI(t, "close", session.value)
	tests := []struct {
		name   string
		method string
		args   []any
		want   string
	}{
		{"range not JSON", "read", []any{file(), "{}", "half"}, "bad_input"},
		{"range the wrong way", "read", []any{file(), "{}", `{"from":0.7,"to":0.2}`}, "bad_options"},
		{"crossing record", "read", []any{newFakeFile(t, "a.csv", []byte(crossing)).obj, "{}", `{"from":0,"to":0.5}`}, "split_misaligned"},
		{"damaged aggregates", "merge", []any{session.value, array(t, bytesOf([]byte("NFXAGG2 damaged")))}, "internal"},
		{"parts not an array", "merge", []any{session.value, 5}, "bad_input"},
		{"parts not bytes", "merge", []any{session.value, array(t, 7)}, "bad_input"},
		{"no such session", "merge", []any{"s999", array(t)}, "bad_input"},
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
