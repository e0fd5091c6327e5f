package main

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/netflix-donation/widget/internal/surveygen"
	"github.com/netflix-donation/widget/internal/testutil"
)

// needTool returns the path of a program that can run the snippet, or
// skips the test on a developer's machine without it; under CI (the CI
// variable set) a missing tool fails the test, since .ci/run installs it.
func needTool(t *testing.T, name string, check ...string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil && len(check) > 0 {
		err = exec.Command(p, check...).Run()
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is needed under CI (.ci/run installs it): %v", name, err)
		}
		t.Skipf("%s with its packages is not installed: %v", name, err)
	}
	return p
}

// TestSnippets runs the Python and R snippets of docs/researchers.md on
// collect's tables of a generated survey: each must save its two plots
// and write a table of months whose figures equal a computation in Go
// over months.csv and respondents.csv.
func TestSnippets(t *testing.T) {
	c := collectGenerated(t, surveygen.Qualtrics, 250)
	want := snippetWant(t, c.out)
	root := testutil.RepoRoot(t)
	for _, tc := range []struct {
		name, tool string
		check      []string
		script     string
	}{
		{"python", "/usr/bin/python3", []string{"-c", "import pandas, matplotlib"}, "hours_per_month.py"},
		{"r", "Rscript", []string{"-e", "library(readr); library(dplyr); library(ggplot2)"}, "hours_per_month.R"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tool := needTool(t, tc.tool, tc.check...)
			dir := t.TempDir()
			if err := os.Symlink(c.out, filepath.Join(dir, "tables")); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(tool, filepath.Join(root, "docs", "snippets", tc.script))
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", tc.script, err, out)
			}
			for _, png := range []string{"hours_per_month.png", "respondents_per_month.png"} {
				b, err := os.ReadFile(filepath.Join(dir, png))
				if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) || len(b) < 2000 {
					t.Errorf("%s: not a saved plot (%d bytes, %v)", png, len(b), err)
				}
			}
			got := readTable(t, dir, "hours_per_month")
			if len(got) != len(want) {
				t.Fatalf("%d months, want %d", len(got), len(want))
			}
			for _, row := range got {
				w, ok := want[row["month"]]
				if !ok {
					t.Errorf("month %q is not in months.csv", row["month"])
					continue
				}
				mean, err := strconv.ParseFloat(row["mean_hours"], 64)
				if row["mean_hours"] == "" || row["mean_hours"] == "NA" {
					mean, err = math.NaN(), nil
				}
				if row["respondents"] != strconv.Itoa(w.respondents) || row["full"] != strconv.Itoa(w.full) || err != nil ||
					!(math.IsNaN(mean) && math.IsNaN(w.mean) || math.Abs(mean-w.mean) < 1e-9*math.Max(1, w.mean)) {
					t.Errorf("%s: %v, want %+v", row["month"], row, w)
				}
			}
		})
	}
}

// monthWant is one month as the snippets must summarise it.
type monthWant struct {
	respondents, full int
	mean              float64 // hours; NaN without whole months
}

// snippetWant computes, in Go, the snippets' table from months.csv and
// respondents.csv: per month the ok respondents with a row, those whose
// month was whole, and their mean hours.
func snippetWant(t *testing.T, out string) map[string]monthWant {
	ok := map[string]bool{}
	for _, r := range readTable(t, out, "respondents") {
		ok[r["row"]] = r["status"] == "ok"
	}
	sums := map[string]float64{}
	want := map[string]monthWant{}
	for _, r := range readTable(t, out, "months") {
		if !ok[r["row"]] {
			continue
		}
		w := want[r["month"]]
		w.respondents++
		if r["partial"] == "false" {
			w.full++
			s, _ := strconv.ParseFloat(r["seconds"], 64)
			sums[r["month"]] += s
		}
		want[r["month"]] = w
	}
	partial := 0
	for m, w := range want {
		w.mean = math.NaN()
		if w.full > 0 {
			w.mean = sums[m] / float64(w.full) / 3600
		}
		if w.full < w.respondents {
			partial++
		}
		want[m] = w
	}
	if partial == 0 {
		t.Fatal("no month with partial respondents: the test would not see them")
	}
	return want
}
