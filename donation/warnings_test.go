//go:build !(js && wasm)

package donation

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// warningCodes returns the codes of r's warnings.
func warningCodes(r Result) []string {
	var out []string
	for _, w := range r.Warnings {
		out = append(out, w.Code)
	}
	return out
}

// TestWarningsSoundOnRealDonations: donations the extractor makes, with
// every option and sharing choice, break no invariant.
func TestWarningsSoundOnRealDonations(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	optionSets := []func(*extractor.Options){
		func(o *extractor.Options) {},
		func(o *extractor.Options) { o.Titles = extractor.TitlesAll; o.Account = extractor.AccountBlocks() },
		func(o *extractor.Options) { o.Titles = extractor.TitlesNone; o.TimeZone = "Asia/Tokyo" },
		func(o *extractor.Options) { o.Top = 5; o.Profiles = []string{"Kids"}; o.MinSeconds = 0 },
		func(o *extractor.Options) { o.From, o.To = "2021-03-01", "2022-10-31"; o.TimeZone = "America/New_York" },
		func(o *extractor.Options) {
			o.Profiles = []string{"Bram", "Oma & Opa"}
			o.MinSeconds = 3600
			o.Account = []string{"ratings", "searches"}
		},
	}
	shareSets := []ShareOptions{
		{},
		{Blocks: []string{"totals", "titles"}, MaxBytes: 3000},
		{Blocks: []string{"by_month", "binge", "account"}},
		{Blocks: []string{"titles"}, MaxBytes: 2500},
	}
	for seed := int64(1); seed <= 3; seed++ {
		var buf bytes.Buffer
		if _, err := synth.WriteZip(&buf, synth.Config{Rows: 3000, Seed: seed, Lenient: true, Malformed: seed == 2}); err != nil {
			t.Fatal(err)
		}
		for i, set := range optionSets {
			s := extract(t, buf.Bytes(), set)
			for j, so := range shareSets {
				if len(s.Titles) > 2 {
					so.RemoveTitles = []string{s.Titles[1].Name}
				}
				if s.Account == nil && slices.Contains(so.Blocks, "account") {
					continue
				}
				d, err := Share(s, so)
				if err != nil {
					continue // a budget too small for this summary
				}
				if r := v.Check(string(d)); r.Status != StatusOK || len(r.Warnings) > 0 {
					t.Errorf("seed %d options %d share %d: %s %s %v", seed, i, j, r.Status, r.Reason, r.Warnings)
				}
			}
		}
	}
}

// TestWarningsSoundOnSamples: the real exports break no invariant either.
func TestWarningsSoundOnSamples(t *testing.T) {
	dir := testutil.SamplesDir(t)
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && (strings.HasSuffix(p, ".zip") || e.Name() == "ViewingActivity.csv") {
			inputs = append(inputs, p)
		}
		return nil
	})
	checked := 0
	for _, p := range inputs {
		files, closer, err := input.OpenPath(p, input.Options{})
		if err != nil {
			continue
		}
		opts := extractor.DefaultOptions()
		opts.Account = extractor.AccountBlocks()
		opts.TimeZone = "Europe/Amsterdam"
		s, err := extractor.Extract(context.Background(), files, opts)
		closer.Close()
		if err != nil {
			continue // not every sample is a readable export
		}
		d, err := Share(s, ShareOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checked++
		if r := v.Check(string(d)); r.Status != StatusOK || len(r.Warnings) > 0 {
			t.Errorf("%s: %s %s %v", p, r.Status, r.Reason, r.Warnings)
		}
	}
	if checked == 0 {
		t.Error("no sample could be read")
	}
}

func extract(t *testing.T, zip []byte, set func(*extractor.Options)) *extractor.Summary {
	t.Helper()
	files, err := input.Open(bytes.NewReader(zip), int64(len(zip)), "netflix-report.zip", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := extractor.DefaultOptions()
	set(&opts)
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// reshare encodes a decoded donation with a fresh checksum: what a tool
// that edits donations and checksums them again would store.
func reshare(t *testing.T, doc map[string]any) string {
	t.Helper()
	delete(doc, "checksum")
	sum, err := ChecksumObject(doc)
	if err != nil {
		t.Fatal(err)
	}
	doc["checksum"] = sum
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWarningsCatchBrokenInvariants breaks one invariant at a time in a
// good donation, checksums it again, and expects exactly that warning.
func TestWarningsCatchBrokenInvariants(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := synth.WriteZip(&buf, synth.Config{Rows: 3000, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	s := extract(t, buf.Bytes(), func(o *extractor.Options) { o.Account = extractor.AccountBlocks(); o.Top = 10 })
	good, err := Share(s, ShareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	set := func(path string, val any) func(map[string]any) {
		return func(m map[string]any) {
			keys := strings.Split(path, ".")
			node := m
			for _, k := range keys[:len(keys)-1] {
				node = node[k].(map[string]any)
			}
			node[keys[len(keys)-1]] = val
		}
	}
	add := func(path string, delta int64) func(map[string]any) {
		return func(m map[string]any) {
			keys := strings.Split(path, ".")
			node := m
			for _, k := range keys[:len(keys)-1] {
				node = node[k].(map[string]any)
			}
			n, _ := node[keys[len(keys)-1]].(json.Number).Int64()
			node[keys[len(keys)-1]] = json.Number(itoa(n + delta))
		}
	}
	tests := []struct {
		name string
		edit func(map[string]any)
		want string
	}{
		{"rows_total", add("rows_total", 3), "rows_total"},
		{"titles != series + movies", add("totals.series", 1), "titles_total"},
		{"more autoplayed than views", func(m map[string]any) {
			tt := m["totals"].(map[string]any)
			tt["autoplay_views"] = tt["views"].(json.Number) + "0"
		}, "totals"},
		{"month sums", func(m map[string]any) {
			bm := m["by_month"].([]any)
			last := bm[len(bm)-1].(map[string]any)
			n, _ := last["views"].(json.Number).Int64()
			last["views"] = json.Number(itoa(n + 1))
		}, "months_total"},
		{"a month missing in the middle", func(m map[string]any) {
			bm := m["by_month"].([]any)
			mid := bm[len(bm)/2].(map[string]any)
			if mid["views"] != json.Number("0") || mid["seconds"] != json.Number("0") {
				// Move the month's figures to its neighbour so the sums hold.
				next := bm[len(bm)/2+1].(map[string]any)
				for _, k := range []string{"views", "seconds"} {
					a, _ := mid[k].(json.Number).Int64()
					b, _ := next[k].(json.Number).Int64()
					next[k] = json.Number(itoa(a + b))
				}
			}
			m["by_month"] = append(append([]any(nil), bm[:len(bm)/2]...), bm[len(bm)/2+1:]...)
		}, "months_range"},
		{"weekday-hour sum", func(m map[string]any) {
			row := m["weekday_hour_seconds"].([]any)[2].([]any)
			n, _ := row[20].(json.Number).Int64()
			row[20] = json.Number(itoa(n + 60))
		}, "weekday_hour_total"},
		{"device sums", func(m map[string]any) {
			d := m["by_device"].([]any)[0].(map[string]any)
			n, _ := d["seconds"].(json.Number).Int64()
			d["seconds"] = json.Number(itoa(n + 1))
		}, "devices_total"},
		{"a title row too many", func(m map[string]any) {
			ts := m["titles"].([]any)
			m["titles"] = append(ts, ts[len(ts)-1])
		}, "titles_list"},
		{"titles out of order", func(m map[string]any) {
			ts := m["titles"].([]any)
			ts[0], ts[1] = ts[1], ts[0]
		}, "titles_list"},
		{"binge longer than its views", set("binge.longest", json.Number("100000")), "binge"},
		{"profiles", set("profiles.selected", json.Number("9")), "profiles"},
		{"account ratings", add("account.ratings.total", 1), "account"},
		{"a listed block is gone", func(m map[string]any) { delete(m, "binge") }, "block_missing"},
		{"an unlisted block", func(m map[string]any) {
			sh := m["sharing"].(map[string]any)
			var kept []any
			for _, b := range sh["blocks"].([]any) {
				if b != "binge" {
					kept = append(kept, b)
				}
			}
			sh["blocks"] = kept
		}, "block_unlisted"},
		{"time zone", set("options.time_zone", "Europe/Amsterdm"), "time_zone"},
		{"Local", set("options.time_zone", "Local"), "time_zone"},
		{"30 February", set("options.to", "2099-02-30"), "bad_date"},
		{"from after to", func(m map[string]any) {
			o := m["options"].(map[string]any)
			o["from"], o["to"] = "2030-01-02", "2030-01-01"
		}, "date_order"},
		{"newest before last", set("source.newest_day", "2000-01-01"), "date_order"},
		{"over budget", set("sharing.max_bytes", json.Number("100")), "over_budget"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := decodeUseNumber(good)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(doc.(map[string]any))
			r := v.Check(reshare(t, doc.(map[string]any)))
			if r.Status != StatusOK {
				t.Fatalf("%s: %s", r.Status, r.Reason)
			}
			if got := warningCodes(r); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("warnings %v, want [%s]", r.Warnings, tt.want)
			}
		})
	}
	if r := v.Check(string(good)); r.Status != StatusOK || r.Warnings != nil {
		t.Errorf("the good donation: %s %v", r.Status, r.Warnings)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestWarningCodesAreDocumented: every code a check can give is listed.
func TestWarningCodesAreDocumented(t *testing.T) {
	src, err := os.ReadFile("warnings.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(src), "\n") {
		i := strings.Index(line, `warn("`)
		if i < 0 {
			continue
		}
		code := strings.SplitN(line[i+len(`warn("`):], `"`, 2)[0]
		if !slices.ContainsFunc(WarningCodes(), func(c struct{ Code, Meaning string }) bool { return c.Code == code }) {
			t.Errorf("warning %q is not in WarningCodes()", code)
		}
	}
}
