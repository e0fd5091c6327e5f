package extractor_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden-summaries.json from the current extractor")

// goldenPath holds the SHA-256 of the summary JSON of every golden case:
// hashes, never content, so that summaries of the real samples (which
// must not be copied into the repository) can be pinned too.
const goldenPath = "testdata/golden-summaries.json"

// goldenOptions are the option sets every golden input is summarised with.
// Profile choices are by position in the order Aggregates.Profiles lists them, so that no
// profile name appears in a key.
var goldenOptions = []struct {
	name string
	set  func(o *extractor.Options, profiles []extractor.ProfileInfo)
}{
	{"defaults", nil},
	{"amsterdam-all-titles", func(o *extractor.Options, _ []extractor.ProfileInfo) {
		o.TimeZone, o.Titles = "Europe/Amsterdam", extractor.TitlesAll
	}},
	{"first-profile", func(o *extractor.Options, p []extractor.ProfileInfo) { o.Profiles = []string{p[0].Name} }},
	{"last-profile-tokyo", func(o *extractor.Options, p []extractor.ProfileInfo) {
		o.Profiles, o.TimeZone = []string{p[len(p)-1].Name}, "Asia/Tokyo"
	}},
	{"period-min0-none", func(o *extractor.Options, _ []extractor.ProfileInfo) {
		o.From, o.To, o.MinSeconds, o.Titles = "2021-01-01", "2023-06-30", 0, extractor.TitlesNone
	}},
	{"new-york-top3-min600", func(o *extractor.Options, _ []extractor.ProfileInfo) {
		o.TimeZone, o.Top, o.MinSeconds = "America/New_York", 3, 600
	}},
	{"account", func(o *extractor.Options, _ []extractor.ProfileInfo) { o.Account = extractor.AccountBlocks() }},
}

// goldenInput is one input of the golden test, opened on demand.
type goldenInput struct {
	name string
	open func(t *testing.T) input.FileSet
}

// goldenInputs are generated exports (always) and the real samples (when
// ../shared is there).
func goldenInputs(t *testing.T) []goldenInput {
	var out []goldenInput
	for _, cfg := range []synth.Config{
		{Rows: 3000, Seed: 1},
		{Rows: 6000, Seed: 2, Lenient: true, Malformed: true},
		{Rows: 2500, Seed: 3, Profiles: []string{"Lúcia Emília", "Mom & Dad", "."}},
	} {
		var zipBuf, csvBuf bytes.Buffer
		if _, err := synth.WriteZip(&zipBuf, cfg); err != nil {
			t.Fatal(err)
		}
		if _, err := synth.WriteViewingActivity(&csvBuf, cfg); err != nil {
			t.Fatal(err)
		}
		out = append(out,
			goldenInput{fmt.Sprintf("synth-%d-zip", cfg.Seed), func(t *testing.T) input.FileSet {
				files, err := input.Open(bytes.NewReader(zipBuf.Bytes()), int64(zipBuf.Len()), "netflix-report.zip", input.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return files
			}},
			goldenInput{fmt.Sprintf("synth-%d-csv", cfg.Seed), func(t *testing.T) input.FileSet {
				files, err := input.Open(bytes.NewReader(csvBuf.Bytes()), int64(csvBuf.Len()), "ViewingActivity.csv", input.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return files
			}})
	}
	dir := filepath.Join(testutil.RepoRoot(t), "..", "shared", "netflix-samples")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Log("real samples absent: only generated exports are compared")
		return out
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		out = append(out, goldenInput{"sample-" + e.Name(), func(t *testing.T) input.FileSet {
			files, closer, err := input.OpenPath(path, input.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { closer.Close() })
			return files
		}})
	}
	return out
}

// TestGoldenSummaries pins every figure of the summaries of generated
// exports and of the real samples, under several option sets, to the
// hashes in testdata/golden-summaries.json. A change of the extractor's
// structure must not change a single byte of a summary; a deliberate
// change of a figure regenerates the file with -update-golden and says
// why in its commit.
func TestGoldenSummaries(t *testing.T) {
	want := map[string]string{}
	if b, err := os.ReadFile(goldenPath); err == nil {
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
	} else if !*updateGolden {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, in := range goldenInputs(t) {
		profiles, err := listProfiles(in.open(t))
		if err != nil {
			// Samples that are not a full export (the quick viewing
			// history) are pinned by their error code.
			got[in.name] = "error:" + string(codes.Of(err))
			continue
		}
		for _, o := range goldenOptions {
			opts := extractor.DefaultOptions()
			if o.set != nil {
				o.set(&opts, profiles)
			}
			key := in.name + "/" + o.name
			s, err := extractor.Extract(context.Background(), in.open(t), opts)
			if err != nil {
				got[key] = "error:" + string(codes.Of(err))
				continue
			}
			b, err := s.JSON()
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			got[key] = hex.EncodeToString(sum[:])
		}
	}
	if *updateGolden {
		// Keep the sample hashes of a machine that had the samples when
		// this one has not.
		for k, v := range want {
			if _, ok := got[k]; !ok && strings.HasPrefix(k, "sample-") {
				got[k] = v
			}
		}
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(goldenPath, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		w, ok := want[k]
		switch {
		case !ok:
			t.Errorf("%s: no golden hash (run go test ./extractor -run TestGoldenSummaries -update-golden)", k)
		case w != got[k]:
			t.Errorf("%s: summary changed: %s, golden %s", k, got[k], w)
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok && !strings.HasPrefix(k, "sample-") {
			t.Errorf("%s: golden case no longer computed", k)
		}
	}
}
