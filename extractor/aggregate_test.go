package extractor

import (
	"bufio"
	"strings"
	"testing"
	"time"
)

// TestCalendarArithmetic checks the integer calendar helpers against the
// time package over every day from 1999 to 2101 (leap years, century rule).
func TestCalendarArithmetic(t *testing.T) {
	start := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := start; d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		day := d.Unix() / secondsPerDay
		y, m, dom := civil(day)
		if int(y) != d.Year() || m != int(d.Month()) || dom != d.Day() {
			t.Fatalf("civil(%d) = %d-%d-%d, want %s", day, y, m, dom, d.Format(time.DateOnly))
		}
		if got := formatDay(day); got != d.Format(time.DateOnly) {
			t.Fatalf("formatDay = %s, want %s", got, d.Format(time.DateOnly))
		}
		if got := formatMonth(monthIndex(day)); got != d.Format("2006-01") {
			t.Fatalf("month = %s, want %s", got, d.Format("2006-01"))
		}
		want := (int(d.Weekday()) + 6) % 7 // time.Weekday is Sunday first
		if got := weekdayMondayFirst(day); got != want {
			t.Fatalf("%s: weekday %d, want %d", d.Format(time.DateOnly), got, want)
		}
	}
	if floorDiv(-1, secondsPerDay) != -1 || floorDiv(-secondsPerDay, secondsPerDay) != -1 || floorDiv(secondsPerDay-1, secondsPerDay) != 0 {
		t.Error("floorDiv does not round down")
	}
}

// TestLocalClock checks cached zone offsets against time.Time.In for
// every half hour across two years in zones with and without DST, walking
// forwards and backwards (the cache must notice leaving its period).
func TestLocalClock(t *testing.T) {
	for _, zone := range []string{"UTC", "Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		c := newLocalClock(loc)
		from := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		check := func(u int64) {
			_, off := time.Unix(u, 0).In(loc).Zone()
			if got := c.local(u); got != u+int64(off) {
				t.Fatalf("%s %s: local %d, want %d", zone, time.Unix(u, 0).UTC(), got, u+int64(off))
			}
		}
		for u := from; u < to; u += 1800 {
			check(u)
		}
		for u := to; u > from; u -= 1799 {
			check(u)
		}
	}
}

// TestMonthGrowth adds months out of order; gaps stay zero.
func TestMonthGrowth(t *testing.T) {
	var m monthSeries
	for _, idx := range []int64{100, 97, 103, 97} {
		m.at(idx).views++
	}
	want := []int64{2, 0, 0, 1, 0, 0, 1}
	if m.base != 97 || len(m.buckets) != len(want) {
		t.Fatalf("base %d len %d", m.base, len(m.buckets))
	}
	for i, w := range want {
		if m.buckets[i].views != w {
			t.Errorf("month %d: %d views, want %d", 97+i, m.buckets[i].views, w)
		}
	}
}

// TestTrimSpace trims ASCII blanks only.
func TestTrimSpace(t *testing.T) {
	for in, want := range map[string]string{"": "", " a b\t\r\n": "a b", "\u00a0x": "\u00a0x", "  ": ""} {
		if got := string(trimSpace([]byte(in))); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHotPathAllocations checks that reading and classifying a row (the
// production path: nextRecord, then addRecord) does not allocate once its
// profile, device and title have been seen. Series
// views append a 16-byte record for binge sessions, which allocates only
// when the slice grows (amortised far below one allocation per row).
func TestHotPathAllocations(t *testing.T) {
	for _, tc := range []struct {
		name, row string
		max       float64
	}{
		{"movie", "Anna,2023-10-26 20:00:00,01:50:00,Autoplayed: user action: None; ,\"Glass Onion: A Knives Out Mystery\",,Sony PS4,01:50:00,01:50:00,\"KR (Korea, Republic of)\"\n", 0},
		{"series", "Anna,2023-10-26 20:00:00,00:50:00,,Show: Season 1: Pilot (Episode 1),,Apple iPhone 11,00:50:00,00:50:00,NL (Netherlands)\n", 0.05},
		{"supplemental", "Anna,2023-10-26 20:00:00,00:00:15,,X_hook_primary_16x9,HOOK,Apple iPhone 11,,,\n", 0},
		{"another profile", "Bram,2023-10-26 20:00:00,00:50:00,,M,,PC,,,\n", 0},
		{"malformed", "Anna,2023-13-26 20:00:00,00:50:00,,M,,PC,,,\n", 0},
	} {
		const runs = 2000
		in := vaHeader + strings.Repeat(tc.row, runs+10)
		v, err := openViewing(bufio.NewReader(strings.NewReader(in)), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := validateOptions(optionsWith(func(o *Options) { o.Profiles = []string{"Anna"}; o.TimeZone = "Europe/Amsterdam" }))
		if err != nil {
			t.Fatal(err)
		}
		a := newAggregates(cfg, "")
		step := func() {
			rec, err := v.ReadRecord()
			if err != nil {
				t.Fatal(err)
			}
			a.addRecord(rec, &v.cols)
		}
		step() // the first sight of profile, device and title allocates
		if got := testing.AllocsPerRun(runs, step); got > tc.max {
			t.Errorf("%s: %.3f allocations per row, want at most %v", tc.name, got, tc.max)
		}
	}
}
