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
type bingeView struct {
	start, dur int64
}

// bingeSet collects series views per (profile, series) while streaming.
// Sessions need the views of one series in time order, which the input
// does not guarantee (2020 exports interleave profiles), so the views are
// kept and sorted at the end.
type bingeSet struct {
	groups  [][]bingeView
	keys    []uint64       // the bingeKey of each group
	index   map[uint64]int // bingeKey(profile, series stat) -> groups index
	lastKey uint64
	lastIdx int
}

func newBingeSet() bingeSet {
	return bingeSet{index: make(map[uint64]int), lastIdx: -1}
}

// bingeKey packs a (profile, series stat) pair into one integer: a map
// with integer keys hashes much faster than one keyed by a pair, which
// matters because the series changes from one view to the next about
// every other row. Both indexes stay below 2^32: more profiles or series
// than that would hold over 100 GB of memory (a profileAgg or titleAgg
// each) long before.
func bingeKey(p, stat int) uint64 { return uint64(p)<<32 | uint64(uint32(stat)) }

// unpackBingeKey returns the profile and series stat of a bingeKey.
func unpackBingeKey(k uint64) (p, stat int) { return int(k >> 32), int(uint32(k)) }

// add records a view of series stat by profile p.
func (b *bingeSet) add(p, stat int, start, dur int64) {
	k := bingeKey(p, stat)
	if b.lastIdx < 0 || k != b.lastKey {
		b.lastKey, b.lastIdx = k, b.group(k)
	}
	b.groups[b.lastIdx] = append(b.groups[b.lastIdx], bingeView{start: start, dur: dur})
}

// group returns the groups index of key k, adding an empty group on first
// sight.
func (b *bingeSet) group(k uint64) int {
	i, ok := b.index[k]
	if !ok {
		i = len(b.groups)
		b.groups = append(b.groups, nil)
		b.keys = append(b.keys, k)
		b.index[k] = i
	}
	return i
}

// addViews appends views, in order, to the group of key k.
func (b *bingeSet) addViews(k uint64, views []bingeView) {
	i := b.group(k)
	b.groups[i] = append(b.groups[i], views...)
	b.lastIdx = -1 // add looks the key up again
}

// sessions finds the binge sessions: within each group, sorted by start,
// a session goes on while the next view starts at most bingeGap after the
// previous one ended (start + duration); runs of at least bingeMinViews
// views count.
func (b *bingeSet) sessions() Binge {
	var out Binge
	for _, g := range b.groups {
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
	return out
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
