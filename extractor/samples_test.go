package extractor

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/testutil"
)

// sampleTruth is what an independent reading of a real ViewingActivity.csv
// finds: encoding/csv, time.Parse and a regexp, none of the extractor's
// own parsing. Rules as documented: malformed, supplemental, short (< 60 s),
// otherwise a view; all profiles selected.
type sampleTruth struct {
	rows, malformed, supplemental, short int64
	views, seconds, hidden               int64
	autoplayViews, autoplaySeconds       int64
	profileRows                          []int64
	activeDays                           int64
	firstDay, lastDay, newestDay         string
	months                               map[string][2]int64 // local month -> views, seconds
	firstMonth, lastMonth                string
}

var clockRE = regexp.MustCompile(`^(\d+):([0-5]\d):([0-5]\d)$`)

// readSampleTruth computes sampleTruth for the CSV at path, with local
// dates and months in loc.
func readSampleTruth(t *testing.T, path string, loc *time.Location) sampleTruth {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv: %v", err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	tr := sampleTruth{months: map[string][2]int64{}}
	profiles := map[string]int{}
	days := map[string]bool{}
	var newest time.Time
	for _, rec := range recs[1:] {
		tr.rows++
		p := get(rec, "Profile Name")
		if _, ok := profiles[p]; !ok {
			profiles[p] = len(tr.profileRows)
			tr.profileRows = append(tr.profileRows, 0)
		}
		tr.profileRows[profiles[p]]++
		start, errStart := time.Parse(time.DateTime, get(rec, "Start Time"))
		if errStart == nil && start.After(newest) {
			newest = start
		}
		m := clockRE.FindStringSubmatch(get(rec, "Duration"))
		if errStart != nil || m == nil {
			tr.malformed++
			continue
		}
		h, _ := strconv.ParseInt(m[1], 10, 64)
		mi, _ := strconv.ParseInt(m[2], 10, 64)
		s, _ := strconv.ParseInt(m[3], 10, 64)
		dur := h*3600 + mi*60 + s
		if get(rec, "Supplemental Video Type") != "" {
			tr.supplemental++
			continue
		}
		if dur < 60 {
			tr.short++
			continue
		}
		tr.views++
		tr.seconds += dur
		for _, item := range strings.Split(get(rec, "Attributes"), ";") {
			switch strings.TrimSpace(item) {
			case "View was hidden":
				tr.hidden++
			case "Autoplayed: user action: None":
				tr.autoplayViews++
				tr.autoplaySeconds += dur
			}
		}
		local := start.In(loc)
		day, month := local.Format(time.DateOnly), local.Format("2006-01")
		days[day] = true
		if tr.firstDay == "" || day < tr.firstDay {
			tr.firstDay = day
		}
		if day > tr.lastDay {
			tr.lastDay = day
		}
		if tr.firstMonth == "" || month < tr.firstMonth {
			tr.firstMonth = month
		}
		if month > tr.lastMonth {
			tr.lastMonth = month
		}
		vs := tr.months[month]
		tr.months[month] = [2]int64{vs[0] + 1, vs[1] + dur}
	}
	tr.activeDays = int64(len(days))
	if !newest.IsZero() {
		tr.newestDay = newest.In(loc).Format(time.DateOnly)
	}
	return tr
}

// sampleViewingFiles lists the real ViewingActivity.csv samples.
func sampleViewingFiles(t *testing.T) []string {
	return testutil.ViewingSamples(t)
}

// TestRealSamples checks every real sample against the independent reading,
// through input.OpenFolder on the sample's repository folder (so input.Find also
// finds it at depth).
func TestRealSamples(t *testing.T) {
	dir := testutil.SamplesDir(t)
	for _, path := range sampleViewingFiles(t) {
		rel, _ := filepath.Rel(dir, path)
		repo := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		t.Run(repo, func(t *testing.T) {
			want := readSampleTruth(t, path, time.UTC)
			files, err := input.OpenFolder(os.DirFS(filepath.Join(dir, repo)), input.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := mustExtract(t, files, optionsWith(func(o *Options) { o.Titles = TitlesAll }))
			got := sampleTruth{
				rows: s.RowsTotal, malformed: s.Excluded.Malformed, supplemental: s.Excluded.Supplemental,
				short: s.Excluded.Short, views: s.Totals.Views, seconds: s.Totals.Seconds, hidden: s.Totals.HiddenViews,
				autoplayViews: s.Totals.AutoplayViews, autoplaySeconds: s.Totals.AutoplaySeconds,
				activeDays: s.Totals.ActiveDays, firstDay: s.Totals.FirstDay, lastDay: s.Totals.LastDay,
				newestDay: s.Source.NewestDay,
			}
			// Per-profile rows are not in a summary; listProfiles counts them.
			list, err := listProfiles(context.Background(), files)
			if err != nil {
				t.Fatalf("profiles: %v", err)
			}
			for _, p := range list {
				got.profileRows = append(got.profileRows, p.Rows)
			}
			if n := int64(len(want.profileRows)); s.Profiles != (Profiles{Count: n, Selected: n}) {
				t.Errorf("profiles %+v, want %d of %d chosen", s.Profiles, n, n)
			}
			w := want
			w.months, w.firstMonth, w.lastMonth = nil, "", ""
			if !reflect.DeepEqual(got, w) {
				t.Errorf("extractor    %+v\nindependent  %+v", got, w)
			}
			if s.LenientRows != 0 || s.Excluded.OutsidePeriod != 0 {
				t.Errorf("pristine sample: lenient %d outside %d", s.LenientRows, s.Excluded.OutsidePeriod)
			}
			// Titles: every title list entry is a non-empty name; views of
			// titles never exceed views that are not hidden.
			var titleViews int64
			for _, ts := range s.Titles {
				titleViews += ts.Views
				if ts.Name == "" || (ts.Kind == KindMovie && ts.Episodes != 0) || (ts.Kind == KindSeries && ts.Episodes < 1) {
					t.Errorf("title %+v", ts)
				}
			}
			if titleViews != s.Totals.Views-s.Totals.HiddenViews {
				t.Errorf("title views %d, want views - hidden = %d", titleViews, s.Totals.Views-s.Totals.HiddenViews)
			}
			if int64(len(s.Titles)) != s.Totals.Titles || s.Totals.Series+s.Totals.Movies != s.Totals.Titles {
				t.Errorf("titles %d, totals %+v", len(s.Titles), s.Totals)
			}
		})
	}
}

// TestRealSampleAmsterdamMonths checks by_month of one multi-profile
// sample in Europe/Amsterdam against the independent reading, gaps included.
func TestRealSampleAmsterdamMonths(t *testing.T) {
	dir := testutil.SamplesDir(t)
	path := filepath.Join(dir, "wolfboyjan__datasets", "netflix-report", "CONTENT_INTERACTION", "ViewingActivity.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skip("wolfboyjan sample absent")
	}
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	want := readSampleTruth(t, path, loc)
	files, err := input.OpenFolder(os.DirFS(filepath.Dir(path)), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := mustExtract(t, files, optionsWith(func(o *Options) { o.TimeZone = "Europe/Amsterdam" }))
	var wantMonths []MonthStat
	for m := want.firstMonth; m <= want.lastMonth; {
		vs := want.months[m]
		wantMonths = append(wantMonths, MonthStat{Month: m, Views: vs[0], Seconds: vs[1]})
		next, _ := time.Parse("2006-01", m)
		m = next.AddDate(0, 1, 0).Format("2006-01")
	}
	if !reflect.DeepEqual(s.ByMonth, wantMonths) {
		t.Errorf("by_month differs: got %d months, want %d", len(s.ByMonth), len(wantMonths))
		for i := range min(len(s.ByMonth), len(wantMonths)) {
			if s.ByMonth[i] != wantMonths[i] {
				t.Errorf("first difference: %+v, want %+v", s.ByMonth[i], wantMonths[i])
				break
			}
		}
	}
	if s.Totals.ActiveDays != want.activeDays || s.Totals.FirstDay != want.firstDay || s.Totals.LastDay != want.lastDay {
		t.Errorf("days: %d %s %s, want %d %s %s", s.Totals.ActiveDays, s.Totals.FirstDay, s.Totals.LastDay, want.activeDays, want.firstDay, want.lastDay)
	}
}

// TestRealSampleOtherTables chooses each real table of the export other
// than ViewingActivity.csv as if it were the viewing table: each must be
// named as another table of the export, and the per-profile download as
// that download.
func TestRealSampleOtherTables(t *testing.T) {
	dir := testutil.SamplesDir(t)
	seen := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".csv" || d.Name() == "ViewingActivity.csv" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want := codes.OtherNetflixFile
		if d.Name() == "NetflixViewingHistory.csv" {
			want = codes.ViewingHistoryOnly
		}
		_, err = Extract(context.Background(), openTable(t, strings.NewReader(string(data)), int64(len(data))), DefaultOptions())
		if codes.Of(err) != want {
			rel, _ := filepath.Rel(dir, p)
			t.Errorf("%s: %v, want %s", rel, err, want)
		}
		seen++
		return nil
	})
	if seen == 0 {
		t.Skip("no other tables among the samples")
	}
}
