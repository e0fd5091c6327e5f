package extractor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// TestExcludedRuleOrder checks each exclusion rule and that the first
// matching rule wins, on rows whose bucket was decided by hand.
func TestExcludedRuleOrder(t *testing.T) {
	csv := vaHeader +
		// another profile's row is not read, even when otherwise a good view
		"Bram,2025-05-01 10:00:00,01:00:00,,Movie A,,Sony PS4,01:00:00,01:00:00,NL (Netherlands)\n" +
		// nor when it is malformed
		"Bram,garbage,xx,,Movie A,,Sony PS4,,,\n" +
		// malformed Start Time
		"Anna,not a time,00:10:00,,Movie A,,Sony PS4,,,\n" +
		// malformed Duration
		"Anna,2023-05-01 10:00:00,1:2,,Movie A,,Sony PS4,,,\n" +
		// malformed comes before outside_period
		"Anna,2024-01-01 10:00:00,bad,,Movie A,,Sony PS4,,,\n" +
		// outside_period comes before supplemental and short
		"Anna,2022-12-31 10:00:00,00:00:10,,Trailer: Movie A,TRAILER,Sony PS4,,,\n" +
		// outside_period after To
		"Anna,2024-01-01 00:00:00,01:00:00,,Movie A,,Sony PS4,,,\n" +
		// supplemental comes before short; any value counts
		"Anna,2023-06-01 10:00:00,00:00:30,,Movie A_hook_primary_16x9,SOME_FUTURE_CODE,Sony PS4,,,\n" +
		// short: 59 s < 60
		"Anna,2023-06-01 11:00:00,00:00:59,,Movie B,,Sony PS4,,,\n" +
		// a view: exactly the minimum
		"Anna,2023-06-01 12:00:00,00:01:00,,Movie B,,Sony PS4,,,\n" +
		// a view on the last day of the period
		"Anna,2023-12-31 23:59:59,00:45:00,,Movie C,,Sony PS4,,,\n"
	s := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) {
		o.Profiles = []string{"Anna"}
		o.From, o.To = "2023-01-01", "2023-12-31"
	}))
	want := Excluded{Malformed: 3, OutsidePeriod: 2, Supplemental: 1, Short: 1}
	if s.Excluded != want {
		t.Errorf("excluded = %+v, want %+v", s.Excluded, want)
	}
	if s.RowsTotal != 9 || s.Totals.Views != 2 || s.Totals.Seconds != 60+45*60 {
		t.Errorf("rows %d views %d seconds %d, want 9, 2, %d", s.RowsTotal, s.Totals.Views, s.Totals.Seconds, 60+45*60)
	}
	if want := (Profiles{Count: 2, Selected: 1}); s.Profiles != want {
		t.Errorf("profiles = %+v, want %+v", s.Profiles, want)
	}
	// The newest parseable Start Time of the chosen profile's rows, even
	// excluded ones; Bram's newer row is not looked at.
	if s.Source.NewestDay != "2024-01-01" {
		t.Errorf("newest_day = %q, want 2024-01-01", s.Source.NewestDay)
	}
}

// TestMinSeconds checks the short rule at other minimums, including 0.
func TestMinSeconds(t *testing.T) {
	csv := vaHeader +
		"A,2023-06-01 10:00:00,00:00:01,,M,,PC,,,\n" +
		"A,2023-06-01 11:00:00,00:02:00,,M,,PC,,,\n" +
		"A,2023-06-01 12:00:00,00:02:01,,M,,PC,,,\n"
	for _, tc := range []struct{ min, views, short int64 }{{0, 3, 0}, {1, 3, 0}, {2, 2, 1}, {120, 2, 1}, {121, 1, 2}, {122, 0, 3}} {
		s := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.MinSeconds = int(tc.min) }))
		if s.Totals.Views != tc.views || s.Excluded.Short != tc.short {
			t.Errorf("min %d: views %d short %d, want %d %d", tc.min, s.Totals.Views, s.Excluded.Short, tc.views, tc.short)
		}
	}
}

// TestAmsterdamBuckets checks local buckets in Europe/Amsterdam: winter
// (UTC+1), summer (UTC+2), a view crossing midnight UTC into another
// local date, both DST changes, months without views filled with zeros,
// and weekday Monday first. All local times were worked out by hand.
func TestAmsterdamBuckets(t *testing.T) {
	csv := vaHeader +
		// Sat 2023-07-15 22:30 UTC = Sun 2023-07-16 00:30 CEST: weekday 6, hour 0.
		"P,2023-07-15 22:30:00,01:00:00,,Show: Season 1: Ep A (Episode 1),,Samsung 2016 Jazz-L UHD TV Smart TV,,,\n" +
		// Tue 2023-01-10 12:00 UTC = 13:00 CET: weekday 1, hour 13.
		"P,2023-01-10 12:00:00,00:30:00,Autoplayed: user action: None; ,Movie M,,Apple iPhone 11,,,\n" +
		// Sun 2023-03-26 00:30 UTC = 01:30 CET (before the change at 01:00 UTC): weekday 6, hour 1.
		"P,2023-03-26 00:30:00,00:20:00,,Movie M,,Apple iPhone 11,,,\n" +
		// Sun 2023-03-26 01:30 UTC = 03:30 CEST: weekday 6, hour 3. Hidden.
		"P,2023-03-26 01:30:00,00:10:00,View was hidden; ,HIDDEN TITLE(user hid title at this time): Secret,,Apple iPhone 11,,,\n" +
		// Sun 2023-10-29 00:30 UTC = 02:30 CEST and 01:30 UTC = 02:30 CET: both weekday 6, hour 2.
		"P,2023-10-29 00:30:00,00:05:00,,Movie M,,Sony PS4,,,\n" +
		"P,2023-10-29 01:30:00,00:06:00,,Movie M,,Sony PS4,,,\n" +
		// Sun 2023-12-31 23:30 UTC = Mon 2024-01-01 00:30 CET: weekday 0, hour 0, month 2024-01.
		"P,2023-12-31 23:30:00,00:07:00,,Movie N,,Sony PS4,,,\n"
	s := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.TimeZone = "Europe/Amsterdam" }))

	var wh [7][24]int64
	wh[6][0] = 3600
	wh[1][13] = 1800
	wh[6][1] = 1200
	wh[6][3] = 600
	wh[6][2] = 300 + 360
	wh[0][0] = 420
	if s.WeekdayHourSeconds != wh {
		t.Errorf("weekday_hour_seconds = %v, want %v", s.WeekdayHourSeconds, wh)
	}
	wantMonths := []MonthStat{
		{"2023-01", 1, 1800}, {"2023-02", 0, 0}, {"2023-03", 2, 1800}, {"2023-04", 0, 0},
		{"2023-05", 0, 0}, {"2023-06", 0, 0}, {"2023-07", 1, 3600}, {"2023-08", 0, 0},
		{"2023-09", 0, 0}, {"2023-10", 2, 660}, {"2023-11", 0, 0}, {"2023-12", 0, 0},
		{"2024-01", 1, 420},
	}
	if !reflect.DeepEqual(s.ByMonth, wantMonths) {
		t.Errorf("by_month = %v, want %v", s.ByMonth, wantMonths)
	}
	wantTotals := Totals{
		Views: 7, Seconds: 3600 + 1800 + 1200 + 600 + 300 + 360 + 420,
		ActiveDays: 5, // 01-10, 03-26, 07-16, 10-29, 2024-01-01
		Titles:     3, Series: 1, Movies: 2,
		FirstDay: "2023-01-10", LastDay: "2024-01-01",
		HiddenViews: 1, AutoplayViews: 1, AutoplaySeconds: 1800,
	}
	if s.Totals != wantTotals {
		t.Errorf("totals = %+v\nwant     %+v", s.Totals, wantTotals)
	}
	if s.Source.NewestDay != "2024-01-01" {
		t.Errorf("newest_day = %q, want 2024-01-01", s.Source.NewestDay)
	}

	// The same rows in UTC land in other buckets.
	u := mustExtract(t, loneCSV(csv), DefaultOptions())
	if u.Totals.LastDay != "2023-12-31" || u.Totals.FirstDay != "2023-01-10" || u.ByMonth[len(u.ByMonth)-1].Month != "2023-12" {
		t.Errorf("UTC: first %s last %s last month %s", u.Totals.FirstDay, u.Totals.LastDay, u.ByMonth[len(u.ByMonth)-1].Month)
	}
	if u.WeekdayHourSeconds[5][22] != 3600 { // Sat 22:30 UTC
		t.Errorf("UTC: Saturday 22h = %d, want 3600", u.WeekdayHourSeconds[5][22])
	}
}

// TestPeriodIsLocal checks that From and To compare local dates: a view
// at 23:30 UTC on Dec 31 is on Jan 1 in Amsterdam.
func TestPeriodIsLocal(t *testing.T) {
	csv := vaHeader + "P,2023-12-31 23:30:00,01:00:00,,M,,PC,,,\n"
	for _, tc := range []struct {
		zone, from, to string
		views          int64
	}{
		{"UTC", "2023-12-31", "2023-12-31", 1},
		{"UTC", "2024-01-01", "", 0},
		{"Europe/Amsterdam", "2024-01-01", "2024-01-01", 1},
		{"Europe/Amsterdam", "", "2023-12-31", 0},
		{"America/New_York", "2023-12-31", "2023-12-31", 1},
	} {
		s := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.TimeZone, o.From, o.To = tc.zone, tc.from, tc.to }))
		if s.Totals.Views != tc.views || s.Excluded.OutsidePeriod != 1-tc.views {
			t.Errorf("%s %s..%s: views %d outside %d", tc.zone, tc.from, tc.to, s.Totals.Views, s.Excluded.OutsidePeriod)
		}
	}
}

// TestDevices checks that by_device lists all classes in order, zeros included.
func TestDevices(t *testing.T) {
	csv := vaHeader +
		"P,2023-01-01 10:00:00,00:10:00,,M,,Sony PS4,,,\n" +
		"P,2023-01-01 11:00:00,00:20:00,,M,,Sony PS4,,,\n" +
		"P,2023-01-01 12:00:00,00:30:00,,M,,Chrome PC (Cadmium),,,\n"
	s := mustExtract(t, loneCSV(csv), DefaultOptions())
	if len(s.ByDevice) != len(DeviceClasses()) {
		t.Fatalf("by_device has %d classes", len(s.ByDevice))
	}
	for i, d := range s.ByDevice {
		want := DeviceStat{Class: DeviceClasses()[i]}
		switch d.Class {
		case DeviceConsole:
			want.Views, want.Seconds = 2, 1800
		case DeviceComputer:
			want.Views, want.Seconds = 1, 1800
		}
		if d != want {
			t.Errorf("by_device[%d] = %+v, want %+v", i, d, want)
		}
	}
}

// TestTitles checks the title list: hidden views left out, top N with the
// name tie-break, distinct episodes, months, and the three detail levels.
func TestTitles(t *testing.T) {
	csv := vaHeader +
		"P,2023-01-05 20:00:00,00:30:00,,Alpha: Season 1: One (Episode 1),,PC,,,\n" +
		"P,2023-01-05 20:30:00,00:30:00,,Alpha: Season 1: One (Episode 1),,PC,,,\n" + // the same episode again
		"P,2023-03-05 20:00:00,00:30:00,,Alpha: Season 1: Two (Episode 2),,PC,,,\n" +
		"P,2023-02-05 20:00:00,00:30:00,,Alpha: Season 2: One (Episode 1),,PC,,,\n" + // another season
		"P,2023-02-06 20:00:00,01:30:00,,Zulu Movie,,PC,,,\n" +
		"P,2023-02-07 20:00:00,01:30:00,,Bravo Movie,,PC,,,\n" + // ties with Zulu: Bravo first
		"P,2023-02-08 20:00:00,00:10:00,,Charlie Movie,,PC,,,\n" +
		"P,2023-02-09 20:00:00,05:00:00,View was hidden; ,HIDDEN TITLE(user hid title at this time): Hidden Movie,,PC,,,\n" +
		// The title prefix alone also marks a hidden view.
		"P,2023-02-10 20:00:00,01:00:00,,HIDDEN TITLE: Other Hidden,,PC,,,\n"
	all := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.Titles = TitlesAll }))
	want := []TitleStat{
		{Name: "Alpha", Kind: KindSeries, Views: 4, Seconds: 7200, Episodes: 3, FirstMonth: "2023-01", LastMonth: "2023-03"},
		{Name: "Bravo Movie", Kind: KindMovie, Views: 1, Seconds: 5400, FirstMonth: "2023-02", LastMonth: "2023-02"},
		{Name: "Zulu Movie", Kind: KindMovie, Views: 1, Seconds: 5400, FirstMonth: "2023-02", LastMonth: "2023-02"},
		{Name: "Charlie Movie", Kind: KindMovie, Views: 1, Seconds: 600, FirstMonth: "2023-02", LastMonth: "2023-02"},
	}
	if !reflect.DeepEqual(all.Titles, want) {
		t.Errorf("titles = %+v\nwant %+v", all.Titles, want)
	}
	if all.Totals.Titles != 4 || all.Totals.Series != 1 || all.Totals.Movies != 3 || all.Totals.HiddenViews != 2 {
		t.Errorf("totals = %+v", all.Totals)
	}
	if all.Totals.Seconds != 7200+5400+5400+600+18000+3600 {
		t.Errorf("seconds = %d: hidden views count in time figures", all.Totals.Seconds)
	}
	top := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.Titles, o.Top = TitlesTop, 2 }))
	if !reflect.DeepEqual(top.Titles, want[:2]) {
		t.Errorf("top 2 = %+v", top.Titles)
	}
	if top.Totals.Titles != 4 {
		t.Errorf("top keeps the title count: %d", top.Totals.Titles)
	}
	none := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.Titles = TitlesNone }))
	b, _ := json.Marshal(none)
	if none.Titles == nil || !strings.Contains(string(b), `"titles":[]`) {
		t.Errorf("titles none must be an empty JSON array: %s", b)
	}
	if strings.Contains(string(b), "Hidden") || strings.Contains(string(b), "Secret") {
		t.Errorf("hidden title leaked: %s", b)
	}
}

// TestProfileSelection selects profiles by exact name, including names
// with "&", accents and ".".
func TestProfileSelection(t *testing.T) {
	csv := vaHeader +
		"Mom & Dad,2023-01-01 10:00:00,01:00:00,,M,,PC,,,\n" +
		"Lúcia Emília,2023-01-01 11:00:00,01:00:00,,M,,PC,,,\n" +
		"Lúcia Emília,2023-01-01 12:00:00,01:00:00,,M,,PC,,,\n" +
		".,2023-01-01 13:00:00,01:00:00,,M,,PC,,,\n" +
		"Mom & Dad,2023-01-01 14:00:00,01:00:00,,M,,PC,,,\n"
	for _, tc := range []struct {
		sel      []string
		views    int64
		selected int64
	}{
		{nil, 5, 3},
		{[]string{"all"}, 5, 3},
		{[]string{"Mom & Dad"}, 2, 1},
		{[]string{"."}, 1, 1},
		{[]string{".", "Lúcia Emília"}, 3, 2},
	} {
		s := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.Profiles = tc.sel }))
		if s.Totals.Views != tc.views || s.RowsTotal != tc.views || s.Excluded != (Excluded{}) {
			t.Errorf("%q: views %d rows %d excluded %+v; want %d, %d, none", tc.sel, s.Totals.Views, s.RowsTotal, s.Excluded, tc.views, tc.views)
		}
		if want := (Profiles{Count: 3, Selected: tc.selected}); s.Profiles != want {
			t.Errorf("%q: profiles %+v, want %+v", tc.sel, s.Profiles, want)
		}
	}
	// A name that matches no profile is a mistake of the caller, not an
	// empty donation.
	_, err := Extract(context.Background(), loneCSV(csv), optionsWith(func(o *Options) { o.Profiles = []string{"Lucia Emilia"} }))
	if codes.Of(err) != codes.BadOptions {
		t.Errorf("a profile that does not exist: %v, want %s", err, codes.BadOptions)
	}
	s := mustExtract(t, loneCSV(csv), DefaultOptions())
	b, _ := json.Marshal(s)
	for _, name := range []string{"Mom", "Lúcia", "Emília"} {
		if strings.Contains(string(b), name) {
			t.Errorf("profile name %q in the summary", name)
		}
	}
}

// TestListProfiles lists names, pseudonyms, rows and views (by the
// summary's rules: the garbage row is no view) in order of first
// appearance.
func TestListProfiles(t *testing.T) {
	csv := vaHeader +
		"Kids,2023-01-01 10:00:00,01:00:00,,M,,PC,,,\n" +
		"Anna,2023-01-01 11:00:00,01:00:00,,M,,PC,,,\n" +
		"Kids,2023-01-01 12:00:00,01:00:00,,M,,PC,,,\n" +
		"Kids,garbage,,,M,,PC,,,\n"
	got, err := listProfiles(context.Background(), loneCSV(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := []ProfileInfo{
		{Pseudonym: "P1", Name: "Kids", Rows: 3, Views: 2, Seconds: 7200, FirstDay: "2023-01-01", LastDay: "2023-01-01"},
		{Pseudonym: "P2", Name: "Anna", Rows: 1, Views: 1, Seconds: 3600, FirstDay: "2023-01-01", LastDay: "2023-01-01"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("listProfiles = %+v, want %+v", got, want)
	}
	// Without a Profile Name column there is one unnamed profile.
	noName := "Start Time,Duration,Title\n2023-01-01 10:00:00,01:00:00,M\n2023-01-02 10:00:00,01:00:00,M\n"
	got, err = listProfiles(context.Background(), loneCSV(noName))
	if err != nil || !reflect.DeepEqual(got, []ProfileInfo{{Pseudonym: "P1", Rows: 2, Views: 2, Seconds: 7200, FirstDay: "2023-01-01", LastDay: "2023-01-02"}}) {
		t.Errorf("no profile column: %+v, %v", got, err)
	}
}

// TestAutoplay counts only "Autoplayed: user action: None", as an item.
func TestAutoplay(t *testing.T) {
	csv := vaHeader +
		"P,2023-01-01 10:00:00,00:10:00,Autoplayed: user action: None; ,M,,PC,,,\n" +
		"P,2023-01-01 11:00:00,00:20:00,Autoplayed: user action: Unspecified; ,M,,PC,,,\n" +
		"P,2023-01-01 12:00:00,00:30:00,View was hidden; Autoplayed: user action: None; ,M,,PC,,,\n" +
		"P,2023-01-01 13:00:00,00:40:00,Autoplayed: user action: None;,M,,PC,,,\n" +
		"P,2023-01-01 14:00:00,00:00:30,Autoplayed: user action: None; ,M,,PC,,,\n" // short: not a view
	s := mustExtract(t, loneCSV(csv), DefaultOptions())
	if s.Totals.AutoplayViews != 3 || s.Totals.AutoplaySeconds != 600+1800+2400 || s.Totals.HiddenViews != 1 {
		t.Errorf("totals = %+v", s.Totals)
	}
}

// TestOptionErrors checks every bad_options case.
func TestOptionErrors(t *testing.T) {
	csv := vaHeader + "P,2023-01-01 10:00:00,00:10:00,,M,,PC,,,\n"
	for name, fn := range map[string]func(*Options){
		"zone":       func(o *Options) { o.TimeZone = "Mars/Olympus" },
		"local zone": func(o *Options) { o.TimeZone = "Local" },
		"from":       func(o *Options) { o.From = "2023-13-01" },
		"from shape": func(o *Options) { o.From = "2023-1-1" },
		"to":         func(o *Options) { o.To = "yesterday" },
		"from > to":  func(o *Options) { o.From, o.To = "2023-02-01", "2023-01-31" },
		"titles":     func(o *Options) { o.Titles = "some" },
		"top":        func(o *Options) { o.Titles, o.Top = TitlesTop, 0 },
		"min":        func(o *Options) { o.MinSeconds = -1 },
		"account":    func(o *Options) { o.Account = []string{"passwords"} },
	} {
		_, err := Extract(context.Background(), loneCSV(csv), optionsWith(fn))
		if codes.Of(err) != codes.BadOptions {
			t.Errorf("%s: err = %v, want bad_options", name, err)
		}
	}
	// Valid edge cases.
	for name, fn := range map[string]func(*Options){
		"empty zone is UTC": func(o *Options) { o.TimeZone = "" },
		"from == to":        func(o *Options) { o.From, o.To = "2023-01-01", "2023-01-01" },
		"top 0 with all":    func(o *Options) { o.Titles, o.Top = TitlesAll, 0 },
		"min 0":             func(o *Options) { o.MinSeconds = 0 },
	} {
		if _, err := Extract(context.Background(), loneCSV(csv), optionsWith(fn)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestErrorCodes reaches every code a CSV (or a set of files around it)
// can produce.
func TestErrorCodes(t *testing.T) {
	folder := func(files map[string]string) viewingFiles { return viewingFiles{kind: "folder", files: files} }
	zipped := func(files map[string]string) viewingFiles { return viewingFiles{kind: "zip", files: files} }
	for _, tc := range []struct {
		name  string
		files input.FileSet
		want  codes.Code
	}{
		{"zero bytes", loneCSV(""), codes.EmptyFile},
		{"zero bytes in a folder", folder(map[string]string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv": ""}), codes.EmptyFile},
		{"blank lines", loneCSV("\n\r\n\n"), codes.Empty},
		{"header only", loneCSV(vaHeader), codes.Empty},
		{"header only without newline", loneCSV(strings.TrimSuffix(vaHeader, "\n")), codes.Empty},
		{"placeholder as csv", loneCSV(emptyTableText), codes.Empty},
		{"placeholder txt in zip", zipped(map[string]string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.txt": emptyTableText}), codes.Empty},
		{"missing duration", loneCSV("Profile Name,Start Time,Title\nP,2023-01-01 10:00:00,M\n"), codes.BadHeader},
		{"missing title", loneCSV("Start Time,Duration\n2023-01-01 10:00:00,00:10:00\n"), codes.BadHeader},
		{"duplicate header", loneCSV("Profile Name,Start Time,Duration,Title,start time\nP,2023-01-01 10:00:00,00:10:00,M,x\n"), codes.BadHeader},
		{"header deleted", loneCSV("P,2023-01-01 10:00:00,00:10:00,,M,,PC,,,\n"), codes.BadHeader},
		{"not a csv at all", loneCSV("%PDF-1.4 garbage"), codes.NotZipOrCSV},
		{"binary under the right name", folder(map[string]string{"ViewingActivity.csv": "\x00\x01\x02binary"}), codes.NotZipOrCSV},
		{"undefined in Windows-1252 and not UTF-8", loneCSV("\x81\x8d\xe9\x90,\x9d\n\x81\n"), codes.NotZipOrCSV},
		{"web page", loneCSV("\n  <!DOCTYPE html><html><head><title>Netflix</title></head></html>\n"), codes.NotZipOrCSV},
		{"xml", loneCSV("\xEF\xBB\xBF<?xml version=\"1.0\"?><a/>\n"), codes.NotZipOrCSV},
		{"json", loneCSV("[{\"title\": \"x\"}]\n"), codes.NotZipOrCSV},
		{"readme", loneCSV("Netflix data\n\nThis folder holds my data, downloaded in May.\n"), codes.NotZipOrCSV},
		{"another netflix table", loneCSV("Profile Name,Sent Utc Ts,Message Name,Channel,Country Iso codes.Code,Account Locale,Email Locale,Title Name,Email Domain Name,Link Url,Click Utc Ts,Device Model,Click Cnt\nP,2023-01-01 10:00:00,X,EMAIL,NL,nl-NL,nl-NL,,example.invalid,,,--,0\n"), codes.OtherNetflixFile},
		{"games table, like viewing", loneCSV("Profile Name,Start Time,Duration,Game Title,Game Version,Platform,Device Type,Country,Esn,Ip\nP,2025-01-01 10:00:00,53,G,1,iosGame,APPLE_iPhone15-3,NL,x,y\n"), codes.OtherNetflixFile},
		{"profiles table, quoted CRLF", loneCSV("\"Profile Name\",\"Email Address\",\"Profile Creation Time\",\"Maturity Level\"\r\n\"P\",\"\",\"2021-11-18T20:37:14Z\",\"ADULTS\"\r\n"), codes.OtherNetflixFile},
		{"another table in the folder's place", folder(map[string]string{"CONTENT_INTERACTION/ViewingActivity.csv": "Profile Name,Title Name,Country,Utc Title Add Date\nP,T,Netherlands,2023-01-01\n"}), codes.OtherNetflixFile},
		{"no row readable", loneCSV(vaHeader + "P,yesterday,00:10:00,,M,,PC,,,\nP,2023-01-01 10:00:00,ten minutes,,M,,PC,,,\n"), codes.UnreadableRows},
		{"most rows unreadable", loneCSV(vaHeader + "P,2023-01-01 10:00:00,00:10:00,,M,,PC,,,\nP,x,00:10:00,,M,,PC,,,\nQ,y,00:10:00,,M,,PC,,,\n"), codes.UnreadableRows},
		{"viewing history csv", loneCSV("Title,Date\n\"Show: Season 1: Pilot\",\"2/5/19\"\n"), codes.ViewingHistoryOnly},
		{"viewing history in folder", folder(map[string]string{"NetflixViewingHistory.csv": "Title,Date\n"}), codes.ViewingHistoryOnly},
		{"other export", zipped(map[string]string{"Takeout/YouTube/history.json": "{}"}), codes.NoViewingActivity},
		{"nested zip", zipped(map[string]string{"inner.zip": "PK\x03\x04rest"}), codes.NestedZip},
		{"two zips", zipped(map[string]string{"a.zip": "PK\x03\x04rest", "b.zip": "PK\x03\x04rest"}), codes.NestedZip},
		{"long line", loneCSV(vaHeader + "P,2023-01-01 10:00:00,00:10:00,," + strings.Repeat("x", 2<<20) + ",,PC,,,\n"), codes.TooLarge},
	} {
		_, err := Extract(context.Background(), tc.files, DefaultOptions())
		if codes.Of(err) != tc.want {
			t.Errorf("%s: err = %v, want %s", tc.name, err, tc.want)
		}
		var e *codes.Error
		if err != nil && !errors.As(err, &e) {
			t.Errorf("%s: %T is not a *codes.Error", tc.name, err)
		}
		if tc.want != codes.BadOptions {
			_, perr := listProfiles(context.Background(), tc.files)
			if codes.Of(perr) != tc.want {
				t.Errorf("%s: listProfiles err = %v, want %s", tc.name, perr, tc.want)
			}
		}
	}
}

// TestAborted checks that a cancelled context stops the extraction.
func TestAborted(t *testing.T) {
	var b strings.Builder
	b.WriteString(vaHeader)
	for range 3 * checkEvery {
		b.WriteString("P,2023-01-01 10:00:00,00:10:00,,M,,PC,,,\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, loneCSV(b.String()), DefaultOptions()); codes.Of(err) != codes.Aborted {
		t.Errorf("Extract: %v, want aborted", err)
	}
	if _, err := listProfiles(ctx, loneCSV(b.String())); codes.Of(err) != codes.Aborted {
		t.Errorf("listProfiles: %v, want aborted", err)
	}
}

// TestProgress checks that progress is reported, grows, and ends at the total.
func TestProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString(vaHeader)
	for b.Len() < 300<<10 {
		b.WriteString("P,2023-01-01 10:00:00,00:10:00,,Some Movie Title,,PC,00:10:00,00:10:00,NL (Netherlands)\n")
	}
	total := int64(b.Len())
	var calls [][2]int64
	mustExtract(t, loneCSV(b.String()), optionsWith(func(o *Options) {
		o.Progress = func(done, tot int64) { calls = append(calls, [2]int64{done, tot}) }
	}))
	if len(calls) < 3 || len(calls) > int(total/progressEvery)+2 {
		t.Fatalf("%d progress calls for %d bytes", len(calls), total)
	}
	for i, c := range calls {
		if c[1] != total || (i > 0 && c[0] < calls[i-1][0]) {
			t.Errorf("call %d = %v", i, c)
		}
	}
	if last := calls[len(calls)-1]; last[0] != total {
		t.Errorf("last call %v, want done == %d", last, total)
	}
}

// TestDeterministic checks that the same input gives the same bytes.
func TestDeterministic(t *testing.T) {
	csv := vaHeader +
		"B,2023-01-01 10:00:00,00:10:00,,Zeta: Season 1: A (Episode 1),,PC,,,\n" +
		"A,2023-02-01 10:00:00,00:10:00,,Alpha,,Sony PS4,,,\n" +
		"B,2023-03-01 10:00:00,00:10:00,,Beta,,Apple iPhone 11,,,\n"
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll })
	first, _ := json.Marshal(mustExtract(t, loneCSV(csv), o))
	for range 5 {
		again, _ := json.Marshal(mustExtract(t, loneCSV(csv), o))
		if string(again) != string(first) {
			t.Fatalf("not deterministic:\n%s\n%s", first, again)
		}
	}
	for _, null := range []string{":null"} {
		if strings.Contains(string(first), null) {
			t.Errorf("JSON holds %s: %s", null, first)
		}
	}
}

// failingFiles is a input.FileSet whose ViewingActivity.csv fails after some
// bytes with a plain error, or panics when asked for its names.
type failingFiles struct {
	kind  input.Kind
	panic bool
}

func (f failingFiles) Kind() input.Kind { return f.kind }

func (f failingFiles) Names() []string {
	if f.panic {
		panic("boom")
	}
	return []string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv"}
}

func (f failingFiles) Open(string) (io.ReadCloser, int64, error) {
	r := io.MultiReader(strings.NewReader(vaHeader+"P,2023-01-01 10:00:00,00:10:00,,M,,PC,,,\n"), iotest.ErrReader(errors.New("disk gone")))
	return io.NopCloser(r), -1, nil
}

// TestReadFailuresAndPanics maps an uncoded read error to a code and a
// panic inside to codes.Internal, for both entry points.
func TestReadFailuresAndPanics(t *testing.T) {
	for _, tc := range []struct {
		files input.FileSet
		want  codes.Code
	}{
		{failingFiles{kind: "zip"}, codes.CorruptZip},
		{failingFiles{kind: "folder"}, codes.NotZipOrCSV},
		{failingFiles{kind: "zip", panic: true}, codes.Internal},
	} {
		s, err := Extract(context.Background(), tc.files, DefaultOptions())
		if codes.Of(err) != tc.want || s != nil {
			t.Errorf("%+v: Extract = %v, %v; want %s", tc.files, s, err, tc.want)
		}
		if strings.Contains(fmt.Sprint(err), "boom") || strings.Contains(fmt.Sprint(err), "disk") {
			t.Errorf("the message carries the cause: %v", err)
		}
		list, err := listProfiles(context.Background(), tc.files)
		if codes.Of(err) != tc.want || list != nil {
			t.Errorf("%+v: listProfiles = %v, %v; want %s", tc.files, list, err, tc.want)
		}
	}
}

// TestLenientRows counts the chosen profile's spreadsheet re-save Start
// Times in every bucket (they say how the file was edited) and places them
// like canonical ones; another profile's rows are not read.
func TestLenientRows(t *testing.T) {
	csv := "Profile Name,Start Time,Duration,Attributes,Title\r\n" +
		"A,12/28/2021 13:02,0:45:00,,M\r\n" + // lenient view
		"A,2019-06-02 9:05,1:00:00,,M\r\n" + // lenient view
		"B,2019-06-02 21:05,1:00:00,,M\r\n" + // lenient, other profile
		"A,2021-12-28 13:02:00,0:00:30,,M\r\n" + // canonical, short
		"A,1970-01-01 0:00,0:00:02,,M" // Excel's zero date: malformed, no final newline
	s := mustExtract(t, loneCSV(csv), optionsWith(func(o *Options) { o.Profiles = []string{"A"} }))
	if s.LenientRows != 2 || s.RowsTotal != 4 || s.Totals.Views != 2 || s.Excluded.Short != 1 || s.Excluded.Malformed != 1 {
		t.Errorf("lenient %d views %d excluded %+v", s.LenientRows, s.Totals.Views, s.Excluded)
	}
	if s.Totals.FirstDay != "2019-06-02" || s.Totals.LastDay != "2021-12-28" || s.Totals.Seconds != 45*60+3600 {
		t.Errorf("totals %+v", s.Totals)
	}
	if s.WeekdayHourSeconds[1][13] != 45*60 || s.WeekdayHourSeconds[6][9] != 3600 { // Tue 13h, Sun 9h
		t.Errorf("weekday-hour: Tue 13h %d, Sun 9h %d", s.WeekdayHourSeconds[1][13], s.WeekdayHourSeconds[6][9])
	}
}

// TestAccountBlocks sets Summary.Account only when blocks are asked for.
func TestAccountBlocks(t *testing.T) {
	files := viewingFiles{kind: "folder", files: map[string]string{
		"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv": vaHeader + "P,2023-01-01 10:00:00,01:00:00,,M,,PC,,,\n",
		"netflix-report/PROFILES/Profiles.csv":                   "Profile Name,Maturity Level\nP,ADULTS\nKids,OLDER_KIDS\n",
	}}
	s := mustExtract(t, files, DefaultOptions())
	if s.Account != nil {
		t.Errorf("account without asking: %+v", s.Account)
	}
	s = mustExtract(t, files, optionsWith(func(o *Options) { o.Account = []string{AccountProfilesBlock} }))
	if s.Account == nil || s.Account.Profiles == nil || s.Account.Profiles.Count != 2 || s.Account.Profiles.Kids != 1 || s.Account.Searches != nil {
		t.Errorf("account = %+v", s.Account)
	}
}
