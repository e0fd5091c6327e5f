package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/synth"
)

// TestHardeningStrictCSPDemo runs the whole participant flow on the demo
// study page (index.html), served with the strict policy as an HTTP header
// (StrictCSP: no inline script or style, no eval, only 'wasm-unsafe-eval'),
// in Dutch: file, profile, review, Share. No securitypolicyviolation may
// fire, the widget's Shadow DOM must be styled without a single style
// attribute, and the donation in the page's answer field must be the
// native extractor's donation for the same choices, with the generator's
// own row counts.
func TestHardeningStrictCSPDemo(t *testing.T) {
	const tz = "Europe/Amsterdam"
	allow := append(slices.Clone(widgetFiles), "/web/examples/demo-study.css", "/web/examples/demo-study.js")
	h := NewHarness(t, HarnessOptions{Allow: allow, TimeZone: tz}) // CSP: StrictCSP on every response
	// The file server would redirect /index.html to /, so the page is
	// served by name from memory (with the same header).
	index, err := os.ReadFile(filepath.Join(h.Root, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	h.Serve("/study.html", "text/html; charset=utf-8", index)
	var export bytes.Buffer
	var truth synth.Truth
	truth, err = synth.WriteZip(&export, synth.Config{Rows: 3000, Seed: 43})
	if err != nil {
		t.Fatal(err)
	}
	path := h.WriteFile("netflix-report.zip", export.Bytes())
	w := widget{h: h, root: `document.getElementById('donation-widget').shadowRoot`}

	h.Navigate("/study.html?lang=nl")
	w.waitFor(".screen-title")
	var styled struct {
		Sheets     int    `json:"sheets"`
		StyleAttrs int    `json:"styleAttrs"`
		Background string `json:"background"`
	}
	h.Eval(fmt.Sprintf(`(() => { const r = %s; const b = r.querySelector('[data-key="start"]');
	  return { sheets: r.adoptedStyleSheets.length, styleAttrs: r.querySelectorAll('[style]').length,
	           background: getComputedStyle(b).backgroundColor }; })()`, w.root), &styled)
	if styled.Sheets == 0 || styled.StyleAttrs != 0 {
		t.Errorf("shadow root: %d adopted style sheets, %d style attributes; want > 0 and 0", styled.Sheets, styled.StyleAttrs)
	}
	if styled.Background == "" || styled.Background == "rgba(0, 0, 0, 0)" || styled.Background == "rgb(239, 239, 239)" {
		t.Errorf("the start button's background is %q: the widget's style sheet did not apply", styled.Background)
	}

	w.start()
	w.upload(path)
	names := w.toReview(0)
	if len(names) != len(synth.DefaultProfiles()) {
		t.Fatalf("profiles shown %q; want %d", names, len(synth.DefaultProfiles()))
	}
	shown := w.shownJSON()
	w.share()

	var field string
	h.Eval(`document.getElementById('netflix_donation').value`, &field)
	if field != shown {
		t.Fatalf("the answer field holds %.200q; want the shown JSON %.200q", field, shown)
	}
	if want := nativeDonation(t, export.Bytes(), tz, names[:1], nil); field != want {
		t.Errorf("the donation differs from the native one:\nbrowser %.300s\nnative  %.300s", field, want)
	}
	var d struct {
		RowsTotal int64              `json:"rows_total"`
		Profiles  extractor.Profiles `json:"profiles"`
	}
	if err := json.Unmarshal([]byte(field), &d); err != nil {
		t.Fatal(err)
	}
	if d.RowsTotal != truth.ProfileRows[0] || d.Profiles != (extractor.Profiles{Count: int64(len(truth.ProfileRows)), Selected: 1}) {
		t.Errorf("rows_total %d, profiles %+v; the generator wrote %v rows per profile, and the first was chosen",
			d.RowsTotal, d.Profiles, truth.ProfileRows)
	}
	if err := donation.VerifyChecksum([]byte(field)); err != nil {
		t.Errorf("checksum: %v", err)
	}
	if v := h.CSPViolations(); len(v) != 0 {
		t.Errorf("securitypolicyviolation events under the strict policy: %q", v)
	}
}

// TestHardeningScriptNamesAreText extends TestWidgetHTMLNamesAreText (an
// <img onerror> name) to <script> elements, closing tags that try to break
// out of an element, and an inline event handler, in profile names and
// titles. The page has no CSP, so an injection would really run. Each must
// be shown literally as text, create no element, run nothing, and appear in
// the "exact data" disclosure as JSON text.
func TestHardeningScriptNamesAreText(t *testing.T) {
	h := NewHarness(t, HarnessOptions{CSP: "-"})
	w := pageWidget(h)
	evilProfiles := []string{
		`<script>window.__pwned='profile'</script>`,
		`</label></span><svg onload="window.__pwned='svg'">`,
	}
	evilTitles := []string{
		`<script>window.__pwned='title'</script>`,
		`"><img src=x onerror=window.__pwned=1>`,
		`</pre><script>window.__pwned='pre'</script>`,
	}
	csv := "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	for i, p := range evilProfiles {
		for j, ti := range evilTitles {
			csv += fmt.Sprintf("%s,2024-03-%02d 19:00:00,01:%02d:00,,%s,,Samsung TV,01:00:00,01:00:00,NL (Netherlands)\n",
				quote(p), 1+i*5+j, 10+j, quote(ti))
		}
	}
	path := h.WriteFile("ViewingActivity.csv", []byte(csv))

	h.Navigate("/browsertest/testdata/widget_flow.html?lang=en&config=" + `%7B%22titles%22%3A%22all%22%7D`)
	w.start()
	w.upload(path)
	names := w.toReview(0, 1)
	for _, p := range evilProfiles {
		if !slices.Contains(names, p) {
			t.Errorf("profile names shown %q; want the literal %q among them", names, p)
		}
	}
	var titles []string
	h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('.titles .name'), (n) => n.firstChild.textContent)`, w.root), &titles)
	for _, ti := range evilTitles {
		if !slices.Contains(titles, ti) {
			t.Errorf("titles shown %q; want the literal %q among them", titles, ti)
		}
	}
	shown := w.shownJSON()
	var d struct {
		Titles []struct {
			Name string `json:"name"`
		} `json:"titles"`
	}
	if err := json.Unmarshal([]byte(shown), &d); err != nil {
		t.Fatalf("the disclosure is not the JSON text: %v", err)
	}
	if len(d.Titles) != len(evilTitles) {
		t.Errorf("the disclosure lists %d titles; want %d", len(d.Titles), len(evilTitles))
	}
	w.share()
	var counts struct {
		Scripts, Imgs, Svgs, Pwned int
	}
	h.Eval(fmt.Sprintf(`(() => { const r = %s; return { Scripts: r.querySelectorAll('script').length,
	  Imgs: r.querySelectorAll('img').length, Svgs: r.querySelectorAll('svg[onload]').length,
	  Pwned: window.__pwned === undefined ? 0 : 1 }; })()`, w.root), &counts)
	if counts != (struct{ Scripts, Imgs, Svgs, Pwned int }{}) {
		t.Errorf("names became markup or ran: %+v", counts)
	}
}
