package extractor

import (
	"cmp"
	"slices"
)

// bingeGap is the longest pause, from the end of one view to the start of
// the next, that keeps a binge session going.
const bingeGap = 30 * 60

// bingeMinViews is the number of views from which a run counts as a session.
const bingeMinViews = 3

// bingeView is the compact record kept per series view: 16 bytes.
// Sessions need the views of one series in time order, which the input
// does not guarantee (2020 exports interleave profiles), so the views are
// kept and sorted at the end.
type bingeView struct {
	start, dur int64
}

// bingeSessions finds the binge sessions of one profile in the views of
// each of its series (titleStat.log): sorted by start, a session goes on
// while the next view starts at most bingeGap after the previous one ended
// (start + duration); runs of at least bingeMinViews views count. Sessions
// never join two profiles or two series.
func bingeSessions(t *titleTable, out *Binge) {
	for i := range t.stats {
		g := t.stats[i].log
		if len(g) == 0 {
			continue
		}
		sortByStart(g)
		runViews, runSeconds := int64(1), g[0].dur
		flush := func() {
			if runViews >= bingeMinViews {
				out.Sessions++
				out.Views += runViews
				out.Seconds += runSeconds
				out.Longest = max(out.Longest, runViews)
			}
		}
		for i := 1; i < len(g); i++ {
			prev := g[i-1]
			if g[i].start <= prev.start+prev.dur+bingeGap {
				runViews++
				runSeconds += g[i].dur
				continue
			}
			flush()
			runViews, runSeconds = 1, g[i].dur
		}
		flush()
	}
}

// sortByStart sorts views by start time. Real exports list a profile's
// views newest first, so a group is usually reversed rather than sorted.
func sortByStart(g []bingeView) {
	byStart := func(x, y bingeView) int { return cmp.Compare(x.start, y.start) }
	if slices.IsSortedFunc(g, func(x, y bingeView) int { return byStart(y, x) }) {
		slices.Reverse(g)
		return
	}
	slices.SortFunc(g, byStart)
}
