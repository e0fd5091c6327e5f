package bench

import "testing"

func TestTargets(t *testing.T) {
	r := &Result{
		Startup: Startup{WarmMS: 299},
		Size:    Size{DownloadBrotli: 1_250_000},
		Cases: []Case{
			{Rows: 200000, Widget: Timing{WarmMS: 100}, OneWorker: Timing{WarmMS: 160}, Flow: Timing{WarmMS: 130}, Profiles: 4,
				Peer: Timing{WarmMS: 400}, WidgetOverPeer: 0.25, OneWorkerOverPeer: 0.4, FlowOverWidget: 1.3},
			{Rows: 1000000, Widget: Timing{WarmMS: 500}, WasmMemory: 64 << 20},
		},
	}
	want := []struct {
		name string
		met  bool
	}{
		{"200k rows, one worker", false}, // 2.5x faster
		{"200k rows, two workers", true}, // 4x faster
		{"200k rows, flow", false},       // 1.3x the extraction
		{"1M rows in the browser", true}, // 64 MiB
		{"start-up, warm cache", true},   // 299 ms
		{"widget download", false},       // 1.25 MB
	}
	got := targets(r)
	if len(got) != len(want) {
		t.Fatalf("got %d targets, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Name != w.name || got[i].Met != w.met {
			t.Errorf("target %d = %q met %v, want %q met %v (%s)", i, got[i].Name, got[i].Met, w.name, w.met, got[i].Measured)
		}
	}
	if got[1].Measured != "4.00x faster" || got[0].Measured != "2.50x faster" {
		t.Errorf("measured %q and %q, want 4.00x and 2.50x faster", got[1].Measured, got[0].Measured)
	}

	// A failed 1M run misses its target whatever the memory.
	r.Cases[1].Widget.Error = "crashed"
	if ts := targets(r); ts[3].Met {
		t.Errorf("a failed 1M run met its target: %+v", ts[3])
	}
	// Sizes not run give no size targets.
	r.Cases = nil
	if ts := targets(r); len(ts) != 2 {
		t.Errorf("without cases: %d targets, want 2", len(ts))
	}
}
