package extractor_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// The fuzz targets in this file cover what the WebAssembly adapter (wasm/,
// built only for js/wasm) does with what the page hands it, so that the
// same paths are fuzzed natively: options JSON decoded over DefaultOptions
// and passed to Extract (wasm/options.go parseOptions and callExtract), a
// folder pick of any shape passed to OpenFolder (wasm/input.go builds an
// fs.FS over the picked files); the donation package fuzzes what the
// adapter passes to donation.Share. The adapter's decoding steps
// are repeated here in a few lines each; moving them into the extractor
// would let the adapter and the fuzzers call the very same function.

// fuzzCanary is carried by every profile name, some titles, device
// strings, countries and the account tables of the fuzz fixture.
const fuzzCanary = "Zq9fuzzcanary"

// fuzzExport is a small synthetic multi-profile export with a canary.
func fuzzExport(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	if _, err := synth.WriteZip(&b, synth.Config{Rows: 400, Seed: 5, Canary: fuzzCanary}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// decodeOptions decodes options JSON over the defaults as the adapter
// does; ok is false where the adapter answers bad_options.
func decodeOptions(s string) (extractor.Options, bool) {
	opts := extractor.DefaultOptions()
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&opts); err != nil || dec.More() {
		return opts, false
	}
	return opts, true
}

// FuzzOptionsJSON feeds arbitrary options JSON, as a page could send it,
// to Extract over a fixed canary export. It checks: no panic, only
// bad_options or a known input code, never internal; on success the title
// list obeys the options (none: no titles; top N: at most N), no error
// message echoes a profile name, and the
// canary, which is in every profile name, device string, country and
// account row, appears in the summary only inside title names (the
// fixture's canary titles), whatever the options ask for.
func FuzzOptionsJSON(f *testing.F) {
	for _, s := range []string{
		`{}`,
		`{"time_zone":"Europe/Amsterdam","titles":"all","min_seconds":120}`,
		`{"titles":"none"}`,
		`{"titles":"top","top":3}`,
		`{"profiles":["Anna ` + fuzzCanary + `"],"titles":"all"}`,
		`{"profiles":["nobody ` + fuzzCanary + `"]}`,
		`{"profiles":["all"],"from":"2020-01-01","to":"2020-12-31"}`,
		`{"account":["profiles","searches","ratings","my_list","tenure"]}`,
		`{"account":["` + fuzzCanary + `"]}`,
		`{"time_zone":"Local"}`,
		`{"time_zone":"../../etc/passwd"}`,
		`{"top":-1}`,
		`{"min_seconds":-5,"from":"2024-13-45"}`,
		`{"top":9223372036854775807}`,
		`{"titles":"all"} trailing`,
		`null`,
		`[]`,
	} {
		f.Add(s)
	}
	export := fuzzExport(f)
	f.Fuzz(func(t *testing.T, optsJSON string) {
		opts, ok := decodeOptions(optsJSON)
		if !ok {
			return // the adapter answers bad_options before Extract
		}
		files, err := input.Open(bytes.NewReader(export), int64(len(export)), "netflix-report.zip", input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s, err := extractor.Extract(context.Background(), files, opts)
		if err != nil {
			if c := codes.Of(err); c != codes.BadOptions && !knownCode(c) {
				t.Fatalf("Extract(%s): %v", optsJSON, err)
			}
			// Profile names are the participant's; the other options are
			// the study's and may be named in a message.
			if strings.Contains(err.Error(), fuzzCanary) && !studyFieldsHold(opts, fuzzCanary) {
				t.Fatalf("the error message echoes a profile name: %v", err)
			}
			return
		}
		switch s.Options.Titles {
		case extractor.TitlesNone:
			if len(s.Titles) != 0 {
				t.Fatalf("titles none, but %d titles", len(s.Titles))
			}
		case extractor.TitlesTop:
			if len(s.Titles) > s.Options.Top {
				t.Fatalf("top %d, but %d titles", s.Options.Top, len(s.Titles))
			}
		}
		s.Titles = nil // the only place the canary may be: titles are content the participant reviews
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(fuzzCanary)) {
			t.Fatalf("options %s: the canary is in the summary outside the titles: %s", optsJSON, b)
		}
	})
}

// studyFieldsHold reports whether s is in an option other than Profiles.
func studyFieldsHold(o extractor.Options, s string) bool {
	fields := append([]string{o.TimeZone, o.From, o.To, string(o.Titles)}, o.Account...)
	return slices.ContainsFunc(fields, func(f string) bool { return strings.Contains(f, s) })
}

// FuzzOpenFolder builds a folder from arbitrary bytes (entries separated by
// NUL, each "path\ncontent", as a folder pick of any shape could give the
// adapter) and passes it to OpenFolder and Extract, as the adapter does
// for a folder pick. It checks: no panic, only known codes, and on success
// the row invariant.
func FuzzOpenFolder(f *testing.F) {
	f.Add([]byte("netflix-report/CONTENT_INTERACTION/ViewingActivity.csv\nProfile Name,Start Time,Duration,Title\nA,2024-01-02 10:00:00,00:30:00,T\n"))
	f.Add([]byte("a/ViewingActivity.csv\nStart Time,Duration,Title\n\x00b/ViewingActivity.csv\nTitle,Date\n\x00c/NetflixViewingHistory.csv\nTitle,Date\nX,1/2/24\n"))
	f.Add([]byte("../ViewingActivity.csv\nx\x00/abs/ViewingActivity.csv\ny\x00ViewingActivity.csv/inner\nz\x00x/Profiles.csv\n\"Profile Name\"\nA\n"))
	f.Add([]byte("x/ViewingActivity.txt\nThis table is empty\x00x/netflix-report.zip\nPK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for _, entry := range bytes.Split(data, []byte{0}) {
			name, content, _ := bytes.Cut(entry, []byte("\n"))
			if !fs.ValidPath(string(name)) || string(name) == "." {
				continue // a MapFS cannot hold it; the adapter's folder FS leaves such paths out too
			}
			fsys[string(name)] = &fstest.MapFile{Data: content}
		}
		files, err := input.OpenFolder(fsys, input.Options{})
		if err != nil {
			if !knownCode(codes.Of(err)) {
				t.Fatalf("OpenFolder: %v", err)
			}
			return
		}
		opts := extractor.DefaultOptions()
		opts.Limits = fuzzLimits()
		opts.Titles = extractor.TitlesAll
		checkExtract(t, files, opts)
		if _, err := listProfiles(files); err != nil && !knownCode(codes.Of(err)) {
			t.Fatalf("profiles: %v", err)
		}
	})
}
