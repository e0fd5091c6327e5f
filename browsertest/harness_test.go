// Package browsertest holds the real-browser tests of the widget: Go tests
// that drive Debian's /usr/bin/chromium through chromedp (v0.14.2, the old
// API) against pages served from this repository on 127.0.0.1.
//
// This file is the shared harness. A test starts with
//
//	h := NewHarness(t, HarnessOptions{})
//	h.Navigate("/browsertest/testdata/engine.html")
//	var json string
//	h.Eval(`NetflixDonation.extractJSON(document.querySelector('#file').files[0])`, &json)
//
// and gets, per test: a fresh headless browser (own user-data dir), an
// HTTP server over the repository root that serves only allow-listed paths
// (everything else is answered 404 and recorded as a violation, which
// fails the test at cleanup unless the test expects it), a strict
// Content-Security-Policy on every response (StrictCSP, the policy the
// widget promises to work under), in-memory extra pages and fixtures
// (Serve), file uploads through a real <input type=file> (Upload),
// promise-awaiting evaluation (Eval, EvalError), and the network requests
// seen by every target (NetworkEvents: the page and each worker, via
// Target.setAutoAttach and Network.enable per worker session), together
// with the server's own request log (Requests), so privacy tests can prove
// nothing leaves.
//
// When /usr/bin/chromium is missing, tests skip locally but fail when the
// environment variable CI is set: CI must never skip them.
//
// Test pages live in browsertest/testdata/ as HTML plus JS files, never
// with inline scripts (the CSP forbids them).
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/netflix-donation/widget/internal/testutil"
)

// ChromiumPath is the browser the tests drive (Debian's package).
const ChromiumPath = "/usr/bin/chromium"

// StrictCSP is the Content-Security-Policy the widget must work under.
const StrictCSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
	"connect-src 'self'; style-src 'self'; img-src 'self' data:"

// DefaultAllow returns the path prefixes the test server serves from the
// repository by default: the widget's files and the test pages.
func DefaultAllow() []string { return []string{"/web/", "/browsertest/testdata/"} }

// HarnessOptions configure NewHarness. The zero value is the usual setup.
type HarnessOptions struct {
	// Allow replaces DefaultAllow() (path prefixes served from the
	// repository root), e.g. append(DefaultAllow(), "/index.html", "/sample/").
	Allow []string
	// CSP replaces StrictCSP; "-" sends no policy.
	CSP string
	// Timeout bounds the whole test's browser work; default 5 minutes.
	Timeout time.Duration
	// TimeZone, when set, overrides the browser's time zone (an IANA name).
	TimeZone string
	// CORSOrigin, when set, is sent as Access-Control-Allow-Origin, so a
	// page on another origin can load the widget (see OtherOrigin).
	CORSOrigin string
}

// Request is one request the test server received.
type Request struct {
	Method, Path, Query string
	Allowed             bool
}

// NetEvent is one Network.requestWillBeSent event of some target.
type NetEvent struct {
	Target string // "page" or the worker's target type and URL
	Method string
	URL    string
}

// memFile is an extra file served from memory.
type memFile struct {
	contentType string
	body        []byte
}

// Harness is one test's browser, server and logs. Create it with NewHarness.
type Harness struct {
	T    *testing.T
	Root string          // the repository root (the directory holding go.mod)
	URL  string          // the server's base URL, without trailing slash
	Ctx  context.Context // the chromedp tab context; use with chromedp.Run

	allow []string
	csp   string
	cors  string
	dir   string // temporary files (uploads)

	mu                 sync.Mutex
	requests           []Request
	mem                map[string]memFile
	net                []NetEvent
	workers            int // dedicated workers started by the page so far
	expectedViolations int
}

// RepoRoot returns the directory holding go.mod, walking up from the
// working directory.
func RepoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

// requireChromium skips (locally) or fails (CI) when there is no browser.
func requireChromium(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing, and browser tests must run on CI: %v", ChromiumPath, err)
		}
		t.Skipf("%s is missing (set CI=1 to make this a failure)", ChromiumPath)
	}
}

// NewHarness starts the test server and a fresh headless browser tab. Both
// stop when the test ends; then unexpected violations fail the test.
func NewHarness(t *testing.T, opts HarnessOptions) *Harness {
	t.Helper()
	requireChromium(t)
	h := &Harness{
		T:     t,
		Root:  RepoRoot(t),
		allow: opts.Allow,
		csp:   opts.CSP,
		cors:  opts.CORSOrigin,
		dir:   t.TempDir(),
		mem:   map[string]memFile{},
	}
	if h.allow == nil {
		h.allow = DefaultAllow()
	}
	if h.csp == "" {
		h.csp = StrictCSP
	}
	root, err := os.OpenRoot(h.Root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	files := http.FileServerFS(root.FS())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.serve(w, r, files)
	}))
	t.Cleanup(srv.Close)
	h.URL = srv.URL

	// The browser profile lives outside t.TempDir: Chromium's helper
	// processes may still write to it for a moment after the browser is
	// stopped, which would fail TempDir's strict cleanup.
	profile, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		t.Fatal(err)
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(ChromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("no-proxy-server", true),
	)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithLogf(func(string, ...any) {}))
	ctx, cancelTimeout := context.WithTimeout(tabCtx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
		for range 20 { // best effort, see above
			if os.RemoveAll(profile) == nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	h.Ctx = ctx

	// Start the browser, then watch the page's and every worker's requests.
	if err := chromedp.Run(tabCtx); err != nil {
		t.Fatalf("starting %s: %v", ChromiumPath, err)
	}
	chromedp.ListenTarget(tabCtx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			h.addNet("page", ev.Request)
		case *target.EventAttachedToTarget:
			if strings.Contains(ev.TargetInfo.Type, "worker") {
				h.mu.Lock()
				h.workers++
				h.mu.Unlock()
				go h.watchWorker(tabCtx, ev.TargetInfo)
			}
		}
	})
	actions := []chromedp.Action{
		// Pause new workers until their Network domain is enabled, so
		// that even their first request is seen.
		target.SetAutoAttach(true, true).WithFlatten(true),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(cspListener).Do(ctx)
			return err
		}),
	}
	if opts.TimeZone != "" {
		actions = append(actions, emulation.SetTimezoneOverride(opts.TimeZone))
	}
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if v := h.Violations(); len(v) > h.expectedViolations {
			t.Errorf("requests outside the allow-list: %q", v)
		}
	})
	return h
}

// cspListener records Content-Security-Policy violations of the page in
// window.__cspViolations (see CSPViolations).
const cspListener = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});`

// watchWorker attaches its own session to a worker, records its requests
// and lets it run.
func (h *Harness) watchWorker(tabCtx context.Context, info *target.Info) {
	wctx, cancel := chromedp.NewContext(tabCtx, chromedp.WithTargetID(info.TargetID))
	_ = cancel // the worker's session ends with the tab
	name := info.Type + " " + info.URL
	chromedp.ListenTarget(wctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			h.addNet(name, ev.Request)
		}
	})
	// Attaching enables the Network domain; then resume the worker.
	if err := chromedp.Run(wctx, runtime.RunIfWaitingForDebugger()); err != nil {
		h.T.Logf("watching %s: %v", name, err)
	}
}

// Workers returns how many workers the page has started so far.
func (h *Harness) Workers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.workers
}

func (h *Harness) addNet(targetName string, r *network.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.net = append(h.net, NetEvent{Target: targetName, Method: r.Method, URL: r.URL})
}

// serve answers one request: an in-memory file, an allow-listed
// repository file, or 404 recorded as a violation.
func (h *Harness) serve(w http.ResponseWriter, r *http.Request, files http.Handler) {
	if h.csp != "-" {
		w.Header().Set("Content-Security-Policy", h.csp)
	}
	w.Header().Set("Cache-Control", "no-store")
	if h.cors != "" {
		w.Header().Set("Access-Control-Allow-Origin", h.cors)
	}
	h.mu.Lock()
	m, inMem := h.mem[r.URL.Path]
	allowed := inMem || slices.ContainsFunc(h.allow, func(p string) bool { return strings.HasPrefix(r.URL.Path, p) })
	allowed = allowed && !strings.Contains(r.URL.Path, "/.") && !strings.Contains(r.URL.Path, "..")
	// The widget only ever reads its own files: anything that sends data
	// (a POST to an allowed path, say) is a violation, whatever the path.
	allowed = allowed && (r.Method == http.MethodGet || r.Method == http.MethodHead)
	h.requests = append(h.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Allowed: allowed})
	h.mu.Unlock()
	switch {
	case inMem:
		w.Header().Set("Content-Type", m.contentType)
		w.Write(m.body)
	case allowed:
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		files.ServeHTTP(w, r)
	default:
		http.NotFound(w, r)
	}
}

// Serve adds an in-memory file at path (for example a generated fixture
// or a test page). It is allowed regardless of the allow-list.
func (h *Harness) Serve(path, contentType string, body []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.mem[path] = memFile{contentType: contentType, body: body}
}

// Requests returns the server's request log so far.
func (h *Harness) Requests() []Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.requests)
}

// Violations returns the paths (with query) requested outside the allow-list.
func (h *Harness) Violations() []string {
	var v []string
	for _, r := range h.Requests() {
		if !r.Allowed {
			v = append(v, r.Path+"?"+r.Query)
		}
	}
	return v
}

// ExpectViolations tells the harness that the test itself provokes n
// requests outside the allow-list (a negative control), so they do not
// fail it at cleanup.
func (h *Harness) ExpectViolations(n int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.expectedViolations = n
}

// CountRequests returns how many requests the server got for path.
func (h *Harness) CountRequests(path string) int {
	n := 0
	for _, r := range h.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// NetworkEvents returns the requests every target (page and workers)
// reported to DevTools so far.
func (h *Harness) NetworkEvents() []NetEvent {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.net)
}

// Navigate loads path (relative to the server) and waits for its body.
func (h *Harness) Navigate(path string) {
	h.T.Helper()
	if err := chromedp.Run(h.Ctx, chromedp.Navigate(h.URL+path), chromedp.WaitReady("body", chromedp.ByQuery)); err != nil {
		h.T.Fatalf("navigate %s: %v", path, err)
	}
}

// EvalError evaluates a JavaScript expression in the page, awaits it when
// it is a Promise, and stores the JSON-compatible result in out (nil to
// discard). A rejection or exception is returned as an error.
func (h *Harness) EvalError(expr string, out any) error {
	return chromedp.Run(h.Ctx, chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// Eval is EvalError that fails the test on error.
func (h *Harness) Eval(expr string, out any) {
	h.T.Helper()
	if err := h.EvalError(expr, out); err != nil {
		h.T.Fatalf("eval %.200s: %v", expr, err)
	}
}

// CSPViolations returns the page's recorded CSP violations.
func (h *Harness) CSPViolations() []string {
	h.T.Helper()
	var v []string
	h.Eval(`window.__cspViolations || []`, &v)
	return v
}

// WriteFile writes data to a temporary file with the given base name and
// returns its path, for Upload.
func (h *Harness) WriteFile(name string, data []byte) string {
	h.T.Helper()
	dir, err := os.MkdirTemp(h.dir, "upload")
	if err != nil {
		h.T.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		h.T.Fatal(err)
	}
	return p
}

// Upload sets the files of the <input type=file> matched by the CSS
// selector, as a participant's choice would (the change event fires).
func (h *Harness) Upload(selector string, paths ...string) {
	h.T.Helper()
	if err := chromedp.Run(h.Ctx, chromedp.SetUploadFiles(selector, paths, chromedp.ByQuery)); err != nil {
		h.T.Fatalf("upload to %s: %v", selector, err)
	}
}

// OtherOrigin starts a second server, on another origin than h.URL, that
// serves html at "/" with the given CSP ("" for none), and returns its
// URL. Its requests are not logged: it stands for a survey platform's page
// that loads the widget from h.URL.
func (h *Harness) OtherOrigin(html, csp string) string {
	h.T.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(html))
	}))
	h.T.Cleanup(srv.Close)
	return srv.URL
}

// NavigateURL loads an absolute URL and waits for its body.
func (h *Harness) NavigateURL(url string) {
	h.T.Helper()
	if err := chromedp.Run(h.Ctx, chromedp.Navigate(url), chromedp.WaitReady("body", chromedp.ByQuery)); err != nil {
		h.T.Fatalf("navigate %s: %v", url, err)
	}
}
