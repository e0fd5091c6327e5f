package browsertest

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/internal/synth"
)

// distHost is a static host for the release bundle, on its own origin: it
// sends what docs/authors/hosting.md tells authors to configure
// (application/wasm, Access-Control-Allow-Origin for the survey's origin,
// the .br/.gz copies when the browser accepts them) and logs requests.
type distHost struct {
	dir string

	mu     sync.Mutex
	origin string // Access-Control-Allow-Origin; "" sends none
	log    []distRequest
}

// distRequest is one request the bundle's host answered.
type distRequest struct {
	Path, Encoding string
	Status         int
}

func (d *distHost) setOrigin(o string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.origin = o
}

func (d *distHost) requests() []distRequest {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]distRequest(nil), d.log...)
}

func (d *distHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	origin := d.origin
	d.mu.Unlock()
	rec := distRequest{Path: r.URL.Path, Status: http.StatusOK}
	defer func() {
		d.mu.Lock()
		d.log = append(d.log, rec)
		d.mu.Unlock()
	}()
	if origin != "" {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Vary", "Origin, Accept-Encoding")
	}
	w.Header().Set("Cache-Control", "no-store")
	name := strings.TrimPrefix(r.URL.Path, "/")
	if r.Method != http.MethodGet || strings.Contains(name, "..") || strings.Contains(name, "/.") || strings.HasSuffix(name, "/") {
		rec.Status = http.StatusNotFound
		http.NotFound(w, r)
		return
	}
	ctype := map[string]string{
		".wasm": "application/wasm",
		".js":   "text/javascript; charset=utf-8",
		".html": "text/html; charset=utf-8",
		".css":  "text/css; charset=utf-8",
		".json": "application/json",
	}[path.Ext(name)]
	file := filepath.Join(d.dir, filepath.FromSlash(name))
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if _, err := os.Stat(file + enc.ext); err == nil && strings.Contains(accept, enc.token) && ctype != "" {
			file, rec.Encoding = file+enc.ext, enc.token
			w.Header().Set("Content-Encoding", enc.token)
			break
		}
	}
	body, err := os.ReadFile(file)
	if err != nil || ctype == "" {
		rec.Status = http.StatusNotFound
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body)
}

// buildDist runs `go run ./cmd/dist` into a temporary folder, with the
// folder's future URL, and returns the bundle's folder.
func buildDist(t *testing.T, root, out, baseURL string) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(root, "web", "netflix-donation.wasm")); err != nil {
		t.Fatalf("the engine is not built (make wasm; make test-browser does it): %v", err)
	}
	cmd := exec.Command("go", "run", "./cmd/dist", "-web", "web", "-version-file", "VERSION", "-out", out, "-base-url", baseURL)
	cmd.Dir = root
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run ./cmd/dist: %v\n%s", err, msg)
	}
	t.Logf("cmd/dist:\n%s", msg)
	return filepath.Join(out, path.Base(strings.TrimSuffix(baseURL, "/")))
}

// snippetScript matches the loader <script> of embed-snippet.html.
var snippetScript = regexp.MustCompile(`<script src="([^"]+)"\s+integrity="(sha384-[A-Za-z0-9+/=]+)"\s+crossorigin="anonymous"></script>`)

// TestDistBundle builds the release bundle, serves it from a second
// origin as a static host would, and runs the widget from a survey page
// on the first origin that holds embed-snippet.html as it is: a
// participant picks a generated ZIP, chooses a profile and shares; the
// page must receive the same donation as the native extractor makes. It
// checks the snippet's and integrity.json's hashes against the files as
// served, and two negative controls: a loader that does not match the
// hash, and a host without the CORS header, are both refused.
func TestDistBundle(t *testing.T) {
	requireChromium(t)
	root := RepoRoot(t)
	v, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	version := strings.TrimSpace(string(v))

	host := &distHost{dir: t.TempDir()}
	srv := httptest.NewServer(host)
	t.Cleanup(srv.Close)
	base := srv.URL + "/netflix-donation-" + version + "/"
	dir := buildDist(t, root, host.dir, base)
	if _, err := os.Stat(filepath.Join(host.dir, "netflix-donation-"+version+".zip")); err != nil {
		t.Errorf("no zip beside the folder: %v", err)
	}

	snippet, err := os.ReadFile(filepath.Join(dir, "embed-snippet.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := snippetScript.FindSubmatch(snippet)
	if m == nil {
		t.Fatalf("embed-snippet.html has no loader script with integrity:\n%s", snippet)
	}
	if string(m[1]) != base+"netflix-donation.js" {
		t.Errorf("snippet loads %q, want %q", m[1], base+"netflix-donation.js")
	}

	// The hashes match the files as the host serves them.
	get := func(url string) []byte {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
		}
		return b
	}
	sha384 := func(b []byte) string {
		h := sha512.New384()
		h.Write(b)
		return "sha384-" + base64.StdEncoding.EncodeToString(h.Sum(nil))
	}
	if got := sha384(get(string(m[1]))); got != string(m[2]) {
		t.Errorf("the served loader hashes to %s; the snippet says %s", got, m[2])
	}
	var manifest struct {
		Version string `json:"version"`
		Files   map[string]struct {
			Integrity string `json:"integrity"`
		} `json:"files"`
	}
	if err := json.Unmarshal(get(base+"integrity.json"), &manifest); err != nil {
		t.Fatal(err)
	}
	if manifest.Version != version || len(manifest.Files) < 10 {
		t.Errorf("integrity.json: version %q, %d files", manifest.Version, len(manifest.Files))
	}
	for name, f := range manifest.Files {
		var b []byte
		switch path.Ext(name) {
		case ".md", ".br", ".gz":
			// The host serves no Markdown, and the copies only as an
			// encoding of their originals: compare the files themselves.
			if b, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		default:
			b = get(base + name)
		}
		if got := sha384(b); got != f.Integrity {
			t.Errorf("%s: served file hashes to %s; integrity.json says %s", name, got, f.Integrity)
		}
	}

	// The survey page on the first origin: the snippet as it is, and a
	// policy that allows the widget's origin and nothing more.
	const tz = "Europe/Amsterdam"
	csp := "default-src 'none'; script-src 'self' " + srv.URL + " 'wasm-unsafe-eval'; worker-src blob:; connect-src " + srv.URL + "; img-src data:"
	h := NewHarness(t, HarnessOptions{Allow: []string{"/browsertest/testdata/widget_flow.js"}, CSP: csp, TimeZone: tz})
	host.setOrigin(h.URL)
	page := func(body []byte) []byte {
		return []byte(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A survey</title>
<script src="/browsertest/testdata/widget_flow.js"></script></head>
<body><h1>Study on streaming habits</h1>
` + string(body) + `
</body></html>`)
	}
	h.Serve("/survey.html", "text/html; charset=utf-8", page(snippet))

	var export bytes.Buffer
	if _, err := synth.WriteZip(&export, synth.Config{Rows: 1500, Seed: 21}); err != nil {
		t.Fatal(err)
	}
	upload := h.WriteFile("netflix-report.zip", export.Bytes())
	w := pageWidget(h)
	h.Navigate("/survey.html")
	w.start()
	w.upload(upload)
	names := w.toReview(0)
	if len(names) < 2 {
		t.Fatalf("profile screen showed %q; the generated export has several profiles", names)
	}
	shown := w.shownJSON()
	w.share()

	var output, baseURL string
	h.Eval(`document.getElementById('netflix_donation').value`, &output)
	h.Eval(`NetflixDonation.baseURL`, &baseURL)
	if baseURL != base {
		t.Errorf("NetflixDonation.baseURL %q, want %q", baseURL, base)
	}
	evs := events(h)
	if len(evs) != 1 || evs[0].Type != "netflix-donation:donate" {
		t.Fatalf("events %+v, want one netflix-donation:donate", evs)
	}
	var detail struct {
		JSON string `json:"json"`
	}
	if err := json.Unmarshal(evs[0].Detail, &detail); err != nil {
		t.Fatal(err)
	}
	if output != shown || detail.JSON != shown {
		t.Fatalf("output field, event and disclosure differ:\noutput %.200s\nevent  %.200s\nshown  %.200s", output, detail.JSON, shown)
	}
	if err := donation.VerifyChecksum([]byte(output)); err != nil {
		t.Errorf("checksum: %v", err)
	}
	if want := nativeDonation(t, export.Bytes(), tz, names[:1], nil); output != want {
		t.Errorf("the bundle's donation differs from the native one:\nbundle %.300s\nnative %.300s", output, want)
	}
	if v := h.CSPViolations(); len(v) > 0 {
		t.Errorf("CSP violations: %q", v)
	}

	// Everything came from the bundle's host, the engine pre-compressed.
	fetched := map[string]distRequest{}
	for _, r := range host.requests() {
		fetched[r.Path] = r
	}
	prefix := "/netflix-donation-" + version + "/"
	for _, f := range []string{"netflix-donation.js", "netflix-donation-element.js", "element/styles.js", "i18n/nl.js",
		"engine.js", "contract.js", "worker.js", "wasm_exec.js", "netflix-donation.wasm"} {
		if r, ok := fetched[prefix+f]; !ok || r.Status != http.StatusOK {
			t.Errorf("%s: not served by the bundle's host (%+v)", f, r)
		}
	}
	if r := fetched[prefix+"netflix-donation.wasm"]; r.Encoding == "" {
		t.Errorf("the .wasm was sent uncompressed although .br and .gz copies exist: %+v", r)
	}
	for _, r := range h.Requests() {
		if r.Path != "/survey.html" && r.Path != "/browsertest/testdata/widget_flow.js" && r.Path != "/favicon.ico" {
			t.Errorf("the survey's origin got a request for %s", r.Path)
		}
	}

	// Negative controls. A loader that is not the hashed one is refused:
	// the API and the element never appear.
	tampered := bytes.Replace(snippet, m[2], []byte(sha384([]byte("another file"))), 1)
	h.Serve("/tampered.html", "text/html; charset=utf-8", page(tampered))
	h.Navigate("/tampered.html")
	if api, defined := loadOutcome(h); api || defined {
		t.Errorf("with a wrong integrity hash: NetflixDonation defined %v, <netflix-donation> defined %v; want neither", api, defined)
	}
	// A host without Access-Control-Allow-Origin is refused too (the
	// snippet's crossorigin attribute makes the loader a CORS request).
	host.setOrigin("")
	h.Navigate("/survey.html")
	if api, defined := loadOutcome(h); api || defined {
		t.Errorf("without the CORS header: NetflixDonation defined %v, <netflix-donation> defined %v; want neither", api, defined)
	}
}

// loadOutcome waits for the page to finish loading (and a moment for the
// loader's module import) and reports whether the loader ran and the
// element got defined.
func loadOutcome(h *Harness) (api, defined bool) {
	h.T.Helper()
	if err := chromedp.Run(h.Ctx, chromedp.Poll(`document.readyState === 'complete'`, nil, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		h.T.Fatal(err)
	}
	var out struct{ API, Defined bool }
	h.Eval(fmt.Sprintf(`new Promise((resolve) => setTimeout(() => resolve({
	  API: typeof window.NetflixDonation !== 'undefined',
	  Defined: !!customElements.get('netflix-donation') }), %d))`, 500), &out)
	return out.API, out.Defined
}
