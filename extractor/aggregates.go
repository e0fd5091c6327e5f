package extractor

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode/utf8"

	"github.com/netflix-donation/widget/extractor/csvscan"
)

// Aggregates are the figures of ViewingActivity.csv, or of one range of
// it, per profile: what one pass over the rows leaves (see Read). The
// profile list and any summary are built from them (Profiles, Summary),
// for any choice of profiles and as often as needed, without reading the
// file again; the aggregates of consecutive ranges, read by several
// engines at once, join with Merge into exactly what one pass over the
// whole table gives.
//
// Aggregates hold per-profile counts, the names of profiles and titles,
// and for binge sessions the start and duration of each series view;
// never a raw row. They stay in the participant's browser: only a
// Summary, built for the profiles the participant chose, is shared.
type Aggregates struct {
	cfg     *config
	options string // optionsKey of the options read with
	source  Source // kind and known files of the input; NewestDay is set per summary

	// order is how the table's re-saved dates put day and month
	// (dateorder.go), decided once for the file; orderAssumed says no
	// date proved it.
	order        dateOrder
	orderAssumed bool

	profiles []*profileAgg
	byName   map[string]int // raw profile name -> profiles index
	account  *accountFigures

	// Per-row caches: they speed the pass up and are not aggregates.
	// Merging does not carry them over, so a merged Aggregates is not
	// given more rows.
	last    *profileAgg
	clock   *localClock
	devices deviceCache
	titles  rawTitleCache
}

// profileAgg is one profile: its figures and the per-row state of its
// rows.
type profileAgg struct {
	name    string // raw, as in the file
	fig     figures
	prevDay int64 // the day of the profile's previous view: its set need not be asked again
	prevMon int64 // monthIndex(prevDay)
}

func newAggregates(cfg *config, options string) *Aggregates {
	return &Aggregates{
		cfg:     cfg,
		options: options,
		byName:  make(map[string]int),
		clock:   newLocalClock(cfg.loc),
		devices: deviceCache{index: make(map[string]int), last: -1},
		titles:  rawTitleCache{index: make(map[string]int), last: -1},
	}
}

// Bounds of the map sizes reserve derives from the size of
// ViewingActivity.csv. A real row is about 150 bytes and about every
// second row is a title not seen before (each episode is its own raw
// title), so one raw title per 300 bytes. The cap keeps a lying size (a
// hostile ZIP header) from reserving much memory; beyond it the maps
// grow as usual.
const (
	bytesPerRawTitle = 300
	maxReserveTitles = 1 << 16
)

// reserve sizes the raw title cache for a table of csvBytes bytes, so that
// it does not grow (rehashing every key) step by step while streaming. It
// must be called before the first row.
func (a *Aggregates) reserve(csvBytes int64) {
	n := int(min(max(csvBytes/bytesPerRawTitle, 0), maxReserveTitles))
	a.titles.index = make(map[string]int, n)
	a.titles.raw = make([]rawTitle, 0, n)
}

// trimSpace trims ASCII spaces, tabs and line ends (a hand-written loop:
// bytes.Trim builds a character set on every call).
func trimSpace(b []byte) []byte {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// viewingFields holds the columns of one row that a summary uses. It
// lives on the stack of the caller, so filling it stores no pointer into
// the heap (see splitSimple for why that matters).
type viewingFields struct {
	profile, start, duration, attributes, title, supplemental, device []byte
}

// addRecord classifies one record of the table.
func (a *Aggregates) addRecord(r *csvscan.Record, cols *columnMap) {
	a.add(&viewingFields{
		profile:      cols.get(r, colProfile),
		start:        cols.get(r, colStart),
		duration:     cols.get(r, colDuration),
		attributes:   cols.get(r, colAttributes),
		title:        cols.get(r, colTitle),
		supplemental: cols.get(r, colSupplemental),
		device:       cols.get(r, colDevice),
	})
}

// add counts one row for its profile, in exactly one bucket, by the
// rules in their documented order: malformed, outside_period,
// supplemental, short, and otherwise a view.
func (a *Aggregates) add(f *viewingFields) {
	p := a.profile(f.profile)
	fig := &p.fig
	fig.rows++

	start, form, startOK := parseStartTime(trimSpace(f.start), a.order)
	if startOK {
		if form != formCanonical {
			fig.lenient++
			if form == formDayMonth {
				fig.dayMonth++
			}
		}
		fig.newest.set(start)
	}
	dur, durOK := parseClock(trimSpace(f.duration))
	if !startOK || !durOK {
		fig.malformed++
		return
	}
	local := a.clock.local(start)
	day := floorDiv(local, secondsPerDay)
	if day < a.cfg.fromDay || day > a.cfg.toDay {
		fig.outsidePeriod++
		return
	}
	if len(trimSpace(f.supplemental)) > 0 {
		fig.supplemental++
		return
	}
	if dur < a.cfg.minSeconds {
		fig.short++
		return
	}
	a.view(f, p, start, local, day, dur)
}

// view adds one view of profile p to every figure.
func (a *Aggregates) view(f *viewingFields, p *profileAgg, start, local, day, dur int64) {
	fig := &p.fig
	fig.viewDays.add(day)
	fig.views++
	fig.seconds += sum(dur)
	if day != p.prevDay {
		fig.days.add(day)
		p.prevDay, p.prevMon = day, monthIndex(day)
	}
	month := p.prevMon
	fig.months.at(month).add(dur)
	fig.hours[weekdayMondayFirst(day)][(local-day*secondsPerDay)/3600] += dur
	fig.devices[a.devices.class(f.device)].add(dur)

	hidden, autoplayNone := parseAttributes(f.attributes)
	// Netflix marks a hidden view twice: in Attributes and with a title
	// prefix. Either one is enough to keep the title out of the summary.
	hidden = hidden || bytes.HasPrefix(trimSpace(f.title), []byte("HIDDEN TITLE"))
	if autoplayNone {
		fig.autoplayViews++
		fig.autoplaySeconds += sum(dur)
	}
	if hidden {
		// The participant hid this view: it counts in the time figures
		// but never in a title list, a title count or a binge session.
		fig.hiddenViews++
		return
	}
	rt := a.titles.lookup(f.title)
	if rt.key.name == "" {
		return
	}
	if rt.profile != p {
		rt.profile, rt.stat, rt.counted = p, fig.titles.stat(rt.key), false
	}
	s := fig.titles.view(rt.stat, month, dur)
	if rt.key.kind != KindSeries {
		return
	}
	if !rt.counted {
		rt.counted = true
		fig.titles.addEpisode(rt.stat, episode{season: rt.season, name: rt.ep})
	}
	s.log = append(s.log, bingeView{start: start, dur: dur})
}

// profile returns the profile named b, adding it on first sight.
func (a *Aggregates) profile(b []byte) *profileAgg {
	if a.last != nil && a.last.name == string(b) {
		return a.last
	}
	i, ok := a.byName[string(b)]
	if !ok {
		i = a.addProfile(string(b))
	}
	a.last = a.profiles[i]
	return a.last
}

// addProfile appends a profile and returns its index.
func (a *Aggregates) addProfile(name string) int {
	a.profiles = append(a.profiles, &profileAgg{name: name, prevDay: minDay})
	a.byName[name] = len(a.profiles) - 1
	return len(a.profiles) - 1
}

// deviceCache classifies raw Device Type strings, each once.
type deviceCache struct {
	index map[string]int // raw string -> DeviceClasses index
	prev  []byte         // the previous row's raw string
	last  int            // its class, -1 at first
}

// class returns the DeviceClasses index of a raw Device Type.
func (c *deviceCache) class(b []byte) int {
	if c.last >= 0 && bytes.Equal(c.prev, b) {
		return c.last
	}
	i, ok := c.index[string(b)]
	if !ok {
		order := deviceOrder()
		i = slices.Index(order[:], classifyDevice(csvscan.Text(b)))
		if i < 0 {
			i = numDeviceClasses - 1 // DeviceOther
		}
		c.index[string(b)] = i
	}
	c.prev = append(c.prev[:0], b...)
	c.last = i
	return i
}

// rawTitle is the parse of one distinct raw Title string, and where the
// profile that viewed it last counts it.
type rawTitle struct {
	raw     string   // the raw title, as in the cache's index (the same string, not a copy)
	key     titleKey // its series or movie; an empty name for an empty title
	season  string
	ep      string
	profile *profileAgg // the profile that viewed it last
	stat    int         // the title's index in that profile's titleTable
	counted bool        // its episode is in that profile's titleTable
}

// rawTitleCache parses each distinct raw title once. A title repeats the
// previous row's about one time in five in real exports (a view resumed
// later), which a comparison answers without hashing the title.
//
// Most other rows repeat a title seen before, which the recent slots
// answer: one slot per title, picked from a few of its bytes (far cheaper
// than hashing the whole title, which the map must), holding the last
// title seen there, compared whole. A miss falls back to the map.
type rawTitleCache struct {
	index  map[string]int // raw title -> raw index
	raw    []rawTitle
	last   int                 // raw index of the previous title looked up, -1 at first
	recent [recentSlots]uint32 // raw index + 1 of a recent title per slot, 0: none
}

// recentSlots is the size of the recent-titles cache: a real export has
// a few thousand distinct titles in use at a time (each episode its own).
const recentSlots = 1 << 13

// lookup returns the cached parse of a raw title, parsing it on first sight.
func (c *rawTitleCache) lookup(b []byte) *rawTitle {
	if c.last >= 0 && c.raw[c.last].raw == string(b) {
		return &c.raw[c.last]
	}
	slot := &c.recent[recentSlot(b)]
	if i := int(*slot) - 1; i >= 0 && c.raw[i].raw == string(b) {
		c.last = i
		return &c.raw[i]
	}
	i, ok := c.index[string(b)]
	if !ok {
		i = c.add(string(b))
	}
	*slot = uint32(i + 1)
	c.last = i
	return &c.raw[i]
}

// recentSlot picks the cache slot of a raw title from its length and
// eight bytes at its start, middle and end, mixed: titles of one series
// share their start, and their ends differ in the episode number.
func recentSlot(b []byte) int {
	n := len(b)
	h := uint64(n) * 0x9E3779B97F4A7C15
	if n >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xFF51AFD7ED558CCD
		h = (h ^ binary.LittleEndian.Uint64(b[n/2-4:])) * 0xC4CEB9FE1A85EC53
		h ^= binary.LittleEndian.Uint64(b[n-8:])
	} else {
		for _, c := range b {
			h = (h ^ uint64(c)) * 0x100000001B3
		}
	}
	h *= 0x9E3779B97F4A7C15
	return int(h >> (64 - 13))
}

// add parses a raw title seen for the first time and returns its index.
func (c *rawTitleCache) add(raw string) int {
	valid := raw
	if !utf8.ValidString(raw) {
		// Checked first because ValidString tests eight ASCII bytes at a
		// time, where decoding walks a valid string byte by byte.
		valid = csvscan.Text([]byte(raw))
	}
	t := parseTitle(valid)
	c.index[raw] = len(c.raw)
	c.raw = append(c.raw, rawTitle{raw: raw, key: titleKey{name: t.Name, kind: t.Kind}, season: t.Season, ep: t.Episode})
	return len(c.raw) - 1
}
