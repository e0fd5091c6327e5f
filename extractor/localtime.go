package extractor

import (
	"math"
	"strconv"
	"time"
)

const secondsPerDay = 86400

// localClock converts UTC seconds to local calendar figures in one zone.
//
// time.Time.In followed by Date, Clock and Weekday looks the zone up three
// times per row. Rows of one profile arrive sorted by time, so nearly every
// row falls into the same zone period (between two DST changes) as the one
// before; localClock caches that period's offset and bounds and does plain
// integer arithmetic otherwise. It never allocates.
type localClock struct {
	loc        *time.Location
	start, end int64 // the cached zone period [start, end) in UTC seconds
	offset     int64 // seconds east of UTC within it
	valid      bool
}

func newLocalClock(loc *time.Location) *localClock { return &localClock{loc: loc} }

// local returns unix shifted into local wall-clock seconds.
func (c *localClock) local(unix int64) int64 {
	if !c.valid || unix < c.start || unix >= c.end {
		t := time.Unix(unix, 0).In(c.loc)
		_, off := t.Zone()
		s, e := t.ZoneBounds()
		c.start, c.end = math.MinInt64, math.MaxInt64
		if !s.IsZero() {
			c.start = s.Unix()
		}
		if !e.IsZero() {
			c.end = e.Unix()
		}
		c.offset, c.valid = int64(off), true
	}
	return unix + c.offset
}

// day returns the local day number (days since 1970-01-01) of unix.
func (c *localClock) day(unix int64) int64 { return floorDiv(c.local(unix), secondsPerDay) }

// floorDiv divides rounding towards negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// weekdayMondayFirst returns 0 for Monday ... 6 for Sunday. Day 0
// (1970-01-01) was a Thursday.
func weekdayMondayFirst(day int64) int {
	return int((day%7 + 7 + 3) % 7)
}

// civil returns the proleptic Gregorian date of a day number, after
// Howard Hinnant's days_from_civil inverse (valid far beyond any Netflix year).
func civil(day int64) (year int64, month, dom int) {
	z := day + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // [0, 365]
	mp := (5*doy + 2) / 153                  // [0, 11]
	d := doy - (153*mp+2)/5 + 1              // [1, 31]
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, int(m), int(d)
}

// monthIndex returns year*12 + month-1 of a day number: consecutive months
// have consecutive indexes, which makes filling gaps a simple loop.
func monthIndex(day int64) int64 {
	y, m, _ := civil(day)
	return y*12 + int64(m-1)
}

// formatDay formats a day number as YYYY-MM-DD.
func formatDay(day int64) string {
	y, m, d := civil(day)
	b := appendYear(make([]byte, 0, 10), y)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	return string(b)
}

// formatMonth formats a month index as YYYY-MM.
func formatMonth(idx int64) string {
	y, m := floorDiv(idx, 12), int(idx-floorDiv(idx, 12)*12)+1
	b := appendYear(make([]byte, 0, 7), y)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10))
	return string(b)
}

// appendYear appends a year with at least four digits.
func appendYear(b []byte, y int64) []byte {
	if y < 0 || y > 9999 {
		// Not reachable from parseStartTime's range; keep the output sane.
		return strconv.AppendInt(b, y, 10)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}
