package extractor

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// synthCSV generates a ViewingActivity.csv and its answer key.
func synthCSV(t testing.TB, cfg synth.Config) ([]byte, synth.Truth) {
	t.Helper()
	var b bytes.Buffer
	truth, err := synth.WriteViewingActivity(&b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), truth
}

// TestSynthTruth compares generated exports with the generator's own
// answer key (counted while generating, not by the extractor).
func TestSynthTruth(t *testing.T) {
	for _, cfg := range []synth.Config{
		{Rows: 5000, Seed: 1},
		{Rows: 5000, Seed: 2, Lenient: true, Malformed: true},
		{Rows: 3000, Seed: 3, Profiles: []string{"Lúcia Emília", "Mom & Dad", "."}, Malformed: true},
		{Rows: 1, Seed: 4},
	} {
		t.Run(fmt.Sprintf("seed=%d", cfg.Seed), func(t *testing.T) {
			in, truth := synthCSV(t, cfg)
			s := mustExtract(t, loneCSV(string(in)), DefaultOptions())
			list, err := listProfiles(context.Background(), loneCSV(string(in)))
			if err != nil {
				t.Fatal(err)
			}
			var profileRows []int64
			for _, p := range list {
				profileRows = append(profileRows, p.Rows)
			}
			if s.Profiles != (Profiles{Count: int64(len(list)), Selected: int64(len(list))}) {
				t.Errorf("profiles %+v; the profile list has %d", s.Profiles, len(list))
			}
			got := synth.Truth{
				Rows: s.RowsTotal, ProfileRows: profileRows, Supplemental: s.Excluded.Supplemental,
				Malformed: s.Excluded.Malformed, Lenient: s.LenientRows, Hidden: s.Totals.HiddenViews,
				ShortUnder60: s.Excluded.Short, Views60: s.Totals.Views, Seconds60: s.Totals.Seconds,
				AutoplayNone60: s.Totals.AutoplayViews,
			}
			if !reflect.DeepEqual(got, truth) {
				t.Errorf("extractor %+v\ntruth     %+v", got, truth)
			}
		})
	}
}

// TestRowsInvariant checks rows_total == views + sum(excluded) on
// generated exports for several seeds and option sets, and that each
// option moves rows only between the buckets it governs.
func TestRowsInvariant(t *testing.T) {
	optionSets := map[string]func(*Options){
		"defaults":      nil,
		"one profile":   func(o *Options) { o.Profiles = []string{"Bram"} },
		"two profiles":  func(o *Options) { o.Profiles = []string{"Kids", "Oma & Opa"} },
		"period":        func(o *Options) { o.From, o.To = "2021-03-01", "2022-10-31" },
		"amsterdam":     func(o *Options) { o.TimeZone = "Europe/Amsterdam"; o.From = "2020-01-01" },
		"min 0":         func(o *Options) { o.MinSeconds = 0 },
		"min 3600":      func(o *Options) { o.MinSeconds = 3600 },
		"titles none":   func(o *Options) { o.Titles = TitlesNone },
		"tokyo, narrow": func(o *Options) { o.TimeZone = "Asia/Tokyo"; o.From, o.To = "2023-06-01", "2023-06-30" },
	}
	for _, seed := range []int64{11, 12, 13} {
		in, truth := synthCSV(t, synth.Config{Rows: 4000, Seed: seed, Lenient: true, Malformed: true})
		base := mustExtract(t, loneCSV(string(in)), DefaultOptions())
		for name, fn := range optionSets {
			opts := optionsWith(fn)
			s := mustExtract(t, loneCSV(string(in)), opts)
			wantRows := truth.Rows
			if len(opts.Profiles) > 0 {
				// Only the chosen profiles' rows are counted.
				wantRows = 0
				for i, p := range synth.DefaultProfiles() {
					if slices.Contains(opts.Profiles, p) {
						wantRows += truth.ProfileRows[i]
					}
				}
			}
			if s.RowsTotal != wantRows {
				t.Errorf("seed %d %s: rows_total %d, want %d", seed, name, s.RowsTotal, wantRows)
			}
			if len(opts.Profiles) == 0 && s.Excluded.Malformed != base.Excluded.Malformed {
				t.Errorf("seed %d %s: malformed %d, want %d: only profile selection comes first", seed, name, s.Excluded.Malformed, base.Excluded.Malformed)
			}
			if s.Totals.Views > base.Totals.Views && s.Options.MinSeconds >= 60 {
				t.Errorf("seed %d %s: a narrowing option added views", seed, name)
			}
			var monthViews, monthSeconds, deviceViews, whSeconds int64
			for _, m := range s.ByMonth {
				monthViews += m.Views
				monthSeconds += m.Seconds
			}
			for _, d := range s.ByDevice {
				deviceViews += d.Views
			}
			for _, day := range s.WeekdayHourSeconds {
				for _, sec := range day {
					whSeconds += sec
				}
			}
			if monthViews != s.Totals.Views || monthSeconds != s.Totals.Seconds || deviceViews != s.Totals.Views || whSeconds != s.Totals.Seconds {
				t.Errorf("seed %d %s: months %d/%d devices %d weekday-hour %d vs totals %d/%d",
					seed, name, monthViews, monthSeconds, deviceViews, whSeconds, s.Totals.Views, s.Totals.Seconds)
			}
		}
	}
}

// TestSynthZipFolderCSV extracts the same generated export as a ZIP, as a
// folder and as the lone CSV: the summaries differ only in source.
func TestSynthZipFolderCSV(t *testing.T) {
	cfg := synth.Config{Rows: 3000, Seed: 21, TopFolder: "Download"}
	var zb bytes.Buffer
	truth, err := synth.WriteZip(&zb, cfg)
	if err != nil {
		t.Fatal(err)
	}
	zfs, err := input.OpenZip(bytes.NewReader(zb.Bytes()), int64(zb.Len()), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := synth.WriteFolder(dir, cfg); err != nil {
		t.Fatal(err)
	}
	ffs, err := input.OpenFolder(os.DirFS(dir), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, _ := synthCSV(t, cfg)
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.TimeZone = "Europe/Amsterdam" })
	zs := mustExtract(t, zfs, o)
	fs := mustExtract(t, ffs, o)
	cs := mustExtract(t, loneCSV(string(in)), o)
	if zs.RowsTotal != truth.Rows || zs.Source.Kind != "zip" || fs.Source.Kind != "folder" || cs.Source.Kind != "csv" {
		t.Errorf("rows %d (truth %d), kinds %s %s %s", zs.RowsTotal, truth.Rows, zs.Source.Kind, fs.Source.Kind, cs.Source.Kind)
	}
	if !reflect.DeepEqual(zs.Source.Files, fs.Source.Files) || len(zs.Source.Files) < 2 {
		t.Errorf("known files: zip %q, folder %q", zs.Source.Files, fs.Source.Files)
	}
	zs.Source, fs.Source, cs.Source = Source{}, Source{}, Source{}
	if !reflect.DeepEqual(zs, fs) || !reflect.DeepEqual(zs, cs) {
		t.Errorf("zip, folder and csv summaries differ")
	}
	if _, err := listProfiles(context.Background(), zfs); err != nil {
		t.Errorf("profiles of the zip: %v", err)
	}
}
