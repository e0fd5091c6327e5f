package browsertest

import (
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
)

// TestSoSciExample loads web/examples/sosci.html (a SoSci Survey page with
// the internal variable IV01_01 and a stand-in for SoSci's server): the
// page cannot be sent on before a choice, and after Share the variable
// and what the page sends hold exactly the donated JSON.
func TestSoSciExample(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	path := synthZip(h, "netflix-report.zip", synth.Config{Rows: 500, Seed: 11})
	w := pageWidget(h)
	h.Navigate("/web/examples/sosci.html")
	w.waitFor(".screen-title")

	// The widget follows the page's language (German) and sits in the
	// text element, before the hidden field.
	var placed bool
	h.Eval(`(() => { const el = document.querySelector('.question-box netflix-donation');
	  return !!el && !!(el.compareDocumentPosition(document.getElementById('IV01_01')) & Node.DOCUMENT_POSITION_FOLLOWING); })()`, &placed)
	if !placed {
		t.Error("the widget is not in the text element before IV01_01")
	}
	if got := w.title(); !strings.Contains(got, "Netflix") || w.text(".card") == "" {
		t.Errorf("intro title %q", got)
	}

	// Next before a choice: nothing is sent, a German message says why.
	var blocked struct {
		Submitted any    `json:"submitted"`
		Alert     string `json:"alert"`
	}
	h.Eval(`(() => { document.getElementById('next').click();
	  return { submitted: SoSciStandIn.submitted(), alert: document.querySelector('p[role=alert]').textContent }; })()`, &blocked)
	if blocked.Submitted != nil {
		t.Errorf("the page was sent before a choice: %v", blocked.Submitted)
	}
	if blocked.Alert != "Bitte wählen Sie zuerst, ob Sie Ihre Netflix-Daten teilen möchten." {
		t.Errorf("alert %q, want the German message", blocked.Alert)
	}

	w.start()
	w.upload(path)
	w.toReview(0)
	shown := w.shownJSON()
	w.share()
	var field string
	h.Eval(`document.getElementById('IV01_01').value`, &field)
	if field != shown {
		t.Errorf("IV01_01 holds %.120q, want the shown JSON %.120q", field, shown)
	}
	if !strings.HasPrefix(field, `{"schema":"netflix-summary/2"`) {
		t.Errorf("IV01_01 %.80q is not a donation", field)
	}

	var sent struct {
		Value string `json:"value"`
		Alert string `json:"alert"`
	}
	h.Eval(`(() => { document.getElementById('next').click();
	  const s = SoSciStandIn.submitted();
	  return { value: s ? s.IV01_01 : '', alert: document.querySelector('p[role=alert]').textContent }; })()`, &sent)
	if sent.Value != shown {
		t.Errorf("the page sent IV01_01 = %.120q, want the shown JSON", sent.Value)
	}
	if sent.Alert != "" {
		t.Errorf("the alert still says %q after the choice", sent.Alert)
	}
}
