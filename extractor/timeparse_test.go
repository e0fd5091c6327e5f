package extractor

import (
	"strings"
	"testing"
	"time"
)

// The expected Unix seconds below were computed outside Go with
// `date -u -d "YYYY-MM-DD HH:MM:SS" +%s`.
func TestParseStartTime(t *testing.T) {
	const (
		C = formCanonical
		I = formISO
		D = formDayMonth
	)
	tests := []struct {
		in    string
		order dateOrder
		unix  int64
		form  startForm
		ok    bool
	}{
		// Canonical Netflix form.
		{"2025-04-02 03:54:13", monthFirst, 1743566053, C, true},
		{"2025-04-02 03:54:13", dayFirst, 1743566053, C, true},
		{"2007-01-01 00:00:00", monthFirst, 1167609600, C, true},
		{"2016-02-29 23:59:59", monthFirst, 1456790399, C, true}, // leap day
		{"2024-02-29 00:00:00", monthFirst, 1709164800, C, true},
		{"2100-03-01 00:00:00", monthFirst, 4107542400, C, true}, // 2100 is not leap: Feb has 28 days
		{"9999-12-31 23:59:59", monthFirst, 253402300799, C, true},
		// Spreadsheet re-saves that keep the year first (seconds lost).
		{"2021-12-28 13:02", monthFirst, 1640696520, I, true},
		{"2019-06-02 9:05", monthFirst, 1559466300, I, true},
		{"2019-06-02 09:05", dayFirst, 1559466300, I, true},
		{"2019-06-02 9:05:00", monthFirst, 1559466300, I, true},
		// American settings: month first, 24- or 12-hour clock.
		{"12/28/2021 13:02", monthFirst, 1640696520, D, true},
		{"6/2/2019 9:05", monthFirst, 1559466300, D, true},
		{"06/02/2019 09:05:00", monthFirst, 1559466300, D, true},
		{"2/29/2016 23:59:59", monthFirst, 1456790399, D, true},
		{"10/29/2023 6:36 PM", monthFirst, 1698604560, D, true},
		{"10/29/2023 6:36:17 pm", monthFirst, 1698604577, D, true},
		{"10/29/2023 6:36PM", monthFirst, 1698604560, D, true},
		{"10/29/2023 12:05 AM", monthFirst, 1698537900, D, true},
		{"10/29/2023 12:05 PM", monthFirst, 1698581100, D, true},
		{"1/1/23 1:00", monthFirst, 1672534800, D, true},
		// Dutch, German and British settings: day first.
		{"29-10-2023 18:36", dayFirst, 1698604560, D, true},
		{"29-10-2023 18:36:17", dayFirst, 1698604577, D, true},
		{"29.10.2023 18:36", dayFirst, 1698604560, D, true},
		{"29/10/2023 18:36", dayFirst, 1698604560, D, true},
		{"29-10-23 18:36", dayFirst, 1698604560, D, true},
		{"29-10-2023 0:05", dayFirst, 1698537900, D, true},
		{"29-2-2016 23:59", dayFirst, 1456790340, D, true},
		// One date, two orders.
		{"1/2/2023 1:00", dayFirst, 1675213200, D, true},
		{"1/2/2023 1:00", monthFirst, 1672621200, D, true},
		{"1-2-2023 1:00", dayFirst, 1675213200, D, true},
		// A date the order cannot read.
		{"29-10-2023 18:36", monthFirst, 0, C, false},
		{"10/29/2023 18:36", dayFirst, 0, C, false},
		{"13/1/2023 1:00", monthFirst, 0, C, false},
		{"29-2-2023 1:00", dayFirst, 0, C, false},
		// Before Netflix streaming existed: the Excel empty-date row and friends.
		{"1970-01-01 0:00", monthFirst, 0, C, false},
		{"1970-01-01 00:00:00", monthFirst, 0, C, false},
		{"2006-12-31 23:59:59", monthFirst, 0, C, false},
		{"2000-03-01 00:00:00", monthFirst, 0, C, false},
		{"1-1-1970 0:00", dayFirst, 0, C, false},
		{"1/1/06 0:00", monthFirst, 0, C, false},
		// Out of range.
		{"2023-02-29 00:00:00", monthFirst, 0, C, false},
		{"2100-02-29 00:00:00", monthFirst, 0, C, false},
		{"2023-04-31 00:00:00", monthFirst, 0, C, false},
		{"2023-00-10 00:00:00", monthFirst, 0, C, false},
		{"2023-13-10 00:00:00", monthFirst, 0, C, false},
		{"2023-01-00 00:00:00", monthFirst, 0, C, false},
		{"2023-01-01 24:00:00", monthFirst, 0, C, false},
		{"2023-01-01 23:60:00", monthFirst, 0, C, false},
		{"2023-01-01 23:00:60", monthFirst, 0, C, false},
		{"10/29/2023 13:00 PM", monthFirst, 0, C, false},
		{"10/29/2023 0:30 AM", monthFirst, 0, C, false},
		{"0-10-2023 1:00", dayFirst, 0, C, false},
		// Wrong shapes.
		{"", monthFirst, 0, C, false},
		{"2023-01-01", monthFirst, 0, C, false},
		{"2023-01-01 ", monthFirst, 0, C, false},
		{"2023-01-01T10:00:00", monthFirst, 0, C, false},
		{"2023-01-01 10:00:00Z", monthFirst, 0, C, false},
		{"2023-01-01 10:00:00.123", monthFirst, 0, C, false},
		{"2023-01-01  10:00:00", monthFirst, 0, C, false},
		{" 2023-01-01 10:00:00", monthFirst, 0, C, false},
		{"2023-1-01 10:00:00", monthFirst, 0, C, false},
		{"2023-01-01 100:00:00", monthFirst, 0, C, false},
		{"2023-01-01 10:0:00", monthFirst, 0, C, false},
		{"2023-01-01 10:00:0", monthFirst, 0, C, false},
		{"2023-01-01 10", monthFirst, 0, C, false},
		{"2023-01-01 10:", monthFirst, 0, C, false},
		{"2023-01-01 -1:00:00", monthFirst, 0, C, false},
		{"+023-01-01 10:00:00", monthFirst, 0, C, false},
		{"123/1/2023 1:00", monthFirst, 0, C, false},
		{"1/1/2023", monthFirst, 0, C, false},
		{"29-10/2023 18:36", dayFirst, 0, C, false},
		{"29-10-202 18:36", dayFirst, 0, C, false},
		{"29-10-20231 18:36", dayFirst, 0, C, false},
		{"29-10-2023 18:36 XM", dayFirst, 0, C, false},
		{"29-10-2023 AM", dayFirst, 0, C, false},
		{"29 10 2023 18:36", dayFirst, 0, C, false},
		{"Start Time", monthFirst, 0, C, false},
		{"00:40:54", monthFirst, 0, C, false},
	}
	for _, tt := range tests {
		unix, form, ok := parseStartTime([]byte(tt.in), tt.order)
		if unix != tt.unix || form != tt.form || ok != tt.ok {
			t.Errorf("parseStartTime(%q, %v) = %d, %v, %v; want %d, %v, %v",
				tt.in, tt.order, unix, form, ok, tt.unix, tt.form, tt.ok)
		}
	}
}

// TestParseStartTimeEveryDay compares the hand-written calendar arithmetic
// with the time package for every day from 2007 to 2100 at a few times of
// day, in the canonical form and in every spreadsheet form, formatted by
// the time package.
func TestParseStartTimeEveryDay(t *testing.T) {
	forms := []struct {
		layout string
		order  dateOrder
		form   startForm
		exact  bool // keeps the seconds
	}{
		{"2006-01-02 15:04:05", monthFirst, formCanonical, true},
		{"1/2/2006 15:04:05", monthFirst, formDayMonth, true},
		{"1/2/2006 3:04 PM", monthFirst, formDayMonth, false},
		{"2-1-2006 15:04", dayFirst, formDayMonth, false},
		{"02.01.2006 15:04:05", dayFirst, formDayMonth, true},
		{"02/01/06 15:04", dayFirst, formDayMonth, false},
		{"2006-01-02 15:04", dayFirst, formISO, false},
	}
	end := time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC); d.Before(end); d = d.AddDate(0, 0, 1) {
		for _, clock := range []time.Duration{0, 13*time.Hour + 2*time.Minute + 7*time.Second, 23*time.Hour + 59*time.Minute + 59*time.Second} {
			at := d.Add(clock)
			for _, f := range forms {
				if strings.Contains(f.layout, "/06 ") && at.Year() > 2099 {
					continue // two digits mean 2000 to 2099
				}
				in := at.Format(f.layout)
				want := at.Unix()
				if !f.exact {
					want = at.Truncate(time.Minute).Unix()
				}
				got, form, ok := parseStartTime([]byte(in), f.order)
				if !ok || form != f.form || got != want {
					t.Fatalf("parseStartTime(%q, %v) = %d, %v, %v; want %d, %v, true", in, f.order, got, form, ok, want, f.form)
				}
			}
		}
		// The day after the last day of each month must be rejected when
		// written with the old month (e.g. 2023-02-29, 2023-04-31).
		next := d.AddDate(0, 0, 1)
		if next.Day() == 1 {
			bad := d.Format("2006-01-") + itoa2(d.Day()+1) + " 00:00:00"
			if _, _, ok := parseStartTime([]byte(bad), monthFirst); ok {
				t.Fatalf("parseStartTime(%q) accepted an impossible date", bad)
			}
			bad = itoa2(d.Day()+1) + d.Format("-01-2006") + " 00:00"
			if _, _, ok := parseStartTime([]byte(bad), dayFirst); ok {
				t.Fatalf("parseStartTime(%q) accepted an impossible date", bad)
			}
		}
	}
}

func itoa2(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func TestParseClock(t *testing.T) {
	tests := []struct {
		in  string
		sec int64
		ok  bool
	}{
		{"00:00:01", 1, true},
		{"00:00:00", 0, true},
		{"01:51:20", 6680, true},
		{"04:25:38", 15938, true},
		{"404:10:36", 1455036, true}, // 404*3600 + 10*60 + 36
		{"1:02:03", 3723, true},      // Excel drops the hour padding
		{"9999:59:59", 35999999, true},
		{"0404:10:36", 1455036, true},
		{"10000:00:00", 0, false}, // above maxClockHours
		{"99999999999999999999:00:00", 0, false},
		{"00:60:00", 0, false},
		{"00:00:60", 0, false},
		{"00:0:00", 0, false},
		{"00:00:0", 0, false},
		{":00:00", 0, false},
		{"00:00", 0, false},
		{"0:00", 0, false},
		{"", 0, false},
		{"Not latest view", 0, false},
		{"-1:00:00", 0, false},
		{"+1:00:00", 0, false},
		{" 1:00:00", 0, false},
		{"1:00:00 ", 0, false},
		{"1:00:00:00", 0, false},
		{"aa:bb:cc", 0, false},
		{"00:00:01.5", 0, false},
		{"53", 0, false}, // GamePlaySession-style integer seconds are not a clock
	}
	for _, tt := range tests {
		sec, ok := parseClock([]byte(tt.in))
		if sec != tt.sec || ok != tt.ok {
			t.Errorf("parseClock(%q) = %d, %v; want %d, %v", tt.in, sec, ok, tt.sec, tt.ok)
		}
	}
}

func TestParseAttributes(t *testing.T) {
	tests := []struct {
		in                   string
		hidden, autoplayNone bool
	}{
		{"", false, false},
		{"Autoplayed: user action: None; ", false, true},
		{"Autoplayed: user action: None;", false, true},
		{"Autoplayed: user action: None", false, true},
		{"Autoplayed: user action: Unspecified; ", false, false},
		{"Autoplayed: user action: User_Interaction; ", false, false},
		{"Autoplayed: user action: Visibility_Timeout; ", false, false},
		{"Has branched playback; ", false, false},
		{"View was hidden; ", true, false},
		{"View was hidden;", true, false},
		{"Has branched playback; Autoplayed: user action: None; ", false, true},
		{"Has branched playback; Autoplayed: user action: Unspecified; ", false, false},
		{"View was hidden; Autoplayed: user action: None; ", true, true},
		{"View was hidden; Autoplayed: user action: Unspecified; ", true, false},
		{"  View was hidden  ;;; Autoplayed: user action: None\t;", true, true},
		// Near misses must not match: the items are compared whole.
		{"Autoplayed: user action: Nonesuch; ", false, false},
		{"Autoplayed: user action: none; ", false, false},
		{"View was hidden by me; ", false, false},
		{"Autoplayed: user action: None View was hidden", false, false},
		{";;;", false, false},
	}
	for _, tt := range tests {
		hidden, autoplayNone := parseAttributes([]byte(tt.in))
		if hidden != tt.hidden || autoplayNone != tt.autoplayNone {
			t.Errorf("parseAttributes(%q) = %v, %v; want %v, %v", tt.in, hidden, autoplayNone, tt.hidden, tt.autoplayNone)
		}
	}
}

// TestHotPathAllocs checks the zero-allocation promise outside the
// benchmarks too, so that `go test` alone catches a regression.
func TestHotPathAllocs(t *testing.T) {
	ts := []byte("2025-04-02 03:54:13")
	us := []byte("12/28/2021 1:02 PM")
	nl := []byte("28-12-2021 13:02")
	clock := []byte("404:10:36")
	attrs := []byte("View was hidden; Autoplayed: user action: None; ")
	n := testing.AllocsPerRun(100, func() {
		parseStartTime(ts, monthFirst)
		parseStartTime(us, monthFirst)
		parseStartTime(nl, dayFirst)
		parseClock(clock)
		parseAttributes(attrs)
	})
	if n != 0 {
		t.Errorf("hot-path parsers allocate %v times per run, want 0", n)
	}
}

func FuzzParseStartTime(f *testing.F) {
	for _, s := range []string{"2025-04-02 03:54:13", "2021-12-28 13:02", "2019-06-02 9:05", "12/28/2021 13:02", "6/2/2019 9:05:00",
		"1970-01-01 0:00", "", "2023-02-29 00:00:00", "29-10-2023 18:36", "29.10.23 18:36", "10/29/2023 6:36 PM"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, dayFirstOrder bool) {
		order := monthFirst
		if dayFirstOrder {
			order = dayFirst
		}
		unix, form, ok := parseStartTime([]byte(s), order)
		if !ok {
			if unix != 0 || form != formCanonical {
				t.Fatalf("parseStartTime(%q) failed but returned %d, %v", s, unix, form)
			}
			return
		}
		// Whatever was accepted must be a real instant from 2007 on whose
		// canonical rendering parses back to the same instant.
		tm := time.Unix(unix, 0).UTC()
		if tm.Year() < minStartYear {
			t.Fatalf("parseStartTime(%q) = %v, before %d", s, tm, minStartYear)
		}
		canon := tm.Format("2006-01-02 15:04:05")
		back, f2, ok2 := parseStartTime([]byte(canon), order)
		if !ok2 || f2 != formCanonical || back != unix {
			t.Fatalf("round trip of %q via %q: %d, %v, %v", s, canon, back, f2, ok2)
		}
		if form == formCanonical && canon != s {
			t.Fatalf("parseStartTime(%q) is canonical but renders as %q", s, canon)
		}
	})
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"00:00:01", "404:10:36", "1:02:03", "Not latest view", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sec, ok := parseClock([]byte(s))
		if !ok {
			if sec != 0 {
				t.Fatalf("parseClock(%q) failed but returned %d", s, sec)
			}
			return
		}
		if sec < 0 || sec > maxClockHours*3600+59*60+59 {
			t.Fatalf("parseClock(%q) = %d, out of range", s, sec)
		}
	})
}

func BenchmarkParseStartTime(b *testing.B) {
	in := []byte("2025-04-02 03:54:13")
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		parseStartTime(in, monthFirst)
	}
}

func BenchmarkParseStartTimeLenient(b *testing.B) {
	in := []byte("12/28/2021 13:02")
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		parseStartTime(in, monthFirst)
	}
}

func BenchmarkParseClock(b *testing.B) {
	in := []byte("01:51:20")
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		parseClock(in)
	}
}

func BenchmarkParseAttributes(b *testing.B) {
	in := []byte("View was hidden; Autoplayed: user action: None; ")
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		parseAttributes(in)
	}
}
