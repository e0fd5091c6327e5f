package browsertest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/resave"
	"github.com/netflix-donation/widget/internal/synth"
)

// TestWidgetUnreadableRows uploads a Dutch Excel re-save in which three
// rows lost their Start Time: the review must say, in Dutch, that three
// rows could not be read (they are in no figure), and a file of which
// most rows cannot be read must be refused with its own message.
func TestWidgetUnreadableRows(t *testing.T) {
	pristine := genCSV(t, synth.Config{Rows: 200, Seed: 46, Profiles: []string{"Anna"}})
	data, err := resave.Shapes()[0].Resave(pristine)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(data, []byte("\r\n"))
	broken := func(n int) []byte {
		out := make([][]byte, len(lines))
		for i, l := range lines {
			out[i] = l
			if i >= 1 && i <= n {
				f := bytes.SplitN(l, []byte(";"), 3)
				out[i] = bytes.Join([][]byte{f[0], []byte("gisteren"), f[2]}, []byte(";"))
			}
		}
		return bytes.Join(out, []byte("\r\n"))
	}

	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
	table := i18nTable(h, "nl")
	w.start()
	w.upload(h.WriteFile("ViewingActivity.csv", broken(3)))
	w.toReview()
	want := strings.ReplaceAll(table["review.unreadable"], "{count}", "3")
	if got := w.text(`[data-key="unreadable"]`); got != want {
		t.Errorf("review says %q; want %q", got, want)
	}

	h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
	w.start()
	w.upload(h.WriteFile("ViewingActivity.csv", broken(150)))
	w.waitFor(`.error[role=alert][data-code="unreadable_rows"]`)
	if got := w.text(`.error[role=alert] .what`); got != table["error.unreadable_rows"] {
		t.Errorf("the error says %q; want %q", got, table["error.unreadable_rows"])
	}
}
