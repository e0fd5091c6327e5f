package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netflix-donation/widget/internal/surveygen"
)

// collected is one collect run on a generated export.
type collected struct {
	export string // the export's path
	out    string // the tables' folder
	truth  *surveygen.Truth
	stdout string
}

// collectGenerated generates an export with every kind of respondent and
// runs collect on it, keeping the survey's covariates.
func collectGenerated(t *testing.T, platform surveygen.Platform, responses int) collected {
	t.Helper()
	dir := t.TempDir()
	export := filepath.Join(dir, "export.csv")
	f, err := os.Create(export)
	if err != nil {
		t.Fatal(err)
	}
	truth, err := surveygen.Write(f, surveygen.Config{Responses: responses, Seed: 3, Platform: platform, Cases: true, KeepDonations: true, Pool: 6})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "tables")
	var stdout, stderr bytes.Buffer
	args := []string{export, "--column", truth.DonationColumn, "--out", out, "--keep", strings.Join(truth.KeepColumns, ",")}
	if code := runCollect(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	return collected{export: export, out: out, truth: truth, stdout: stdout.String()}
}

// wantOutcome is the outcome group of a respondent of the answer key.
func wantOutcome(r surveygen.Respondent) string {
	switch r.Status {
	case "ok", "truncated", "invalid":
		return r.Status
	case "declined":
		if r.Reason == "" {
			return "declined:no_reason"
		}
		return "declined:" + r.Reason
	case "error":
		return "error:" + r.Error
	}
	switch r.Participation {
	case "shared":
		return "shared_not_stored"
	case "reached", "file_chosen", "reviewed":
		return "left:" + r.Participation
	}
	return r.Participation
}

// TestCollectEveryCase runs collect on generated exports holding every
// kind of respondent and compares each respondent's row, the funnel,
// the duplicates, the warnings and the report with the generator's
// answer key.
func TestCollectEveryCase(t *testing.T) {
	for _, platform := range []surveygen.Platform{surveygen.Qualtrics, surveygen.LimeSurvey} {
		t.Run(string(platform), func(t *testing.T) {
			c := collectGenerated(t, platform, 400)
			rs := c.truth.Respondents
			if !strings.Contains(c.stdout, string(platform)+" export") || !strings.Contains(c.stdout, `participation status from column "`+c.truth.StatusColumn+`"`) {
				t.Errorf("stdout: %s", c.stdout)
			}
			kinds := map[surveygen.Kind]bool{}
			for _, r := range rs {
				kinds[r.Kind] = true
			}
			if len(kinds) < 13 {
				t.Fatalf("the export holds only the kinds %v", slices.Sorted(maps.Keys(kinds)))
			}

			got := readTable(t, c.out, "respondents")
			if len(got) != len(rs) {
				t.Fatalf("%d respondents, want %d", len(got), len(rs))
			}
			for i, row := range got {
				w := rs[i]
				wantFields := map[string]string{
					"row": strconv.Itoa(w.Row), "id": w.ID, "status": w.Status, "participation": w.Participation,
					"outcome": wantOutcome(w), "decline_reason": w.Reason, "error": w.Error,
					"errors": strings.Join(w.ErrorsMet, " "), "warnings": strings.Join(w.Warnings, " "),
					"duplicate": strings.Join(w.Duplicate, " "), "checksum": w.Checksum,
				}
				for k, v := range w.Keep {
					wantFields[k] = v
				}
				for col, want := range wantFields {
					if row[col] != want {
						t.Errorf("row %d (%s): %s = %q, want %q (reason %q)", w.Row, w.Kind, col, row[col], want, row["reason"])
					}
				}
				if (row["views"] != "") != (w.Status == "ok") {
					t.Errorf("row %d (%s): views %q with status %s", w.Row, w.Kind, row["views"], w.Status)
				}
			}

			// report.csv: exactly the respondents that are not ok.
			report := readTable(t, c.out, "report")
			var wantReport []string
			for _, r := range rs {
				if r.Status != "ok" {
					wantReport = append(wantReport, strconv.Itoa(r.Row)+" "+r.Status)
				}
			}
			var gotReport []string
			for _, r := range report {
				gotReport = append(gotReport, r["row"]+" "+r["status"])
			}
			if !slices.Equal(gotReport, wantReport) {
				t.Errorf("report rows\n got %v\nwant %v", gotReport, wantReport)
			}

			// warnings.csv: one row per warning.
			var wantWarn, gotWarn []string
			for _, r := range rs {
				for _, w := range r.Warnings {
					wantWarn = append(wantWarn, strconv.Itoa(r.Row)+" "+w)
				}
			}
			for _, r := range readTable(t, c.out, "warnings") {
				gotWarn = append(gotWarn, r["row"]+" "+r["code"])
				if r["message"] == "" {
					t.Errorf("warning without a message: %v", r)
				}
			}
			if !slices.Equal(gotWarn, wantWarn) {
				t.Errorf("warnings\n got %v\nwant %v", gotWarn, wantWarn)
			}

			// duplicates.csv: every row of every group, first rows too.
			var wantDup, gotDup []string
			for _, kind := range []string{"id", "donation"} {
				for _, r := range rs {
					if slices.Contains(r.Duplicate, kind) {
						wantDup = append(wantDup, kind+" "+strconv.Itoa(r.Row)+" "+r.ID)
					}
				}
			}
			for _, r := range readTable(t, c.out, "duplicates") {
				gotDup = append(gotDup, r["kind"]+" "+r["row"]+" "+r["id"])
				want := r["id"]
				if r["kind"] == "donation" {
					row, _ := strconv.Atoi(r["row"])
					want = rs[row-1].Checksum
				}
				if r["key"] != want {
					t.Errorf("duplicate %v: key %q, want %q", r, r["key"], want)
				}
			}
			if !slices.Equal(gotDup, wantDup) || len(wantDup) < 4 {
				t.Errorf("duplicates\n got %v\nwant %v", gotDup, wantDup)
			}

			checkFunnel(t, c.out, rs)
			checkMonths(t, c.out, rs)
		})
	}
}

// checkFunnel compares funnel.csv with counts taken from the answer key.
func checkFunnel(t *testing.T, out string, rs []surveygen.Respondent) {
	t.Helper()
	want := map[string]int{"respondents/": len(rs)}
	for _, r := range rs {
		p := r.Participation
		if p != "not_reached" && p != "unknown" {
			want["reached/"]++
		}
		if p == "file_chosen" || p == "error" || p == "reviewed" || p == "shared" || r.Reason == "did_not_work" || r.Reviewed {
			want["file_chosen/"]++
		}
		if p == "reviewed" || p == "shared" || r.Reviewed {
			want["reviewed/"]++
		}
		if p == "shared" {
			want["shared/"]++
		}
		if r.Status == "ok" {
			want["stored_ok/"]++
		}
		want["outcome/"+wantOutcome(r)]++
		met := map[string]bool{}
		for _, e := range append(slices.Clone(r.ErrorsMet), r.Error) {
			if e != "" {
				met[e] = true
			}
		}
		for e := range met {
			want["error_met/"+e]++
		}
	}
	got := map[string]int{}
	for _, r := range readTable(t, out, "funnel") {
		n, _ := strconv.Atoi(r["respondents"])
		got[r["stage"]+"/"+r["detail"]] = n
		share, _ := strconv.ParseFloat(r["share"], 64)
		if d := share - float64(n)/float64(len(rs)); d > 0.00005 || d < -0.00005 {
			t.Errorf("funnel %v: share %s for %d of %d", r, r["share"], n, len(rs))
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("funnel\n got %v\nwant %v", got, want)
	}
}

// checkMonths recomputes, day by day, which days of each month each ok
// donation observes, and compares months.csv and month_coverage.csv.
func checkMonths(t *testing.T, out string, rs []surveygen.Respondent) {
	t.Helper()
	type key struct {
		row   string
		month string
	}
	type want struct {
		views, seconds   int64
		inMonth, covered int
	}
	expect := map[key]want{}
	coverage := map[string][7]int64{} // respondents, full, views, seconds, views full, seconds full
	partials := 0
	for _, r := range rs {
		if r.Status != "ok" {
			continue
		}
		var d struct {
			Totals *struct {
				FirstDay string `json:"first_day"`
				LastDay  string `json:"last_day"`
			} `json:"totals"`
			ByMonth []struct {
				Month   string `json:"month"`
				Views   int64  `json:"views"`
				Seconds int64  `json:"seconds"`
			} `json:"by_month"`
			Source struct {
				NewestDay string `json:"newest_day"`
			} `json:"source"`
			Options struct {
				From string `json:"from"`
				To   string `json:"to"`
			} `json:"options"`
		}
		if err := json.Unmarshal([]byte(r.Donation), &d); err != nil {
			t.Fatal(err)
		}
		parse := func(s string) time.Time {
			v, err := time.Parse("2006-01-02", s)
			if err != nil {
				return time.Time{}
			}
			return v
		}
		first, last := parse(d.Totals.FirstDay), parse(d.Source.NewestDay)
		if f := parse(d.Options.From); !f.IsZero() && f.After(first) {
			first = f
		}
		if to := parse(d.Options.To); !to.IsZero() && to.Before(last) {
			last = to
		}
		months := map[string]want{}
		var order []string
		for _, m := range d.ByMonth {
			months[m.Month] = want{views: m.Views, seconds: m.Seconds}
			order = append(order, m.Month)
		}
		for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
			m := day.Format("2006-01")
			if _, ok := months[m]; !ok && m > order[len(order)-1] {
				order = append(order, m)
			}
			w := months[m]
			w.covered++
			months[m] = w
		}
		for _, m := range order {
			w := months[m]
			start, _ := time.Parse("2006-01", m)
			for day := start; day.Format("2006-01") == m; day = day.AddDate(0, 0, 1) {
				w.inMonth++
			}
			expect[key{strconv.Itoa(r.Row), m}] = w
			c := coverage[m]
			c[0]++
			c[2] += w.views
			c[3] += w.seconds
			if w.covered == w.inMonth {
				c[1]++
				c[4] += w.views
				c[5] += w.seconds
			} else {
				partials++
			}
			coverage[m] = c
		}
	}
	got := readTable(t, out, "months")
	if len(got) != len(expect) {
		t.Errorf("months.csv has %d rows, want %d", len(got), len(expect))
	}
	for _, row := range got {
		w, ok := expect[key{row["row"], row["month"]}]
		if !ok {
			t.Errorf("unexpected month row %v", row)
			continue
		}
		partial := strconv.FormatBool(w.covered < w.inMonth)
		if row["views"] != strconv.FormatInt(w.views, 10) || row["seconds"] != strconv.FormatInt(w.seconds, 10) ||
			row["days_in_month"] != strconv.Itoa(w.inMonth) || row["days_covered"] != strconv.Itoa(w.covered) || row["partial"] != partial {
			t.Errorf("month row %v, want %+v partial %s", row, w, partial)
		}
	}
	if partials < 10 {
		t.Errorf("only %d partial months: the test does not see them", partials)
	}
	cov := readTable(t, out, "month_coverage")
	if len(cov) != len(coverage) {
		t.Errorf("month_coverage.csv has %d months, want %d", len(cov), len(coverage))
	}
	for _, row := range cov {
		c := coverage[row["month"]]
		gotC := [7]int64{}
		for i, col := range []string{"respondents", "respondents_full", "views", "seconds", "views_full", "seconds_full"} {
			gotC[i], _ = strconv.ParseInt(row[col], 10, 64)
		}
		if gotC != c {
			t.Errorf("month_coverage %s: %v, want %v", row["month"], gotC, c)
		}
	}
}
