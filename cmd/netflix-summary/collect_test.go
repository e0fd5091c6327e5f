package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// donor is one respondent of a generated survey: the summary in memory
// and what the survey platform stored.
type donor struct {
	id      string
	summary *extractor.Summary // nil for the bad rows
	stored  string
	want    string // expected status
}

// makeDonors extracts three generated exports with different options,
// shares them, and adds a truncated, an altered, a declined and an empty one.
func makeDonors(t *testing.T, prefix string) []donor {
	t.Helper()
	optionSets := []func(*extractor.Options){
		func(o *extractor.Options) { o.Titles = extractor.TitlesAll; o.Account = extractor.AccountBlocks() },
		func(o *extractor.Options) { o.Titles = extractor.TitlesNone; o.TimeZone = "Europe/Amsterdam" },
		func(o *extractor.Options) { o.Top = 5; o.Account = []string{"searches", "ratings"} },
	}
	var donors []donor
	var shared []string
	for i, set := range optionSets {
		var buf bytes.Buffer
		if _, err := synth.WriteZip(&buf, synth.Config{Rows: 1500 + 500*i, Seed: int64(20 + i)}); err != nil {
			t.Fatal(err)
		}
		files, err := input.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "export.zip", input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		opts := extractor.DefaultOptions()
		set(&opts)
		s, err := extractor.Extract(context.Background(), files, opts)
		if err != nil {
			t.Fatal(err)
		}
		d, err := donation.Share(s, donation.ShareOptions{})
		if err != nil {
			t.Fatal(err)
		}
		shared = append(shared, string(d))
		donors = append(donors, donor{id: prefix + "ok" + strconv.Itoa(i+1), summary: s, stored: string(d), want: "ok"})
	}
	good := shared[0]
	donors = append(donors,
		donor{id: prefix + "truncated", stored: good[:len(good)*2/3], want: "truncated"},
		donor{id: prefix + "altered", stored: strings.Replace(good, `"views":`, `"views":1`, 1), want: "invalid"},
		donor{id: prefix + "declined", stored: `{"declined":true}`, want: "declined"},
		donor{id: prefix + "empty", stored: "", want: "missing"},
	)
	return donors
}

// split cuts s into n parts of about equal length (the widget's job).
func split(s string, n int) []string {
	parts := make([]string, n)
	size := (len(s) + n - 1) / n
	for i := range parts {
		lo, hi := min(i*size, len(s)), min((i+1)*size, len(s))
		parts[i] = s[lo:hi]
	}
	return parts
}

// writeQualtrics writes a Qualtrics-style export: three header rows and
// the donation split over netflix_part_1..3.
func writeQualtrics(t *testing.T, path string, donors []donor) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write([]string{"StartDate", "EndDate", "Status", "Progress", "ResponseId", "Q1", "netflix_part_1", "netflix_part_2", "netflix_part_3"})
	w.Write([]string{"Start Date", "End Date", "Response Type", "Progress", "Response ID", "How often, do you \"binge\"?", "netflix_part_1", "netflix_part_2", "netflix_part_3"})
	w.Write([]string{`{"ImportId":"startDate","timeZone":"America/Denver"}`, `{"ImportId":"endDate"}`, `{"ImportId":"status"}`, `{"ImportId":"progress"}`,
		`{"ImportId":"_recordId"}`, `{"ImportId":"QID1"}`, `{"ImportId":"netflix_part_1"}`, `{"ImportId":"netflix_part_2"}`, `{"ImportId":"netflix_part_3"}`})
	for _, d := range donors {
		p := split(d.stored, 3)
		if strings.HasSuffix(d.id, "truncated") { // the platform lost the last part
			p[2] = ""
		}
		w.Write(append([]string{"2025-01-01 10:00:00", "2025-01-01 10:20:00", "0", "100", d.id, "Often"}, p...))
	}
	w.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeLimeSurvey writes a LimeSurvey-style export: one header row, the
// donation in one column, semicolon-separated as that export option gives.
func writeLimeSurvey(t *testing.T, path string, donors []donor) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.Write([]string{"id", "submitdate", "lastpage", "startlanguage", "seed", "Q1", "netflix"})
	for i, d := range donors {
		w.Write([]string{d.id, "2025-01-01 10:00:00", "3", "nl", strconv.Itoa(1000 + i), "vaak; soms", d.stored})
	}
	w.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeSoSci writes the data file SoSci Survey's data download gives for
// GNU R and SPSS: tab-separated, one header row of variable names, the
// case number in CASE, and the donation in the internal variable IV01_01.
func writeSoSci(t *testing.T, path string, donors []donor) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = '\t'
	w.Write([]string{"CASE", "SERIAL", "REF", "QUESTNNR", "MODE", "STARTED", "QU01", "IV01_01", "TIME_SUM", "FINISHED", "LASTPAGE"})
	for _, d := range donors {
		w.Write([]string{d.id, "", "", "netflix", "interview", "2025-01-01 10:00:00", "2", d.stored, "412", "1", "3"})
	}
	w.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readTable reads an output table into maps keyed by header name.
func readTable(t *testing.T, dir, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

func TestCollectRoundTrip(t *testing.T) {
	platforms := []struct {
		name, idPrefix, column string
		write                  func(*testing.T, string, []donor)
	}{
		{"qualtrics", "R_", "netflix", writeQualtrics},
		{"limesurvey", "", "netflix", writeLimeSurvey},
		{"sosci", "", "IV01_01", writeSoSci},
	}
	for _, pl := range platforms {
		platform := pl.name
		t.Run(platform, func(t *testing.T) {
			dir := t.TempDir()
			donors := makeDonors(t, pl.idPrefix)
			export := filepath.Join(dir, "export.csv")
			pl.write(t, export, donors)
			out := filepath.Join(dir, "tables")
			var stdout, stderr bytes.Buffer
			code := runCollect([]string{export, "--column", pl.column, "--out", out, "--progress"}, &stdout, &stderr)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), platform+" export") || !strings.Contains(stdout.String(), "ok: 3") {
				t.Errorf("stdout: %s", stdout.String())
			}
			if !strings.Contains(stderr.String(), "100%") {
				t.Errorf("no finished progress bar on stderr: %q", stderr.String())
			}
			checkTables(t, out, donors)
		})
	}
}

// checkTables compares the written tables with the summaries in memory.
func checkTables(t *testing.T, out string, donors []donor) {
	byID := map[string]donor{}
	for _, d := range donors {
		byID[d.id] = d
	}

	respondents := readTable(t, out, "respondents")
	if len(respondents) != len(donors) {
		t.Fatalf("%d respondents, want %d", len(respondents), len(donors))
	}
	for _, r := range respondents {
		d, ok := byID[r["id"]]
		if !ok {
			t.Fatalf("unknown id %q", r["id"])
		}
		if r["status"] != d.want {
			t.Errorf("%s: status %s (%s), want %s", d.id, r["status"], r["reason"], d.want)
		}
		s := d.summary
		if s == nil {
			if r["views"] != "" || r["rows_total"] != "" {
				t.Errorf("%s: a bad row has figures: %v", d.id, r)
			}
			continue
		}
		checks := map[string]int64{
			"views": s.Totals.Views, "seconds": s.Totals.Seconds, "active_days": s.Totals.ActiveDays,
			"titles": s.Totals.Titles, "hidden_views": s.Totals.HiddenViews, "autoplay_seconds": s.Totals.AutoplaySeconds,
			"binge_sessions": s.Binge.Sessions, "binge_longest": s.Binge.Longest,
			"rows_total": s.RowsTotal, "excluded_supplemental": s.Excluded.Supplemental, "excluded_short": s.Excluded.Short,
			"profiles": s.Profiles.Count, "profiles_selected": s.Profiles.Selected,
		}
		for col, want := range checks {
			if got := num(t, r[col]); got != want {
				t.Errorf("%s %s: %d, want %d", d.id, col, got, want)
			}
		}
		if r["first_day"] != s.Totals.FirstDay || r["time_zone"] != s.Options.TimeZone || r["title_detail"] != string(s.Options.Titles) {
			t.Errorf("%s: first_day %s tz %s titles %s", d.id, r["first_day"], r["time_zone"], r["title_detail"])
		}
	}

	// Long tables: each respondent's rows must sum to, and match, the summary.
	sums := func(table, valueCol string, key func(map[string]string) string) map[string]map[string]int64 {
		m := map[string]map[string]int64{}
		for _, r := range readTable(t, out, table) {
			if m[r["id"]] == nil {
				m[r["id"]] = map[string]int64{}
			}
			m[r["id"]][key(r)] += num(t, r[valueCol])
		}
		return m
	}
	months := sums("months", "seconds", func(r map[string]string) string { return r["month"] })
	monthViews := sums("months", "views", func(r map[string]string) string { return r["month"] })
	weekday := sums("weekday_hour", "seconds", func(r map[string]string) string { return r["weekday"] + "/" + r["hour"] })
	devices := sums("devices", "seconds", func(r map[string]string) string { return r["class"] })
	titles := sums("titles", "seconds", func(r map[string]string) string { return r["name"] })
	searches := sums("account_searches", "count", func(r map[string]string) string { return r["month"] })
	thumbsUp := sums("account_ratings", "thumbs_up", func(r map[string]string) string { return r["month"] })
	for _, d := range donors {
		s := d.summary
		if s == nil {
			for _, m := range []map[string]map[string]int64{months, weekday, devices, titles} {
				if len(m[d.id]) > 0 {
					t.Errorf("%s: a bad row has table rows", d.id)
				}
			}
			continue
		}
		var total int64
		for _, m := range s.ByMonth {
			total += m.Seconds
			if months[d.id][m.Month] != m.Seconds || monthViews[d.id][m.Month] != m.Views {
				t.Errorf("%s %s: %d s %d views, want %d %d", d.id, m.Month, months[d.id][m.Month], monthViews[d.id][m.Month], m.Seconds, m.Views)
			}
		}
		if total != s.Totals.Seconds || len(months[d.id]) != len(s.ByMonth) {
			t.Errorf("%s: months sum to %d over %d rows, totals say %d", d.id, total, len(months[d.id]), s.Totals.Seconds)
		}
		for day := range 7 {
			for hour := range 24 {
				if got := weekday[d.id][strconv.Itoa(day+1)+"/"+strconv.Itoa(hour)]; got != s.WeekdayHourSeconds[day][hour] {
					t.Errorf("%s weekday %d hour %d: %d, want %d", d.id, day+1, hour, got, s.WeekdayHourSeconds[day][hour])
				}
			}
		}
		for _, dv := range s.ByDevice {
			if devices[d.id][string(dv.Class)] != dv.Seconds {
				t.Errorf("%s %s: %d, want %d", d.id, dv.Class, devices[d.id][string(dv.Class)], dv.Seconds)
			}
		}
		if len(titles[d.id]) != len(s.Titles) {
			t.Errorf("%s: %d titles, want %d", d.id, len(titles[d.id]), len(s.Titles))
		}
		for _, ti := range s.Titles {
			if titles[d.id][ti.Name] != ti.Seconds {
				t.Errorf("%s title %q: %d, want %d", d.id, ti.Name, titles[d.id][ti.Name], ti.Seconds)
			}
		}
		if a := s.Account; a != nil && a.Searches != nil {
			var n int64
			for _, m := range a.Searches.ByMonth {
				n += m.Count
				if searches[d.id][m.Month] != m.Count {
					t.Errorf("%s searches %s: %d, want %d", d.id, m.Month, searches[d.id][m.Month], m.Count)
				}
			}
			if n != a.Searches.Total-a.Searches.Undated {
				t.Errorf("%s: searches by month sum to %d, total %d", d.id, n, a.Searches.Total)
			}
			for _, m := range a.Ratings.ByMonth {
				if thumbsUp[d.id][m.Month] != m.ThumbsUp {
					t.Errorf("%s ratings %s: %d thumbs up, want %d", d.id, m.Month, thumbsUp[d.id][m.Month], m.ThumbsUp)
				}
			}
		} else if len(searches[d.id]) > 0 {
			t.Errorf("%s: searches rows without the block", d.id)
		}
		if a := s.Account; a != nil && a.Tenure != nil {
			tenure := readTable(t, out, "account_tenure")
			if len(tenure) != 1 || tenure[0]["id"] != d.id || num(t, tenure[0]["months"]) != a.Tenure.Months {
				t.Errorf("account_tenure %v, want %s with %d months", tenure, d.id, a.Tenure.Months)
			}
		}
	}

	// The report names exactly the bad rows, with their status.
	report := readTable(t, out, "report")
	got := map[string]string{}
	for _, r := range report {
		got[r["id"]] = r["status"]
	}
	want := map[string]string{}
	for _, d := range donors {
		if d.want != "ok" {
			want[d.id] = d.want
		}
	}
	if len(got) != len(want) || len(report) != len(want) {
		t.Errorf("report %v, want %v", got, want)
	}
	txt, err := os.ReadFile(filepath.Join(out, "report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for id, status := range want {
		if got[id] != status {
			t.Errorf("report: %s is %q, want %q", id, got[id], status)
		}
		if !strings.Contains(string(txt), id+" (row") {
			t.Errorf("report.txt does not name %s:\n%s", id, txt)
		}
	}
	if !strings.Contains(string(txt), "checksum mismatch") {
		t.Errorf("report.txt does not say why the altered row is invalid:\n%s", txt)
	}
}

func TestCollectErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("id,submitdate,netflix\n1,2025-01-01,\n"), 0o644)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	gap := filepath.Join(dir, "gap.csv")
	os.WriteFile(gap, []byte("id,netflix_part_1,netflix_part_3\n1,,\n"), 0o644)
	out := filepath.Join(dir, "out")
	tests := []struct {
		name string
		args []string
		want int
		msg  string
	}{
		{"no column flag", []string{good, "--out", out}, 2, "--column"},
		{"no out flag", []string{good, "--column", "netflix"}, 2, "--out"},
		{"two exports", []string{good, good, "--column", "netflix", "--out", out}, 2, "exactly one"},
		{"unknown flag", []string{good, "--colum", "netflix"}, 2, "colum"},
		{"no such file", []string{filepath.Join(dir, "nope.csv"), "--column", "netflix", "--out", out}, 1, "nope.csv"},
		{"empty export", []string{empty, "--column", "netflix", "--out", out}, 1, "empty"},
		{"no such column", []string{good, "--column", "donation", "--out", out}, 1, "donation"},
		{"a part missing", []string{gap, "--column", "netflix", "--out", out}, 1, "netflix_part_2"},
		{"no such id column", []string{good, "--column", "netflix", "--id", "pid", "--out", out}, 1, "pid"},
		{"no such column to keep", []string{good, "--column", "netflix", "--keep", "submitdate,panel", "--out", out}, 1, `no column "panel" for --keep`},
		{"a kept column clashes", []string{good, "--column", "netflix", "--keep", "status", "--out", out}, 2, "--keep status"},
		{"no such status column", []string{good, "--column", "netflix", "--status-column", "stat", "--out", out}, 1, `no column "stat" for --status-column`},
		{"no workers", []string{good, "--column", "netflix", "--workers", "0", "--out", out}, 2, "--workers"},
		{"flags first", []string{"--column", "netflix", "--out", out, good}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runCollect(tt.args, &stdout, &stderr); code != tt.want {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.want, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.msg) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.msg)
			}
		})
	}
	// The one respondent of good.csv stored nothing: missing, by row id "1".
	if r := readTable(t, out, "report"); len(r) != 1 || r[0]["id"] != "1" || r[0]["status"] != "missing" {
		t.Errorf("report %v", r)
	}
}

// TestOutcomeOf: each respondent lands in one group, also with a status
// that lacks its code.
func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		status                      string
		participation, reason, code string
		want                        string
	}{
		{"ok", "shared", "", "", "ok"},
		{"invalid", "shared", "", "", "invalid"},
		{"declined", "declined", "", "", "declined:no_reason"},
		{"declined", "declined", "did_not_work", "empty_file", "declined:did_not_work"},
		{"error", "error", "", "corrupt_zip", "error:corrupt_zip"},
		{"error", "error", "", "", "error:unknown"},
		{"missing", "shared", "", "", "shared_not_stored"},
		{"missing", "file_chosen", "", "", "left:file_chosen"},
		{"missing", "not_reached", "", "", "not_reached"},
		{"missing", "unknown", "", "", "unknown"},
	}
	for _, tt := range tests {
		if got := outcomeOf(donation.Status(tt.status), tt.participation, tt.reason, tt.code); got != tt.want {
			t.Errorf("%+v: %s", tt, got)
		}
	}
}
