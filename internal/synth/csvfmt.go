package synth

import (
	"bytes"
	"strconv"
)

// needsQuotes reports whether an RFC 4180 field must be quoted: Netflix
// quotes only fields that contain a comma or a quote (and a line break
// would need it too).
func needsQuotes(b []byte) bool {
	return bytes.ContainsAny(b, ",\"\r\n")
}

// appendField appends b as one CSV field, quoted only when needed, with
// embedded quotes doubled.
func appendField(dst, b []byte) []byte {
	if !needsQuotes(b) {
		return append(dst, b...)
	}
	dst = append(dst, '"')
	for _, c := range b {
		if c == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, c)
	}
	return append(dst, '"')
}

// appendQuoted appends s as a field that is always quoted, as in
// Profiles.csv and AccountDetails.csv.
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, s[i])
	}
	return append(dst, '"')
}

// encodeField returns s encoded as one CSV field, for values that are
// written many times (profile names, devices, countries).
func encodeField(s string) []byte {
	return appendField(nil, []byte(s))
}

// append2 appends n (0..99) as two digits.
func append2(dst []byte, n int) []byte {
	return append(dst, byte('0'+n/10), byte('0'+n%10))
}

// appendClock appends seconds as H+:MM:SS with at least minHourDigits
// hour digits (2 in Netflix files, 1 after a spreadsheet re-save).
func appendClock(dst []byte, secs int64, minHourDigits int) []byte {
	h := secs / 3600
	if h < 10 && minHourDigits == 2 {
		dst = append(dst, '0')
	}
	dst = strconv.AppendInt(dst, h, 10)
	dst = append(dst, ':')
	dst = append2(dst, int(secs/60%60))
	dst = append(dst, ':')
	return append2(dst, int(secs%60))
}

// civil converts days since 1970-01-01 to a proleptic Gregorian date
// (Howard Hinnant's days_from_civil inverse), avoiding time.Time on the
// per-row path.
func civil(days int64) (year, month, day int) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

// Start Time layouts the generator writes.
const (
	startCanonical    = iota // 2021-03-07 21:14:05 (Netflix)
	startISOMinute           // 2021-03-07 21:14 (spreadsheet re-save)
	startISOShortHour        // 2021-03-07 9:05 (spreadsheet re-save)
	startUSMinute            // 3/7/2021 21:14 (US spreadsheet re-save)
)

// appendStart appends a UTC Unix time in one of the Start Time layouts.
func appendStart(dst []byte, unix int64, layout int) []byte {
	days, secs := unix/86400, unix%86400
	if secs < 0 {
		days, secs = days-1, secs+86400
	}
	y, m, d := civil(days)
	hh, mm, ss := int(secs/3600), int(secs/60%60), int(secs%60)
	if layout == startUSMinute {
		dst = strconv.AppendInt(dst, int64(m), 10)
		dst = append(dst, '/')
		dst = strconv.AppendInt(dst, int64(d), 10)
		dst = append(dst, '/')
		dst = strconv.AppendInt(dst, int64(y), 10)
	} else {
		dst = strconv.AppendInt(dst, int64(y), 10)
		dst = append(dst, '-')
		dst = append2(dst, m)
		dst = append(dst, '-')
		dst = append2(dst, d)
	}
	dst = append(dst, ' ')
	if layout == startCanonical || layout == startISOMinute || hh >= 10 {
		dst = append2(dst, hh)
	} else {
		dst = strconv.AppendInt(dst, int64(hh), 10)
	}
	dst = append(dst, ':')
	dst = append2(dst, mm)
	if layout == startCanonical {
		dst = append(dst, ':')
		dst = append2(dst, ss)
	}
	return dst
}
