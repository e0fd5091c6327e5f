package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/internal/synth"
)

// surveyPlatform is the survey page's server in the two-origin tests: it
// stands for a survey platform's domain (http://127.0.0.1:PORT1), while the
// widget's files come from the harness under the name localhost
// (http://localhost:PORT2), as a university's web space would serve them:
// another host, another port, another site. It serves a few pages from
// memory and the hardening test scripts, with a policy that allows the
// widget's origin, and logs every path it was asked for.
type surveyPlatform struct {
	URL    string // http://127.0.0.1:PORT1
	widget string // the widget's origin, http://localhost:PORT2

	mu    sync.Mutex
	paths []string
	pages map[string]string
}

// newSurveyPlatform starts the platform's server. Its pages use the
// widget's origin, which is known only once the harness runs: call
// useWidget before loading a page.
func newSurveyPlatform(t *testing.T) *surveyPlatform {
	t.Helper()
	root := RepoRoot(t)
	sp := &surveyPlatform{pages: map[string]string{}}
	scripts := map[string]string{"/host.js": "hardening_host.js", "/outer.js": "hardening_outer.js"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sp.mu.Lock()
		sp.paths = append(sp.paths, r.URL.Path)
		page, isPage := sp.pages[r.URL.Path]
		widget := sp.widget
		sp.mu.Unlock()
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self' "+widget+" 'wasm-unsafe-eval'; "+
			"worker-src blob:; connect-src "+widget+"; style-src 'self'; img-src 'self' data:; frame-src "+widget)
		if isPage {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
			return
		}
		if name, ok := scripts[r.URL.Path]; ok {
			b, err := os.ReadFile(filepath.Join(root, "browsertest", "testdata", name))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			w.Write(b)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	sp.URL = srv.URL
	return sp
}

// useWidget sets the widget's origin from the harness's URL, under the
// host name localhost, and builds the platform's pages.
func (sp *surveyPlatform) useWidget(h *Harness) string {
	widget := strings.Replace(h.URL, "127.0.0.1", "localhost", 1)
	sp.mu.Lock()
	defer sp.mu.Unlock()
	sp.widget = widget
	sp.pages["/"] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Survey</title>
<link rel="icon" href="data:,">
<script src="` + widget + `/web/netflix-donation.js"></script>
<script src="/host.js"></script>
</head><body><p>Question 7 of 12</p>
<netflix-donation output="#out"></netflix-donation>
<textarea id="out" name="netflix_donation"></textarea>
</body></html>`
	sp.pages["/outer.html"] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Survey with a frame</title>
<link rel="icon" href="data:,">
<script src="/outer.js"></script>
</head><body><iframe id="frame" title="Netflix donation" width="800" height="900"></iframe></body></html>`
	return widget
}

// requested returns the paths the platform was asked for.
func (sp *surveyPlatform) requested() []string {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	return slices.Clone(sp.paths)
}

// TestHardeningTwoOrigins runs the whole widget flow on a survey page at
// http://127.0.0.1:PORT1 that loads the widget from http://localhost:PORT2
// (CORS for exactly the survey's origin, a page policy that allows the
// widget's origin but not 'self' for workers): the engine must start its
// worker from a blob: bootstrap, and the donation in the page's event and
// answer field must equal the native extractor's for the same choices.
// Neither server may be asked for anything but the widget's files and the
// page, and no policy violation may fire.
func TestHardeningTwoOrigins(t *testing.T) {
	const tz = "Europe/Amsterdam"
	sp := newSurveyPlatform(t)
	h := NewHarness(t, HarnessOptions{Allow: widgetFiles, CORSOrigin: sp.URL, TimeZone: tz})
	widgetOrigin := sp.useWidget(h)
	var export bytes.Buffer
	if _, err := synth.WriteZip(&export, synth.Config{Rows: 2000, Seed: 47}); err != nil {
		t.Fatal(err)
	}
	path := h.WriteFile("netflix-report.zip", export.Bytes())
	w := pageWidget(h)

	h.NavigateURL(sp.URL + "/?lang=de")
	var base, pageOrigin string
	h.Eval(`NetflixDonation.baseURL`, &base)
	h.Eval(`location.origin`, &pageOrigin)
	if base != widgetOrigin+"/web/" || pageOrigin != sp.URL || !strings.HasPrefix(widgetOrigin, "http://localhost:") {
		t.Fatalf("page on %s, widget from %s; want the page on %s and the widget from %s/web/", pageOrigin, base, sp.URL, widgetOrigin)
	}
	w.start()
	w.upload(path)
	names := w.toReview(0)
	removed := w.removeFirstTitle()
	shown := w.shownJSON()
	w.share()

	evs := events(h)
	if len(evs) != 1 || evs[0].Type != "netflix-donation:donate" {
		t.Fatalf("events %+v; want one netflix-donation:donate", evs)
	}
	var detail struct {
		JSON string `json:"json"`
	}
	if err := json.Unmarshal(evs[0].Detail, &detail); err != nil {
		t.Fatal(err)
	}
	var output string
	h.Eval(`document.querySelector('#out').value`, &output)
	if detail.JSON != shown || output != shown {
		t.Fatalf("event, answer field and disclosure differ:\n%.200s\n%.200s\n%.200s", detail.JSON, output, shown)
	}
	if want := nativeDonation(t, export.Bytes(), tz, names[:1], []string{removed}); shown != want {
		t.Errorf("the donation differs from the native one:\nbrowser %.300s\nnative  %.300s", shown, want)
	}
	if err := donation.VerifyChecksum([]byte(shown)); err != nil {
		t.Errorf("checksum: %v", err)
	}

	blobWorker := false
	for _, e := range h.NetworkEvents() {
		blobWorker = blobWorker || strings.HasPrefix(e.Target, "worker blob:"+sp.URL)
	}
	if !blobWorker {
		t.Errorf("no blob: worker of the survey's origin among the network events %v", h.NetworkEvents())
	}
	if got := h.CountRequests("/web/netflix-donation.wasm"); got != 1 {
		t.Errorf("the .wasm was fetched %d times; want 1", got)
	}
	if paths := sp.requested(); !slices.Equal(paths, []string{"/", "/host.js"}) {
		t.Errorf("the survey's server was asked for %q; want only the page and its script", paths)
	}
	if v := h.CSPViolations(); len(v) != 0 {
		t.Errorf("policy violations: %q", v)
	}
}

// TestHardeningCrossOriginFrame puts the widget in an iframe on its own
// origin (http://localhost:PORT2) inside a survey page on another
// (http://127.0.0.1:PORT1), the route docs/privacy.md advises, and drives
// the frame (its own renderer process and DevTools target) as a
// participant. With post-message-origin set to the survey's origin, the
// survey receives exactly one donate message, from the widget's origin,
// holding the JSON the participant saw. With post-message-origin set to
// some other origin, the survey receives nothing: the widget never posts
// to "*".
func TestHardeningCrossOriginFrame(t *testing.T) {
	for _, tt := range []struct {
		name     string
		toSurvey bool // post-message-origin is the survey's origin
	}{{"survey origin", true}, {"other origin", false}} {
		t.Run(tt.name, func(t *testing.T) {
			sp := newSurveyPlatform(t)
			h := NewHarness(t, HarnessOptions{Allow: widgetFiles})
			widgetOrigin := sp.useWidget(h)
			postTo := "http://127.0.0.1:9"
			if tt.toSurvey {
				postTo = sp.URL
			}
			inner := widgetOrigin + "/browsertest/testdata/hardening_inner.html?lang=en&target=" + url.QueryEscape(postTo)
			h.NavigateURL(sp.URL + "/outer.html?frame=" + url.QueryEscape(inner))
			fh := frameHarness(h, `__loadFrame()`)
			w := pageWidget(fh)
			w.start()
			w.upload(synthZip(h, "netflix-report.zip", synth.Config{Rows: 800, Seed: 53}))
			w.toReview(0)
			shown := w.shownJSON()
			w.share()
			var attr string
			fh.Eval(`document.querySelector('netflix-donation').getAttribute('post-message-origin')`, &attr)
			if attr != postTo {
				t.Fatalf("the frame's post-message-origin is %q; want %q", attr, postTo)
			}
			if err := donation.VerifyChecksum([]byte(shown)); err != nil {
				t.Errorf("checksum: %v", err)
			}

			type message struct{ Origin, Event, JSON string }
			var msgs []message
			if tt.toSurvey {
				var donations, statuses []message
				ok := eventually(func() bool {
					if h.EvalError(`window.__messages`, &msgs) != nil {
						return false
					}
					donations, statuses = nil, nil
					for _, m := range msgs {
						if m.Event == "status" {
							statuses = append(statuses, m)
						} else {
							donations = append(donations, m)
						}
					}
					return len(donations) > 0 && len(statuses) == 4
				})
				if !ok || len(donations) != 1 || donations[0] != (message{widgetOrigin, "donate", shown}) {
					t.Fatalf("the survey received %.300v; want one donate message from %s with the shown JSON", donations, widgetOrigin)
				}
				// reached, file_chosen, reviewed, shared: the participation
				// status, from the widget's origin only.
				for _, m := range statuses {
					if m.Origin != widgetOrigin {
						t.Errorf("a status message from %s", m.Origin)
					}
				}
				return
			}
			// Give a misdirected message every chance to arrive: a message
			// the page posts itself after Share comes after any earlier one.
			h.Eval(`new Promise((resolve) => { window.addEventListener('message', (e) => { if (e.data === 'flush') resolve(); }); window.postMessage('flush', '*'); })`, nil)
			h.Eval(`window.__messages`, &msgs)
			if len(msgs) != 0 {
				t.Fatalf("the survey received %.300v although the widget was told to post to %s only", msgs, postTo)
			}
		})
	}
}

// frameHarness runs load, JavaScript that adds the cross-origin iframe of
// hardening_inner.html to the page, and returns a Harness whose Ctx drives
// that frame: Chromium gives the frame its own DevTools target, to which a
// session of its own attaches. The harness's auto-attach would hold the
// new frame until a debugger lets it run (and the frame's target stays
// hidden meanwhile), so auto-attach is first set to let new targets run:
// this page's later workers are then not watched, which this test does
// not need.
func frameHarness(h *Harness, load string) *Harness {
	h.T.Helper()
	if err := chromedp.Run(h.Ctx, target.SetAutoAttach(true, false).WithFlatten(true)); err != nil {
		h.T.Fatal(err)
	}
	h.Eval(load, nil)
	var fctx context.Context
	if !eventually(func() bool {
		infos, err := chromedp.Targets(h.Ctx)
		if err != nil {
			return false
		}
		id := target.ID("")
		for _, info := range infos {
			if info.Type == "iframe" && strings.Contains(info.URL, "/hardening_inner.html") {
				id = info.TargetID
			}
		}
		if id == "" {
			return false
		}
		c, cancel := chromedp.NewContext(h.Ctx, chromedp.WithTargetID(id))
		if err := chromedp.Run(c); err != nil {
			cancel()
			return false
		}
		fctx = c
		return true
	}) {
		h.T.Fatal("cannot attach to the frame")
	}
	if err := chromedp.Run(fctx, chromedp.WaitReady("body", chromedp.ByQuery)); err != nil {
		h.T.Fatalf("the frame's body: %v", err)
	}
	return &Harness{T: h.T, Root: h.Root, URL: h.URL, Ctx: fctx, dir: h.dir, mem: map[string]memFile{}}
}
