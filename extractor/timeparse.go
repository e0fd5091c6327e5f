package extractor

// This file holds the hand-written parsers for the three per-row fields
// that sit on the hot path (Start Time, Duration/Bookmark, Attributes).
// They run once per row for up to a million rows, also in WebAssembly,
// where time.Parse, strings.Split and friends cost allocations and
// reflection-free but still heavy generic code. So they read bytes
// directly and never allocate; the benchmarks in timeparse_test.go check
// the zero-allocation promise.

// minStartYear is the earliest year a Start Time may have. Netflix began
// streaming in 2007, so an earlier year cannot be a real view: it is a
// damaged cell, typically the Excel "1970-01-01 0:00" row that a
// spreadsheet writes for an empty or unparseable date. Such rows are
// malformed rather than views 50 years in the past.
const minStartYear = 2007

// maxClockHours bounds the hours of an H+:MM:SS value. Real values stay
// far below it (the largest Bookmark seen is 404 hours), and the bound
// keeps hours*3600 from overflowing on hostile input.
const maxClockHours = 9999

// maxClockDigits is the most hour digits parseClock reads, so that
// zero-padded hours ("0404:10:36") still parse.
const maxClockDigits = 6

// startForm tells how a Start Time was written.
type startForm uint8

// The forms parseStartTime reads.
const (
	// formCanonical is Netflix's own "YYYY-MM-DD HH:MM:SS".
	formCanonical startForm = iota
	// formISO is a spreadsheet re-save that kept the year first but lost
	// the seconds or the padding: "YYYY-MM-DD H:MM".
	formISO
	// formDayMonth is a spreadsheet re-save in the day and month order of
	// its regional settings: "29-10-2023 18:36", "10/29/2023 6:36 PM".
	formDayMonth
)

// parseStartTime parses a ViewingActivity Start Time as UTC seconds since
// the Unix epoch. Spreadsheets do not convert the time when they re-save
// the file, so every form is still UTC.
//
// The canonical Netflix form is "YYYY-MM-DD HH:MM:SS" (UTC, zero-padded).
// Spreadsheet re-saves lose the seconds and the padding and write the
// date as their regional settings do, so these forms are accepted too and
// reported as formISO or formDayMonth:
//
//	YYYY-MM-DD H:MM      (also HH:MM, H:MM:SS, HH:MM:SS)
//	D-M-YYYY H:MM        (Dutch; also D.M.YYYY (German), D/M/YYYY (British))
//	M/D/YYYY h:mm PM     (American; a 12-hour clock with AM or PM, or 24-hour)
//
// with one or two digits for day, month and hour, two or four for the
// year (two mean 20YY), seconds optional. Whether a date that does not
// start with the year is day first or month first is order, decided once
// per file (see dateEvidence), never by the row.
//
// Ranges are checked (month 1-12, day within the month with leap years,
// hour < 24, minute and second < 60), and years before minStartYear are
// rejected. ok is false for anything else; the function never allocates.
func parseStartTime(b []byte, order dateOrder) (unix int64, form startForm, ok bool) {
	if unix, ok := parseCanonical(b); ok {
		return unix, formCanonical, true
	}
	return parseResavedStart(b, order)
}

// parseResavedStart is parseStartTime for every form but the canonical
// one: the path only re-saved files take.
func parseResavedStart(b []byte, order dateOrder) (unix int64, form startForm, ok bool) {
	year, month, day, rest, iso, ok := parseDate(b, order)
	if !ok || len(rest) < 2 || rest[0] != ' ' {
		return 0, 0, false
	}
	sec, ok := parseTimeOfDay(rest[1:])
	if !ok || year < minStartYear || !validDate(year, month, day) {
		return 0, 0, false
	}
	form = formDayMonth
	if iso {
		form = formISO
	}
	return daysFromCivil(year, month, day)*86400 + sec, form, true
}

// parseCanonical is parseStartTime for the canonical form alone, which
// nearly every row has: one shape test and fixed-position digit pairs
// instead of the general parsers' steps (a tenth of the per-row cost in
// WebAssembly). It checks the same ranges. When it says no, the general
// parsers decide, so the result never depends on this shortcut.
func parseCanonical(b []byte) (unix int64, ok bool) {
	if len(b) != 19 || b[4] != '-' || b[7] != '-' || b[10] != ' ' || b[13] != ':' || b[16] != ':' {
		return 0, false
	}
	century, ok1 := digitPair(b[0], b[1])
	yy, ok2 := digitPair(b[2], b[3])
	month, ok3 := digitPair(b[5], b[6])
	day, ok4 := digitPair(b[8], b[9])
	h, ok5 := digitPair(b[11], b[12])
	m, ok6 := digitPair(b[14], b[15])
	s, ok7 := digitPair(b[17], b[18])
	year := century*100 + yy
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || h > 23 || m > 59 || s > 59 ||
		year < minStartYear || !validDate(year, month, day) {
		return 0, false
	}
	return daysFromCivil(year, month, day)*86400 + int64(h*3600+m*60+s), true
}

// digitPair reads two ASCII digits as a number 0-99. A byte below '0'
// wraps around to above 9, so one comparison per digit checks it.
func digitPair(hi, lo byte) (n int, ok bool) {
	h, l := hi-'0', lo-'0'
	return int(h)*10 + int(l), h <= 9 && l <= 9
}

// parseDate reads the date part of a Start Time: either ISO "YYYY-MM-DD"
// (iso = true) or a spreadsheet's "A-B-Y", "A.B.Y" or "A/B/Y" (see
// splitDayMonth), read in order. It returns the bytes after the date. It
// checks only the shape; ranges are checked by validDate.
func parseDate(b []byte, order dateOrder) (year, month, day int, rest []byte, iso bool, ok bool) {
	if len(b) >= 10 && b[4] == '-' && b[7] == '-' {
		y, ok1 := digits(b[0:4])
		m, ok2 := digits(b[5:7])
		d, ok3 := digits(b[8:10])
		return y, m, d, b[10:], true, ok1 && ok2 && ok3
	}
	first, second, year, _, rest, ok := splitDayMonth(b)
	if !ok {
		return 0, 0, 0, nil, false, false
	}
	if order == dayFirst {
		return year, second, first, rest, false, true
	}
	return year, first, second, rest, false, true
}

// parseTimeOfDay reads "H:MM", "HH:MM", "H:MM:SS" or "HH:MM:SS", on a
// 24-hour clock or, followed by "AM" or "PM" (any case, after an optional
// space), on a 12-hour clock (12 AM is midnight), and returns the seconds
// since midnight. It must consume all of b.
func parseTimeOfDay(b []byte) (sec int64, ok bool) {
	b, pm, twelve := cutMeridiem(b)
	h, b, ok := shortNumber(b, ':')
	if !ok || h > 23 || len(b) < 2 || twelve && (h < 1 || h > 12) {
		return 0, false
	}
	if twelve {
		h %= 12
		if pm {
			h += 12
		}
	}
	m, ok := digits(b[0:2])
	if !ok || m > 59 {
		return 0, false
	}
	s := 0
	switch {
	case len(b) == 2:
	case len(b) == 5 && b[2] == ':':
		s, ok = digits(b[3:5])
		if !ok || s > 59 {
			return 0, false
		}
	default:
		return 0, false
	}
	return int64(h)*3600 + int64(m)*60 + int64(s), true
}

// cutMeridiem removes a trailing "AM" or "PM" (any case, after an
// optional space) from a time of day.
func cutMeridiem(b []byte) (rest []byte, pm, twelve bool) {
	n := len(b)
	if n < 2 || b[n-1]|0x20 != 'm' {
		return b, false, false
	}
	switch b[n-2] | 0x20 {
	case 'a':
	case 'p':
		pm = true
	default:
		return b, false, false
	}
	rest = b[:n-2]
	if len(rest) > 0 && rest[len(rest)-1] == ' ' {
		rest = rest[:len(rest)-1]
	}
	return rest, pm, true
}

// validDate reports whether month and day form a real date in year
// (proleptic Gregorian calendar).
func validDate(year, month, day int) bool {
	return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
}

// daysIn returns the number of days in month of year.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date. It is Howard Hinnant's days_from_civil
// algorithm (http://howardhinnant.github.io/date_algorithms.html),
// specialised to non-negative years: shifting the year to start in March
// puts the leap day at the end, so the day of the year follows from one
// linear formula, and 400-year eras repeat exactly (146097 days).
func daysFromCivil(year, month, day int) int64 {
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400                     // [0, 399]
	mp := int64(month+9) % 12              // March = 0, ..., February = 11
	doy := (153*mp+2)/5 + int64(day) - 1   // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468       // 719468 = days from 0000-03-01 to 1970-01-01
}

// parseClock parses a Duration or Bookmark, "H+:MM:SS", into seconds.
// Hours have any number of digits (1 in Excel re-saves, 3 in a real
// "404:10:36" Bookmark) up to maxClockHours; minutes and seconds are
// exactly two digits, 00-59. It never allocates.
func parseClock(b []byte) (seconds int64, ok bool) {
	n := len(b)
	// At least "H:MM:SS"; at most maxClockDigits hour digits, which also
	// keeps digits() far from overflowing on a hostile megabyte of digits.
	if n < 7 || n-6 > maxClockDigits || b[n-3] != ':' || b[n-6] != ':' {
		return 0, false
	}
	h, ok1 := digits(b[:n-6])
	m, ok2 := digits(b[n-5 : n-3])
	s, ok3 := digits(b[n-2:])
	if !ok1 || !ok2 || !ok3 || h > maxClockHours || m > 59 || s > 59 {
		return 0, false
	}
	return int64(h)*3600 + int64(m)*60 + int64(s), true
}

// parseAttributes reads the Attributes field: ";"-separated items, each
// trimmed of spaces (Netflix writes "Item; Item; ", one file lacks the
// trailing space). hidden reports the item "View was hidden" and
// autoplayNone the item "Autoplayed: user action: None". Other items
// (other autoplay actions, "Has branched playback", unknown future ones)
// are ignored. It never allocates: comparing string(item) with a constant
// is done in place by the compiler.
func parseAttributes(b []byte) (hidden, autoplayNone bool) {
	for len(b) > 0 {
		item := b
		next := []byte(nil)
		for i, c := range b {
			if c == ';' {
				item, next = b[:i], b[i+1:]
				break
			}
		}
		switch string(trimSpaces(item)) {
		case "View was hidden":
			hidden = true
		case "Autoplayed: user action: None":
			autoplayNone = true
		}
		b = next
	}
	return hidden, autoplayNone
}

// trimSpaces removes leading and trailing ASCII spaces and tabs.
func trimSpaces(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// shortNumber reads one or two decimal digits followed by sep and returns
// the number and the bytes after sep.
func shortNumber(b []byte, sep byte) (n int, rest []byte, ok bool) {
	switch {
	case len(b) >= 2 && isDigit(b[0]) && b[1] == sep:
		return int(b[0] - '0'), b[2:], true
	case len(b) >= 3 && isDigit(b[0]) && isDigit(b[1]) && b[2] == sep:
		return int(b[0]-'0')*10 + int(b[1]-'0'), b[3:], true
	}
	return 0, nil, false
}

// digits parses b, which must be all ASCII digits and non-empty.
func digits(b []byte) (n int, ok bool) {
	if len(b) == 0 {
		return 0, false
	}
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
