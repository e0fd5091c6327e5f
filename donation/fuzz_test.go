package donation

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// FuzzShare feeds an arbitrary summary JSON and share options JSON to
// Share, as the WebAssembly adapter's share(summaryJSON, optionsJSON)
// does (wasm/api.go callShare). It checks:
// no panic, errors only bad_options or too_large; on success the output is
// a JSON object that verifies against its checksum, fits max_bytes, holds
// only chosen blocks, no removed title, counts the removals, and is the
// same bytes when shared again.
func FuzzShare(f *testing.F) {
	// A small summary (half a year, eight titles) keeps the inputs short,
	// so the fuzzer mutates and minimises quickly.
	var b bytes.Buffer
	cfg := synth.Config{Rows: 150, Seed: 5, Canary: "Zq9fuzzcanary",
		From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)}
	if _, err := synth.WriteZip(&b, cfg); err != nil {
		f.Fatal(err)
	}
	export := b.Bytes()
	files, err := input.Open(bytes.NewReader(export), int64(len(export)), "netflix-report.zip", input.Options{})
	if err != nil {
		f.Fatal(err)
	}
	opts := extractor.DefaultOptions()
	opts.Titles = extractor.TitlesTop
	opts.Top = 8
	opts.Account = extractor.AccountBlocks()
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		f.Fatal(err)
	}
	full, err := json.Marshal(s)
	if err != nil {
		f.Fatal(err)
	}
	first := s.Titles[0].Name
	titlesOnly, err := Share(s, ShareOptions{Blocks: []string{"titles"}})
	if err != nil {
		f.Fatal(err)
	}
	cut := fmt.Sprint(len(titlesOnly) - 150) // drops a few titles for size
	for _, o := range []string{
		`{}`,
		`{"blocks":["totals","titles"],"remove_titles":[` + jsonString(first) + `],"max_bytes":20000}`,
		`{"blocks":["titles"],"max_bytes":` + cut + `}`,
		`{"blocks":["totals"],"max_bytes":10}`,
		`{"blocks":["account"],"max_bytes":0}`,
		`{"blocks":["nope"]}`,
		`{"max_bytes":-1}`,
		`{"remove_titles":null,"blocks":null}`,
	} {
		f.Add(full, o)
	}
	f.Add([]byte(`{}`), `{}`)
	f.Add([]byte(`{"titles":[{"name":"a\u2028b<script>"},{"name":"a\u2028b<script>"}]}`), `{"remove_titles":["x"],"max_bytes":300}`)

	f.Fuzz(func(t *testing.T, summaryJSON []byte, shareJSON string) {
		var s extractor.Summary
		if json.Unmarshal(summaryJSON, &s) != nil {
			return // the adapter answers bad_input
		}
		var o ShareOptions
		if json.Unmarshal([]byte(shareJSON), &o) != nil {
			return // the adapter answers bad_options
		}
		out, err := Share(&s, o)
		if err != nil {
			if c := codes.Of(err); c != codes.BadOptions && c != codes.TooLarge {
				t.Fatalf("Share: %v", err)
			}
			return
		}
		if err := VerifyChecksum(out); err != nil {
			t.Fatalf("the shared JSON does not verify: %v\n%s", err, out)
		}
		if o.MaxBytes > 0 && len(out) > o.MaxBytes {
			t.Fatalf("%d bytes, over max_bytes %d", len(out), o.MaxBytes)
		}
		var got map[string]json.RawMessage
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("not a JSON object: %v", err)
		}
		chosen := o.Blocks
		if len(chosen) == 0 {
			chosen = ShareBlocks()
		}
		for _, b := range ShareBlocks() {
			if _, present := got[b]; present && !slices.Contains(chosen, b) {
				t.Fatalf("block %q shared but not chosen (%q)", b, chosen)
			}
		}
		var d struct {
			Titles  []extractor.TitleStat `json:"titles"`
			Sharing Sharing               `json:"sharing"`
		}
		if err := json.Unmarshal(out, &d); err != nil {
			t.Fatal(err)
		}
		removed := 0
		if slices.Contains(chosen, "titles") {
			for _, ti := range s.Titles {
				if slices.Contains(o.RemoveTitles, ti.Name) {
					removed++
				}
			}
		}
		if d.Sharing.TitlesRemoved != removed {
			t.Fatalf("titles_removed %d; %d titles of the summary were in remove_titles", d.Sharing.TitlesRemoved, removed)
		}
		for _, ti := range d.Titles {
			if slices.Contains(o.RemoveTitles, ti.Name) {
				t.Fatalf("removed title %q was shared", ti.Name)
			}
		}
		if again, err := Share(&s, o); err != nil || !bytes.Equal(again, out) {
			t.Fatalf("sharing again gave other bytes (%v)", err)
		}
	})
}

// jsonString is s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
