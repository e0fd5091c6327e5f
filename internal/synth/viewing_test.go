package synth

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// configs are the Configs most tests run over.
var configs = []struct {
	name string
	cfg  Config
}{
	{"default", Config{Rows: 5000, Seed: 1}},
	{"other seed", Config{Rows: 5000, Seed: 42}},
	{"canary", Config{Rows: 3000, Seed: 3, Canary: "CANARY-xyz"}},
	{"lenient and malformed", Config{Rows: 6000, Seed: 5, Lenient: true, Malformed: true}},
	{"custom profiles", Config{Rows: 2500, Seed: 9, Profiles: []string{"Lúcia Emília", "Begüm:)", ".", "Kinder", "Mom, Dad", `Quote "Q"`}}},
	{"one profile", Config{Rows: 700, Seed: 2, Profiles: []string{"Solo"}}},
	{"short range", Config{Rows: 2000, Seed: 4, From: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 3, 31, 23, 59, 59, 0, time.UTC)}},
	{"single instant", Config{Rows: 50, Seed: 4, From: time.Date(2023, 3, 1, 12, 0, 0, 0, time.UTC), To: time.Date(2023, 3, 1, 12, 0, 0, 0, time.UTC)}},
	{"no rows", Config{Rows: 0, Seed: 1}},
	{"fewer rows than profiles", Config{Rows: 3, Seed: 1}},
}

func TestTruthMatchesIndependentRecount(t *testing.T) {
	for _, tc := range configs {
		t.Run(tc.name, func(t *testing.T) {
			data, truth := generate(t, tc.cfg)
			got := recount(t, readRecords(t, data))
			if got.ProfileRows == nil {
				got.ProfileRows = truth.ProfileRows[:0:0]
			}
			if truth.ProfileRows == nil {
				truth.ProfileRows = got.ProfileRows
			}
			if !reflect.DeepEqual(got, truth) {
				t.Errorf("independent recount\n got %+v\nwant %+v (Truth)", got, truth)
			}
			if truth.Rows != int64(tc.cfg.Rows) {
				t.Errorf("Truth.Rows = %d, want Config.Rows %d", truth.Rows, tc.cfg.Rows)
			}
		})
	}
}

func TestViewingActivityBytes(t *testing.T) {
	const header = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"
	for _, tc := range configs {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := generate(t, tc.cfg)
			if !bytes.HasPrefix(data, []byte(header)) {
				t.Fatalf("file does not start with the exact header: %q", data[:min(len(data), 200)])
			}
			if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || bytes.Contains(data, []byte("\r")) {
				t.Error("file has a BOM or a CR")
			}
			if !bytes.HasSuffix(data, []byte("\n")) {
				t.Error("file does not end with a newline")
			}
			lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			recs := readRecords(t, data)
			if len(lines) != len(recs) {
				t.Fatalf("%d lines but %d records: a field spans lines", len(lines), len(recs))
			}
			for i, rec := range recs {
				if want := minimalLine(rec); lines[i] != want {
					t.Fatalf("line %d is not minimally quoted:\n got %s\nwant %s", i+1, lines[i], want)
				}
			}
		})
	}
}

func TestRowOrderAndRange(t *testing.T) {
	for _, tc := range configs {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := generate(t, tc.cfg)
			recs := readRecords(t, data)[1:]
			from, to := tc.cfg.From, tc.cfg.To
			if from.IsZero() {
				from, to = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)
			}
			done := map[string]bool{}
			var prev time.Time
			for i, rec := range recs {
				if i == 0 || rec[colProfile] != recs[i-1][colProfile] {
					if done[rec[colProfile]] {
						t.Fatalf("row %d: profile %q appears in two groups", i+2, rec[colProfile])
					}
					done[rec[colProfile]] = true
					prev = time.Time{}
				}
				start, lenient, ok := parseStart(rec[colStart])
				if !ok {
					continue // malformed rows have no time
				}
				if start.Before(from.Truncate(time.Minute)) || start.After(to) {
					t.Fatalf("row %d: start %s outside %s..%s", i+2, start, from, to)
				}
				if !prev.IsZero() && start.After(prev) {
					t.Fatalf("row %d: start %s after the previous row's %s (want descending)", i+2, start, prev)
				}
				if !lenient {
					prev = start
				} else {
					prev = start.Add(59 * time.Second) // seconds were dropped
				}
			}
		})
	}
}

func TestProfileNames(t *testing.T) {
	tests := []struct {
		cfg  Config
		want []string
	}{
		{Config{Rows: 100, Seed: 1}, []string{"Anna", "Bram", "Kids", "Oma & Opa"}},
		{Config{Rows: 100, Seed: 1, Canary: "ZQX"}, []string{"Anna ZQX", "Bram ZQX", "Kids ZQX", "Oma & Opa ZQX"}},
		{Config{Rows: 100, Seed: 1, Profiles: []string{"B", "A"}}, []string{"B", "A"}},
		{Config{Rows: 2, Seed: 1}, []string{"Anna", "Bram"}},
	}
	for _, tc := range tests {
		data, truth := generate(t, tc.cfg)
		var got []string
		for _, rec := range readRecords(t, data)[1:] {
			if len(got) == 0 || got[len(got)-1] != rec[colProfile] {
				got = append(got, rec[colProfile])
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: profiles %q, want %q", tc.cfg, got, tc.want)
		}
		if len(truth.ProfileRows) != len(tc.want) {
			t.Errorf("%+v: len(ProfileRows) = %d, want %d", tc.cfg, len(truth.ProfileRows), len(tc.want))
		}
	}
}

func TestDefaultRowShares(t *testing.T) {
	_, truth := generate(t, Config{Rows: 1000, Seed: 8})
	if want := []int64{400, 300, 200, 100}; !reflect.DeepEqual(truth.ProfileRows, want) {
		t.Errorf("ProfileRows = %v, want %v", truth.ProfileRows, want)
	}
}

func TestLatestBookmarkRule(t *testing.T) {
	data, _ := generate(t, Config{Rows: 20000, Seed: 11})
	seen := map[[2]string]bool{}
	notLatest := 0
	recs := readRecords(t, data)[1:]
	for i, rec := range recs {
		key := [2]string{rec[colProfile], rec[colTitle]}
		want := rec[colBookmark]
		if seen[key] {
			want = "Not latest view"
			notLatest++
		}
		seen[key] = true
		if rec[colLatest] != want {
			t.Fatalf("row %d (%q): Latest Bookmark %q, want %q", i+2, rec[colTitle], rec[colLatest], want)
		}
	}
	// Real exports: about half the rows. Accept a broad band.
	if share := float64(notLatest) / float64(len(recs)); share < 0.25 || share > 0.85 {
		t.Errorf("share of Not latest view = %.2f, want a realistic 0.25..0.85", share)
	}
}

func TestDeterminism(t *testing.T) {
	for _, tc := range configs {
		t.Run(tc.name, func(t *testing.T) {
			a, ta := generate(t, tc.cfg)
			b, tb := generate(t, tc.cfg)
			if !bytes.Equal(a, b) || !reflect.DeepEqual(ta, tb) {
				t.Fatal("same Config gave different output")
			}
			if tc.cfg.Rows == 0 {
				return
			}
			other := tc.cfg
			other.Seed++
			c, _ := generate(t, other)
			if bytes.Equal(a, c) {
				t.Fatal("a different seed gave the same bytes")
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"negative rows", Config{Rows: -1}},
		{"duplicate profiles", Config{Rows: 10, Profiles: []string{"A", "B", "A"}}},
		{"empty profile list", Config{Rows: 10, Profiles: []string{}}},
		{"from after to", Config{Rows: 10, From: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"top folder escapes", Config{Rows: 10, TopFolder: "../up"}},
		{"absolute top folder", Config{Rows: 10, TopFolder: "/abs"}},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if _, err := WriteViewingActivity(&buf, tc.cfg); err == nil {
			t.Errorf("%s: WriteViewingActivity succeeded, want an error", tc.name)
		}
		if _, err := WriteZip(&buf, tc.cfg); err == nil {
			t.Errorf("%s: WriteZip succeeded, want an error", tc.name)
		}
		if _, err := WriteFolder(t.TempDir(), tc.cfg); err == nil {
			t.Errorf("%s: WriteFolder succeeded, want an error", tc.name)
		}
	}
}

// failingWriter fails after n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errShortWrite
	}
	w.n -= len(p)
	return len(p), nil
}

var errShortWrite = bytes.ErrTooLarge

func TestWriteErrorIsReturned(t *testing.T) {
	for _, n := range []int{0, 10, 100000} {
		if _, err := WriteViewingActivity(&failingWriter{n: n}, Config{Rows: 5000, Seed: 1}); err == nil {
			t.Errorf("writer failing after %d bytes: no error", n)
		}
		if _, err := WriteZip(&failingWriter{n: n}, Config{Rows: 5000, Seed: 1}); err == nil {
			t.Errorf("zip writer failing after %d bytes: no error", n)
		}
	}
}
