package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/donation"
)

// tableSpec names one table and its header.
type tableSpec struct {
	name   string
	header []string
}

// tableSpecs lists the tidy tables collect writes: one row per
// observation, the respondent id first. A block the participant did not
// share leaves its cells empty (NA in R, NaN in pandas), never 0. The
// first table is respondents.
func tableSpecs() []tableSpec {
	return []tableSpec{
		{"respondents", []string{"id", "row", "status", "reason", "shared_blocks",
			"views", "seconds", "active_days", "titles", "series", "movies", "first_day", "last_day",
			"hidden_views", "autoplay_views", "autoplay_seconds",
			"binge_sessions", "binge_views", "binge_seconds", "binge_longest",
			"profiles", "profiles_selected",
			"rows_total", "lenient_rows", "excluded_malformed",
			"excluded_outside_period", "excluded_supplemental", "excluded_short",
			"time_zone", "min_seconds", "from", "to", "title_detail", "top",
			"source_kind", "newest_day", "titles_removed", "titles_dropped_for_size", "max_bytes"}},
		{"months", []string{"id", "month", "views", "seconds"}},
		{"weekday_hour", []string{"id", "weekday", "hour", "seconds"}},
		{"devices", []string{"id", "class", "views", "seconds"}},
		{"titles", []string{"id", "rank", "name", "kind", "views", "seconds", "episodes", "first_month", "last_month"}},
		{"account_profiles", []string{"id", "missing", "count", "kids", "unknown_maturity"}},
		{"account_totals", []string{"id", "block", "missing", "total", "undated", "thumbs_down", "thumbs_up", "two_thumbs_up", "stars", "other"}},
		{"account_searches", []string{"id", "month", "count"}},
		{"account_my_list", []string{"id", "month", "count"}},
		{"account_ratings", []string{"id", "month", "thumbs_down", "thumbs_up", "two_thumbs_up", "stars"}},
		{"account_tenure", []string{"id", "missing", "months", "subscriptions", "open"}},
		{"report", []string{"id", "row", "status", "reason"}},
	}
}

// tables writes the CSV files of one collect run.
type tables struct {
	dir     string
	files   []*os.File
	w       map[string]*csv.Writer
	columns int // columns of respondents.csv
}

// createTables creates dir and every table with its header.
func createTables(dir string) (*tables, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	t := &tables{dir: dir, w: map[string]*csv.Writer{}, columns: len(tableSpecs()[0].header)}
	for _, th := range tableSpecs() {
		f, err := os.Create(filepath.Join(dir, th.name+".csv"))
		if err != nil {
			t.close()
			return nil, err
		}
		t.files = append(t.files, f)
		w := csv.NewWriter(f)
		w.Write(th.header)
		t.w[th.name] = w
	}
	return t, nil
}

// close flushes and closes every table and returns the first error.
func (t *tables) close() error {
	var errs []error
	for _, w := range t.w {
		w.Flush()
		errs = append(errs, w.Error())
	}
	for _, f := range t.files {
		errs = append(errs, f.Close())
	}
	t.w, t.files = nil, nil
	return errors.Join(errs...)
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }

// add writes one respondent to every table it has rows in.
func (t *tables) add(id string, row int, r donation.Result) {
	rec := []string{id, strconv.Itoa(row), string(r.Status), r.Reason}
	d := r.Donation
	if d == nil {
		t.w["respondents"].Write(pad(rec, t.columns))
		return
	}
	rec = append(rec, strings.Join(d.Sharing.Blocks, " "))
	if tt := d.Totals; tt != nil {
		rec = append(rec, i64(tt.Views), i64(tt.Seconds), i64(tt.ActiveDays), i64(tt.Titles), i64(tt.Series), i64(tt.Movies),
			tt.FirstDay, tt.LastDay, i64(tt.HiddenViews), i64(tt.AutoplayViews), i64(tt.AutoplaySeconds))
	} else {
		rec = append(rec, make([]string, 11)...)
	}
	if b := d.Binge; b != nil {
		rec = append(rec, i64(b.Sessions), i64(b.Views), i64(b.Seconds), i64(b.Longest))
	} else {
		rec = append(rec, make([]string, 4)...)
	}
	if p := d.Profiles; p != nil && d.Shared("profiles") {
		rec = append(rec, i64(p.Count), i64(p.Selected))
	} else {
		rec = append(rec, "", "")
	}
	e, o := d.Excluded, d.Options
	rec = append(rec, i64(d.RowsTotal), i64(d.LenientRows), i64(e.Malformed),
		i64(e.OutsidePeriod), i64(e.Supplemental), i64(e.Short),
		o.TimeZone, strconv.Itoa(o.MinSeconds), o.From, o.To, o.Titles, strconv.Itoa(o.Top),
		d.Source.Kind, d.Source.NewestDay,
		strconv.Itoa(d.Sharing.TitlesRemoved), strconv.Itoa(d.Sharing.TitlesDroppedForSize), strconv.Itoa(d.Sharing.MaxBytes))
	t.w["respondents"].Write(rec)

	for _, m := range d.ByMonth {
		t.w["months"].Write([]string{id, m.Month, i64(m.Views), i64(m.Seconds)})
	}
	if wh := d.WeekdayHourSeconds; wh != nil {
		for day := range wh {
			for hour, s := range wh[day] {
				t.w["weekday_hour"].Write([]string{id, strconv.Itoa(day + 1), strconv.Itoa(hour), i64(s)})
			}
		}
	}
	for _, dv := range d.ByDevice {
		t.w["devices"].Write([]string{id, string(dv.Class), i64(dv.Views), i64(dv.Seconds)})
	}
	for i, ti := range d.Titles {
		t.w["titles"].Write([]string{id, strconv.Itoa(i + 1), ti.Name, string(ti.Kind), i64(ti.Views), i64(ti.Seconds),
			i64(ti.Episodes), ti.FirstMonth, ti.LastMonth})
	}
	if d.Account != nil {
		t.addAccount(id, d.Account)
	}
}

// addAccount writes the account blocks of one respondent.
func (t *tables) addAccount(id string, a *extractor.Account) {
	if p := a.Profiles; p != nil {
		t.w["account_profiles"].Write([]string{id, strconv.FormatBool(p.Missing), i64(p.Count), i64(p.Kids), i64(p.UnknownMaturity)})
	}
	counts := func(block string, c *extractor.AccountCounts) {
		if c == nil {
			return
		}
		t.w["account_totals"].Write([]string{id, block, strconv.FormatBool(c.Missing), i64(c.Total), i64(c.Undated), "", "", "", "", ""})
		for _, m := range c.ByMonth {
			t.w["account_"+block].Write([]string{id, m.Month, i64(m.Count)})
		}
	}
	counts("searches", a.Searches)
	counts("my_list", a.MyList)
	if r := a.Ratings; r != nil {
		t.w["account_totals"].Write([]string{id, "ratings", strconv.FormatBool(r.Missing), i64(r.Total), i64(r.Undated),
			i64(r.ThumbsDown), i64(r.ThumbsUp), i64(r.TwoThumbsUp), i64(r.Stars), i64(r.Other)})
		for _, m := range r.ByMonth {
			t.w["account_ratings"].Write([]string{id, m.Month, i64(m.ThumbsDown), i64(m.ThumbsUp), i64(m.TwoThumbsUp), i64(m.Stars)})
		}
	}
	if te := a.Tenure; te != nil {
		t.w["account_tenure"].Write([]string{id, strconv.FormatBool(te.Missing), i64(te.Months), i64(te.Subscriptions), strconv.FormatBool(te.Open)})
	}
}

// report writes report.csv rows and report.txt for the donations that are
// not ok.
func (t *tables) report(s *collectSummary) error {
	for _, b := range s.bad {
		t.w["report"].Write([]string{b.id, strconv.Itoa(b.row), string(b.status), b.reason})
	}
	var sb strings.Builder
	sb.WriteString(s.text())
	if len(s.bad) == 0 {
		sb.WriteString("\nEvery donation is ok.\n")
	}
	for _, st := range statusOrder()[1:] {
		first := true
		for _, b := range s.bad {
			if b.status != st {
				continue
			}
			if first {
				fmt.Fprintf(&sb, "\n%s (%d):\n", st, s.byStatus[st])
				first = false
			}
			fmt.Fprintf(&sb, "  %s (row %d): %s\n", b.id, b.row, b.reason)
		}
	}
	return os.WriteFile(filepath.Join(t.dir, "report.txt"), []byte(sb.String()), 0o644)
}

// pad extends rec with empty cells to n.
func pad(rec []string, n int) []string {
	for len(rec) < n {
		rec = append(rec, "")
	}
	return rec
}
