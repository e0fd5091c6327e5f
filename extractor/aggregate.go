package extractor

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"strconv"
	"unicode/utf8"
)

// aggregator classifies ViewingActivity rows one at a time and keeps only
// aggregates (and, for binge sessions, 16 bytes per series view), never
// the rows. Rows of one profile arrive grouped and sorted by time in real
// exports, so the lookups below first compare with the previous row's
// value; when that misses, maps keyed by string(b) are consulted, which Go
// does without allocating. A row allocates only the first time a profile,
// device string or title is seen.
type aggregator struct {
	cfg   *config
	clock *localClock

	rowsTotal, lenientRows int64
	excluded               Excluded
	newest                 int64 // largest parseable Start Time of any row
	haveNewest             bool

	// order reads the dates of a spreadsheet re-save (dateorder.go);
	// orderAssumed says no date proved it. dayMonthRows counts the Start
	// Times read in it.
	order        dateOrder
	orderAssumed bool
	dayMonthRows int64

	profiles    []profileAgg
	profileIdx  map[string]int
	lastProfile int // index of the previous row's profile, -1 at first

	totals      Totals
	firstDay    int64
	lastDay     int64
	activeDays  map[int64]struct{}
	prevDay     int64 // the previous view's day, to skip the set lookup
	prevMonth   int64 // monthIndex(prevDay), to skip the calendar arithmetic
	months      []bucket
	monthBase   int64 // month index of months[0]
	weekdayHour [7][24]int64
	devices     [len(DeviceClasses)]bucket
	deviceIdx   map[string]int
	lastDevice  []byte
	lastDevIdx  int

	titleIdx  map[string]int // raw title -> rawTitles index
	rawTitles []rawTitle
	lastTitle int                 // rawTitles index of the previous title looked up, -1 at first
	recent    [recentSlots]uint32 // rawTitles index + 1 of a recent title per recentSlot, 0: none
	stats     []titleAgg
	statIdx   map[titleKey]int
	episodes  map[episodeKey]struct{}

	binge bingeSet
}

// profileAgg is one profile, by first appearance.
type profileAgg struct {
	name     string
	rows     int64
	selected bool
}

// bucket counts the views and seconds of one month or device class.
type bucket struct{ views, seconds int64 }

// rawTitle is the cached parse of one distinct raw Title string.
type rawTitle struct {
	raw     string // the raw title, as in titleIdx (the same string, not a copy)
	stat    int    // index into stats, -1 for an empty title
	episode bool   // its (Season, Episode) pair was added to episodes
	season  string
	ep      string
}

// titleKey identifies a series or a movie: a series and a movie that
// share a name are two titles.
type titleKey struct {
	name string
	kind TitleKind
}

// episodeKey identifies one episode of one series.
type episodeKey struct {
	stat            int
	season, episode string
}

// titleAgg accumulates one TitleStat.
type titleAgg struct {
	key                   titleKey
	views, seconds        int64
	episodes              int64
	firstMonth, lastMonth int64
}

func newAggregator(cfg *config) *aggregator {
	return &aggregator{
		cfg:         cfg,
		clock:       newLocalClock(cfg.loc),
		profileIdx:  make(map[string]int),
		lastProfile: -1,
		activeDays:  make(map[int64]struct{}),
		prevDay:     minDay,
		deviceIdx:   make(map[string]int),
		lastDevIdx:  -1,
		titleIdx:    make(map[string]int),
		lastTitle:   -1,
		statIdx:     make(map[titleKey]int),
		episodes:    make(map[episodeKey]struct{}),
		binge:       newBingeSet(),
	}
}

// Bounds of the map sizes reserve derives from the size of
// ViewingActivity.csv. A real row is about 150 bytes and about every
// second row is a title not seen before (each episode is its own raw
// title), so one raw title per 300 bytes; series are far fewer. The caps
// keep a lying size (a hostile ZIP header) from reserving much memory;
// beyond them the maps grow as usual.
const (
	bytesPerRawTitle = 300
	bytesPerSeries   = 3000
	maxReserveTitles = 1 << 16
	maxReserveSeries = 1 << 12
)

// reserve sizes the title maps for a table of csvBytes bytes, so that
// they do not grow (rehashing every key) step by step while streaming.
// It must be called before the first row.
func (a *aggregator) reserve(csvBytes int64) {
	titles := int(min(max(csvBytes/bytesPerRawTitle, 0), maxReserveTitles))
	series := int(min(max(csvBytes/bytesPerSeries, 0), maxReserveSeries))
	a.titleIdx = make(map[string]int, titles)
	a.rawTitles = make([]rawTitle, 0, titles)
	a.episodes = make(map[episodeKey]struct{}, titles)
	a.statIdx = make(map[titleKey]int, series)
	a.stats = make([]titleAgg, 0, series)
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

// add classifies one record given as fields (see addRecord).
func (a *aggregator) add(rec [][]byte, cols *columnMap) {
	a.addFields(&viewingFields{
		profile:      cols.field(rec, colProfile),
		start:        cols.field(rec, colStart),
		duration:     cols.field(rec, colDuration),
		attributes:   cols.field(rec, colAttributes),
		title:        cols.field(rec, colTitle),
		supplemental: cols.field(rec, colSupplemental),
		device:       cols.field(rec, colDevice),
	})
}

// addRecord classifies one record, the form the hot path reads.
func (a *aggregator) addRecord(r *record, cols *columnMap) {
	a.addFields(&viewingFields{
		profile:      cols.get(r, colProfile),
		start:        cols.get(r, colStart),
		duration:     cols.get(r, colDuration),
		attributes:   cols.get(r, colAttributes),
		title:        cols.get(r, colTitle),
		supplemental: cols.get(r, colSupplemental),
		device:       cols.get(r, colDevice),
	})
}

// addFields classifies one row. A row of a profile that was not chosen
// only makes its profile known (the summary counts profiles); nothing
// else of it is read. A chosen profile's row lands in exactly one bucket,
// by the rules in their documented order: malformed, outside_period,
// supplemental, short, and otherwise a view.
func (a *aggregator) addFields(f *viewingFields) {
	p := a.profile(f.profile)
	a.profiles[p].rows++
	if !a.profiles[p].selected {
		return
	}
	a.rowsTotal++

	start, form, startOK := parseStartTime(trimSpace(f.start), a.order)
	if startOK {
		if form != formCanonical {
			a.lenientRows++
			if form == formDayMonth {
				a.dayMonthRows++
			}
		}
		if !a.haveNewest || start > a.newest {
			a.newest, a.haveNewest = start, true
		}
	}
	dur, durOK := parseClock(trimSpace(f.duration))
	if !startOK || !durOK {
		a.excluded.Malformed++
		return
	}
	local := a.clock.local(start)
	day := floorDiv(local, secondsPerDay)
	if day < a.cfg.fromDay || day > a.cfg.toDay {
		a.excluded.OutsidePeriod++
		return
	}
	if len(trimSpace(f.supplemental)) > 0 {
		a.excluded.Supplemental++
		return
	}
	if dur < a.cfg.minSeconds {
		a.excluded.Short++
		return
	}
	a.view(f, p, start, local, day, dur)
}

// view adds one view to every figure.
func (a *aggregator) view(f *viewingFields, p int, start, local, day, dur int64) {
	t := &a.totals
	if t.Views == 0 || day < a.firstDay {
		a.firstDay = day
	}
	if t.Views == 0 || day > a.lastDay {
		a.lastDay = day
	}
	t.Views++
	t.Seconds += dur
	if day != a.prevDay {
		a.activeDays[day] = struct{}{}
		a.prevDay, a.prevMonth = day, monthIndex(day)
	}
	month := a.prevMonth
	m := a.month(month)
	m.views++
	m.seconds += dur
	a.weekdayHour[weekdayMondayFirst(day)][(local-day*secondsPerDay)/3600] += dur
	d := &a.devices[a.device(f.device)]
	d.views++
	d.seconds += dur

	hidden, autoplayNone := parseAttributes(f.attributes)
	title := f.title
	// Netflix marks a hidden view twice: in Attributes and with a title
	// prefix. Either one is enough to keep the title out of the summary.
	hidden = hidden || bytes.HasPrefix(trimSpace(title), []byte("HIDDEN TITLE"))
	if autoplayNone {
		t.AutoplayViews++
		t.AutoplaySeconds += dur
	}
	if hidden {
		// The participant hid this view: it counts in the time figures
		// but never in a title list, a title count or a binge session.
		t.HiddenViews++
		return
	}
	rt := a.title(title)
	if rt.stat < 0 {
		return
	}
	s := &a.stats[rt.stat]
	if s.views == 0 || month < s.firstMonth {
		s.firstMonth = month
	}
	if s.views == 0 || month > s.lastMonth {
		s.lastMonth = month
	}
	s.views++
	s.seconds += dur
	if s.key.kind != KindSeries {
		return
	}
	if !rt.episode {
		rt.episode = true
		k := episodeKey{stat: rt.stat, season: rt.season, episode: rt.ep}
		if _, ok := a.episodes[k]; !ok {
			a.episodes[k] = struct{}{}
			s.episodes++
		}
	}
	a.binge.add(p, rt.stat, start, dur)
}

// profile returns the index of the profile named b, adding it on first sight.
func (a *aggregator) profile(b []byte) int {
	if a.lastProfile >= 0 && a.profiles[a.lastProfile].name == string(b) {
		return a.lastProfile
	}
	i, ok := a.profileIdx[string(b)]
	if !ok {
		name := string(b)
		i = len(a.profiles)
		// Selection compares with the name as ListProfiles shows it.
		a.profiles = append(a.profiles, profileAgg{name: name, selected: a.cfg.selects(validString(b))})
		a.profileIdx[name] = i
	}
	a.lastProfile = i
	return i
}

// device returns the DeviceClasses index of a raw Device Type.
func (a *aggregator) device(b []byte) int {
	if a.lastDevIdx >= 0 && bytes.Equal(a.lastDevice, b) {
		return a.lastDevIdx
	}
	i, ok := a.deviceIdx[string(b)]
	if !ok {
		class := ClassifyDevice(validString(b))
		i = slices.Index(DeviceClasses[:], class)
		if i < 0 {
			i = len(DeviceClasses) - 1 // DeviceOther
		}
		a.deviceIdx[string(b)] = i
	}
	a.lastDevice = append(a.lastDevice[:0], b...)
	a.lastDevIdx = i
	return i
}

// title returns the cached parse of a raw title, parsing it on first sight.
// A title repeats the previous row's about one time in five in real
// exports (a view resumed later), which a comparison answers without
// hashing the title.
//
// Most other rows repeat a title seen before, which the recent cache
// answers: one slot per title, picked from a few of its bytes (far
// cheaper than hashing the whole title, which the map must), holding the
// last title seen there, compared whole. A miss falls back to the map.
func (a *aggregator) title(b []byte) *rawTitle {
	if a.lastTitle >= 0 && a.rawTitles[a.lastTitle].raw == string(b) {
		return &a.rawTitles[a.lastTitle]
	}
	slot := &a.recent[recentSlot(b)]
	if i := int(*slot) - 1; i >= 0 && a.rawTitles[i].raw == string(b) {
		a.lastTitle = i
		return &a.rawTitles[i]
	}
	i, ok := a.titleIdx[string(b)]
	if !ok {
		i = a.addTitle(string(b))
	}
	*slot = uint32(i + 1)
	a.lastTitle = i
	return &a.rawTitles[i]
}

// recentSlots is the size of the recent-titles cache: a real export has
// a few thousand distinct titles in use at a time (each episode its own).
const recentSlots = 1 << 13

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

// addTitle parses a raw title seen for the first time and returns its
// rawTitles index.
func (a *aggregator) addTitle(raw string) int {
	valid := raw
	if !utf8.ValidString(raw) {
		// Checked first because ValidString tests eight ASCII bytes at a
		// time, where decoding walks a valid string byte by byte.
		valid = decodeWindows1252(raw)
	}
	t := ParseTitle(valid)
	rt := rawTitle{raw: raw, stat: -1, season: t.Season, ep: t.Episode}
	if t.Name != "" {
		k := titleKey{name: t.Name, kind: t.Kind}
		s, ok := a.statIdx[k]
		if !ok {
			s = len(a.stats)
			a.stats = append(a.stats, titleAgg{key: k})
			a.statIdx[k] = s
		}
		rt.stat = s
	}
	a.titleIdx[raw] = len(a.rawTitles)
	a.rawTitles = append(a.rawTitles, rt)
	return len(a.rawTitles) - 1
}

// month returns the bucket of a month index, growing the dense month
// range on either side as needed (gaps stay zero, as by_month requires).
func (a *aggregator) month(idx int64) *bucket {
	switch {
	case len(a.months) == 0:
		a.monthBase = idx
		a.months = append(a.months, bucket{})
	case idx < a.monthBase:
		grown := make([]bucket, int(a.monthBase-idx), int(a.monthBase-idx)+len(a.months))
		a.months = append(grown, a.months...)
		a.monthBase = idx
	case idx >= a.monthBase+int64(len(a.months)):
		a.months = append(a.months, make([]bucket, int(idx-a.monthBase)+1-len(a.months))...)
	}
	return &a.months[idx-a.monthBase]
}

// summary assembles the Summary from the aggregates.
func (a *aggregator) summary(kind string, files []string) *Summary {
	s := &Summary{
		Schema:      SchemaVersion,
		Totals:      a.totals,
		ByMonth:     make([]MonthStat, len(a.months)),
		ByDevice:    make([]DeviceStat, len(DeviceClasses)),
		Titles:      []TitleStat{},
		Binge:       a.binge.sessions(),
		Excluded:    a.excluded,
		RowsTotal:   a.rowsTotal,
		LenientRows: a.lenientRows,
		Source:      Source{Kind: kind, Files: files},
		Options:     a.optionsUsed(),
	}
	if s.Source.Files == nil {
		s.Source.Files = []string{}
	}
	s.Source.DateOrder, s.Source.DateOrderAssumed = a.dateOrderUsed()
	if a.haveNewest {
		s.Source.NewestDay = formatDay(a.clock.day(a.newest))
	}
	t := &s.Totals
	t.ActiveDays = int64(len(a.activeDays))
	if t.Views > 0 {
		t.FirstDay, t.LastDay = formatDay(a.firstDay), formatDay(a.lastDay)
	}
	for i, m := range a.months {
		s.ByMonth[i] = MonthStat{Month: formatMonth(a.monthBase + int64(i)), Views: m.views, Seconds: m.seconds}
	}
	s.WeekdayHourSeconds = a.weekdayHour
	for i, c := range DeviceClasses {
		s.ByDevice[i] = DeviceStat{Class: c, Views: a.devices[i].views, Seconds: a.devices[i].seconds}
	}
	s.Profiles.Count = int64(len(a.profiles))
	for _, p := range a.profiles {
		if p.selected {
			s.Profiles.Selected++
		}
	}
	t.Titles = int64(len(a.stats))
	for _, st := range a.stats {
		if st.key.kind == KindSeries {
			t.Series++
		} else {
			t.Movies++
		}
	}
	s.Titles = a.titleList()
	return s
}

// titleList returns the titles per Options.Titles, by seconds descending,
// then name and kind ascending so that the order is total.
func (a *aggregator) titleList() []TitleStat {
	if a.cfg.titles == TitlesNone {
		return []TitleStat{}
	}
	order := make([]int, len(a.stats))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		sx, sy := &a.stats[x], &a.stats[y]
		if c := cmp.Compare(sy.seconds, sx.seconds); c != 0 {
			return c
		}
		if c := cmp.Compare(sx.key.name, sy.key.name); c != 0 {
			return c
		}
		return cmp.Compare(sx.key.kind, sy.key.kind)
	})
	if a.cfg.titles == TitlesTop && len(order) > a.cfg.top {
		order = order[:a.cfg.top]
	}
	out := make([]TitleStat, len(order))
	for i, j := range order {
		st := &a.stats[j]
		out[i] = TitleStat{
			Name: st.key.name, Kind: st.key.kind,
			Views: st.views, Seconds: st.seconds, Episodes: st.episodes,
			FirstMonth: formatMonth(st.firstMonth), LastMonth: formatMonth(st.lastMonth),
		}
	}
	return out
}

// optionsUsed records the options.
func (a *aggregator) optionsUsed() OptionsUsed {
	o := a.cfg.opts
	return OptionsUsed{
		TimeZone: a.cfg.zoneName, MinSeconds: o.MinSeconds,
		From: o.From, To: o.To, Titles: o.Titles, Top: o.Top,
	}
}

// pseudonym names the i-th profile (0-based) P1, P2, ...
func pseudonym(i int) string {
	return "P" + strconv.Itoa(i+1)
}
