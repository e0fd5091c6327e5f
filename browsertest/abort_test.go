package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
)

// slowHelperWorker wraps the real worker as a helper on a busy device: it
// answers a part only after 1.5 s (longer than ABORT_GRACE_MS), and once a
// part is aborted it neither stops nor answers, so the engine kills it
// when ABORT_GRACE_MS has passed.
const slowHelperWorker = `importScripts('/web/worker.js');
(function () {
  const real = self.onmessage;
  const post = self.postMessage.bind(self);
  const parts = new Set();
  const muted = new Set();
  self.postMessage = function (m, transfer) {
    if (m && muted.has(m.id)) return;
    if (m && m.type === 'result' && parts.has(m.id)) setTimeout(function () { post(m, transfer); }, 1500);
    else post(m, transfer);
  };
  self.onmessage = function (e) {
    const m = e.data || {};
    if (m.type === 'abort' && parts.has(m.id)) { muted.add(m.id); return; }
    if (m.type === 'call' && m.method === 'read') parts.add(m.id);
    real.call(self, e);
  };
})();
`

// TestEngineAbortSlowHelper: a participant cancels while two workers read,
// on a device so busy that the helper does not stop in time and is
// killed, then chooses the file again: the second reading must work (it
// must not start on the helper about to be killed) and give the native
// result.
func TestEngineAbortSlowHelper(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	for name, typ := range map[string]string{"wasm_exec.js": "text/javascript", "netflix-donation.wasm": "application/wasm"} {
		b, err := os.ReadFile(filepath.Join(h.Root, "web", name))
		if err != nil {
			t.Fatalf("%v (run make wasm)", err)
		}
		h.Serve("/slow/"+name, typ, b)
	}
	h.Serve("/slow/worker.js", "text/javascript", []byte(slowHelperWorker))
	h.Navigate("/browsertest/testdata/slow_helper.html")
	// A lone CSV is cut into ranges, so the helper reads one (a ZIP would
	// be read as a pipeline, where the helper inflates).
	csvData := genCSV(t, synth.Config{Rows: 3000, Seed: 4})
	h.Upload("#file", h.WriteFile("ViewingActivity.csv", csvData))
	var r struct{ First, Second result }
	h.Eval(`(async () => { while (!window.abortThenExtract) await new Promise((r) => setTimeout(r, 20)); return abortThenExtract(firstFile('file'), `+amsterdamJS+`); })()`, &r)
	if r.First.OK || r.First.Code != "aborted" {
		t.Fatalf("first reading: %+v, want aborted", r.First)
	}
	if !r.Second.OK {
		t.Fatalf("reading again after the abort: %s %s", r.Second.Code, r.Second.Message)
	}
	if want := nativeJSON(t, nativeOpen(t, "ViewingActivity.csv", csvData), amsterdamGo()); r.Second.Value != want {
		t.Error("reading again after the abort: JSON differs from native")
	}
}
