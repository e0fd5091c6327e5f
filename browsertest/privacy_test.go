package browsertest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// widgetFiles is the allow-list of the privacy tests: the widget's own
// files and the hardening test pages, nothing else of the repository.
var widgetFiles = []string{
	"/web/netflix-donation.js",
	"/web/netflix-donation-element.js",
	"/web/engine.js",
	"/web/contract.js",
	"/web/worker.js",
	"/web/wasm_exec.js",
	"/web/netflix-donation.wasm",
	"/web/element/",
	"/web/i18n/",
	"/browsertest/testdata/hardening_",
}

// bodyRequest is one request a target announced to DevTools, with its body.
type bodyRequest struct {
	Target, Method, URL, Body string
}

// bodyWatch records, independently of the harness, every request of the
// page and of every worker with its POST body, so that a canary in a body
// is seen too.
type bodyWatch struct {
	mu   sync.Mutex
	reqs []bodyRequest
}

// watchBodies starts a bodyWatch on h's tab and on every worker the tab
// attaches to from now on (each worker gets its own DevTools session,
// besides the harness's, with the Network domain enabled).
func watchBodies(h *Harness) *bodyWatch {
	bw := &bodyWatch{}
	record := func(name string, r *network.Request) {
		var body strings.Builder
		for _, e := range r.PostDataEntries {
			b, err := base64.StdEncoding.DecodeString(e.Bytes)
			if err != nil {
				b = []byte(e.Bytes)
			}
			body.Write(b)
		}
		bw.mu.Lock()
		defer bw.mu.Unlock()
		bw.reqs = append(bw.reqs, bodyRequest{Target: name, Method: r.Method, URL: r.URL, Body: body.String()})
	}
	chromedp.ListenTarget(h.Ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			record("page", ev.Request)
		case *target.EventAttachedToTarget:
			if !strings.Contains(ev.TargetInfo.Type, "worker") {
				return
			}
			info := ev.TargetInfo
			go func() {
				wctx, _ := chromedp.NewContext(h.Ctx, chromedp.WithTargetID(info.TargetID))
				name := info.Type + " " + info.URL
				chromedp.ListenTarget(wctx, func(ev any) {
					if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
						record(name, ev.Request)
					}
				})
				_ = chromedp.Run(wctx) // attach; a worker that ended already is no request
			}()
		}
	})
	return bw
}

func (bw *bodyWatch) all() []bodyRequest {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	return slices.Clone(bw.reqs)
}

// eventually polls cond (each 50 ms, up to 20 s) for asynchronous logs to
// catch up; it is a wait, not a timing assertion.
func eventually(cond func() bool) bool {
	for range 400 {
		if cond() {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return cond()
}

// privacyCanary is the unique string of the privacy fixtures: internal/synth
// puts it into every profile name, some titles, device strings, a country,
// and the account tables' e-mail addresses, phone numbers, IPs and cities.
const privacyCanary = "Kq4privacycanary"

// deviceClasses are the device classes a donation may name, written out
// here independently of the extractor's list.
var deviceClasses = []string{"tv", "set_top_box", "console", "computer", "phone", "tablet", "other"}

// TestHardeningPrivacy proves the privacy promise in a real browser with
// three watchers armed at once: the test server answers only the widget's
// own files and records every request (a path outside widgetFiles is a
// violation), DevTools reports every request of the page and of every
// worker (the harness's watcher for URLs, watchBodies for bodies), and a
// securitypolicyviolation listener records what the strict CSP blocked.
//
// A participant picks a generated export whose every profile name, device
// string, country and account row carries a canary, chooses a profile,
// removes titles and presses Share. From choosing the file to Share and
// after it, no request may be made at all; no request of the whole session
// may carry the canary; and the shared JSON (event detail, output field,
// the disclosure) must hold no profile name, no raw device string, no
// canary, and titles only as the study's config allows.
//
// The negative control at the end makes the page leak the canary on
// purpose (hardening_leak.js), and each watcher must catch it: the
// watchers were armed, so their silence during the flow means something.
func TestHardeningPrivacy(t *testing.T) {
	tests := []struct {
		name    string
		config  string
		titles  string // "none" or "top"
		top     int
		account bool // the study opted in to the account blocks
	}{
		{"titles none", `{"titles":"none"}`, "none", 0, false},
		{"top 3 with account", `{"titles":"top","top":3,"account":["profiles","searches","ratings","my_list","tenure"]}`, "top", 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const tz = "Europe/Amsterdam"
			h := NewHarness(t, HarnessOptions{Allow: widgetFiles, TimeZone: tz})
			bodies := watchBodies(h)
			var export bytes.Buffer
			if _, err := synth.WriteZip(&export, synth.Config{Rows: 2500, Seed: 41, Canary: privacyCanary}); err != nil {
				t.Fatal(err)
			}
			path := h.WriteFile("netflix-report.zip", export.Bytes())
			w := pageWidget(h)
			h.Navigate("/browsertest/testdata/hardening_privacy.html?lang=en&config=" + url.QueryEscape(tt.config))
			w.start()
			h.Eval(`NetflixDonation.ready()`, nil) // the widget's own files are loaded now

			reqs0, net0, bodies0 := len(h.Requests()), len(h.NetworkEvents()), len(bodies.all())
			w.upload(path)
			names := w.toReview(0)
			// The canary is really in the page: the participant sees the
			// profile names (only here, on the device).
			if len(names) == 0 || !strings.Contains(names[0], privacyCanary) {
				t.Fatalf("profile names shown %q; want them to carry the canary", names)
			}
			if tt.titles == "top" {
				t.Logf("removed %d canary titles in the review", removeCanaryTitles(t, w))
			}
			shown := w.shownJSON()
			w.share()

			// (1) Not a single request from the file choice on, Share included.
			if reqs := h.Requests(); len(reqs) != reqs0 {
				t.Errorf("the server got requests after the file was chosen: %+v", reqs[reqs0:])
			}
			if evs := h.NetworkEvents(); len(evs) != net0 {
				t.Errorf("DevTools saw requests after the file was chosen: %+v", evs[net0:])
			}
			if b := bodies.all(); len(b) != bodies0 {
				t.Errorf("DevTools saw requests (with bodies) after the file was chosen: %+v", b[bodies0:])
			}
			// (2) No request of the whole session carries the canary.
			for _, r := range h.Requests() {
				if strings.Contains(r.Path+"?"+r.Query, privacyCanary) {
					t.Errorf("a request to the server carries the canary: %+v", r)
				}
			}
			for _, r := range bodies.all() {
				if strings.Contains(r.URL, privacyCanary) || strings.Contains(r.Body, privacyCanary) {
					t.Errorf("a request carries the canary: %+v", r)
				}
			}
			if v := h.CSPViolations(); len(v) != 0 {
				t.Errorf("CSP violations during the flow: %q", v)
			}

			// (3) What the host got: one string everywhere, and nothing private in it.
			detail := requireOneDonation(t, h, shown)
			checkDonationPrivate(t, shown, names, tt.titles, tt.top)
			var acc struct {
				Account map[string]json.RawMessage `json:"account"`
			}
			json.Unmarshal([]byte(shown), &acc)
			if tt.account != (len(acc.Account) > 0) {
				t.Errorf("account blocks shared: %v; the study opted in: %v", acc.Account != nil, tt.account)
			}
			if bytes.Contains(detail.Summary, []byte(privacyCanary)) {
				t.Errorf("the event's summary object carries the canary: %.300s", detail.Summary)
			}
			if err := donation.VerifyChecksum([]byte(shown)); err != nil {
				t.Errorf("checksum: %v", err)
			}

			// Negative control: a deliberate leak must be caught by every watcher.
			negativeControl(t, h, bodies)
		})
	}
}

// removeCanaryTitles removes, in the review, every title whose name carries
// the canary, as a participant may remove any title, and waits for the
// recomputed JSON each time.
func removeCanaryTitles(t *testing.T, w widget) int {
	t.Helper()
	for n := range 20 {
		var keys []string
		w.h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('[data-key^="remove:"]'), (b) => b.getAttribute('data-key'))`, w.root), &keys)
		i := slices.IndexFunc(keys, func(k string) bool { return strings.Contains(k, privacyCanary) })
		if i < 0 {
			return n
		}
		name := strings.TrimPrefix(keys[i], "remove:")
		w.click(fmt.Sprintf(`[data-key=%s]`, jsString(keys[i])))
		w.wait(w.q(fmt.Sprintf(`[data-key=%s]`, jsString("undo:"+name))) + ` && ` + w.q(`pre.json:not([aria-busy])`))
	}
	t.Fatal("canary titles keep coming back after removal")
	return 0
}

// checkDonationPrivate checks a shared JSON: no canary anywhere (so no
// profile name, device string, country or account detail of the fixture),
// no profile name shown on the device, device classes only, and titles as
// the config allows.
func checkDonationPrivate(t *testing.T, doc string, names []string, titles string, top int) {
	t.Helper()
	if strings.Contains(doc, privacyCanary) {
		t.Errorf("the shared JSON carries the canary: %.400s", doc)
	}
	var strs []string
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	collectStrings(v, &strs)
	for _, s := range strs {
		for _, n := range names {
			base := strings.TrimSpace(strings.TrimSuffix(n, privacyCanary))
			if s == n || s == base {
				t.Errorf("the shared JSON holds the profile name %q", s)
			}
		}
	}
	var d struct {
		Titles   *[]json.RawMessage `json:"titles"`
		ByDevice []struct {
			Class string `json:"class"`
		} `json:"by_device"`
		Options struct {
			Titles string `json:"titles"`
		} `json:"options"`
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatal(err)
	}
	for _, dev := range d.ByDevice {
		if !slices.Contains(deviceClasses, dev.Class) {
			t.Errorf("by_device names %q, not a device class", dev.Class)
		}
	}
	if len(d.ByDevice) == 0 {
		t.Error("no by_device block: the device check proved nothing")
	}
	switch titles {
	case "none":
		if d.Titles != nil && len(*d.Titles) > 0 {
			t.Errorf("titles none, but %d titles shared", len(*d.Titles))
		}
	case "top":
		if d.Titles == nil || len(*d.Titles) > top {
			t.Errorf("top %d, but titles %v", top, d.Titles)
		}
	}
}

// collectStrings appends every string value and key of a decoded JSON value.
func collectStrings(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, v)
	case []any:
		for _, e := range v {
			collectStrings(e, out)
		}
	case map[string]any:
		for k, e := range v {
			*out = append(*out, k)
			collectStrings(e, out)
		}
	}
}

// negativeControl makes the page leak the canary on purpose and checks that
// each watcher caught its part: the server (allow-list and log), DevTools
// for the page (URL and body) and for a worker, and the CSP listener.
func negativeControl(t *testing.T, h *Harness, bodies *bodyWatch) {
	t.Helper()
	h.ExpectViolations(3) // GET /collect, POST /collect, GET /collect-worker
	other := strings.Replace(h.URL, "127.0.0.1", "localhost", 1)
	var results []string
	h.Eval(fmt.Sprintf(`__leak(%s, %s)`, jsString(privacyCanary), jsString(other)), &results)
	q := url.QueryEscape(privacyCanary)

	serverSaw := func(method, path string, withCanary bool) bool {
		for _, r := range h.Requests() {
			if r.Method == method && r.Path == path && !r.Allowed && (!withCanary || strings.Contains(r.Query, q)) {
				return true
			}
		}
		return false
	}
	if !eventually(func() bool {
		return serverSaw("GET", "/collect", true) && serverSaw("POST", "/collect", false) && serverSaw("GET", "/collect-worker", true)
	}) {
		t.Errorf("negative control: the server's log missed a leak: %+v", h.Requests())
	}
	if !eventually(func() bool {
		page, worker := false, false
		for _, e := range h.NetworkEvents() {
			page = page || e.Target == "page" && strings.Contains(e.URL, "/collect?d="+q)
			worker = worker || strings.Contains(e.Target, "worker") && strings.Contains(e.URL, "/collect-worker?d="+q)
		}
		return page && worker
	}) {
		t.Errorf("negative control: DevTools missed the page's or the worker's leak: %+v", h.NetworkEvents())
	}
	if !eventually(func() bool {
		for _, r := range bodies.all() {
			if r.Method == "POST" && strings.Contains(r.Body, privacyCanary) {
				return true
			}
		}
		return false
	}) {
		t.Errorf("negative control: the body watcher missed the POST body: %+v", bodies.all())
	}
	var v []string
	if !eventually(func() bool {
		v = h.CSPViolations()
		connect, img := false, false
		for _, s := range v {
			connect = connect || strings.HasPrefix(s, "connect-src")
			img = img || strings.HasPrefix(s, "img-src")
		}
		return connect && img
	}) {
		t.Errorf("negative control: the CSP listener missed the cross-origin leak: %q", v)
	}
}

// TestHardeningChecksumPython runs the Python recipe of docs/privacy.md
// (the first python code block, as written there) over donations and
// checks that it agrees with donation.VerifyChecksum: "ok" for a donation
// as shared, including titles with characters that JSON encoders treat
// differently (U+2028, U+2029, HTML, accents, emoji), and "ALTERED" for an
// edited one; a truncated donation makes it fail. It needs python3 (skips
// without) and no browser.
func TestHardeningChecksumPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	doc, err := os.ReadFile(filepath.Join(RepoRoot(t), "docs", "privacy.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```python\n")
	script, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/privacy.md has no python code block")
	}

	var export bytes.Buffer
	if _, err := synth.WriteZip(&export, synth.Config{Rows: 600, Seed: 59, Canary: privacyCanary}); err != nil {
		t.Fatal(err)
	}
	files, err := input.Open(bytes.NewReader(export.Bytes()), int64(export.Len()), "netflix-report.zip", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := extractor.DefaultOptions()
	opts.Titles = extractor.TitlesAll
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := donation.Share(s, donation.ShareOptions{MaxBytes: 20000})
	if err != nil {
		t.Fatal(err)
	}
	odd := *s
	odd.Titles = []extractor.TitleStat{
		{Name: "Line\u2028Separator\u2029Para", Kind: "series", Views: 1, Seconds: 60},
		{Name: `</script><img src=x> & "quotes" \ back`, Kind: "movie", Views: 2, Seconds: 120},
		{Name: "Crème brûlée 🍮 — Ünïcödé", Kind: "movie", Views: 3, Seconds: 180},
	}
	oddShared, err := donation.Share(&odd, donation.ShareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	altered := strings.Replace(string(shared), `"rows_total":600`, `"rows_total":601`, 1)
	if altered == string(shared) {
		t.Fatal("the alteration changed nothing")
	}

	run := func(input string) (string, error) {
		cmd := exec.Command(py, "-c", script)
		cmd.Stdin = strings.NewReader(input)
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	for _, tt := range []struct {
		name, doc, want string
	}{
		{"as shared", string(shared), "ok"},
		{"odd characters", string(oddShared), "ok"},
		{"altered", altered, "ALTERED"},
		{"declined", `{"declined":true}`, "ALTERED"},
	} {
		got, err := run(tt.doc)
		if err != nil || got != tt.want {
			t.Errorf("%s: the recipe printed %q (%v); want %q", tt.name, got, err, tt.want)
		}
		if goOK := donation.VerifyChecksum([]byte(tt.doc)) == nil; goOK != (tt.want == "ok") {
			t.Errorf("%s: VerifyChecksum ok=%v; the recipe must agree with it", tt.name, goOK)
		}
	}
	if got, err := run(string(shared[:len(shared)/2])); err == nil {
		t.Errorf("a truncated donation: the recipe printed %q without failing", got)
	}
}
