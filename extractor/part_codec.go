package extractor

import (
	"encoding/binary"
	"encoding/json"
	"maps"
	"slices"
)

// partial is what ExtractPart hands to ExtractMerged: one part's
// aggregates.
type partial struct {
	part    Part
	options string // optionsKey of the options the part was extracted with
	agg     *aggregator
}

// partialMagic starts every encoded partial; the digit is the format
// version, since the engines that write and read one may come from
// different builds during an update.
const partialMagic = "NFXPART2"

// Month indexes a partial may hold: parseStartTime accepts years 2007 to
// 9999, and a time zone moves a day by less than a month.
const (
	minPartialMonth = 2006 * 12
	maxPartialMonth = 10000 * 12
)

// optionsKey identifies the options a part was extracted with.
func optionsKey(o Options) string {
	b, _ := json.Marshal(o) // Options has no value json cannot encode
	return string(b)
}

// encode writes p in a compact binary form: varints, and for binge views
// the start as the difference from the previous view's (views of a series
// are a few hours or days apart, so most take two or three bytes).
func (p *partial) encode() []byte {
	a := p.agg
	w := partWriter{b: make([]byte, 0, 4096+16*len(a.activeDays)+64*len(a.stats))}
	w.b = append(w.b, partialMagic...)
	w.uint(uint64(p.part.Index))
	w.uint(uint64(p.part.Count))
	w.string(p.options)

	w.ints(a.rowsTotal, a.lenientRows, a.dayMonthRows)
	e := &a.excluded
	w.ints(e.Malformed, e.OutsidePeriod, e.Supplemental, e.Short)
	w.bool(a.haveNewest)
	w.ints(a.newest)

	w.uint(uint64(len(a.profiles)))
	for _, pr := range a.profiles {
		w.string(pr.name)
		w.ints(pr.rows)
		w.bool(pr.selected)
	}

	t := &a.totals
	w.ints(t.Views, t.Seconds, t.HiddenViews, t.AutoplayViews, t.AutoplaySeconds, a.firstDay, a.lastDay)
	days := slices.Sorted(maps.Keys(a.activeDays))
	w.uint(uint64(len(days)))
	prev := int64(0)
	for _, d := range days {
		w.ints(d - prev)
		prev = d
	}
	w.ints(a.monthBase)
	w.uint(uint64(len(a.months)))
	for _, m := range a.months {
		w.ints(m.views, m.seconds)
	}
	for d := range a.weekdayHour {
		w.ints(a.weekdayHour[d][:]...)
	}
	for _, d := range a.devices {
		w.ints(d.views, d.seconds)
	}

	w.uint(uint64(len(a.stats)))
	for _, s := range a.stats {
		w.string(s.key.name)
		w.string(string(s.key.kind))
		w.ints(s.views, s.seconds, s.firstMonth, s.lastMonth)
	}
	w.uint(uint64(len(a.episodes)))
	for k := range a.episodes {
		w.uint(uint64(k.stat))
		w.string(k.season)
		w.string(k.episode)
	}
	w.uint(uint64(len(a.binge.groups)))
	for g, k := range a.binge.keys {
		pr, stat := unpackBingeKey(k)
		views := a.binge.groups[g]
		w.uint(uint64(pr))
		w.uint(uint64(stat))
		w.uint(uint64(len(views)))
		prev := int64(0)
		for _, v := range views {
			w.ints(v.start-prev, v.dur)
			prev = v.start
		}
	}
	return w.b
}

// decodePartial reads what encode wrote into a new aggregator with cfg.
// Everything is checked (counts against the bytes left, indexes, kinds,
// month ranges), so a damaged partial is an error, never a panic or a
// huge allocation.
func decodePartial(b []byte, cfg *config) (*partial, error) {
	if len(b) < len(partialMagic) || string(b[:len(partialMagic)]) != partialMagic {
		return nil, errPartial("it is not an encoded part")
	}
	r := partReader{b: b[len(partialMagic):]}
	p := &partial{agg: newAggregator(cfg)}
	p.part = Part{Index: r.count(), Count: r.count()}
	p.options = r.string()

	a := p.agg
	a.rowsTotal, a.lenientRows, a.dayMonthRows = r.int(), r.int(), r.int()
	e := &a.excluded
	e.Malformed, e.OutsidePeriod, e.Supplemental, e.Short = r.int(), r.int(), r.int(), r.int()
	a.haveNewest = r.bool()
	a.newest = r.int()

	a.profiles = make([]profileAgg, r.count())
	for i := range a.profiles {
		pr := &a.profiles[i]
		pr.name, pr.rows, pr.selected = r.string(), r.int(), r.bool()
		if _, dup := a.profileIdx[pr.name]; dup {
			r.fail("a profile twice")
		}
		a.profileIdx[pr.name] = i
	}

	t := &a.totals
	t.Views, t.Seconds, t.HiddenViews, t.AutoplayViews, t.AutoplaySeconds = r.int(), r.int(), r.int(), r.int(), r.int()
	a.firstDay, a.lastDay = r.int(), r.int()
	day, days := int64(0), r.count()
	a.activeDays = make(map[int64]struct{}, days)
	for range days {
		day += r.int()
		a.activeDays[day] = struct{}{}
	}
	a.monthBase = r.int()
	a.months = make([]bucket, r.count())
	if len(a.months) > 0 && (a.monthBase < minPartialMonth || a.monthBase+int64(len(a.months)) > maxPartialMonth) {
		r.fail("months out of range")
	}
	for i := range a.months {
		a.months[i] = bucket{views: r.int(), seconds: r.int()}
	}
	for d := range a.weekdayHour {
		for h := range a.weekdayHour[d] {
			a.weekdayHour[d][h] = r.int()
		}
	}
	for i := range a.devices {
		a.devices[i] = bucket{views: r.int(), seconds: r.int()}
	}

	a.stats = make([]titleAgg, r.count())
	a.statIdx = make(map[titleKey]int, len(a.stats))
	for i := range a.stats {
		s := &a.stats[i]
		s.key = titleKey{name: r.string(), kind: TitleKind(r.string())}
		s.views, s.seconds, s.firstMonth, s.lastMonth = r.int(), r.int(), r.int(), r.int()
		if s.key.kind != KindSeries && s.key.kind != KindMovie {
			r.fail("a title of unknown kind")
		}
		if s.firstMonth < minPartialMonth || s.lastMonth >= maxPartialMonth {
			r.fail("a title's months out of range")
		}
		if _, dup := a.statIdx[s.key]; dup {
			r.fail("a title twice")
		}
		a.statIdx[s.key] = i
	}
	episodes := r.count()
	a.episodes = make(map[episodeKey]struct{}, episodes)
	for range episodes {
		k := episodeKey{stat: r.index(len(a.stats)), season: r.string(), episode: r.string()}
		if _, dup := a.episodes[k]; dup || r.err != nil {
			r.fail("an episode twice")
			break
		}
		a.episodes[k] = struct{}{}
		a.stats[k.stat].episodes++
	}
	groups := r.count()
	a.binge.index = make(map[uint64]int, groups)
	a.binge.groups = make([][]bingeView, 0, groups)
	a.binge.keys = make([]uint64, 0, groups)
	var views []bingeView // one backing array for the groups, allocated in chunks
	for range groups {
		pr, stat, n := r.index(len(a.profiles)), r.index(len(a.stats)), r.count()
		if n == 0 {
			r.fail("an empty binge group")
		}
		if r.err != nil {
			break
		}
		k := bingeKey(pr, stat)
		if _, dup := a.binge.index[k]; dup {
			r.fail("a binge group twice")
			break
		}
		if cap(views)-len(views) < n {
			views = make([]bingeView, 0, max(n, 4096))
		}
		g := views[len(views) : len(views)+n : len(views)+n]
		views = views[:len(views)+n]
		start := int64(0)
		for i := range g {
			start += r.int()
			g[i] = bingeView{start: start, dur: r.int()}
		}
		a.binge.index[k] = len(a.binge.groups)
		a.binge.groups = append(a.binge.groups, g)
		a.binge.keys = append(a.binge.keys, k)
	}
	if r.err == nil && len(r.b) > 0 {
		r.fail("bytes after the end")
	}
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// errPartial is the error for a partial that cannot be read. Partials
// pass only between engines of one page, so this is a failure of the
// widget itself, not of the participant's file.
func errPartial(why string) *Error {
	return newError(CodeInternal, "a part of the extraction cannot be read: %s", why)
}

// partWriter appends the encoding of a partial. Its methods are kept out
// of line: inlined at every field, the varint code made encode alone
// 30 KB of WebAssembly, a few percent of the widget's download.
type partWriter struct{ b []byte }

//go:noinline
func (w *partWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }

//go:noinline
func (w *partWriter) ints(vs ...int64) {
	for _, v := range vs {
		w.b = binary.AppendVarint(w.b, v)
	}
}

//go:noinline
func (w *partWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

//go:noinline
func (w *partWriter) string(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// partReader reads a partial. After the first failure every method
// returns zero values and err keeps that failure, so decodePartial checks
// once per loop rather than after every field.
type partReader struct {
	b   []byte
	err error
}

func (r *partReader) fail(why string) {
	if r.err == nil {
		r.err = errPartial(why)
	}
	r.b = nil
}

//go:noinline
func (r *partReader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("it is cut short")
		return 0
	}
	r.b = r.b[n:]
	return v
}

//go:noinline
func (r *partReader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("it is cut short")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of things that follow, each at least one byte
// long, so a count larger than the bytes left is damage.
//
//go:noinline
func (r *partReader) count() int {
	v := r.uint()
	if v > uint64(len(r.b)) {
		r.fail("a count beyond its end")
		return 0
	}
	return int(v)
}

// index reads an index below n.
//
//go:noinline
func (r *partReader) index(n int) int {
	v := r.uint()
	if v >= uint64(n) {
		r.fail("an index out of range")
		return 0
	}
	return int(v)
}

//go:noinline
func (r *partReader) bool() bool {
	switch v := r.uint(); v {
	case 0, 1:
		return v == 1
	}
	r.fail("a flag that is neither 0 nor 1")
	return false
}

//go:noinline
func (r *partReader) string() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
