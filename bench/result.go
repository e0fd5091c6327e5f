package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// Result is one run of the harness: every figure of the printed table.
// Times are milliseconds, sizes and memory bytes.
type Result struct {
	Started string   `json:"started"` // RFC 3339, local time of the machine
	Machine Machine  `json:"machine"`
	Seed    int64    `json:"seed"`
	Reps    int      `json:"reps"` // warm repetitions per measurement
	Startup Startup  `json:"startup"`
	Size    Size     `json:"size"`
	Cases   []Case   `json:"cases"`
	Targets []Target `json:"targets"`
}

// Machine describes where the run happened.
type Machine struct {
	CPU      string  `json:"cpu"`   // model name from /proc/cpuinfo
	Cores    int     `json:"cores"` // logical CPUs the Go runtime sees
	OS       string  `json:"os"`    // GOOS/GOARCH and kernel release
	Go       string  `json:"go"`    // toolchain of the harness (and of the wasm it serves, when built by make)
	Chromium string  `json:"chromium"`
	Node     string  `json:"node,omitempty"`
	Load1    float64 `json:"load1"` // 1-minute load average when the run started: other work skews the times
}

// Timing is one measured operation.
type Timing struct {
	ColdMS float64   `json:"cold_ms"` // the first call
	WarmMS float64   `json:"warm_ms"` // median of RunsMS
	RunsMS []float64 `json:"runs_ms"` // the warm calls
	Error  string    `json:"error,omitempty"`
}

// Startup is the time from inserting the widget's script tag to
// NetflixDonation.ready() resolving.
type Startup struct {
	ColdMS float64   `json:"cold_ms"` // fresh profile, empty cache
	WarmMS float64   `json:"warm_ms"` // median of RunsMS: page reloaded, browser cache warm
	RunsMS []float64 `json:"runs_ms"`
	// CompileMS is the median time of fetching and compiling the .wasm
	// alone (WebAssembly.compileStreaming) with the cache warm: the part
	// of the warm start-up that is not the script, the worker or Go's start.
	CompileMS float64 `json:"compile_ms"`
}

// Size is what the widget weighs.
type Size struct {
	WasmRaw    int64 `json:"wasm_raw"`
	WasmGzip   int64 `json:"wasm_gzip"`
	WasmBrotli int64 `json:"wasm_brotli"`
	// Download lists every widget file the page fetched on a cold load
	// (widget script, element, engine, worker, wasm_exec.js, wasm), as
	// the server sent it; DownloadBytes is their sum.
	Download      []Request `json:"download"`
	DownloadBytes int64     `json:"download_bytes"`
	// DownloadBrotli is the sum of the same files compressed with brotli
	// (quality 11): the download when a server sends brotli for every
	// file (browsers send "br" only over HTTPS, so a loopback run may
	// have received gzip or identity).
	DownloadBrotli int64 `json:"download_brotli"`
}

// Case is one export size.
type Case struct {
	Rows     int   `json:"rows"`
	ZipBytes int64 `json:"zip_bytes"`

	Widget    Timing `json:"widget"`     // File to summary JSON, with the engine's workers (two on two cores)
	OneWorker Timing `json:"one_worker"` // the same with one worker
	Flow      Timing `json:"flow"`       // File to the review: open, profiles, one profile's summary, its donation
	Profiles  int    `json:"profiles"`   // profiles of the export (the flow chooses the first)
	Peer      Timing `json:"peer"`
	Native    Timing `json:"native"`

	// WidgetOverPeer, OneWorkerOverPeer and WidgetOverNative are warm time
	// ratios (below 1: the widget is faster); FlowOverWidget is the flow's
	// warm time over the extraction's. 0 when a side failed.
	WidgetOverPeer    float64 `json:"widget_over_peer"`
	OneWorkerOverPeer float64 `json:"one_worker_over_peer"`
	WidgetOverNative  float64 `json:"widget_over_native"`
	FlowOverWidget    float64 `json:"flow_over_widget"`

	// WasmMemory is the WebAssembly memory of all the engine's workers
	// together after this size's runs (Workers of them: a large input is
	// read by two). A memory never shrinks, and sizes run in ascending
	// order, so it is the peak of this size (and of every smaller one).
	WasmMemory   int64 `json:"wasm_memory"`
	Workers      int   `json:"workers"`
	WorkerHeap   int64 `json:"worker_js_heap"`        // the workers' JS heaps in use after the widget runs, together
	PageHeap     int64 `json:"page_js_heap"`          // the page's JS heap in use after the widget runs
	PeerHeap     int64 `json:"peer_js_heap"`          // the page's JS heap in use after the peer runs
	PeerHeapPeak int64 `json:"peer_js_heap_at_parse"` // performance.memory inside the peer, after parsing (text and rows alive)

	// Breakdown splits the widget's time between inflating and the rest.
	Breakdown Breakdown `json:"breakdown"`

	// Compare is the A/B timing against a second build (Config.CompareWebDir).
	Compare *Compare `json:"compare,omitempty"`

	// Check compares the figures: the widget's totals with the
	// generator's answer key, the peer's totals, months and
	// weekday-by-hour with the widget's, and the widget's JSON with the
	// native CLI's.
	Check Check `json:"check"`

	peer *peerRun // the peer's first answer, compared by checkCase
}

// Breakdown splits the widget's warm time on one size. The widget reads
// the same table once more as a lone ViewingActivity.csv (no inflate:
// reading, scanning and aggregating), and the page inflates the entry's
// compressed bytes alone with the browser's DecompressionStream, the
// inflater the engine uses.
type Breakdown struct {
	CSVBytes   int64  `json:"csv_bytes"`       // ViewingActivity.csv uncompressed
	WidgetCSV  Timing `json:"widget_csv"`      // the widget on the lone CSV
	NativeInfl Timing `json:"browser_inflate"` // DecompressionStream('deflate-raw') over the entry, in the page
	Error      string `json:"error,omitempty"`
}

// Compare times two builds of the widget on the same File, alternating
// A (web/) and B (the build compared) so that a busy machine affects both
// alike.
type Compare struct {
	A        Timing `json:"a"`
	B        Timing `json:"b"`
	SameJSON bool   `json:"same_json"` // B's summary JSON equals A's
	Error    string `json:"error,omitempty"`
}

// Check is the agreement of the three implementations on one size.
type Check struct {
	Views        int64  `json:"views"`   // the widget's totals.views
	Seconds      int64  `json:"seconds"` // the widget's totals.seconds
	TruthViews   int64  `json:"truth_views"`
	TruthSeconds int64  `json:"truth_seconds"`
	PeerViews    int64  `json:"peer_views"`
	PeerSeconds  int64  `json:"peer_seconds"`
	PeerAgrees   bool   `json:"peer_agrees"`   // totals, months and weekday-by-hour equal
	NativeAgrees bool   `json:"native_agrees"` // byte-identical summary JSON
	TruthAgrees  bool   `json:"truth_agrees"`
	Mismatch     string `json:"mismatch,omitempty"` // what differed, for the first difference
}

// OK reports whether every comparison that could be made agreed.
func (c Check) OK() bool { return c.Mismatch == "" }

// Target is one performance goal with the measured value.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

// WriteJSON writes the result, indented, to dir/<started>.json and
// returns the file name.
func (r *Result) WriteJSON(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	name := filepath.Join(dir, fileStamp(r.Started)+".json")
	return name, os.WriteFile(name, append(b, '\n'), 0o644)
}

// fileStamp turns an RFC 3339 time into a file-name-safe stamp.
func fileStamp(t string) string {
	b := []byte(t)
	for i, c := range b {
		if c == ':' {
			b[i] = '-'
		}
	}
	return string(b)
}
