package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/synth"
)

// export writes the same synthetic export as a ZIP, a folder and a lone
// CSV, and returns their paths and the generator's own counts.
func export(t *testing.T, cfg synth.Config) (zipPath, dir, csvPath string, truth synth.Truth) {
	t.Helper()
	tmp := t.TempDir()
	zipPath = filepath.Join(tmp, "netflix.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	truth, err = synth.WriteZip(f, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	dir = filepath.Join(tmp, "unzipped")
	if _, err := synth.WriteFolder(dir, cfg); err != nil {
		t.Fatal(err)
	}
	csvPath = filepath.Join(tmp, "ViewingActivity.csv")
	var buf bytes.Buffer
	if _, err := synth.WriteViewingActivity(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csvPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return zipPath, dir, csvPath, truth
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func decode(t *testing.T, s string) extractor.Summary {
	t.Helper()
	var sum extractor.Summary
	if err := json.Unmarshal([]byte(s), &sum); err != nil {
		t.Fatalf("stdout is not a summary: %v\n%.300s", err, s)
	}
	return sum
}

// TestInputsAgree runs the CLI on the three input kinds of one export: the
// figures must equal the generator's own counts and each other.
func TestInputsAgree(t *testing.T) {
	zipPath, dir, csvPath, truth := export(t, synth.Config{Rows: 3000, Seed: 11})
	var sums []extractor.Summary
	for _, tc := range []struct{ path, kind string }{{zipPath, "zip"}, {dir, "folder"}, {csvPath, "csv"}} {
		code, out, errOut := runCLI("--tz", "Europe/Amsterdam", tc.path)
		if code != 0 {
			t.Fatalf("%s: exit %d, stderr %q", tc.kind, code, errOut)
		}
		s := decode(t, out)
		if s.Source.Kind != tc.kind {
			t.Errorf("%s: source.kind = %q", tc.kind, s.Source.Kind)
		}
		if s.RowsTotal != truth.Rows || s.Totals.Views != truth.Views60 || s.Totals.Seconds != truth.Seconds60 ||
			s.Excluded.Supplemental != truth.Supplemental || s.Excluded.Short != truth.ShortUnder60 ||
			s.Totals.HiddenViews != truth.Hidden || s.Totals.AutoplayViews != truth.AutoplayNone60 {
			t.Errorf("%s: summary %+v / %+v disagrees with generator truth %+v", tc.kind, s.Totals, s.Excluded, truth)
		}
		sums = append(sums, s)
	}
	for i := 1; i < len(sums); i++ {
		a, b := sums[0], sums[i]
		a.Source, b.Source = extractor.Source{}, extractor.Source{}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("input kind %d gives another summary than the ZIP", i)
		}
	}
}

func TestFlags(t *testing.T) {
	zipPath, _, _, truth := export(t, synth.Config{Rows: 2000, Seed: 5})
	// Flags after the path, one profile, no titles.
	code, out, errOut := runCLI(zipPath, "--profile", "Bram", "--titles", "none", "--min-seconds", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s := decode(t, out)
	if len(s.Titles) != 0 || s.Options.Titles != "none" || s.Options.MinSeconds != 0 {
		t.Errorf("options not applied: %+v, %d titles", s.Options, len(s.Titles))
	}
	if strings.Contains(out, "Bram") {
		t.Error("a profile name appears in the summary")
	}
	// Default household order is Anna, Bram, Kids, Oma & Opa: only
	// Bram's rows are counted, and the others only as a number of profiles.
	if s.Profiles != (extractor.Profiles{Count: 4, Selected: 1}) || s.RowsTotal != truth.ProfileRows[1] {
		t.Errorf("profiles %+v rows_total %d; want 1 of 4 chosen and Bram's %d rows", s.Profiles, s.RowsTotal, truth.ProfileRows[1])
	}

	// --share prints a donation whose checksum verifies.
	code, out, errOut = runCLI("--share", zipPath)
	if code != 0 {
		t.Fatalf("--share: exit %d: %s", code, errOut)
	}
	if err := donation.VerifyChecksum([]byte(strings.TrimSpace(out))); err != nil {
		t.Errorf("--share output: %v", err)
	}
}

func TestErrors(t *testing.T) {
	tmp := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, wantPrefix string
		wantCode               int
	}{
		{"pdf", write("report.zip", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "error: not_zip_or_csv: ", 1},
		{"quick download", write("NetflixViewingHistory.csv", "Title,Date\n\"Gilmore Girls: Season 1: Pilot\",\"2/5/19\"\n"), "error: viewing_history_only: ", 1},
		{"header only", write("ViewingActivity.csv", "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"), "error: empty: ", 1},
		{"missing", filepath.Join(tmp, "nope.zip"), "error: cannot_read: ", 1},
		{"bad zone", write("v.csv", "Start Time,Duration,Title\n2024-01-01 20:00:00,01:00:00,X\n"), "error: bad_options: ", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{tc.path}
			if tc.name == "bad zone" {
				args = []string{"--tz", "Mars/Olympus", tc.path}
			}
			code, out, errOut := runCLI(args...)
			if code != tc.wantCode || !strings.HasPrefix(errOut, tc.wantPrefix) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errOut, tc.wantCode, tc.wantPrefix)
			}
		})
	}
	if code, _, _ := runCLI(); code != 2 {
		t.Errorf("no path: exit %d, want 2", code)
	}
}
