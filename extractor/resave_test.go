package extractor

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/csvscan"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/resave"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// resaveFigures are the figures a spreadsheet re-save must leave as they
// are: everything but the title names (a "?" for a character
// Windows-1252 lacks can merge two titles) and binge sessions (the lost
// seconds move a gap by up to a minute).
type resaveFigures struct {
	Views, Seconds, ActiveDays int64
	FirstDay, LastDay          string
	HiddenViews, AutoplayViews int64
	ByMonth                    []MonthStat
	WeekdayHour                [7][24]int64
	ByDevice                   []DeviceStat
	Profiles                   Profiles
	Excluded                   Excluded
	RowsTotal                  int64
	NewestDay                  string
}

func resaveFiguresOf(s *Summary) resaveFigures {
	return resaveFigures{
		Views: s.Totals.Views, Seconds: s.Totals.Seconds, ActiveDays: s.Totals.ActiveDays,
		FirstDay: s.Totals.FirstDay, LastDay: s.Totals.LastDay,
		HiddenViews: s.Totals.HiddenViews, AutoplayViews: s.Totals.AutoplayViews,
		ByMonth: s.ByMonth, WeekdayHour: s.WeekdayHourSeconds, ByDevice: s.ByDevice,
		Profiles: s.Profiles, Excluded: s.Excluded, RowsTotal: s.RowsTotal, NewestDay: s.Source.NewestDay,
	}
}

// checkResaves extracts pristine and each re-save shape of it, lone and
// inside an export ZIP, and compares the figures; the re-saves must read
// every row as a re-save (lenient_rows) in the shape's date order, proved
// by the file's own dates when proved says so.
func checkResaves(t *testing.T, pristine []byte, zones []string, proved bool) {
	t.Helper()
	for _, zone := range zones {
		o := optionsWith(func(o *Options) { o.TimeZone = zone; o.Titles = TitlesAll })
		base := mustExtract(t, loneCSV(string(pristine)), o)
		if base.LenientRows != 0 || base.Source.DateOrder != DateOrderISO {
			t.Fatalf("the pristine table: lenient_rows %d, date_order %q", base.LenientRows, base.Source.DateOrder)
		}
		want := resaveFiguresOf(base)
		baseList, err := listProfiles(t.Context(), loneCSV(string(pristine)))
		if err != nil {
			t.Fatal(err)
		}
		for _, shape := range resave.Shapes() {
			data, err := shape.Resave(pristine)
			if err != nil {
				t.Fatal(err)
			}
			for _, files := range []input.FileSet{
				loneCSV(string(data)),
				viewingFiles{kind: "zip", files: map[string]string{"netflix-report/CONTENT_INTERACTION/ViewingActivity.csv": string(data)}},
			} {
				s, err := Extract(t.Context(), files, o)
				if err != nil {
					t.Fatalf("%s (%s, %s): %v", shape.Name, files.Kind(), zone, err)
				}
				if got := resaveFiguresOf(s); !reflect.DeepEqual(got, want) {
					t.Errorf("%s (%s, %s): figures differ\n got %+v\nwant %+v", shape.Name, files.Kind(), zone, got, want)
				}
				checkResavedTitles(t, shape, base.Titles, s.Titles)
				order := DateOrderMonthFirst
				if shape.DayFirst {
					order = DateOrderDayFirst
				}
				if s.LenientRows != s.RowsTotal || s.Source.DateOrder != order || s.Source.DateOrderAssumed == proved {
					t.Errorf("%s (%s, %s): lenient_rows %d of %d, date_order %q assumed %v; want %q assumed %v",
						shape.Name, files.Kind(), zone, s.LenientRows, s.RowsTotal, s.Source.DateOrder, s.Source.DateOrderAssumed, order, !proved)
				}
				list, err := listProfiles(t.Context(), files)
				if err != nil || len(list) != len(baseList) {
					t.Fatalf("%s: listProfiles %d profiles, %v", shape.Name, len(list), err)
				}
				for i, p := range list {
					if p.Rows != baseList[i].Rows {
						t.Errorf("%s: profile %s has %d rows, want %d", shape.Name, p.Pseudonym, p.Rows, baseList[i].Rows)
					}
				}
			}
		}
	}
}

// checkResavedTitles checks that the titles of a re-save read as the
// pristine file's: every one in a UTF-8 shape; in a Windows-1252 shape
// every one that encoding can hold (Excel writes "?" for the rest, so a
// title with one can merge with another).
func checkResavedTitles(t *testing.T, shape resave.Shape, pristine, resaved []TitleStat) {
	t.Helper()
	got := map[titleKey]TitleStat{}
	for _, ts := range resaved {
		got[titleKey{ts.Name, ts.Kind}] = ts
	}
	for _, want := range pristine {
		if shape.Encoding == resave.Windows1252 && (strings.Contains(want.Name, "?") || csvscan.Text(resave.EncodeWindows1252(want.Name)) != want.Name) {
			continue
		}
		if g, ok := got[titleKey{want.Name, want.Kind}]; !ok || g != want {
			t.Errorf("%s: title %q read as %+v, want %+v", shape.Name, want.Name, g, want)
		}
	}
}

// TestResavedSamples re-saves every real sample in every spreadsheet shape
// (internal/resave, which shares no code with the extractor) and checks
// that the figures equal the pristine file's. The pristine reading is
// itself checked against an independent one (TestRealSamples).
func TestResavedSamples(t *testing.T) {
	dir := testutil.SamplesDir(t)
	zones := []string{"UTC", "Europe/Amsterdam"}
	if testing.Short() {
		zones = zones[:1]
	}
	for _, path := range sampleViewingFiles(t) {
		rel, _ := filepath.Rel(dir, path)
		t.Run(strings.SplitN(filepath.ToSlash(rel), "/", 2)[0], func(t *testing.T) {
			pristine, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkResaves(t, pristine, zones, true)
		})
	}
}

// TestResavedSynthetic does the same for a generated export, which is
// always at hand, and checks the pristine figures against the
// generator's own answer key.
func TestResavedSynthetic(t *testing.T) {
	var b bytes.Buffer
	truth, err := synth.WriteViewingActivity(&b, synth.Config{Rows: 4000, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	s := mustExtract(t, loneCSV(b.String()), DefaultOptions())
	if s.RowsTotal != truth.Rows || s.Totals.Views != truth.Views60 || s.Totals.Seconds != truth.Seconds60 {
		t.Fatalf("pristine: rows %d views %d seconds %d; generator %d %d %d", s.RowsTotal, s.Totals.Views, s.Totals.Seconds, truth.Rows, truth.Views60, truth.Seconds60)
	}
	checkResaves(t, b.Bytes(), []string{"UTC", "America/New_York"}, true)
}

// TestResavedAmbiguous re-saves a table whose dates never have a day
// above 12: no date proves the order, so it is assumed from the
// separators, and the summary says so. Every shape but the British one
// gets it right; the British one ("," and "/", like the American) is
// read month first, which source.date_order_assumed makes visible.
func TestResavedAmbiguous(t *testing.T) {
	pristine := vaHeader +
		"A,2023-03-12 20:01:02,01:00:00,,Film A,,PC,01:00:00,01:00:00,NL (Netherlands)\n" +
		"A,2023-03-02 20:01:02,00:30:00,,Film B,,PC,00:30:00,00:30:00,NL (Netherlands)\n" +
		"A,2023-01-05 09:00:00,00:45:00,,Film C,,PC,00:45:00,00:45:00,NL (Netherlands)\n"
	for _, shape := range resave.Shapes() {
		data, err := shape.Resave([]byte(pristine))
		if err != nil {
			t.Fatal(err)
		}
		s := mustExtract(t, loneCSV(string(data)), DefaultOptions())
		wantOrder, assumedDayFirst := DateOrderDayFirst, true
		if shape.Comma == ',' && strings.Contains(shape.StartFormat, "/") {
			wantOrder, assumedDayFirst = DateOrderMonthFirst, false
		}
		wantMonths := []string{"2023-01", "2023-02", "2023-03"}
		if assumedDayFirst != shape.DayFirst {
			// 12/03, 02/03 and 05/01 read as 3 December, 3 February and 1 May.
			wantMonths = []string{"2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"}
		}
		var months []string
		for _, m := range s.ByMonth {
			months = append(months, m.Month)
		}
		if s.Source.DateOrder != wantOrder || !s.Source.DateOrderAssumed || !reflect.DeepEqual(months, wantMonths) {
			t.Errorf("%s: date_order %q assumed %v, months %v; want %q assumed, %v",
				shape.Name, s.Source.DateOrder, s.Source.DateOrderAssumed, months, wantOrder, wantMonths)
		}
	}
}
