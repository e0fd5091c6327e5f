package browsertest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
)

// example is one page for survey authors and where its platform keeps
// what the widget hands over.
type example struct {
	name   string
	page   string
	root   string // the widget's shadow root
	stored string // JavaScript: the stored donation or decline
	status string // JavaScript: the stored participation status
	ready  string // JavaScript: true once the participant may go on
	csp    string
}

var examples = []example{
	{name: "qualtrics", page: "/web/examples/qualtrics.html",
		stored: `window.QualtricsStandIn.embedded.netflix_donation`, status: `window.QualtricsStandIn.embedded.netflix_donation_status`,
		ready: `!document.getElementById('NextButton').disabled`},
	{name: "limesurvey", page: "/web/examples/limesurvey.html",
		stored: `document.getElementById('answer123456X7X42').value`, status: `document.getElementById('answer123456X7X43').value`,
		ready: `!document.getElementById('ls-button-submit').disabled && document.getElementById('question43').hidden`},
	{name: "sosci", page: "/web/examples/sosci.html",
		stored: `document.getElementById('IV01_01').value`, status: `document.getElementById('IV01_02').value`,
		ready: `document.getElementById('IV01_01').value !== ''`},
	{name: "plain-form", page: "/web/examples/plain-form.html",
		stored: `new FormData(document.getElementById('study')).get('netflix_donation')`,
		status: `new FormData(document.getElementById('study')).get('netflix_donation_status')`,
		ready:  `!document.getElementById('submit').disabled`},
	{name: "iframe", page: "/web/examples/iframe-host.html",
		root:   `document.getElementById('netflix-frame').contentDocument.querySelector('netflix-donation').shadowRoot`,
		stored: `document.getElementById('netflix_donation').value`, status: `document.getElementById('netflix_donation_status').value`,
		ready: `!document.getElementById('next').disabled`, csp: StrictCSP + "; frame-src 'self'"},
}

func (e example) rootJS() string {
	if e.root != "" {
		return e.root
	}
	return `document.querySelector('netflix-donation').shadowRoot`
}

// shareAndCheck donates the export at path as a participant would and
// checks that the platform holds exactly the shown JSON and the status
// "shared".
func (e example) shareAndCheck(t *testing.T, w widget, path string) {
	t.Helper()
	w.start()
	w.upload(path)
	w.toReview(0)
	shown := w.shownJSON()
	w.share()
	w.wait(e.ready)
	var stored string
	w.h.Eval(e.stored, &stored)
	if stored != shown {
		t.Errorf("stored %.120q, want the shown JSON", stored)
	}
	if s := storedStatus(t, w.h, e.status); s.Status != "shared" || s.Attempts != 1 {
		t.Errorf("status after Share: %+v", s)
	}
}

// storedStatus reads the participation status the page stored.
func storedStatus(t *testing.T, h *Harness, js string) participationStatus {
	t.Helper()
	var raw string
	h.Eval(`(`+js+`) || ''`, &raw)
	var s participationStatus
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatalf("stored status %q: %v", raw, err)
	}
	return s
}

// TestExamplesStoreStatusAndDecline runs each example twice: a
// participant who shares (the platform holds exactly the shown JSON and
// the status "shared"), and one who declines for a reason (the platform
// holds the decline as the widget writes it, and the status "declined"
// with that reason).
func TestExamplesStoreStatusAndDecline(t *testing.T) {
	for _, e := range examples {
		t.Run(e.name, func(t *testing.T) {
			h := NewHarness(t, HarnessOptions{CSP: e.csp})
			path := synthZip(h, "netflix-report.zip", synth.Config{Rows: 400, Seed: 12})
			w := widget{h: h, root: e.rootJS()}
			h.Navigate(e.page)
			w.wait(e.rootJS() + ` && ` + w.q(".screen-title"))
			w.wait(`(() => { try { return JSON.parse(` + e.status + `).status === 'reached'; } catch (err) { return false; } })()`)
			e.shareAndCheck(t, w, path)

			var stored string
			h.Navigate(e.page)
			w.wait(e.rootJS() + ` && ` + w.q(".screen-title"))
			w.click(`[data-key="skip"]`)
			w.click(`[data-key="reason:no_file"]`)
			w.click(`[data-key="decline-confirm"]`)
			w.wait(e.ready)
			h.Eval(e.stored, &stored)
			if want := `{"declined":true,"reason":"no_file"}`; stored != want {
				t.Errorf("stored after decline %q, want %q", stored, want)
			}
			if s := storedStatus(t, h, e.status); s.Status != "declined" || s.Reason != "no_file" {
				t.Errorf("status after decline: %+v", s)
			}
		})
	}
}

// expressionManager stands in for LimeSurvey's: it replaces every
// {expression} (a brace followed by anything but white space) with its
// value, here empty, as LimeSurvey did to a comment's {"declined":true}.
var expressionManager = regexp.MustCompile(`\{\S[^{}]*\}`)

// TestExamplesPastedInline pastes the scripts the guides offer for
// pasting inside <script>...</script> (LimeSurvey's and SoSci Survey's)
// into their pages, as a question text holds them, LimeSurvey's through
// a stand-in for its Expression Manager; the widget must appear and the
// platform's field must receive the donation.
func TestExamplesPastedInline(t *testing.T) {
	root := RepoRoot(t)
	for _, e := range examples {
		if e.name != "limesurvey" && e.name != "sosci" {
			continue
		}
		t.Run(e.name, func(t *testing.T) {
			script := map[string]string{"limesurvey": "limesurvey.js", "sosci": "sosci.js"}[e.name]
			src, err := os.ReadFile(filepath.Join(root, "web", "examples", script))
			if err != nil {
				t.Fatal(err)
			}
			page, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(e.page, "/"))))
			if err != nil {
				t.Fatal(err)
			}
			code := string(src)
			if e.name == "limesurvey" {
				if m := expressionManager.FindString(code); m != "" {
					t.Errorf("LimeSurvey would evaluate %q", m)
				}
				code = expressionManager.ReplaceAllString(code, "")
			}
			tag := `<script src="` + script + `"></script>`
			if !strings.Contains(string(page), tag) {
				t.Fatalf("%s does not load %s", e.page, script)
			}
			inline := strings.Replace(string(page), tag, "<script>"+code+"</script>", 1)
			inlinePath := strings.TrimSuffix(e.page, ".html") + "-inline.html"
			// Survey platforms allow inline scripts; LimeSurvey sends no policy.
			h := NewHarness(t, HarnessOptions{CSP: strings.Replace(StrictCSP, "script-src 'self'", "script-src 'self' 'unsafe-inline'", 1)})
			h.Serve(inlinePath, "text/html; charset=utf-8", []byte(inline))
			path := synthZip(h, "netflix-report.zip", synth.Config{Rows: 300, Seed: 13})
			w := widget{h: h, root: e.rootJS()}
			h.Navigate(inlinePath)
			w.wait(e.rootJS() + ` && ` + w.q(".screen-title"))
			e.shareAndCheck(t, w, path)
		})
	}
}
