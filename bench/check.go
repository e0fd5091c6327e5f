package bench

import (
	"encoding/json"
	"fmt"
	"strings"
)

// widgetFigures are the parts of the summary JSON the peer also computes.
// The harness reads them with its own type, not the extractor's, so it
// checks the JSON a page receives.
type widgetFigures struct {
	Totals struct {
		Views   int64 `json:"views"`
		Seconds int64 `json:"seconds"`
	} `json:"totals"`
	ByMonth []struct {
		Month   string `json:"month"`
		Views   int64  `json:"views"`
		Seconds int64  `json:"seconds"`
	} `json:"by_month"`
	WeekdayHourSeconds [7][24]int64 `json:"weekday_hour_seconds"`
}

// checkCase fills c.Check: the widget's totals against the generator's
// answer key, the peer's figures against the widget's, and the widget's
// JSON against the native CLI's. Mismatch names every disagreement.
func checkCase(c *Case, e Export, widgetJSON, nativeJSON string) {
	k := &c.Check
	k.TruthViews, k.TruthSeconds = e.Truth.Views60, e.Truth.Seconds60
	var problems []string
	if widgetJSON == "" {
		k.Mismatch = "the widget gave no summary"
		return
	}
	var w widgetFigures
	if err := json.Unmarshal([]byte(widgetJSON), &w); err != nil {
		k.Mismatch = "the widget's summary is not JSON: " + err.Error()
		return
	}
	k.Views, k.Seconds = w.Totals.Views, w.Totals.Seconds
	k.TruthAgrees = k.Views == k.TruthViews && k.Seconds == k.TruthSeconds
	if !k.TruthAgrees {
		problems = append(problems, fmt.Sprintf("widget %d views / %d s, generator %d / %d", k.Views, k.Seconds, k.TruthViews, k.TruthSeconds))
	}
	if nativeJSON != "" {
		k.NativeAgrees = nativeJSON == widgetJSON
		if !k.NativeAgrees {
			problems = append(problems, "widget and native CLI JSON differ")
		}
	}
	if c.peer != nil {
		if d := comparePeer(w, c.peer); d != "" {
			problems = append(problems, "peer: "+d)
		} else {
			k.PeerAgrees = true
		}
	}
	k.Mismatch = strings.Join(problems, "; ")
}

// comparePeer returns the first difference between the widget's figures
// and the peer's, or "".
func comparePeer(w widgetFigures, p *peerRun) string {
	if w.Totals.Views != p.Views || w.Totals.Seconds != p.Seconds {
		return fmt.Sprintf("totals %d views / %d s, widget %d / %d", p.Views, p.Seconds, w.Totals.Views, w.Totals.Seconds)
	}
	// The widget lists every month from first to last, zeros included;
	// the peer only months with views.
	months := 0
	for _, m := range w.ByMonth {
		if m.Views == 0 && m.Seconds == 0 {
			continue
		}
		months++
		if got := p.Months[m.Month]; got != [2]int64{m.Views, m.Seconds} {
			return fmt.Sprintf("month %s: %d views / %d s, widget %d / %d", m.Month, got[0], got[1], m.Views, m.Seconds)
		}
	}
	if months != len(p.Months) {
		return fmt.Sprintf("%d months with views, widget %d", len(p.Months), months)
	}
	if w.WeekdayHourSeconds != p.WeekdayHour {
		return "weekday-by-hour seconds differ"
	}
	return ""
}
