package bench

import (
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
)

// A widget summary in miniature, written by hand: two views in March
// 2024 (3600 s on Monday 20:00 UTC, 1800 s on Tuesday 21:00), an empty
// April, one view of 600 s in May (Wednesday 08:00).
const miniSummary = `{"schema":"netflix-summary/1","totals":{"views":3,"seconds":6000},
"by_month":[{"month":"2024-03","views":2,"seconds":5400},{"month":"2024-04","views":0,"seconds":0},{"month":"2024-05","views":1,"seconds":600}],
"weekday_hour_seconds":[[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,3600,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1800,0,0],[0,0,0,0,0,0,0,0,600,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}`

// miniPeer is the peer's answer for the same views.
func miniPeer() *peerRun {
	p := &peerRun{Views: 3, Seconds: 6000, Months: map[string][2]int64{"2024-03": {2, 5400}, "2024-05": {1, 600}}}
	p.WeekdayHour[0][20] = 3600
	p.WeekdayHour[1][21] = 1800
	p.WeekdayHour[2][8] = 600
	return p
}

func TestCheckCase(t *testing.T) {
	truth := synth.Truth{Views60: 3, Seconds60: 6000}
	tests := []struct {
		name     string
		peer     func(*peerRun)
		truth    synth.Truth
		native   string
		mismatch string // a part of the expected Mismatch, "" for none
	}{
		{"all agree", nil, truth, miniSummary, ""},
		{"no native run", nil, truth, "", ""},
		{"native differs", nil, truth, miniSummary + " ", "native CLI"},
		{"generator differs", nil, synth.Truth{Views60: 4, Seconds60: 6000}, miniSummary, "generator 4"},
		{"peer totals", func(p *peerRun) { p.Seconds++ }, truth, miniSummary, "peer: totals"},
		{"peer month", func(p *peerRun) { p.Months["2024-05"] = [2]int64{1, 601} }, truth, miniSummary, "month 2024-05"},
		{"peer extra month", func(p *peerRun) { p.Months["2024-04"] = [2]int64{0, 0} }, truth, miniSummary, "3 months with views, widget 2"},
		{"peer hour", func(p *peerRun) { p.WeekdayHour[2][8], p.WeekdayHour[2][9] = 0, 600 }, truth, miniSummary, "weekday-by-hour"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Case{peer: miniPeer()}
			if tc.peer != nil {
				tc.peer(c.peer)
			}
			checkCase(c, Export{Truth: tc.truth}, miniSummary, tc.native)
			if tc.mismatch == "" {
				if !c.Check.OK() {
					t.Fatalf("mismatch %q, want none", c.Check.Mismatch)
				}
			} else if !strings.Contains(c.Check.Mismatch, tc.mismatch) {
				t.Fatalf("mismatch %q, want it to mention %q", c.Check.Mismatch, tc.mismatch)
			}
			if c.Check.Views != 3 || c.Check.Seconds != 6000 {
				t.Errorf("widget figures %d / %d, want 3 / 6000", c.Check.Views, c.Check.Seconds)
			}
		})
	}
}

func TestCheckCaseNoWidget(t *testing.T) {
	c := &Case{}
	checkCase(c, Export{}, "", "{}")
	if c.Check.OK() || c.Check.NativeAgrees {
		t.Fatalf("a missing widget summary must be a mismatch: %+v", c.Check)
	}
}
