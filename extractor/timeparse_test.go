package extractor

import (
	"testing"
	"time"
)

// The expected Unix seconds below were computed outside Go with
// `date -u -d "YYYY-MM-DD HH:MM:SS" +%s`.
func TestParseStartTime(t *testing.T) {
	tests := []struct {
		in      string
		unix    int64
		lenient bool
		ok      bool
	}{
		// Canonical Netflix form.
		{"2025-04-02 03:54:13", 1743566053, false, true},
		{"2007-01-01 00:00:00", 1167609600, false, true},
		{"2016-02-29 23:59:59", 1456790399, false, true}, // leap day
		{"2024-02-29 00:00:00", 1709164800, false, true},
		{"2100-03-01 00:00:00", 4107542400, false, true}, // 2100 is not leap: Feb has 28 days
		{"9999-12-31 23:59:59", 253402300799, false, true},
		// Spreadsheet re-saves (seconds lost): lenient.
		{"2021-12-28 13:02", 1640696520, true, true},
		{"2019-06-02 9:05", 1559466300, true, true},
		{"2019-06-02 09:05", 1559466300, true, true},
		{"2019-06-02 9:05:00", 1559466300, true, true},
		{"12/28/2021 13:02", 1640696520, true, true},
		{"6/2/2019 9:05", 1559466300, true, true},
		{"06/02/2019 09:05:00", 1559466300, true, true},
		{"2/29/2016 23:59:59", 1456790399, true, true},
		// Before Netflix streaming existed: the Excel empty-date row and friends.
		{"1970-01-01 0:00", 0, false, false},
		{"1970-01-01 00:00:00", 0, false, false},
		{"2006-12-31 23:59:59", 0, false, false},
		{"2000-03-01 00:00:00", 0, false, false},
		// Out of range.
		{"2023-02-29 00:00:00", 0, false, false},
		{"2100-02-29 00:00:00", 0, false, false},
		{"2023-04-31 00:00:00", 0, false, false},
		{"2023-00-10 00:00:00", 0, false, false},
		{"2023-13-10 00:00:00", 0, false, false},
		{"2023-01-00 00:00:00", 0, false, false},
		{"2023-01-01 24:00:00", 0, false, false},
		{"2023-01-01 23:60:00", 0, false, false},
		{"2023-01-01 23:00:60", 0, false, false},
		{"13/1/2023 1:00", 0, false, false},
		// Wrong shapes.
		{"", 0, false, false},
		{"2023-01-01", 0, false, false},
		{"2023-01-01 ", 0, false, false},
		{"2023-01-01T10:00:00", 0, false, false},
		{"2023-01-01 10:00:00Z", 0, false, false},
		{"2023-01-01 10:00:00.123", 0, false, false},
		{"2023-01-01  10:00:00", 0, false, false},
		{" 2023-01-01 10:00:00", 0, false, false},
		{"2023-1-01 10:00:00", 0, false, false},
		{"2023-01-01 100:00:00", 0, false, false},
		{"2023-01-01 10:0:00", 0, false, false},
		{"2023-01-01 10:00:0", 0, false, false},
		{"2023-01-01 10", 0, false, false},
		{"2023-01-01 10:", 0, false, false},
		{"2023-01-01 -1:00:00", 0, false, false},
		{"+023-01-01 10:00:00", 0, false, false},
		{"123/1/2023 1:00", 0, false, false},
		{"1/1/23 1:00", 0, false, false},
		{"1/1/2023", 0, false, false},
		{"Start Time", 0, false, false},
		{"00:40:54", 0, false, false},
	}
	for _, tt := range tests {
		unix, lenient, ok := parseStartTime([]byte(tt.in))
		if unix != tt.unix || lenient != tt.lenient || ok != tt.ok {
			t.Errorf("parseStartTime(%q) = %d, %v, %v; want %d, %v, %v",
				tt.in, unix, lenient, ok, tt.unix, tt.lenient, tt.ok)
		}
	}
}

// TestParseStartTimeEveryDay compares the hand-written calendar arithmetic
// with the time package for every day from 2007 to 2100 at a few times of
// day, in both the canonical and the US re-save form.
func TestParseStartTimeEveryDay(t *testing.T) {
	end := time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC); d.Before(end); d = d.AddDate(0, 0, 1) {
		for _, clock := range []time.Duration{0, 13*time.Hour + 2*time.Minute + 7*time.Second, 23*time.Hour + 59*time.Minute + 59*time.Second} {
			want := d.Add(clock)
			canon := want.Format("2006-01-02 15:04:05")
			got, lenient, ok := parseStartTime([]byte(canon))
			if !ok || lenient || got != want.Unix() {
				t.Fatalf("parseStartTime(%q) = %d, %v, %v; want %d, false, true", canon, got, lenient, ok, want.Unix())
			}
			us := want.Format("1/2/2006 15:04:05")
			got, lenient, ok = parseStartTime([]byte(us))
			if !ok || !lenient || got != want.Unix() {
				t.Fatalf("parseStartTime(%q) = %d, %v, %v; want %d, true, true", us, got, lenient, ok, want.Unix())
			}
		}
		// The day after the last day of each month must be rejected when
		// written with the old month (e.g. 2023-02-29, 2023-04-31).
		next := d.AddDate(0, 0, 1)
		if next.Day() == 1 {
			bad := d.Format("2006-01-") + itoa2(d.Day()+1) + " 00:00:00"
			if _, _, ok := parseStartTime([]byte(bad)); ok {
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
	us := []byte("12/28/2021 13:02")
	clock := []byte("404:10:36")
	attrs := []byte("View was hidden; Autoplayed: user action: None; ")
	n := testing.AllocsPerRun(100, func() {
		parseStartTime(ts)
		parseStartTime(us)
		parseClock(clock)
		parseAttributes(attrs)
	})
	if n != 0 {
		t.Errorf("hot-path parsers allocate %v times per run, want 0", n)
	}
}

func FuzzParseStartTime(f *testing.F) {
	for _, s := range []string{"2025-04-02 03:54:13", "2021-12-28 13:02", "2019-06-02 9:05", "12/28/2021 13:02", "6/2/2019 9:05:00", "1970-01-01 0:00", "", "2023-02-29 00:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		unix, lenient, ok := parseStartTime([]byte(s))
		if !ok {
			if unix != 0 || lenient {
				t.Fatalf("parseStartTime(%q) failed but returned %d, %v", s, unix, lenient)
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
		back, l2, ok2 := parseStartTime([]byte(canon))
		if !ok2 || l2 || back != unix {
			t.Fatalf("round trip of %q via %q: %d, %v, %v", s, canon, back, l2, ok2)
		}
		if !lenient && canon != s {
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
		parseStartTime(in)
	}
}

func BenchmarkParseStartTimeLenient(b *testing.B) {
	in := []byte("12/28/2021 13:02")
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		parseStartTime(in)
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
