package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/netflix-donation/widget/internal/synth"
)

// axeTags are the axe-core rule tags of WCAG 2.0, 2.1 and 2.2, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axeSource returns axe-core's browser build, installed from
// browsertest/package-lock.json by `make test-browser`. Without it the
// test skips on a developer's machine and fails on CI.
func axeSource(t *testing.T) string {
	t.Helper()
	path := filepath.Join(RepoRoot(t), "browsertest", "node_modules", "axe-core", "axe.min.js")
	src, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is missing (%v); `make test-browser` installs it", err)
		}
		t.Skipf("axe-core is missing (%v); run `cd browsertest && npm ci` or `make test-browser`", err)
	}
	return string(src)
}

// layout is one screen size the widget must work at.
type layout struct {
	name          string
	width, height int64
	phone         bool  // touch emulation, mobile viewport: the page is used by touch alone
	fontSize      int64 // the browser's default font size in px (16 normally, 32 for 200% text)
}

// a11yLayouts are the sizes of the accessibility matrix: a narrow window
// on a computer, a phone, a desktop, and a phone with 200% text. Text zoom
// is the browser's own default font size (Page.setFontSizes, what
// Chromium's font size setting changes), not a style the test adds: the
// widget sizes everything in em of that size, so this is exactly what a
// participant with large text gets.
var a11yLayouts = []layout{
	{name: "320", width: 320, height: 640, fontSize: 16},
	{name: "360 phone", width: 360, height: 740, phone: true, fontSize: 16},
	{name: "1280", width: 1280, height: 900, fontSize: 16},
	{name: "360 phone, 200% text", width: 360, height: 740, phone: true, fontSize: 32},
}

func (l layout) apply(h *Harness) {
	h.T.Helper()
	viewport := chromedp.EmulateViewport(l.width, l.height)
	if l.phone {
		viewport = chromedp.EmulateViewport(l.width, l.height, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	fonts := page.SetFontSizes(&page.FontSizes{Standard: l.fontSize, Fixed: l.fontSize * 13 / 16})
	if err := chromedp.Run(h.Ctx, viewport, fonts); err != nil {
		h.T.Fatalf("%s: %v", l.name, err)
	}
}

// auditor checks screens of one widget: axe-core's WCAG 2.2 A and AA
// rules, no sideways scrolling, nothing outside the card and no title
// squeezed into a narrow column.
type auditor struct {
	w      widget
	axe    string
	label  string // language and layout, for messages
	layout layout
	count  int // screens checked
}

// axeViolation is the part of an axe-core violation a failure shows.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// layoutProblems lists what a participant would lose at this size: the
// page scrolling sideways, a part of the card outside it (unless inside a
// region that scrolls on purpose, such as a table), a title name given
// less than 8em while its row is wider, and a font size other than the
// browser's (text zoom would not reach the widget).
const layoutProblems = `((fontSize) => {
  const host = document.querySelector('netflix-donation');
  const card = host.shadowRoot.querySelector('.card');
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) out.push('the page scrolls sideways: ' + doc.scrollWidth + ' > ' + doc.clientWidth);
  const px = parseFloat(getComputedStyle(host).fontSize);
  if (px !== fontSize) out.push('the widget font size is ' + px + 'px, want the browser default ' + fontSize + 'px');
  const cr = card.getBoundingClientRect();
  const name = (n) => n.tagName.toLowerCase() + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().replace(/\s+/g, '.') : '') +
    ' "' + (n.textContent || '').trim().slice(0, 40) + '"';
  const scrolls = (n) => {
    for (let p = n.parentElement; p && p !== card; p = p.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  for (const n of card.querySelectorAll('*')) {
    if (n.closest('.vh')) continue;
    const r = n.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.left < cr.left - 0.5 || r.right > cr.right + 0.5) && !scrolls(n)) {
      out.push(name(n) + ' at ' + Math.round(r.left) + '..' + Math.round(r.right) + ' leaves the card ' + Math.round(cr.left) + '..' + Math.round(cr.right));
    }
  }
  for (const n of card.querySelectorAll('.titles .name')) {
    const w = n.getBoundingClientRect().width;
    const row = n.parentElement.getBoundingClientRect().width;
    if (w < Math.min(row - 1, 8 * px)) out.push(name(n) + ' is squeezed to ' + Math.round(w) + 'px in a row of ' + Math.round(row) + 'px');
  }
  return out.slice(0, 10);
})`

// check opens every disclosure of the current screen and audits it.
func (a *auditor) check(screen string) {
	t := a.w.h.T
	t.Helper()
	a.count++
	h := a.w.h
	var ready bool
	h.Eval(`typeof window.axe === 'object'`, &ready)
	if !ready {
		h.Eval(a.axe+"\n;true", nil)
	}
	h.Eval(a.w.root+`.querySelectorAll('details').forEach((d) => { d.open = true; })`, nil)
	var problems []string
	h.Eval(fmt.Sprintf(`%s(%d)`, layoutProblems, a.layout.fontSize), &problems)
	for _, p := range problems {
		t.Errorf("%s, %s: %s", a.label, screen, p)
	}
	var raw string
	h.Eval(fmt.Sprintf(`axe.run(document.querySelector('netflix-donation'), {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
	  .then((r) => JSON.stringify(r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
	    nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target) + ' ' + n.html.slice(0, 120))}))))`, jsonArray(axeTags)), &raw)
	var violations []axeViolation
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		t.Fatalf("%s, %s: axe result %q: %v", a.label, screen, raw, err)
	}
	for _, v := range violations {
		t.Errorf("%s, %s: axe %s (%s): %s\n  %s", a.label, screen, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

func jsonArray(v []string) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestWidgetAccessibility runs axe-core's WCAG 2.2 A and AA rules, and
// the layout checks above, on every screen of the widget (intro, the
// decline question with and without an answer, choose, working, cancelled,
// error, the decline question after an error, profile, review, review
// without titles, consent, done, and the declined screen of every reason),
// in nl, en and de, at each of a11yLayouts. One browser drives the flow
// once per language and layout.
func TestWidgetAccessibility(t *testing.T) {
	axe := axeSource(t)
	h := NewHarness(t, HarnessOptions{Timeout: 15 * time.Minute})
	w := pageWidget(h)
	export := synthZip(h, "netflix-report.zip", synth.Config{Rows: 400, Seed: 5})
	notNetflix := h.WriteFile("scan.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"))
	total := 0
	for _, l := range a11yLayouts {
		l.apply(h)
		for _, lang := range []string{"nl", "en", "de"} {
			a := &auditor{w: w, axe: axe, label: lang + ", " + l.name, layout: l}
			auditFlow(a, lang, export, notNetflix)
			total += a.count
		}
	}
	if want := len(a11yLayouts) * 3 * 19; total != want {
		t.Errorf("checked %d screens, want %d", total, want)
	}
}

// auditFlow walks through every screen once, auditing each.
func auditFlow(a *auditor, lang, export, notNetflix string) {
	w, h := a.w, a.w.h
	h.T.Helper()
	page := "/browsertest/testdata/widget_flow.html?lang=" + lang
	h.Navigate(page)
	w.waitFor(`[data-key="start"]`)
	a.check("intro")
	w.click(`[data-key="skip"]`)
	w.waitFor(`[data-key="decline-confirm"]`)
	a.check("decline")
	w.click(`[data-key="decline-confirm"]`)
	w.waitFor(`.field-error:not([hidden])`)
	a.check("decline without a reason")
	w.click(`[data-key="back"]`)
	w.start()
	a.check("choose")

	h.Eval(`window.__hang()`, nil)
	w.upload(export)
	w.waitFor(`progress`)
	a.check("working")
	w.click(`[data-key="cancel"]`)
	w.waitFor(`input[type=file]`)
	a.check("choose after cancel")
	h.Eval(`window.__unhang()`, nil)

	w.upload(notNetflix)
	w.waitFor(`.error[role=alert]`)
	a.check("error")
	w.click(`.actions [data-key="skip"]`)
	w.waitFor(`[data-key="decline-confirm"]`)
	a.check("decline after an error")
	w.click(`[data-key="back"]`)
	w.click(`[data-key="retry"]`)
	w.waitFor(`input[type=file]`)

	w.upload(export)
	w.waitFor(`input[type=checkbox]`)
	a.check("profile")
	w.click(`[data-key="profile-next"]`)
	w.waitFor(`.field-error:not([hidden])`)
	a.check("profile without a choice")
	w.toReview(0)
	a.check("review")
	w.click(`[data-key="titles-none"]`)
	w.wait(w.q(`[data-key="titles-all"]`) + ` && ` + w.q(`pre.json:not([aria-busy])`))
	a.check("review without titles")
	w.click(`[data-key="titles-all"]`)
	w.wait(w.q(`[data-key="titles-none"]`) + ` && ` + w.q(`pre.json:not([aria-busy])`))
	w.click(`[data-key="review-next"]`)
	w.waitFor(`[data-key="share"]`)
	a.check("consent")
	w.click(`[data-key="decline"]`)
	w.waitFor(`[data-key="decline-confirm"]`)
	a.check("decline from consent")
	w.click(`[data-key="back"]`)
	w.click(`[data-key="share"]`)
	w.waitFor(`.shared-list`)
	a.check("done")

	for _, reason := range []string{"not_wanted", "no_file", "not_own_account"} {
		h.Navigate(page)
		w.declineWith(`[data-key="skip"]`, reason)
		a.check("declined, " + reason)
	}
	h.Navigate(page)
	w.toError(notNetflix)
	w.declineWith(`.actions [data-key="skip"]`, "")
	a.check("declined, did_not_work")
}
