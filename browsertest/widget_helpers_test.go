package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/netflix-donation/widget/internal/synth"
)

// widget drives one <netflix-donation> element as a participant would,
// through its shadow root. root is the JavaScript expression of that
// shadow root (the element may sit in an iframe).
type widget struct {
	h    *Harness
	root string
}

// pageWidget is the first <netflix-donation> of the page.
func pageWidget(h *Harness) widget {
	return widget{h: h, root: `document.querySelector('netflix-donation').shadowRoot`}
}

// q returns the JavaScript expression for the first element matching sel
// in the shadow root.
func (w widget) q(sel string) string {
	return fmt.Sprintf(`%s.querySelector(%s)`, w.root, jsString(sel))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// wait polls until the JavaScript condition holds; on timeout it fails
// the test and shows the screen the participant would see.
func (w widget) wait(cond string) {
	w.h.T.Helper()
	guarded := fmt.Sprintf(`(() => { try { return !!(%s); } catch (e) { return false; } })()`, cond)
	err := chromedp.Run(w.h.Ctx, chromedp.Poll(guarded, nil, chromedp.WithPollingTimeout(90*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		var screen string
		_ = w.h.EvalError(fmt.Sprintf(`(() => { try { return %s.textContent } catch (e) { return String(e) } })()`, w.root), &screen)
		w.h.T.Fatalf("waiting for %s: %v\nscreen: %.600s", cond, err, screen)
	}
}

// waitFor waits until sel matches inside the shadow root.
func (w widget) waitFor(sel string) {
	w.h.T.Helper()
	w.wait(w.q(sel))
}

// click clicks the element matching sel inside the shadow root.
func (w widget) click(sel string) {
	w.h.T.Helper()
	w.waitFor(sel)
	w.h.Eval(w.q(sel)+`.click()`, nil)
}

// text returns the textContent of sel inside the shadow root.
func (w widget) text(sel string) string {
	w.h.T.Helper()
	var s string
	w.h.Eval(w.q(sel)+`.textContent`, &s)
	return s
}

// title is the current screen's heading.
func (w widget) title() string {
	w.h.T.Helper()
	return strings.TrimSpace(w.text(".screen-title"))
}

// upload picks a file through the widget's real file input (not the folder input).
func (w widget) upload(path string) {
	w.h.T.Helper()
	sel := w.q(`input[type=file]:not([webkitdirectory])`)
	w.wait(sel)
	if err := chromedp.Run(w.h.Ctx, chromedp.SetUploadFiles(sel, []string{path}, chromedp.ByJSPath)); err != nil {
		w.h.T.Fatalf("upload: %v", err)
	}
}

// toError leaves the intro, picks path (not a Netflix export) and waits
// for the error screen.
func (w widget) toError(path string) {
	w.h.T.Helper()
	w.start()
	w.upload(path)
	w.waitFor(`.error[role=alert]`)
}

// start leaves the intro and waits for the choose screen.
func (w widget) start() {
	w.h.T.Helper()
	w.click(`[data-key="start"]`)
	w.waitFor(`input[type=file]`)
}

// toReview waits after an upload for the profile screen (choosing the
// profiles with the given indexes) or directly for the review, and
// returns the profile names shown (nil without a profile screen).
func (w widget) toReview(pick ...int) []string {
	w.h.T.Helper()
	w.wait(w.q(`input[type=checkbox]`) + ` || ` + w.q(`pre.json`))
	var names []string
	w.h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('.check .name'), (n) => n.textContent)`, w.root), &names)
	if len(names) > 0 {
		for _, i := range pick {
			w.click(fmt.Sprintf(`[data-key="profile-%d"]`, i))
		}
		w.click(`[data-key="profile-next"]`)
	}
	w.waitFor(`pre.json:not([aria-busy])`)
	return names
}

// removeFirstTitle removes the first title of the review list, waits for
// the new JSON, and returns the removed title's name.
func (w widget) removeFirstTitle() string {
	w.h.T.Helper()
	var key string
	w.h.Eval(w.q(`[data-key^="remove:"]`)+`.getAttribute('data-key')`, &key)
	name := strings.TrimPrefix(key, "remove:")
	w.click(fmt.Sprintf(`[data-key=%s]`, jsString(key)))
	w.wait(w.q(fmt.Sprintf(`[data-key=%s]`, jsString("undo:"+name))) + ` && ` + w.q(`pre.json:not([aria-busy])`))
	return name
}

// shownJSON is the text of the "show the exact data" disclosure without
// the line breaks and indentation laid out for reading: the JSON that
// would be shared, byte for byte.
func (w widget) shownJSON() string {
	w.h.T.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(w.text(`pre.json`))); err != nil {
		w.h.T.Fatalf("the exact data shown is not JSON: %v", err)
	}
	return b.String()
}

// declineWith presses the button at sel that leads to the decline screen,
// chooses reason (unless it is empty: then the one chosen already stays)
// and confirms, then waits for the declined screen.
func (w widget) declineWith(sel, reason string) {
	w.h.T.Helper()
	w.click(sel)
	w.waitFor(`[data-key="decline-confirm"]`)
	if reason != "" {
		w.click(fmt.Sprintf(`[data-key="reason:%s"]`, reason))
	}
	w.click(`[data-key="decline-confirm"]`)
	w.waitFor(`section[data-reason]`)
}

// share goes from the review to consent and presses Share.
func (w widget) share() {
	w.h.T.Helper()
	w.click(`[data-key="review-next"]`)
	w.click(`[data-key="share"]`)
	w.waitFor(`.shared-list`)
}

// hostEvent is one netflix-donation:* event the test page recorded.
type hostEvent struct {
	Type     string          `json:"type"`
	Detail   json.RawMessage `json:"detail"`
	Composed bool            `json:"composed"`
	Bubbles  bool            `json:"bubbles"`
}

// events returns the events recorded by widget_flow.js.
func events(h *Harness) []hostEvent {
	h.T.Helper()
	var raw string
	h.Eval(`JSON.stringify(window.__events)`, &raw)
	var out []hostEvent
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		h.T.Fatal(err)
	}
	return out
}

// synthZip generates an export with internal/synth and writes it for upload.
func synthZip(h *Harness, name string, cfg synth.Config) string {
	h.T.Helper()
	var b bytes.Buffer
	if _, err := synth.WriteZip(&b, cfg); err != nil {
		h.T.Fatal(err)
	}
	return h.WriteFile(name, b.Bytes())
}

// donateDetail is what the host page received on Share: the event's detail.
type donateDetail struct {
	JSON    string          `json:"json"`
	Summary json.RawMessage `json:"summary"`
}

// requireOneDonation asserts that the host got exactly one bubbling,
// composed netflix-donation:donate event, and that its JSON, the output
// field #out and the "exact data" disclosure (shown) are one string.
func requireOneDonation(t *testing.T, h *Harness, shown string) donateDetail {
	t.Helper()
	evs := events(h)
	if len(evs) != 1 || evs[0].Type != "netflix-donation:donate" || !evs[0].Bubbles || !evs[0].Composed {
		t.Fatalf("events %+v, want one bubbling, composed netflix-donation:donate", evs)
	}
	var detail donateDetail
	if err := json.Unmarshal(evs[0].Detail, &detail); err != nil {
		t.Fatal(err)
	}
	var output string
	h.Eval(`document.querySelector('#out').value`, &output)
	if detail.JSON != shown || output != shown {
		t.Fatalf("event json, output field and disclosure differ:\nevent  %.200s\noutput %.200s\nshown  %.200s", detail.JSON, output, shown)
	}
	return detail
}
