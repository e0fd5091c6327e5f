package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// TestRunSmallest runs the whole harness once on the smallest case (a
// 2,000-row export, one warm repetition) in a real headless Chromium, the
// way CI proves `make bench` works. It checks that the result is well
// formed and that the widget, the native CLI, the peer and the
// generator's answer key agree; it asserts nothing about time.
func TestRunSmallest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must run the browser smoke test: %v", err)
		}
		t.Skipf("no browser: %v", err)
	}
	root := testutil.RepoRoot(t)
	cfg := Config{
		Root:     root,
		WebDir:   webDir(t, root),
		DataDir:  t.TempDir(),
		Sizes:    []int{2000},
		Seed:     7,
		Reps:     1,
		Chromium: chromium,
		Log:      testLog{t},
	}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}

	// The answer key, generated here independently of the harness.
	truth, err := synth.WriteZip(io.Discard, synth.Config{Rows: 2000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cases) != 1 {
		t.Fatalf("got %d cases, want 1", len(res.Cases))
	}
	c := res.Cases[0]
	if c.Rows != 2000 {
		t.Errorf("Rows = %d, want 2000", c.Rows)
	}
	zip := filepath.Join(cfg.DataDir, "netflix-2000-seed7.zip")
	if info, err := os.Stat(zip); err != nil || info.Size() != c.ZipBytes {
		t.Errorf("ZipBytes = %d, file %s: %v", c.ZipBytes, zip, err)
	}
	for name, tm := range map[string]Timing{"widget": c.Widget, "native": c.Native} {
		if tm.Error != "" || tm.ColdMS <= 0 || len(tm.RunsMS) != 1 || tm.WarmMS != tm.RunsMS[0] {
			t.Errorf("%s timing is not well formed: %+v", name, tm)
		}
	}
	if c.Check.Views != truth.Views60 || c.Check.Seconds != truth.Seconds60 {
		t.Errorf("widget totals %d views / %d s, generator %d / %d", c.Check.Views, c.Check.Seconds, truth.Views60, truth.Seconds60)
	}
	if !c.Check.NativeAgrees {
		t.Errorf("the widget's JSON differs from the native CLI's: %s", c.Check.Mismatch)
	}
	if cfg.peerInstalled() {
		if c.Peer.Error != "" || !c.Check.PeerAgrees || c.Check.PeerViews != truth.Views60 {
			t.Errorf("peer: error %q, agrees %v, views %d (want %d)", c.Peer.Error, c.Check.PeerAgrees, c.Check.PeerViews, truth.Views60)
		}
	} else {
		t.Log("bench/node_modules is missing (npm ci in bench/): the peer was not run")
		if c.Peer.Error == "" {
			t.Error("the peer did not run, but no error says so")
		}
	}
	if c.WasmMemory <= 0 || c.WasmMemory%(64<<10) != 0 {
		t.Errorf("WasmMemory = %d, want a positive multiple of the 64 KiB wasm page", c.WasmMemory)
	}
	wasm, err := os.Stat(filepath.Join(cfg.WebDir, "netflix-donation.wasm"))
	if err != nil || res.Size.WasmRaw != wasm.Size() {
		t.Errorf("WasmRaw = %d, file: %v", res.Size.WasmRaw, err)
	}
	if !(res.Size.WasmBrotli > 0 && res.Size.WasmBrotli < res.Size.WasmGzip && res.Size.WasmGzip < res.Size.WasmRaw) {
		t.Errorf("wasm sizes raw %d, gzip %d, brotli %d: want raw > gzip > brotli > 0", res.Size.WasmRaw, res.Size.WasmGzip, res.Size.WasmBrotli)
	}
	loaded := map[string]bool{}
	var sum int64
	for _, f := range res.Size.Download {
		loaded[f.Path] = true
		sum += f.Bytes
	}
	for _, p := range []string{"/web/netflix-donation.js", "/web/engine.js", "/web/worker.js", "/web/wasm_exec.js", "/web/netflix-donation.wasm"} {
		if !loaded[p] {
			t.Errorf("the download does not list %s", p)
		}
	}
	if sum != res.Size.DownloadBytes {
		t.Errorf("DownloadBytes = %d, the files add up to %d", res.Size.DownloadBytes, sum)
	}
	if res.Startup.ColdMS <= 0 || len(res.Startup.RunsMS) != 1 {
		t.Errorf("start-up not well formed: %+v", res.Startup)
	}
	if res.Machine.Cores != runtime.NumCPU() || !strings.HasPrefix(res.Machine.Chromium, "Chrome/") {
		t.Errorf("machine: %+v", res.Machine)
	}

	var table bytes.Buffer
	if err := res.Table(&table); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"widget warm", "1 worker warm", "flow warm", "2,000", "start-up", "targets:"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
	if strings.Contains(table.String(), "MISMATCH") {
		t.Errorf("the table reports a mismatch:\n%s", table.String())
	}
	t.Logf("\n%s", table.String())

	name, err := res.WriteJSON(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Cases) != 1 || back.Cases[0].Rows != 2000 || back.Cases[0].Check.Views != truth.Views60 || back.Size.WasmRaw != wasm.Size() {
		t.Errorf("the JSON file does not hold the result: %s", b)
	}
}

// testLog sends the harness's progress lines to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// webDir returns the widget's built files: root/web after `make wasm`, or
// else a temporary copy of root/web with the engine built into it (CI
// runs the native tests before it builds the wasm).
func webDir(t *testing.T, root string) string {
	web := filepath.Join(root, "web")
	if _, err := os.Stat(filepath.Join(web, "netflix-donation.wasm")); err == nil {
		return web
	}
	dir := t.TempDir()
	err := filepath.WalkDir(web, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(web, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if ext := filepath.Ext(p); ext != ".js" && ext != ".css" && ext != ".html" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("web/netflix-donation.wasm is missing: building the engine into", dir)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "netflix-donation.wasm"), "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the engine: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
