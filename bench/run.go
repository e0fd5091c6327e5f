package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// DefaultSizes are the export sizes of `make bench`, in rows.
var DefaultSizes = []int{10000, 50000, 200000, 1000000}

// Config is what [Run] measures and where it finds things. Zero fields
// take the defaults documented on each.
type Config struct {
	Root     string        // repository root (holds go.mod); required
	WebDir   string        // the widget's files, served at /web/; default Root/web (built by make wasm)
	DataDir  string        // generated exports; default Root/bench/data
	Sizes    []int         // rows per export; default DefaultSizes; run in ascending order
	Seed     int64         // generator seed; default 1
	Reps     int           // warm repetitions; default 5
	Chromium string        // browser binary; default /usr/bin/chromium
	Timeout  time.Duration // bound of one browser call; default 15 minutes
	// CompareWebDir, when set, is a second build of the widget (served at
	// /web-b/): after the other measurements, both engines extract each
	// ZIP in turn, Reps times, and Case.Compare holds the two timings.
	CompareWebDir string
	Log           io.Writer // progress lines; default io.Discard
}

// withDefaults fills in the zero fields.
func (c Config) withDefaults() Config {
	if c.WebDir == "" {
		c.WebDir = filepath.Join(c.Root, "web")
	}
	if c.DataDir == "" {
		c.DataDir = filepath.Join(c.Root, "bench", "data")
	}
	if len(c.Sizes) == 0 {
		c.Sizes = DefaultSizes
	}
	c.Sizes = slices.Sorted(slices.Values(c.Sizes))
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Reps <= 0 {
		c.Reps = 5
	}
	if c.Chromium == "" {
		c.Chromium = "/usr/bin/chromium"
	}
	if c.Timeout <= 0 {
		c.Timeout = 15 * time.Minute
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	return c
}

// peerDir is where npm installed the peer's libraries.
func (c Config) peerDir() string { return filepath.Join(c.Root, "bench", "node_modules") }

// peerInstalled reports whether JSZip and PapaParse are in peerDir.
func (c Config) peerInstalled() bool {
	for _, f := range []string{"jszip/dist/jszip.min.js", "papaparse/papaparse.min.js"} {
		if _, err := os.Stat(filepath.Join(c.peerDir(), filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return true
}

// Run generates the exports, measures everything and returns the result.
// A failure of one measurement is recorded in the result (Timing.Error)
// and the run goes on; an error is returned only when the harness itself
// cannot run (no browser, no server, no exports).
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Root == "" {
		return nil, errors.New("bench: Config.Root is required")
	}
	cfg = cfg.withDefaults()
	if _, err := os.Stat(filepath.Join(cfg.WebDir, "netflix-donation.wasm")); err != nil {
		return nil, fmt.Errorf("bench: the widget is not built (run make wasm): %w", err)
	}
	res := &Result{Started: time.Now().Format(time.RFC3339), Machine: describeMachine(), Seed: cfg.Seed, Reps: cfg.Reps}
	logf := func(format string, args ...any) { fmt.Fprintf(cfg.Log, format+"\n", args...) }

	var exports []Export
	for _, rows := range cfg.Sizes {
		logf("export: %d rows", rows)
		e, err := ensureExport(cfg.DataDir, rows, cfg.Seed)
		if err != nil {
			return nil, err
		}
		exports = append(exports, e)
		res.Cases = append(res.Cases, Case{Rows: rows, ZipBytes: e.Bytes})
	}
	var err error
	res.Size.WasmRaw, res.Size.WasmGzip, res.Size.WasmBrotli, err = compressedSizes(filepath.Join(cfg.WebDir, "netflix-donation.wasm"))
	if err != nil {
		return nil, err
	}

	tmp, err := os.MkdirTemp("", "netflix-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	logf("building the native CLI")
	cli, err := buildCLI(ctx, cfg.Root, tmp)
	if err != nil {
		return nil, err
	}

	widgetJSON, err := runBrowser(cfg, res, exports, filepath.Join(tmp, "profile"), logf)
	if err != nil {
		return nil, err
	}

	for i, e := range exports {
		c := &res.Cases[i]
		logf("native CLI: %d rows", e.Rows)
		var nativeJSON string
		c.Native, nativeJSON = timeNative(ctx, cli, e.Path, cfg.Reps)
		checkCase(c, e, widgetJSON[i], nativeJSON)
		c.WidgetOverPeer = ratio(c.Widget.WarmMS, c.Peer.WarmMS)
		c.OneWorkerOverPeer = ratio(c.OneWorker.WarmMS, c.Peer.WarmMS)
		c.WidgetOverNative = ratio(c.Widget.WarmMS, c.Native.WarmMS)
		c.FlowOverWidget = ratio(c.Flow.WarmMS, c.Widget.WarmMS)
	}
	res.Targets = targets(res)
	return res, nil
}

// runBrowser does every in-browser measurement in one Chromium session
// and returns the widget's summary JSON per case ("" when it failed).
func runBrowser(cfg Config, res *Result, exports []Export, profile string, logf func(string, ...any)) ([]string, error) {
	mounts := []Mount{
		{Prefix: "/web/", Dir: cfg.WebDir},
		{Prefix: "/bench/peer/", Dir: filepath.Join(cfg.Root, "bench", "peer")},
	}
	if cfg.CompareWebDir != "" {
		mounts = append(mounts, Mount{Prefix: "/web-b/", Dir: cfg.CompareWebDir})
	}
	peer := cfg.peerInstalled()
	if peer {
		mounts = append(mounts, Mount{Prefix: "/bench/node_modules/", Dir: cfg.peerDir()})
	}
	srv, err := NewServer(mounts...)
	if err != nil {
		return nil, err
	}
	defer srv.Close()

	logf("browser: starting %s", cfg.Chromium)
	s, err := newSession(cfg.Chromium, profile)
	if err != nil {
		return nil, err
	}
	defer s.close()
	res.Machine.Chromium = s.version()
	page := srv.URL + "/bench/peer/index.html"
	script := srv.URL + "/web/netflix-donation.js"
	start := fmt.Sprintf("benchStart(%q)", script)

	// Start-up, cold: the first load of a fresh profile.
	if err := s.navigate(page); err != nil {
		return nil, err
	}
	mark := srv.Mark()
	if err := s.eval(start, &res.Startup.ColdMS, cfg.Timeout); err != nil {
		return nil, fmt.Errorf("cold start-up: %w", err)
	}
	settle(srv)
	res.Size.Download, res.Size.DownloadBytes, res.Size.DownloadBrotli = widgetDownload(srv.Requests(mark), cfg.WebDir)
	logf("start-up cold: %.0f ms", res.Startup.ColdMS)

	// Start-up, warm: reload the page; the browser cache holds everything.
	for range cfg.Reps {
		if err := s.navigate(page); err != nil {
			return nil, err
		}
		var ms float64
		if err := s.eval(start, &ms, cfg.Timeout); err != nil {
			return nil, fmt.Errorf("warm start-up: %w", err)
		}
		res.Startup.RunsMS = append(res.Startup.RunsMS, ms)
	}
	res.Startup.WarmMS = median(res.Startup.RunsMS)
	var compile []float64
	for range cfg.Reps {
		var ms float64
		if err := s.eval(fmt.Sprintf("benchCompile(%q)", srv.URL+"/web/netflix-donation.wasm"), &ms, cfg.Timeout); err != nil {
			return nil, fmt.Errorf("compile time: %w", err)
		}
		compile = append(compile, ms)
	}
	res.Startup.CompileMS = median(compile)
	logf("start-up warm: %.0f ms (median of %d)", res.Startup.WarmMS, cfg.Reps)

	// Upload every export once, then every lone CSV for the breakdown;
	// the page keeps the File objects in benchFiles, in this order.
	uploads := make([]string, 0, 2*len(exports))
	for _, e := range exports {
		uploads = append(uploads, e.Path)
	}
	entries := make([]Entry, len(exports))
	for i, e := range exports {
		csv, err := "", error(nil)
		if entries[i], err = findViewing(e.Path); err == nil {
			csv, err = ensureViewingCSV(e.Path, entries[i])
		}
		if err != nil {
			res.Cases[i].Breakdown.Error = err.Error()
			csv = e.Path // keeps the indexes; not measured
		}
		res.Cases[i].Breakdown.CSVBytes = entries[i].UncompressedSize
		uploads = append(uploads, csv)
	}
	for i, name := range uploads {
		if err := s.upload("#bench-file", name); err != nil {
			return nil, err
		}
		if err := s.eval(fmt.Sprintf("new Promise(function (ok, no) { var t = Date.now(); (function poll() { if (benchFiles.length > %d) ok(true); else if (Date.now() - t > 10000) no(new Error('upload not seen')); else setTimeout(poll, 20); })(); })", i), nil, cfg.Timeout); err != nil {
			return nil, err
		}
	}

	widgetJSON := make([]string, len(exports))
	for i, e := range exports {
		c := &res.Cases[i]
		logf("widget: %d rows", e.Rows)
		widgetJSON[i] = measureWidget(s, c, i, cfg)
		logf("one worker, flow: %d rows", e.Rows)
		c.OneWorker = timeRuns(s, fmt.Sprintf("benchWidget(%d, false, 1)", i), cfg)
		c.Flow = timeRuns(s, fmt.Sprintf("benchFlow(%d)", i), cfg)
		if err := s.eval(fmt.Sprintf("benchFlow(%d).then(function (r) { return r.profiles; })", i), &c.Profiles, cfg.Timeout); err != nil && c.Flow.Error == "" {
			c.Flow.Error = err.Error()
		}
		if c.Breakdown.Error == "" {
			logf("breakdown: %d rows", e.Rows)
			measureBreakdown(s, c, i, len(exports)+i, entries[i], cfg)
		}
		if peer {
			logf("peer: %d rows", e.Rows)
			measurePeer(s, c, i, cfg)
		} else {
			c.Peer.Error = "not installed: run npm ci in bench/"
		}
	}
	if cfg.CompareWebDir != "" {
		if err := s.eval(fmt.Sprintf("benchLoadB(%q)", srv.URL+"/web-b/"), nil, cfg.Timeout); err != nil {
			return nil, fmt.Errorf("loading the build to compare: %w", err)
		}
		for i, e := range exports {
			logf("compare: %d rows", e.Rows)
			res.Cases[i].Compare = compareBuilds(s, i, widgetJSON[i], cfg)
		}
	}
	return widgetJSON, nil
}

// compareBuilds times the page's engine (A) and the second build (B) on
// file i in turn, after one untimed call each, and checks that B's JSON
// equals A's.
func compareBuilds(s *session, i int, jsonA string, cfg Config) *Compare {
	c := &Compare{}
	var first widgetRun
	if err := s.eval(fmt.Sprintf("benchWidgetB(%d)", i), &first, cfg.Timeout); err != nil {
		c.Error = err.Error()
		return c
	}
	c.SameJSON = first.JSON == jsonA
	for range cfg.Reps {
		var a, b widgetRun
		if err := s.eval(fmt.Sprintf("benchWidget(%d, false)", i), &a, cfg.Timeout); err != nil {
			c.Error = err.Error()
			break
		}
		if err := s.eval(fmt.Sprintf("benchWidgetB(%d)", i), &b, cfg.Timeout); err != nil {
			c.Error = err.Error()
			break
		}
		c.A.RunsMS = append(c.A.RunsMS, a.MS)
		c.B.RunsMS = append(c.B.RunsMS, b.MS)
	}
	c.A.WarmMS, c.B.WarmMS = median(c.A.RunsMS), median(c.B.RunsMS)
	return c
}

// settle waits until the server has seen no request for 500 ms (at most
// 5 s), so the widget's lazily loaded files are counted.
func settle(srv *Server) {
	last, quiet := srv.Mark(), 0
	for i := 0; i < 50 && quiet < 5; i++ {
		time.Sleep(100 * time.Millisecond)
		if n := srv.Mark(); n != last {
			last, quiet = n, 0
		} else {
			quiet++
		}
	}
}

// widgetRun is what benchWidget returns.
type widgetRun struct {
	MS   float64 `json:"ms"`
	JSON string  `json:"json"`
}

// measureWidget times the engine on file i and reads its memory; it
// returns the summary JSON of the first call.
func measureWidget(s *session, c *Case, i int, cfg Config) string {
	var first widgetRun
	if err := s.eval(fmt.Sprintf("benchWidget(%d, true)", i), &first, cfg.Timeout); err != nil {
		c.Widget.Error = err.Error()
		return ""
	}
	c.Widget.ColdMS = first.MS
	for range cfg.Reps {
		var r widgetRun
		if err := s.eval(fmt.Sprintf("benchWidget(%d, false)", i), &r, cfg.Timeout); err != nil {
			c.Widget.Error = err.Error()
			break
		}
		c.Widget.RunsMS = append(c.Widget.RunsMS, r.MS)
	}
	c.Widget.WarmMS = median(c.Widget.RunsMS)
	if ws, err := s.workers(); err == nil {
		c.Workers = len(ws)
		for _, w := range ws {
			m, _ := wasmMemory(w)
			h, _ := heapUsed(w)
			c.WasmMemory += m
			c.WorkerHeap += h
		}
	} else if c.Widget.Error == "" {
		c.Widget.Error = "memory not measured: " + err.Error()
	}
	c.PageHeap, _ = heapUsed(s.ctx)
	return first.JSON
}

// peerRun is what benchPeer returns.
type peerRun struct {
	MS          float64             `json:"ms"`
	Views       int64               `json:"views"`
	Seconds     int64               `json:"seconds"`
	Months      map[string][2]int64 `json:"months"`
	WeekdayHour [7][24]int64        `json:"weekdayHour"`
	HeapAtParse float64             `json:"heapAtParse"`
}

// measurePeer times the peer on file i and keeps its first answer for
// checkCase.
func measurePeer(s *session, c *Case, i int, cfg Config) {
	var first peerRun
	if err := s.eval(fmt.Sprintf("benchPeer(%d)", i), &first, cfg.Timeout); err != nil {
		c.Peer.Error = err.Error()
		return
	}
	c.Peer.ColdMS = first.MS
	c.PeerHeapPeak = int64(first.HeapAtParse)
	for range cfg.Reps {
		var r peerRun
		if err := s.eval(fmt.Sprintf("benchPeer(%d)", i), &r, cfg.Timeout); err != nil {
			c.Peer.Error = err.Error()
			break
		}
		c.Peer.RunsMS = append(c.Peer.RunsMS, r.MS)
		c.PeerHeapPeak = max(c.PeerHeapPeak, int64(r.HeapAtParse))
	}
	c.Peer.WarmMS = median(c.Peer.RunsMS)
	c.PeerHeap, _ = heapUsed(s.ctx)
	c.Check.PeerViews, c.Check.PeerSeconds = first.Views, first.Seconds
	c.peer = &first
}

// measureBreakdown times the widget on the lone CSV (file csv) and the
// browser's DecompressionStream over the entry's bytes in file zip.
func measureBreakdown(s *session, c *Case, zip, csv int, e Entry, cfg Config) {
	b := &c.Breakdown
	b.WidgetCSV = timeRuns(s, fmt.Sprintf("benchWidget(%d, false)", csv), cfg)
	if e.Method != 8 { // stored, not deflated: nothing to inflate
		b.Error = fmt.Sprintf("the entry is not deflated (method %d)", e.Method)
		return
	}
	b.NativeInfl = timeRuns(s, fmt.Sprintf("benchInflate(%d, %d, %d)", zip, e.Offset, e.CompressedSize), cfg)
}

// timeRuns evaluates expr (a promise of {ms}) once cold and cfg.Reps
// times warm.
func timeRuns(s *session, expr string, cfg Config) Timing {
	var t Timing
	for i := 0; i <= cfg.Reps; i++ {
		var r struct {
			MS float64 `json:"ms"`
		}
		if err := s.eval(expr, &r, cfg.Timeout); err != nil {
			t.Error = err.Error()
			break
		}
		if i == 0 {
			t.ColdMS = r.MS
		} else {
			t.RunsMS = append(t.RunsMS, r.MS)
		}
	}
	t.WarmMS = median(t.RunsMS)
	return t
}
