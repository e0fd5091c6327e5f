package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// enginePage is the test page of the engine tests.
const enginePage = "/browsertest/testdata/engine.html"

// result is what engine_page.js's settle returns.
type result struct {
	OK      bool    `json:"ok"`
	Value   string  `json:"value"`
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Frames  int     `json:"frames"`
	MaxGap  float64 `json:"maxGap"`
	Ms      float64 `json:"ms"`
}

// nativeJSON extracts the same input in this process, as the CLI does.
func nativeJSON(t *testing.T, files input.FileSet, opts extractor.Options) string {
	t.Helper()
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		t.Fatalf("native extract: %v", err)
	}
	b, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func nativeOpen(t *testing.T, name string, data []byte) input.FileSet {
	t.Helper()
	fs, err := input.Open(bytes.NewReader(data), int64(len(data)), name, input.Options{})
	if err != nil {
		t.Fatalf("native open: %v", err)
	}
	return fs
}

func genZip(t *testing.T, cfg synth.Config) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteZip(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func genCSV(t *testing.T, cfg synth.Config) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteViewingActivity(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// amsterdam is the options used for byte-for-byte comparisons, in JS and Go.
const amsterdamJS = `{timeZone: 'Europe/Amsterdam', titles: 'all', minSeconds: 120}`

func amsterdamGo() extractor.Options {
	o := extractor.DefaultOptions()
	o.TimeZone = "Europe/Amsterdam"
	o.Titles = extractor.TitlesAll
	o.MinSeconds = 120
	return o
}

func TestEngineMatchesNative(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	cfg := synth.Config{Rows: 5000, Seed: 21}
	zipData := genZip(t, cfg)
	csvData := genCSV(t, cfg)
	folder := t.TempDir()
	if _, err := synth.WriteFolder(folder, cfg); err != nil {
		t.Fatal(err)
	}
	h.Navigate(enginePage)
	h.Eval(`NetflixDonation.ready()`, nil)

	t.Run("zip", func(t *testing.T) {
		h.Upload("#file", h.WriteFile("netflix-report.zip", zipData))
		var r result
		h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
		if !r.OK {
			t.Fatalf("rejected: %s %s", r.Code, r.Message)
		}
		if want := nativeJSON(t, nativeOpen(t, "netflix-report.zip", zipData), amsterdamGo()); r.Value != want {
			t.Fatalf("browser JSON differs from native\n got %.400s\nwant %.400s", r.Value, want)
		}
	})
	t.Run("csv", func(t *testing.T) {
		h.Upload("#file", h.WriteFile("ViewingActivity.csv", csvData))
		var r result
		h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
		if !r.OK {
			t.Fatalf("rejected: %s %s", r.Code, r.Message)
		}
		if want := nativeJSON(t, nativeOpen(t, "ViewingActivity.csv", csvData), amsterdamGo()); r.Value != want {
			t.Fatalf("browser JSON differs from native\n got %.400s\nwant %.400s", r.Value, want)
		}
	})
	t.Run("folder", func(t *testing.T) {
		// The folder, uploaded file by file with their relative paths (see
		// uploadFolder), through the {path, file} input form.
		pathsJSON := uploadFolder(t, h, folder)
		var r result
		h.Eval(`settle(NetflixDonation.extractJSON(folderInput(`+string(pathsJSON)+`), `+amsterdamJS+`))`, &r)
		if !r.OK {
			t.Fatalf("rejected: %s %s", r.Code, r.Message)
		}
		native, err := input.OpenFolder(os.DirFS(folder), input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if want := nativeJSON(t, native, amsterdamGo()); r.Value != want {
			t.Fatalf("browser JSON differs from native\n got %.400s\nwant %.400s", r.Value, want)
		}
	})
	t.Run("extract gives the parsed object", func(t *testing.T) {
		h.Upload("#file", h.WriteFile("netflix-report.zip", zipData))
		var views int64
		h.Eval(`NetflixDonation.extract(firstFile('file'), `+amsterdamJS+`).then(s => s.totals.views)`, &views)
		var s extractor.Summary
		json.Unmarshal([]byte(nativeJSON(t, nativeOpen(t, "x.zip", zipData), amsterdamGo())), &s)
		if views != s.Totals.Views {
			t.Fatalf("totals.views %d; want %d", views, s.Totals.Views)
		}
	})

	// The engine was compiled once and reused for every call.
	if n := h.CountRequests("/web/netflix-donation.wasm"); n != 1 {
		t.Errorf("the .wasm was fetched %d times; want 1", n)
	}
	if v := h.CSPViolations(); len(v) != 0 {
		t.Errorf("CSP violations: %q", v)
	}
	// DevTools saw the worker's own requests (the harness watches workers).
	sawWorker := false
	for _, e := range h.NetworkEvents() {
		if strings.Contains(e.Target, "worker") && strings.HasSuffix(e.URL, "/web/wasm_exec.js") {
			sawWorker = true
		}
	}
	if !sawWorker {
		t.Errorf("no worker request for wasm_exec.js among the network events %v", h.NetworkEvents())
	}
}

func TestEngineBadFileThenGood(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 10000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	random[0] = 0xff
	good := genCSV(t, synth.Config{Rows: 300, Seed: 5})
	zipData := genZip(t, synth.Config{Rows: 300, Seed: 6})
	history := []byte("Title,Date\n\"Show: Season 1: Pilot\",\"1/2/24\"\n")
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"random bytes", "netflix.zip", random, "not_zip_or_csv"},
		{"truncated zip", "netflix.zip", zipData[:len(zipData)/2], "corrupt_zip"},
		{"empty file", "netflix.zip", nil, "empty_file"},
		{"viewing history only", "NetflixViewingHistory.csv", history, "viewing_history_only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.Upload("#file", h.WriteFile(tt.file, tt.data))
			var r result
			h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file')))`, &r)
			if r.OK || r.Code != tt.want {
				t.Fatalf("got ok=%v code %q (%s); want code %q", r.OK, r.Code, r.Message, tt.want)
			}
			h.Upload("#file", h.WriteFile("ViewingActivity.csv", good))
			h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
			if !r.OK {
				t.Fatalf("next good file rejected: %s %s", r.Code, r.Message)
			}
			if want := nativeJSON(t, nativeOpen(t, "ViewingActivity.csv", good), amsterdamGo()); r.Value != want {
				t.Fatal("next good file: JSON differs from native")
			}
		})
	}
	t.Run("unsupported JS input", func(t *testing.T) {
		for _, input := range []string{`42`, `'a string'`, `[]`, `[{path: 'a'}]`, `null`} {
			var r result
			h.Eval(`settle(NetflixDonation.extractJSON(`+input+`))`, &r)
			if r.OK || r.Code != "bad_input" {
				t.Errorf("input %s: ok=%v code %q; want bad_input", input, r.OK, r.Code)
			}
		}
	})
	t.Run("bad options", func(t *testing.T) {
		h.Upload("#file", h.WriteFile("ViewingActivity.csv", good))
		for _, opts := range []string{`{timeZone: 'Mars/Base'}`, `{top: 'five'}`, `{from: '2024-13-45'}`} {
			var r result
			h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+opts+`))`, &r)
			if r.OK || r.Code != "bad_options" {
				t.Errorf("options %s: ok=%v code %q; want bad_options", opts, r.OK, r.Code)
			}
		}
	})
}

func TestEngineAbort(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	zipData := genZip(t, synth.Config{Rows: 50000, Seed: 9})
	h.Upload("#file", h.WriteFile("netflix.zip", zipData))
	for i := range 2 {
		var r struct {
			result
			Stages []string `json:"stages"`
		}
		h.Eval(`abortWhenReading(firstFile('file'))`, &r)
		if r.OK || r.Code != "aborted" {
			t.Fatalf("round %d: ok=%v code %q (%s); want aborted", i, r.OK, r.Code, r.Message)
		}
	}
	// An abort before the call starts rejects at once.
	var r result
	h.Eval(`(() => { const c = new AbortController(); c.abort(); return settle(NetflixDonation.extract(firstFile('file'), {signal: c.signal})); })()`, &r)
	if r.OK || r.Code != "aborted" {
		t.Fatalf("pre-aborted: ok=%v code %q; want aborted", r.OK, r.Code)
	}
	// The engine works afterwards, with the same result as native.
	h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
	if !r.OK {
		t.Fatalf("after abort: %s %s", r.Code, r.Message)
	}
	if want := nativeJSON(t, nativeOpen(t, "netflix.zip", zipData), amsterdamGo()); r.Value != want {
		t.Fatal("after abort: JSON differs from native")
	}
}

func TestEngineProgress(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	h.Upload("#file", h.WriteFile("netflix.zip", genZip(t, synth.Config{Rows: 2000, Seed: 2})))
	var r struct {
		OK        bool     `json:"ok"`
		Stages    []string `json:"stages"`
		Monotonic bool     `json:"monotonic"`
		Last      float64  `json:"last"`
	}
	h.Eval(`progressStages(firstFile('file'))`, &r)
	if !r.OK || !r.Monotonic || r.Last != 1 {
		t.Fatalf("%+v; want ok, monotonic, ending at 1", r)
	}
	// loading and reading always come first and done last; summarising
	// shows when Go reported reading to the end.
	if len(r.Stages) < 3 || r.Stages[0] != "loading" || r.Stages[1] != "reading" || r.Stages[len(r.Stages)-1] != "done" {
		t.Fatalf("stages %q; want loading, reading, [summarising,] done", r.Stages)
	}
}

func TestEngineResponsive(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	zipData := genZip(t, synth.Config{Rows: 200000, Seed: 1})
	h.Upload("#file", h.WriteFile("netflix.zip", zipData))
	h.Eval(`NetflixDonation.ready()`, nil)
	var r result
	h.Eval(`responsiveExtract(firstFile('file'), `+amsterdamJS+`)`, &r)
	if !r.OK {
		t.Fatalf("rejected: %s %s", r.Code, r.Message)
	}
	t.Logf("200,000 rows (%d byte ZIP) in the browser: %.0f ms, %d frames, longest frame gap %.0f ms (informational)",
		len(zipData), r.Ms, r.Frames, r.MaxGap)
	// Responsiveness, not speed: frames kept coming during the whole run.
	// Were the extraction on the main thread, one gap would span the whole
	// run (many seconds). The bound leaves room for a loaded machine
	// (shared CI cores starve the renderer now and then) while staying far
	// below that.
	const maxGapMs = 1500
	if r.MaxGap > maxGapMs {
		t.Errorf("the main thread stalled: a %.0f ms gap between animation frames (bound %d ms)", r.MaxGap, maxGapMs)
	}
	if r.Ms > 4*maxGapMs && float64(r.Frames) < r.Ms/200 {
		t.Errorf("only %d animation frames in %.0f ms; want at least 5 per second", r.Frames, r.Ms)
	}
	if want := nativeJSON(t, nativeOpen(t, "netflix.zip", zipData), amsterdamGo()); r.Value != want {
		t.Error("200k rows: JSON differs from native")
	}
}

// timeZoneCSV has three one-hour views with known local hours:
//
//	2024-07-01 21:30 UTC, a Monday: 23:30 in Amsterdam (CEST, UTC+2)
//	2024-01-15 21:30 UTC, a Monday: 22:30 in Amsterdam (CET, UTC+1)
//	2024-10-26 22:30 UTC, a Saturday: Sunday 00:30 in Amsterdam (still CEST)
const timeZoneCSV = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n" +
	"Anna,2024-10-26 22:30:00,01:00:00,,The Movie,,Chrome PC (Cadmium),01:00:00,01:00:00,NL (Netherlands)\n" +
	"Anna,2024-07-01 21:30:00,01:00:00,,Other Movie,,Chrome PC (Cadmium),01:00:00,01:00:00,NL (Netherlands)\n" +
	"Anna,2024-01-15 21:30:00,01:00:00,,Third Movie,,Chrome PC (Cadmium),01:00:00,01:00:00,NL (Netherlands)\n"

func TestEngineTimeZones(t *testing.T) {
	// The browser's own zone is Amsterdam, so the default (no timeZone
	// option) must give the Amsterdam buckets too.
	h := NewHarness(t, HarnessOptions{TimeZone: "Europe/Amsterdam"})
	h.Navigate(enginePage)
	h.Upload("#file", h.WriteFile("ViewingActivity.csv", []byte(timeZoneCSV)))
	// Weekday index: Monday = 0 ... Sunday = 6. Seconds per (weekday, hour).
	type cell struct{ day, hour int }
	tests := []struct {
		name    string
		options string
		want    map[cell]int64
		months  []string
	}{
		{"Amsterdam", `{timeZone: 'Europe/Amsterdam'}`,
			map[cell]int64{{0, 23}: 3600, {0, 22}: 3600, {6, 0}: 3600}, []string{"2024-01", "2024-10"}},
		{"browser default", `{}`,
			map[cell]int64{{0, 23}: 3600, {0, 22}: 3600, {6, 0}: 3600}, []string{"2024-01", "2024-10"}},
		{"UTC", `{timeZone: 'UTC'}`,
			map[cell]int64{{0, 21}: 7200, {5, 22}: 3600}, []string{"2024-01", "2024-10"}},
		{"New York", `{timeZone: 'America/New_York'}`, // EDT UTC-4 in July and October, EST UTC-5 in January
			map[cell]int64{{0, 17}: 3600, {0, 16}: 3600, {5, 18}: 3600}, []string{"2024-01", "2024-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s extractor.Summary
			var r result
			h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+tt.options+`))`, &r)
			if !r.OK {
				t.Fatalf("rejected: %s %s", r.Code, r.Message)
			}
			if err := json.Unmarshal([]byte(r.Value), &s); err != nil {
				t.Fatal(err)
			}
			for d := range 7 {
				for hr := range 24 {
					if got, want := s.WeekdayHourSeconds[d][hr], tt.want[cell{d, hr}]; got != want {
						t.Errorf("weekday %d hour %d: %d seconds; want %d", d, hr, got, want)
					}
				}
			}
			if len(s.ByMonth) == 0 || s.ByMonth[0].Month != tt.months[0] || s.ByMonth[len(s.ByMonth)-1].Month != tt.months[1] {
				t.Errorf("months %v; want %s .. %s", s.ByMonth, tt.months[0], tt.months[1])
			}
		})
	}
}

func TestEngineProfilesAndShare(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	names := []string{"Anna", "Bram <img src=x>", "Kids"}
	cfg := synth.Config{Rows: 900, Seed: 13, Profiles: names}
	var buf bytes.Buffer
	truth, err := synth.WriteZip(&buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.Upload("#file", h.WriteFile("netflix.zip", buf.Bytes()))
	var profiles []extractor.ProfileInfo
	h.Eval(`NetflixDonation.profiles(firstFile('file'), {timeZone: 'UTC'})`, &profiles)
	if len(profiles) != len(names) {
		t.Fatalf("profiles %+v; want %d", profiles, len(names))
	}
	for i, p := range profiles {
		// What the profile screen shows must be what that profile's
		// summary counts.
		opts := extractor.DefaultOptions()
		opts.TimeZone = "UTC"
		opts.Profiles = []string{names[i]}
		var alone extractor.Summary
		if err := json.Unmarshal([]byte(nativeJSON(t, nativeOpen(t, "netflix.zip", buf.Bytes()), opts)), &alone); err != nil {
			t.Fatal(err)
		}
		if p.Pseudonym != fmt.Sprintf("P%d", i+1) || p.Name != names[i] || p.Rows != truth.ProfileRows[i] ||
			p.Views != alone.Totals.Views || p.Seconds != alone.Totals.Seconds || p.FirstDay != alone.Totals.FirstDay {
			t.Errorf("profile %d: %+v; want %s with %d rows and its summary's %d views, %d s", i, p, names[i], truth.ProfileRows[i], alone.Totals.Views, alone.Totals.Seconds)
		}
	}

	var shared struct {
		JSON    string         `json:"json"`
		Summary map[string]any `json:"summary"`
	}
	h.Eval(`NetflixDonation.extract(firstFile('file'), {titles: 'all', timeZone: 'UTC'}).then(s =>
		NetflixDonation.share(s, {blocks: ['totals', 'titles'], removeTitles: [s.titles[0].name], maxBytes: 20000}))`, &shared)
	var s extractor.Summary
	opts := extractor.DefaultOptions()
	opts.Titles = extractor.TitlesAll
	if err := json.Unmarshal([]byte(nativeJSON(t, nativeOpen(t, "netflix.zip", buf.Bytes()), opts)), &s); err != nil {
		t.Fatal(err)
	}
	want, err := donation.Share(&s, donation.ShareOptions{Blocks: []string{"totals", "titles"}, RemoveTitles: []string{s.Titles[0].Name}, MaxBytes: 20000})
	if err != nil {
		t.Fatal(err)
	}
	if shared.JSON != string(want) {
		t.Fatalf("share JSON differs from donation.Share\n got %.300s\nwant %.300s", shared.JSON, want)
	}
	if _, ok := shared.Summary["totals"]; !ok || shared.Summary["by_month"] != nil {
		t.Errorf("parsed share object has keys %v; want totals and no by_month", shared.Summary)
	}
	for _, n := range names {
		if strings.Contains(shared.JSON, n) {
			t.Errorf("profile name %q in the shared JSON", n)
		}
	}
}

func TestEngineCrossOrigin(t *testing.T) {
	// The survey page is on one origin, the widget on another (h.URL,
	// sending CORS headers): the worker starts from a Blob URL bootstrap,
	// and the .wasm and the modules are fetched with CORS.
	h := NewHarness(t, HarnessOptions{CORSOrigin: "*"})
	html := `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="` + h.URL + `/web/netflix-donation.js"></script>
<script src="` + h.URL + `/browsertest/testdata/engine_page.js"></script>
</head><body><input id="file" type="file"></body></html>`
	csp := "default-src 'none'; script-src 'self' " + h.URL + " 'wasm-unsafe-eval'; worker-src blob:; connect-src " + h.URL + "; style-src " + h.URL + "; img-src data:"
	page := h.OtherOrigin(html, csp)
	h.NavigateURL(page + "/")
	data := genCSV(t, synth.Config{Rows: 400, Seed: 17})
	h.Upload("#file", h.WriteFile("ViewingActivity.csv", data))
	var base string
	h.Eval(`NetflixDonation.baseURL`, &base)
	if base != h.URL+"/web/" {
		t.Errorf("baseURL %q; want %q", base, h.URL+"/web/")
	}
	var r result
	h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
	if !r.OK {
		t.Fatalf("rejected: %s %s", r.Code, r.Message)
	}
	if want := nativeJSON(t, nativeOpen(t, "ViewingActivity.csv", data), amsterdamGo()); r.Value != want {
		t.Fatal("cross-origin: JSON differs from native")
	}
	if h.CountRequests("/web/worker.js") != 1 || h.CountRequests("/web/netflix-donation.wasm") != 1 {
		t.Errorf("worker.js fetched %d times, .wasm %d times; want 1 and 1",
			h.CountRequests("/web/worker.js"), h.CountRequests("/web/netflix-donation.wasm"))
	}
	blobWorker := false
	for _, e := range h.NetworkEvents() {
		if strings.Contains(e.Target, "worker blob:") {
			blobWorker = true
		}
	}
	if !blobWorker {
		t.Errorf("no blob: worker among the network events %v", h.NetworkEvents())
	}
}

// TestEngineSplit reads large inputs with two workers (each half of
// ViewingActivity.csv, merged in the first) where the browser has two
// cores, and checks that the JSON is still the native one byte for byte:
// a small file uses one worker; a large ZIP, CSV and folder use two; a
// table with a record across its middle falls back to one worker's
// reading and is still right.
func TestEngineSplit(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	h.Eval(`NetflixDonation.ready()`, nil)
	var cores int
	h.Eval(`navigator.hardwareConcurrency || 1`, &cores)
	extract := func(t *testing.T, name string, data []byte) {
		t.Helper()
		h.Upload("#file", h.WriteFile(name, data))
		var r result
		h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
		if !r.OK {
			t.Fatalf("rejected: %s %s", r.Code, r.Message)
		}
		if want := nativeJSON(t, nativeOpen(t, name, data), amsterdamGo()); r.Value != want {
			t.Fatalf("browser JSON differs from native\n got %.400s\nwant %.400s", r.Value, want)
		}
	}
	waitWorkers := func(t *testing.T, want int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for h.Workers() < want && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if got := h.Workers(); got != want {
			t.Fatalf("%d workers started, want %d", got, want)
		}
	}

	t.Run("small file, one worker", func(t *testing.T) {
		extract(t, "netflix.zip", genZip(t, synth.Config{Rows: 3000, Seed: 41}))
		waitWorkers(t, 1)
	})
	big := synth.Config{Rows: 40000, Seed: 42}
	want := min(cores, 2)
	t.Run("large zip", func(t *testing.T) {
		zipData := genZip(t, big)
		if len(zipData) < 512<<10 {
			t.Fatalf("the ZIP has %d bytes, too few to split", len(zipData))
		}
		extract(t, "netflix.zip", zipData)
		waitWorkers(t, want)
	})
	t.Run("large csv", func(t *testing.T) {
		extract(t, "ViewingActivity.csv", genCSV(t, big))
		waitWorkers(t, want) // the second worker is reused
	})
	t.Run("record across the middle", func(t *testing.T) {
		csv := genCSV(t, synth.Config{Rows: 5000, Seed: 43})
		header, rows, _ := strings.Cut(string(csv), "\n")
		lines := strings.SplitAfter(rows, "\n")
		mid := len(lines) * 6 / 10
		crossing := "Anna,2023-01-01 12:00:00,00:40:00,,\"" + strings.Repeat("a title line\n", 55000) + "\",,PC,,,\n"
		before := header + "\n" + strings.Join(lines[:mid], "")
		data := before + crossing + strings.Join(lines[mid:], "")
		// The record spans a third of the table around its middle, where
		// the cut falls, wherever exactly the extractor puts it.
		if from, to := float64(len(before))/float64(len(data)), float64(len(before)+len(crossing))/float64(len(data)); from > 0.4 || to < 0.7 {
			t.Fatalf("the crossing record spans %.2f to %.2f of the table", from, to)
		}
		// The extractor answers split_misaligned for this table (see
		// extractor.TestSplitMisalignedExport); the engine reads it whole.
		extract(t, "ViewingActivity.csv", []byte(data))
	})
}

// TestEngineSplitHelperDies kills the second worker while it reads its
// part: the engine falls back to the first worker alone, and the JSON is
// still the native one.
func TestEngineSplitHelperDies(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	zipData := genZip(t, synth.Config{Rows: 60000, Seed: 44})
	h.Upload("#file", h.WriteFile("netflix.zip", zipData))
	var r struct {
		result
		Killed bool `json:"killed"`
	}
	// A page-made Engine with two workers whatever the cores, so that the
	// second worker's handle can be reached and killed mid-call.
	h.Eval(`(async () => {
  const m = await import('/web/engine.js');
  const engine = new m.Engine(new URL('/web/', location.href).href, { parts: 2 });
  await engine.ready();
  const helper = await engine._ensureWorker(1);
  let killed = false;
  const stages = [];
  const p = engine.extractJSON(firstFile('file'), Object.assign(`+amsterdamJS+`, {
    onProgress: function (f, stage) {
      if (!killed && stage === 'reading' && f > 0.1) { killed = true; helper.kill('worker_failed', 'killed by the test'); }
    },
  }));
  const out = await settle(p);
  out.killed = killed;
  return out;
})()`, &r)
	if !r.OK {
		t.Fatalf("rejected: %s %s", r.Code, r.Message)
	}
	if !r.Killed {
		t.Fatal("the helper was not killed during the call; the test proves nothing")
	}
	if want := nativeJSON(t, nativeOpen(t, "netflix.zip", zipData), amsterdamGo()); r.Value != want {
		t.Fatal("after the helper died: JSON differs from native")
	}
}

// TestEngineSessionReadsOnce opens a session on a four-profile export
// with one worker and with two, and builds summaries for several choices
// of profiles from it: each equals the native Extract of that choice, the
// file is read once while opening (each byte once per worker) and never
// again, and a closed session refuses summaries.
func TestEngineSessionReadsOnce(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	cfg := synth.Config{Rows: 40000, Seed: 45}
	for _, in := range []struct {
		name string
		data []byte
	}{{"netflix.zip", genZip(t, cfg)}, {"ViewingActivity.csv", genCSV(t, cfg)}} {
		for _, parts := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s, %d workers", in.name, parts), func(t *testing.T) {
				h.Upload("#file", h.WriteFile(in.name, in.data))
				var r struct {
					Summaries []string `json:"summaries"`
					Names     []string `json:"names"`
					OpenRead  int64    `json:"openRead"`
					LaterRead int64    `json:"laterRead"`
					Closed    string   `json:"closed"`
				}
				h.Eval(fmt.Sprintf(`(async () => {
  const m = await import('/web/engine.js');
  const engine = new m.Engine(new URL('/web/', location.href).href, { parts: %d, splitMinBytes: 0 });
  const before = engine.stats().bytesRead;
  const session = await engine.open(firstFile('file'), %s);
  const opened = engine.stats().bytesRead;
  const names = session.profiles.map((p) => p.name);
  const summaries = [];
  for (const choice of [[names[1]], [names[0], names[3]], 'all', [names[1]]]) summaries.push(await session.summaryJSON(choice));
  const laterRead = engine.stats().bytesRead - opened;
  await session.close();
  const closed = await session.summaryJSON('all').then(() => 'resolved', (e) => e.code);
  return { summaries, names, openRead: opened - before, laterRead, closed };
})()`, parts, amsterdamJS), &r)
				if len(r.Names) != 4 {
					t.Fatalf("profiles %q; want the generator's four", r.Names)
				}
				for i, choice := range [][]string{{r.Names[1]}, {r.Names[0], r.Names[3]}, nil, {r.Names[1]}} {
					opts := amsterdamGo()
					opts.Profiles = choice
					if want := nativeJSON(t, nativeOpen(t, in.name, in.data), opts); r.Summaries[i] != want {
						t.Errorf("summary %d (%q) differs from native\n got %.300s\nwant %.300s", i, choice, r.Summaries[i], want)
					}
				}
				// Each worker reads each byte it needs once, in blocks of
				// at most 1 MiB (the header's block, and a last block past
				// its range's end, are read by both); a second worker on a
				// ZIP inflates the compressed bytes before its range once
				// more to reach it.
				limit := int64(len(in.data)) + int64(parts)*(2<<20)
				if parts == 2 && strings.HasSuffix(in.name, ".zip") {
					limit += int64(len(in.data))
				}
				if r.OpenRead <= 0 || r.OpenRead > limit {
					t.Errorf("opening read %d bytes of a %d-byte file; want at most %d", r.OpenRead, len(in.data), limit)
				}
				if r.LaterRead != 0 {
					t.Errorf("the summaries read %d more bytes; want none", r.LaterRead)
				}
				if r.Closed != "bad_input" {
					t.Errorf("a closed session: %s; want bad_input", r.Closed)
				}
			})
		}
	}
}

// uploadFolder uploads every file below folder to the test page's
// multiple-file input #files and returns, as a JSON object for the page's
// folderInput, each file's path inside a folder named "Netflix export" by
// its base name. A directory cannot be chosen through chromedp's
// SetUploadFiles; folderInput gives the files those paths, as
// webkitRelativePath would.
func uploadFolder(t *testing.T, h *Harness, folder string) []byte {
	t.Helper()
	var uploads []string
	paths := map[string]string{}
	err := filepath.WalkDir(folder, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(folder, p)
		if _, dup := paths[d.Name()]; dup {
			return fmt.Errorf("base name %s twice: the page maps files by base name", d.Name())
		}
		paths[d.Name()] = path.Join("Netflix export", filepath.ToSlash(rel))
		uploads = append(uploads, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.Upload("#files", uploads...)
	pathsJSON, _ := json.Marshal(paths)
	return pathsJSON
}
