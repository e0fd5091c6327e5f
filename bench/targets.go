package bench

import "fmt"

// The performance targets: at 200,000 rows (a heavy viewer's export), the
// widget with one worker at least 3x faster than the JavaScript peer (so
// the lead holds on a busy or one-core device), with two at least 4x, and
// the participant's flow (file to review) at most 1.2x one extraction;
// 1,000,000 rows within 128 MiB of WebAssembly memory; a warm start-up
// under 300 ms; a download under 1.2 MB with brotli.
const (
	targetOneWorkerRatio = 1.0 / 3 // one worker's time / peer time at 200,000 rows, warm
	targetWidgetRatio    = 1.0 / 4 // two workers' time / peer time at 200,000 rows, warm
	targetFlowRatio      = 1.2     // flow time / extraction time at 200,000 rows, warm
	targetMemory         = 128 << 20
	targetWarmStartMS    = 300
	targetDownload       = 1_200_000 // bytes, brotli
)

// targets compares the result with the targets. A target whose size was
// not run is left out.
func targets(r *Result) []Target {
	var out []Target
	if c := r.find(200000); c != nil {
		out = append(out,
			Target{"200k rows, one worker", "≥ 3x faster than JSZip+PapaParse",
				speedup(c.Peer.WarmMS, c.OneWorker.WarmMS), c.OneWorkerOverPeer > 0 && c.OneWorkerOverPeer <= targetOneWorkerRatio},
			Target{"200k rows, two workers", "≥ 4x faster than JSZip+PapaParse",
				speedup(c.Peer.WarmMS, c.Widget.WarmMS), c.WidgetOverPeer > 0 && c.WidgetOverPeer <= targetWidgetRatio},
			Target{"200k rows, flow", "≤ 1.2x one extraction",
				fmt.Sprintf("%.2fx (%d profiles)", c.FlowOverWidget, c.Profiles), c.FlowOverWidget > 0 && c.FlowOverWidget <= targetFlowRatio})
	}
	if c := r.find(1000000); c != nil {
		ok := c.Widget.Error == "" && c.WasmMemory > 0 && c.WasmMemory < targetMemory
		out = append(out, Target{"1M rows in the browser", "completes, WebAssembly memory < 128 MiB",
			fmt.Sprintf("%s, %s", doneOr(c.Widget.Error), mib(c.WasmMemory)), ok})
	}
	out = append(out,
		Target{"start-up, warm cache", "< 300 ms to ready", fmt.Sprintf("%.0f ms", r.Startup.WarmMS),
			r.Startup.WarmMS > 0 && r.Startup.WarmMS < targetWarmStartMS},
		Target{"widget download", "< 1.2 MB brotli", fmt.Sprintf("%.2f MB", float64(r.Size.DownloadBrotli)/1e6),
			r.Size.DownloadBrotli > 0 && r.Size.DownloadBrotli < targetDownload})
	return out
}

// find returns the case of rows rows, or nil.
func (r *Result) find(rows int) *Case {
	for i := range r.Cases {
		if r.Cases[i].Rows == rows {
			return &r.Cases[i]
		}
	}
	return nil
}

// speedup describes how many times faster the widget was than the other side.
func speedup(other, widget float64) string {
	if other <= 0 || widget <= 0 {
		return "not measured"
	}
	return fmt.Sprintf("%.2fx faster", other/widget)
}

// doneOr is "completed" or the error.
func doneOr(err string) string {
	if err == "" {
		return "completed"
	}
	return "failed: " + err
}

// mib formats bytes as MiB.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
