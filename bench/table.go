package bench

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Table writes the result as the plain-text table `make bench` prints and
// the README shows: the machine, one line per export size, start-up,
// size, and the performance targets with the measured values.
func (r *Result) Table(w io.Writer) error {
	m := r.Machine
	fmt.Fprintf(w, "netflix-donation benchmark, %s\n", r.Started)
	fmt.Fprintf(w, "machine: %s, %d cores, %s, %s, %s, node %s, load average %.2f at start\n",
		m.CPU, m.Cores, m.OS, m.Go, m.Chromium, m.Node, m.Load1)
	fmt.Fprintf(w, "times in ms; warm = median of %d; widget: the engine's workers (two on two cores), 1 worker: one;\n", r.Reps)
	fmt.Fprintln(w, "flow: file to review (open, profile list, the first profile's summary and donation);")
	fmt.Fprintln(w, "w/peer, 1w/peer and w/native are warm time ratios (below 1: the widget is faster), flow/w the flow's over the widget's")
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rows\tzip MB\twidget cold\twidget warm\t1 worker warm\tflow warm\tpeer cold\tpeer warm\tnative cold\tnative warm\tw/peer\t1w/peer\tflow/w\tw/native\twasm mem MiB\tworker heap MiB\tpeer heap MiB\tcheck\t")
	for _, c := range r.Cases {
		fmt.Fprintf(tw, "%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			thousands(c.Rows), float64(c.ZipBytes)/1e6,
			ms(c.Widget.ColdMS, c.Widget.Error), ms(c.Widget.WarmMS, c.Widget.Error),
			ms(c.OneWorker.WarmMS, c.OneWorker.Error), ms(c.Flow.WarmMS, c.Flow.Error),
			ms(c.Peer.ColdMS, c.Peer.Error), ms(c.Peer.WarmMS, c.Peer.Error),
			ms(c.Native.ColdMS, c.Native.Error), ms(c.Native.WarmMS, c.Native.Error),
			ratioText(c.WidgetOverPeer), ratioText(c.OneWorkerOverPeer), ratioText(c.FlowOverWidget), ratioText(c.WidgetOverNative),
			mibText(c.WasmMemory), mibText(c.WorkerHeap), mibText(max(c.PeerHeapPeak, c.PeerHeap)),
			checkText(c.Check))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nwhere the widget's warm time goes (csv only: the widget on the lone ViewingActivity.csv, no inflate;")
	fmt.Fprintln(w, "zip cost: widget warm minus csv only, below 0 where the ZIP's pipeline beats the CSV's byte ranges;")
	fmt.Fprintln(w, "browser inflate: DecompressionStream('deflate-raw') on the same entry, alone)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rows\tcsv MB\twidget warm\tcsv only\tzip cost\tbrowser inflate\tbrowser MB/s\tcsv only MB/s\t")
	for _, c := range r.Cases {
		b := c.Breakdown
		fmt.Fprintf(tw, "%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			thousands(c.Rows), float64(b.CSVBytes)/1e6, ms(c.Widget.WarmMS, c.Widget.Error),
			ms(b.WidgetCSV.WarmMS, b.WidgetCSV.Error), zipCost(c.Widget, b.WidgetCSV),
			ms(b.NativeInfl.WarmMS, b.NativeInfl.Error), rate(b.CSVBytes, b.NativeInfl.WarmMS), rate(b.CSVBytes, b.WidgetCSV.WarmMS))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range r.Cases {
		if k := c.Compare; k != nil {
			fmt.Fprintf(w, "compare at %s rows: A (web) %s ms, B %s ms, B/A %s, same JSON %v, runs A %v B %v %s\n",
				thousands(c.Rows), ms(k.A.WarmMS, k.Error), ms(k.B.WarmMS, k.Error), ratioText(ratio(k.B.WarmMS, k.A.WarmMS)),
				k.SameJSON, roundAll(k.A.RunsMS), roundAll(k.B.RunsMS), k.Error)
		}
	}
	for _, c := range r.Cases {
		for _, e := range []struct{ who, err string }{{"widget", c.Widget.Error}, {"one worker", c.OneWorker.Error}, {"flow", c.Flow.Error},
			{"peer", c.Peer.Error}, {"native", c.Native.Error},
			{"breakdown", c.Breakdown.Error}, {"widget on csv", c.Breakdown.WidgetCSV.Error}, {"browser inflate", c.Breakdown.NativeInfl.Error}} {
			if e.err != "" {
				fmt.Fprintf(w, "  %s rows, %s: %s\n", thousands(c.Rows), e.who, e.err)
			}
		}
		if c.Check.Mismatch != "" {
			fmt.Fprintf(w, "  !!! MISMATCH at %s rows: %s\n", thousands(c.Rows), c.Check.Mismatch)
		}
	}

	fmt.Fprintf(w, "\nstart-up (script tag -> ready): cold %.0f ms (fresh profile), warm %.0f ms (median of %d reloads)",
		r.Startup.ColdMS, r.Startup.WarmMS, len(r.Startup.RunsMS))
	if r.Startup.CompileMS > 0 {
		fmt.Fprintf(w, "; of which fetch + compile of the .wasm alone, warm: %.0f ms", r.Startup.CompileMS)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "wasm: %s raw, %s gzip, %s brotli\n", mb(r.Size.WasmRaw), mb(r.Size.WasmGzip), mb(r.Size.WasmBrotli))
	var files []string
	for _, f := range r.Size.Download {
		enc := f.Encoding
		if enc == "" {
			enc = "identity"
		}
		files = append(files, fmt.Sprintf("%s %s %s", strings.TrimPrefix(f.Path, "/web/"), mb(f.Bytes), enc))
	}
	fmt.Fprintf(w, "widget download (%d files): %s as sent, %s with brotli\n  %s\n",
		len(r.Size.Download), mb(r.Size.DownloadBytes), mb(r.Size.DownloadBrotli), strings.Join(files, ", "))

	fmt.Fprintln(w, "\ntargets:")
	for _, t := range r.Targets {
		mark := "missed"
		if t.Met {
			mark = "met"
		}
		fmt.Fprintf(w, "  %-6s %-28s %-42s measured: %s\n", mark, t.Name, t.Goal, t.Measured)
	}
	return nil
}

// ms formats a time, or "error" when the measurement failed.
func ms(v float64, err string) string {
	if err != "" && v == 0 {
		return "error"
	}
	if v == 0 {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// zipCost is what reading the table from the ZIP adds to reading it as
// a lone CSV, or "-" when either was not measured.
func zipCost(zip, csv Timing) string {
	if zip.WarmMS == 0 || csv.WarmMS == 0 {
		return "-"
	}
	return strconv.FormatFloat(zip.WarmMS-csv.WarmMS, 'f', 0, 64)
}

// roundAll rounds times to whole milliseconds for printing.
func roundAll(xs []float64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = int64(x + 0.5)
	}
	return out
}

// rate formats bytes per millisecond as MB/s.
func rate(bytes int64, ms float64) string {
	if bytes <= 0 || ms <= 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(bytes)/1e3/ms, 'f', 1, 64)
}

func ratioText(v float64) string {
	if v == 0 {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func mibText(n int64) string {
	if n == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
}

func mb(n int64) string { return strconv.FormatFloat(float64(n)/1e6, 'f', 3, 64) + " MB" }

// checkText sums up a Check in one word.
func checkText(k Check) string {
	switch {
	case k.Mismatch != "":
		return "MISMATCH"
	case k.PeerAgrees && k.NativeAgrees && k.TruthAgrees:
		return "ok"
	case k.TruthAgrees:
		return "ok (partial)"
	}
	return "-"
}

// thousands formats n with comma separators: 1000000 -> "1,000,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
