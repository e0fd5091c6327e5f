package synth

import (
	"bufio"
	"io"
)

// viewingHeader is the exact header line of every real ViewingActivity.csv.
const viewingHeader = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"

// WriteViewingActivity writes CONTENT_INTERACTION/ViewingActivity.csv
// alone: the header and cfg.Rows data rows, grouped by profile in the
// order of cfg.Profiles, Start Time descending within a profile. It
// returns what it wrote as a Truth.
func WriteViewingActivity(w io.Writer, cfg Config) (Truth, error) {
	rc, err := resolve(cfg)
	if err != nil {
		return Truth{}, err
	}
	return newHousehold(rc).writeViewingActivity(w)
}

// writeViewingActivity streams the table for h to w.
func (h *household) writeViewingActivity(w io.Writer) (Truth, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	var t Truth
	if _, err := bw.WriteString(viewingHeader); err != nil {
		return t, err
	}
	g := &viewGen{h: h, bw: bw, truth: &t, seen: make(map[string]struct{}), pos: make([]int, len(h.showList))}
	for i := range h.profiles {
		if h.profiles[i].rows == 0 {
			continue
		}
		t.ProfileRows = append(t.ProfileRows, 0)
		if err := g.profile(i, len(t.ProfileRows)-1); err != nil {
			return t, err
		}
	}
	return t, bw.Flush()
}

// viewGen holds the reusable state of one ViewingActivity generation.
type viewGen struct {
	h     *household
	bw    *bufio.Writer
	truth *Truth
	r     rng
	p     *profilePlan
	pi    int // index into truth.ProfileRows

	sess []row               // the current session, in time order
	n    int                 // rows used in sess
	seen map[string]struct{} // titles already written for this profile (Latest Bookmark rule)
	pos  []int               // per show: ordinal of the latest episode still to write (-1 = unset)
	line []byte
	err  error
}

// avgSessionRows estimates the rows per session; it only spreads sessions
// evenly over the profile's time range.
const avgSessionRows = 2

// profile writes all rows of profile i.
func (g *viewGen) profile(i, truthIdx int) error {
	g.p = &g.h.profiles[i]
	g.pi = truthIdx
	g.r = newRNG(g.h.cfg.Seed, uint64(i)+1)
	clear(g.seen)
	for k := range g.pos {
		g.pos[k] = -1
	}
	cursor := g.p.to + 1
	remaining := g.p.rows
	for remaining > 0 {
		start := g.pickStart(cursor, remaining)
		g.n = 0
		g.session(start)
		// Keep the rows that start before the previous session (the first
		// row always: it starts at or before the cursor by construction).
		n := 1
		for n < g.n && n < remaining && g.sess[n].start < cursor {
			n++
		}
		for k := n - 1; k >= 0; k-- {
			g.emit(&g.sess[k])
		}
		if g.err != nil {
			return g.err
		}
		remaining -= n
		cursor = g.sess[0].start
	}
	return nil
}

// pickStart chooses the start of the next (earlier) session: a random
// gap before cursor whose mean spreads the remaining rows over the time
// left, accepted more often when the household's local hour is a popular
// viewing hour. The result is never before the profile's start and never
// after cursor.
func (g *viewGen) pickStart(cursor int64, remaining int) int64 {
	r := &g.r
	left := cursor - g.p.from
	if left <= 0 {
		return g.p.from
	}
	mean := left / (int64(remaining)/avgSessionRows + 1)
	hours := &adultHours
	if g.p.kids {
		hours = &kidsHours
	}
	var c int64
	for try := 0; try < 8; try++ {
		c = cursor - 1 - r.int63n(2*mean+1)
		if c < g.p.from {
			c = g.p.from
		}
		if r.intn(maxHourWeight) < int(hours[localHour(c)]) {
			break
		}
	}
	return c
}

// maxHourWeight bounds the weights in adultHours and kidsHours.
const maxHourWeight = 100

// adultHours and kidsHours weight the household's local hours of the day:
// adults watch mostly in the evening, kids in the afternoon and early
// evening. Both keep some weight at every hour.
var (
	adultHours = [24]uint8{30, 18, 8, 4, 3, 3, 5, 12, 16, 15, 15, 17, 20, 21, 23, 30, 40, 45, 58, 82, 96, 100, 70, 45}
	kidsHours  = [24]uint8{3, 2, 2, 2, 2, 3, 15, 30, 25, 30, 35, 40, 45, 55, 70, 90, 100, 100, 85, 55, 25, 8, 4, 3}
)

// localHour returns the hour of day of a UTC Unix time in the household's
// zone, Central European Time with summer time approximated by the months
// April to October.
func localHour(unix int64) int {
	days := unix / 86400
	_, m, _ := civil(days)
	offset := int64(3600)
	if m >= 4 && m <= 10 {
		offset = 7200
	}
	return int((unix + offset) % 86400 / 3600)
}

// add returns the next free row of the session, reset for reuse.
func (g *viewGen) add() *row {
	if g.n == len(g.sess) {
		g.sess = append(g.sess, row{})
	}
	rw := &g.sess[g.n]
	g.n++
	title := rw.title[:0]
	*rw = row{svt: -1, title: title}
	return rw
}

// emit writes one row and counts it in the Truth.
func (g *viewGen) emit(rw *row) {
	if g.err != nil {
		return
	}
	r := &g.r
	cfg := &g.h.cfg
	t := g.truth

	malformed := cfg.Malformed && r.chance(40)
	layout := startCanonical
	if !malformed && cfg.Lenient && r.chance(100) {
		layout = startISOMinute + r.intn(3)
	}

	b := g.line[:0]
	b = append(b, g.p.field...)
	b = append(b, ',')
	badDur := false
	if malformed {
		// One of the two fields is damaged the way spreadsheets and
		// truncated files damage them.
		k := r.intn(len(badStarts) + len(badDurations))
		if k < len(badStarts) {
			b = append(b, badStarts[k]...)
		} else {
			b = appendStart(b, rw.start, startCanonical)
			b = append(b, ',')
			b = append(b, badDurations[k-len(badStarts)]...)
			badDur = true
		}
	} else {
		b = appendStart(b, rw.start, layout)
	}
	if !badDur {
		b = append(b, ',')
		hourDigits := 2
		if layout != startCanonical {
			hourDigits = 1 // spreadsheets drop the leading zero
		}
		b = appendClock(b, rw.dur, hourDigits)
	}
	b = append(b, ',')
	b = appendAttributes(b, rw)
	b = append(b, ',')
	b = appendField(b, rw.title)
	b = append(b, ',')
	if rw.svt >= 0 {
		b = append(b, supplementalTypes[rw.svt].code...)
	}
	b = append(b, ',')
	b = append(b, g.h.devField[rw.device]...)
	b = append(b, ',')
	b = appendClock(b, rw.bookmark, 2)
	b = append(b, ',')
	if _, ok := g.seen[string(rw.title)]; ok {
		b = append(b, notLatestView...)
	} else {
		g.seen[string(rw.title)] = struct{}{}
		b = appendClock(b, rw.bookmark, 2)
	}
	b = append(b, ',')
	b = append(b, rw.country...)
	b = append(b, '\n')
	g.line = b
	if _, err := g.bw.Write(b); err != nil {
		g.err = err
		return
	}

	t.Rows++
	t.ProfileRows[g.pi]++
	switch {
	case malformed:
		t.Malformed++
		return
	case layout != startCanonical:
		t.Lenient++
	}
	switch {
	case rw.svt >= 0:
		t.Supplemental++
	case rw.dur < 60:
		t.ShortUnder60++
	default:
		t.Views60++
		t.Seconds60 += rw.dur
		if rw.hidden {
			t.Hidden++
		}
		if rw.auto == autoplayActionNone {
			t.AutoplayNone60++
		}
	}
}

// badStarts are unparseable Start Time cells: Excel's epoch row, an
// impossible date, an ISO form with a "T", an Excel error and an empty
// cell.
var badStarts = [...]string{"1970-01-01 0:00", "2021-02-30 21:14:05", "2022-06-15T20:01:09Z", "#VALUE!", ""}

// badDurations are unparseable Duration cells.
var badDurations = [...]string{"", "00:75:10", "1h 20m", "-00:00:05", "00:12"}
