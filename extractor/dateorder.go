package extractor

// This file decides how a spreadsheet re-save writes its dates. Netflix
// writes "2023-10-29 18:36:12"; a spreadsheet that opens and saves the
// file writes the date as its regional settings show it: "29-10-2023
// 18:36" (Dutch), "29.10.2023 18:36" (German), "29/10/2023 18:36"
// (British), "10/29/2023 18:36" (American). "1/2/2023" is the first of
// February or the second of January depending on those settings, which
// the file does not name. So the order is decided once for the whole
// file, from all its dates: one whose first number is above 12 can only be
// day first, one whose second is can only be month first. A row is never
// read in an order of its own.

// dateOrder is how a file writes a date that does not start with the
// year.
type dateOrder uint8

// The date orders.
const (
	monthFirst dateOrder = iota // 10/29/2023: American settings
	dayFirst                    // 29-10-2023, 29.10.2023, 29/10/2023: Dutch, German, British
)

// The values of Source.DateOrder.
const (
	DateOrderISO        = "iso"         // every Start Time begins with the year, as Netflix writes it
	DateOrderDayFirst   = "day_first"   // dates were read as day, month, year
	DateOrderMonthFirst = "month_first" // dates were read as month, day, year
)

// String returns the Source.DateOrder name of o.
func (o dateOrder) String() string {
	if o == dayFirst {
		return DateOrderDayFirst
	}
	return DateOrderMonthFirst
}

// splitDayMonth reads the date of a spreadsheet re-save: two numbers of
// one or two digits and a year of four digits or two (20YY), separated by
// one and the same sep, "-", "." or "/". first and second are the two
// numbers as written; which is the day is the file's dateOrder.
func splitDayMonth(b []byte) (first, second, year int, sep byte, rest []byte, ok bool) {
	if len(b) < 2 {
		return 0, 0, 0, 0, nil, false
	}
	i := 1
	if isDigit(b[1]) {
		i = 2
	}
	if len(b) <= i || !isDateSep(b[i]) {
		return 0, 0, 0, 0, nil, false
	}
	sep = b[i]
	first, b, ok1 := shortNumber(b, sep)
	second, b, ok2 := shortNumber(b, sep)
	if !ok1 || !ok2 {
		return 0, 0, 0, 0, nil, false
	}
	n := 0
	for n < len(b) && n < 5 && isDigit(b[n]) {
		n++
	}
	switch n {
	case 4:
		year, _ = digits(b[:4])
	case 2:
		year, _ = digits(b[:2])
		year += 2000
	default:
		return 0, 0, 0, 0, nil, false
	}
	return first, second, year, sep, b[n:], true
}

// isDateSep reports whether c separates the parts of a re-saved date.
func isDateSep(c byte) bool { return c == '-' || c == '.' || c == '/' }

// dateEvidence collects, over all Start Times of a file, what tells day
// first from month first.
type dateEvidence struct {
	dates      int64 // Start Times with a day-and-month date
	dayFirst   int64 // of which only day first can read (first number 13 to 31)
	monthFirst int64 // of which only month first can read (second number 13 to 31)
	dashOrDot  int64 // of which separated by "-" or "."
}

// add looks at one Start Time field.
func (e *dateEvidence) add(start []byte) {
	first, second, _, sep, _, ok := splitDayMonth(trimSpace(start))
	if !ok {
		return
	}
	e.dates++
	switch {
	case first > 12 && first <= 31 && second >= 1 && second <= 12:
		e.dayFirst++
	case second > 12 && second <= 31 && first >= 1 && first <= 12:
		e.monthFirst++
	}
	if sep != '/' {
		e.dashOrDot++
	}
}

// decide returns the order of the file's dates, and whether it was
// assumed for lack of evidence. Dates that only one order can read decide
// (the more numerous, if a damaged file has both: the others become
// unreadable rows). Without them the separators are hints: no regional
// setting writes month first with "-" or ".", and a spreadsheet writes
// ";" between fields where "," is the decimal comma, in Europe, where
// dates are day first; with "," between fields and "/" in dates, month
// first, the American way, is assumed.
func (e *dateEvidence) decide(comma byte) (order dateOrder, assumed bool) {
	switch {
	case e.dayFirst > e.monthFirst:
		return dayFirst, false
	case e.monthFirst > e.dayFirst:
		return monthFirst, false
	case e.dashOrDot > 0:
		return dayFirst, true
	}
	return defaultDateOrder(comma), true
}

// defaultDateOrder is the order assumed without any evidence: day first
// when fields are separated by ";", month first otherwise.
func defaultDateOrder(comma byte) dateOrder {
	if comma == ';' {
		return dayFirst
	}
	return monthFirst
}
