package bench

import "fmt"

// The targets of issue 6.
const (
	targetPeerRatio   = 1.0 / 3 // widget time / peer time at 200,000 rows, warm
	targetNativeRatio = 3.0     // widget time / native time at 200,000 rows, warm
	targetMemory      = 128 << 20
	targetWarmStartMS = 300
	targetDownload    = 1_200_000 // bytes, brotli
)

// targets compares the result with the targets. A target whose
// size was not run is left out.
func targets(r *Result) []Target {
	var out []Target
	if c := r.find(200000); c != nil {
		out = append(out,
			Target{"200k rows vs peer (warm)", "widget ≥ 3x faster than JSZip+PapaParse",
				speedup(c.Peer.WarmMS, c.Widget.WarmMS), c.WidgetOverPeer > 0 && c.WidgetOverPeer <= targetPeerRatio},
			Target{"200k rows vs native (warm)", "widget ≤ 3x the native CLI's time",
				fmt.Sprintf("%.2fx native", c.WidgetOverNative), c.WidgetOverNative > 0 && c.WidgetOverNative <= targetNativeRatio})
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
