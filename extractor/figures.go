package extractor

import (
	"maps"
	"slices"
)

// figures are the aggregates of one profile's rows of ViewingActivity.csv:
// everything a summary or the profile list is built from, and nothing
// else (per-row caches live in Aggregates and profileAgg). Every figure is
// a field of a type that knows how to merge with the same figure of later
// rows and how to encode itself, and fields lists them all: a new figure
// is one more field here, and it merges and travels between engines with
// the others.
type figures struct {
	rows          sum // every row of the profile
	lenient       sum // rows whose Start Time was a spreadsheet re-save shape
	dayMonth      sum // of those, rows whose date was read in the file's day-and-month order
	malformed     sum
	outsidePeriod sum
	supplemental  sum
	short         sum
	newest        latest // the newest readable Start Time of any row

	views, seconds                 sum
	hiddenViews                    sum
	autoplayViews, autoplaySeconds sum
	viewDays                       dayRange // local days of the first and last view
	days                           daySet   // local days with a view
	months                         monthSeries
	hours                          hourGrid
	devices                        deviceTable
	titles                         titleTable
}

// fields lists every figure of f, in a fixed order (the encoding's).
func (f *figures) fields() []figure {
	return []figure{
		&f.rows, &f.lenient, &f.dayMonth, &f.malformed, &f.outsidePeriod, &f.supplemental, &f.short, &f.newest,
		&f.views, &f.seconds, &f.hiddenViews, &f.autoplayViews, &f.autoplaySeconds,
		&f.viewDays, &f.days, &f.months, &f.hours, &f.devices, &f.titles,
	}
}

// merge adds g, the figures of rows that follow f's in the table, to f.
func (f *figures) merge(g *figures) {
	mine, theirs := f.fields(), g.fields()
	for i := range mine {
		mine[i].merge(theirs[i])
	}
}

func (f *figures) encode(w *codecWriter) {
	for _, x := range f.fields() {
		x.encode(w)
	}
}

func (f *figures) decode(r *codecReader) {
	for _, x := range f.fields() {
		x.decode(r)
	}
}

// excluded returns the excluded counters of the summary.
func (f *figures) excluded() Excluded {
	return Excluded{
		Malformed: int64(f.malformed), OutsidePeriod: int64(f.outsidePeriod),
		Supplemental: int64(f.supplemental), Short: int64(f.short),
	}
}

// A figure is one mergeable aggregate. merge is given the same figure of
// later rows (the same dynamic type).
type figure interface {
	merge(later figure)
	encode(w *codecWriter)
	decode(r *codecReader)
}

// sum is a figure that adds up.
type sum int64

func (s *sum) merge(later figure)    { *s += *later.(*sum) }
func (s *sum) encode(w *codecWriter) { w.ints(int64(*s)) }
func (s *sum) decode(r *codecReader) { *s = sum(r.int()) }

// latest is the largest of the values seen, if any.
type latest struct {
	v  int64
	ok bool
}

func (l *latest) set(v int64) {
	if !l.ok || v > l.v {
		l.v, l.ok = v, true
	}
}

func (l *latest) merge(later figure) {
	if o := later.(*latest); o.ok {
		l.set(o.v)
	}
}

func (l *latest) encode(w *codecWriter) { w.bool(l.ok); w.ints(l.v) }
func (l *latest) decode(r *codecReader) { l.ok = r.bool(); l.v = r.int() }

// dayRange is the first and the last of the days seen, if any.
type dayRange struct {
	first, last int64
	ok          bool
}

func (d *dayRange) add(day int64) {
	if !d.ok || day < d.first {
		d.first = day
	}
	if !d.ok || day > d.last {
		d.last = day
	}
	d.ok = true
}

func (d *dayRange) merge(later figure) {
	if o := later.(*dayRange); o.ok {
		d.add(o.first)
		d.add(o.last)
	}
}

func (d *dayRange) encode(w *codecWriter) { w.bool(d.ok); w.ints(d.first, d.last) }
func (d *dayRange) decode(r *codecReader) { d.ok = r.bool(); d.first, d.last = r.int(), r.int() }

// daySet is a set of day numbers.
type daySet map[int64]struct{}

func (s *daySet) add(day int64) {
	if *s == nil {
		*s = make(daySet)
	}
	(*s)[day] = struct{}{}
}

func (s *daySet) merge(later figure) {
	for d := range *later.(*daySet) {
		s.add(d)
	}
}

// encode writes the days ascending, each as the difference from the one
// before: consecutive active days take a byte each.
func (s *daySet) encode(w *codecWriter) {
	days := slices.Sorted(maps.Keys(*s))
	w.uint(uint64(len(days)))
	prev := int64(0)
	for _, d := range days {
		w.ints(d - prev)
		prev = d
	}
}

func (s *daySet) decode(r *codecReader) {
	*s = nil
	prev := int64(0)
	for n := r.count(); n > 0 && r.err == nil; n-- {
		prev += r.int()
		s.add(prev)
	}
}

// bucket counts the views and seconds of one month or device class.
type bucket struct{ views, seconds int64 }

func (b *bucket) add(dur int64) {
	b.views++
	b.seconds += dur
}

// monthSeries is a dense run of months (month indexes, see monthIndex)
// from the first to the last month with a view; months between without
// views stay zero, as by_month lists them.
type monthSeries struct {
	base    int64 // month index of buckets[0]
	buckets []bucket
}

// at returns the bucket of a month index, growing the run on either side
// as needed.
func (m *monthSeries) at(idx int64) *bucket {
	switch {
	case len(m.buckets) == 0:
		m.base = idx
		m.buckets = append(m.buckets, bucket{})
	case idx < m.base:
		grown := make([]bucket, int(m.base-idx), int(m.base-idx)+len(m.buckets))
		m.buckets = append(grown, m.buckets...)
		m.base = idx
	case idx >= m.base+int64(len(m.buckets)):
		m.buckets = append(m.buckets, make([]bucket, int(idx-m.base)+1-len(m.buckets))...)
	}
	return &m.buckets[idx-m.base]
}

func (m *monthSeries) merge(later figure) {
	o := later.(*monthSeries)
	for i, b := range o.buckets {
		if b == (bucket{}) {
			continue // a gap: the run need not grow for it
		}
		t := m.at(o.base + int64(i))
		t.views += b.views
		t.seconds += b.seconds
	}
}

func (m *monthSeries) encode(w *codecWriter) {
	w.ints(m.base)
	w.uint(uint64(len(m.buckets)))
	for _, b := range m.buckets {
		w.ints(b.views, b.seconds)
	}
}

func (m *monthSeries) decode(r *codecReader) {
	m.base = r.int()
	m.buckets = make([]bucket, r.count())
	if len(m.buckets) > 0 && (m.base < minCodecMonth || m.base+int64(len(m.buckets)) > maxCodecMonth) {
		r.fail("a month out of range")
		return
	}
	for i := range m.buckets {
		m.buckets[i] = bucket{r.int(), r.int()}
	}
}

// hourGrid holds seconds by local weekday (Monday first) and hour.
type hourGrid [7][24]int64

func (g *hourGrid) merge(later figure) {
	o := later.(*hourGrid)
	for d := range g {
		for h := range g[d] {
			g[d][h] += o[d][h]
		}
	}
}

func (g *hourGrid) encode(w *codecWriter) {
	for d := range g {
		w.ints(g[d][:]...)
	}
}

func (g *hourGrid) decode(r *codecReader) {
	for d := range g {
		for h := range g[d] {
			g[d][h] = r.int()
		}
	}
}

// deviceTable holds one bucket per device class, in DeviceClasses order.
type deviceTable [numDeviceClasses]bucket

func (t *deviceTable) merge(later figure) {
	o := later.(*deviceTable)
	for i := range t {
		t[i].views += o[i].views
		t[i].seconds += o[i].seconds
	}
}

func (t *deviceTable) encode(w *codecWriter) {
	for _, b := range t {
		w.ints(b.views, b.seconds)
	}
}

func (t *deviceTable) decode(r *codecReader) {
	for i := range t {
		t[i] = bucket{r.int(), r.int()}
	}
}

// titleKey identifies a series or a movie: a series and a movie that
// share a name are two titles.
type titleKey struct {
	name string
	kind TitleKind
}

// episode identifies one episode of a series by its labels as written.
type episode struct{ season, name string }

// titleStat accumulates one title of one profile.
type titleStat struct {
	key                   titleKey
	views, seconds        int64
	firstMonth, lastMonth int64                // month indexes of the first and last view
	episodes              map[episode]struct{} // distinct episodes viewed (series)
	log                   []bingeView          // every view of a series, for binge sessions
}

// titleTable holds a profile's titles, in order of first view.
type titleTable struct {
	index map[titleKey]int
	stats []titleStat

	// combined marks the table of a summary of several profiles, made by
	// merging theirs: it keeps no binge logs (sessions are found per
	// profile first) and shares the profiles' episode sets until a title
	// of two profiles must join them, so that a summary does not copy
	// what the session already holds.
	combined bool
	shared   map[int]bool // stats whose episodes map is a profile's own
}

// stat returns the index of key's titleStat, adding it on first sight.
func (t *titleTable) stat(key titleKey) int {
	i, ok := t.index[key]
	if !ok {
		if t.index == nil {
			t.index = make(map[titleKey]int)
		}
		i = len(t.stats)
		t.stats = append(t.stats, titleStat{key: key})
		t.index[key] = i
	}
	return i
}

// view counts a view of title i in month.
func (t *titleTable) view(i int, month, dur int64) *titleStat {
	s := &t.stats[i]
	if s.views == 0 || month < s.firstMonth {
		s.firstMonth = month
	}
	if s.views == 0 || month > s.lastMonth {
		s.lastMonth = month
	}
	s.views++
	s.seconds += dur
	return s
}

// addEpisode counts an episode of title i once.
func (t *titleTable) addEpisode(i int, e episode) {
	s := &t.stats[i]
	if s.episodes == nil {
		s.episodes = make(map[episode]struct{})
	}
	s.episodes[e] = struct{}{}
}

func (t *titleTable) merge(later figure) {
	for _, o := range later.(*titleTable).stats {
		i := t.stat(o.key)
		s := &t.stats[i]
		if o.views > 0 {
			if s.views == 0 || o.firstMonth < s.firstMonth {
				s.firstMonth = o.firstMonth
			}
			if s.views == 0 || o.lastMonth > s.lastMonth {
				s.lastMonth = o.lastMonth
			}
		}
		s.views += o.views
		s.seconds += o.seconds
		t.mergeEpisodes(i, o.episodes)
		if !t.combined {
			s.log = append(s.log, o.log...)
		}
	}
}

// mergeEpisodes adds the episodes of a later or another profile's stat to
// stat i of t.
func (t *titleTable) mergeEpisodes(i int, episodes map[episode]struct{}) {
	if len(episodes) == 0 {
		return
	}
	s := &t.stats[i]
	if t.combined {
		if s.episodes == nil {
			s.episodes = episodes // shared, never written: see combined
			if t.shared == nil {
				t.shared = make(map[int]bool)
			}
			t.shared[i] = true
			return
		}
		if t.shared[i] {
			s.episodes = maps.Clone(s.episodes)
			delete(t.shared, i)
		}
	}
	if s.episodes == nil {
		s.episodes = make(map[episode]struct{}, len(episodes))
	}
	for e := range episodes {
		s.episodes[e] = struct{}{}
	}
}

// encode writes each title with its episodes and its views' starts, each
// start as the difference from the previous view's (views of a series are
// hours or days apart, so most take two or three bytes).
func (t *titleTable) encode(w *codecWriter) {
	w.uint(uint64(len(t.stats)))
	for _, s := range t.stats {
		w.string(s.key.name)
		w.string(string(s.key.kind))
		w.ints(s.views, s.seconds, s.firstMonth, s.lastMonth)
		w.uint(uint64(len(s.episodes)))
		for e := range s.episodes {
			w.string(e.season)
			w.string(e.name)
		}
		w.uint(uint64(len(s.log)))
		prev := int64(0)
		for _, v := range s.log {
			w.ints(v.start-prev, v.dur)
			prev = v.start
		}
	}
}

func (t *titleTable) decode(r *codecReader) {
	*t = titleTable{}
	for n := r.count(); n > 0 && r.err == nil; n-- {
		key := titleKey{name: r.string(), kind: TitleKind(r.string())}
		if key.kind != KindSeries && key.kind != KindMovie {
			r.fail("an unknown title kind")
			return
		}
		if _, dup := t.index[key]; dup {
			r.fail("a title twice")
			return
		}
		i := t.stat(key)
		s := &t.stats[i]
		s.views, s.seconds, s.firstMonth, s.lastMonth = r.int(), r.int(), r.int(), r.int()
		for k := r.count(); k > 0 && r.err == nil; k-- {
			t.addEpisode(i, episode{season: r.string(), name: r.string()})
		}
		s.log = make([]bingeView, r.count())
		prev := int64(0)
		for j := range s.log {
			prev += r.int()
			s.log[j] = bingeView{start: prev, dur: r.int()}
		}
	}
}
