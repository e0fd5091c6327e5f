package donation

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
)

// shareFixture is a small summary written by hand.
func shareFixture() *extractor.Summary {
	s := &extractor.Summary{
		Schema:   extractor.SchemaVersion,
		Totals:   extractor.Totals{Views: 5, Seconds: 9000, Titles: 3, Series: 2, Movies: 1},
		ByMonth:  []extractor.MonthStat{{Month: "2024-01", Views: 5, Seconds: 9000}},
		ByDevice: []extractor.DeviceStat{{Class: extractor.DeviceTV, Views: 5, Seconds: 9000}},
		Titles: []extractor.TitleStat{
			{Name: "De Luizenmoeder", Kind: extractor.KindSeries, Views: 3, Seconds: 6000, Episodes: 3, FirstMonth: "2024-01", LastMonth: "2024-01"},
			{Name: "Glass Onion: A Knives Out Mystery", Kind: extractor.KindMovie, Views: 1, Seconds: 2000, FirstMonth: "2024-01", LastMonth: "2024-01"},
			{Name: "<img src=x onerror=alert(1)>\u2028", Kind: extractor.KindSeries, Views: 1, Seconds: 1000, Episodes: 1, FirstMonth: "2024-01", LastMonth: "2024-01"},
		},
		Profiles:  extractor.Profiles{Count: 1, Selected: 1},
		RowsTotal: 7,
		Excluded:  extractor.Excluded{Supplemental: 2},
		Source:    extractor.Source{Kind: "zip", Files: []string{"ViewingActivity.csv"}},
		Options:   extractor.OptionsUsed{TimeZone: "Europe/Amsterdam", MinSeconds: 60, Titles: extractor.TitlesTop, Top: 25},
	}
	return s
}

func TestChecksumCanonicalForm(t *testing.T) {
	doc := []byte(`{"b": 1, "a": {"z": [3, 2], "y": "x<y&z"}, "checksum": "sha256:whatever"}`)
	// The canonical form, written by hand: sorted keys, no spaces, no HTML escaping.
	canonical := `{"a":{"y":"x<y&z","z":[3,2]},"b":1}`
	h := sha256.Sum256([]byte(canonical))
	want := "sha256:" + hex.EncodeToString(h[:])
	got, err := Checksum(doc)
	if err != nil || got != want {
		t.Fatalf("Checksum = %q, %v; want %q", got, err, want)
	}
}

// TestChecksumMatchesPython proves the documented Python recipe gives the
// same checksum, so researchers can verify donations without Go.
func TestChecksumMatchesPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	out, err := Share(shareFixture(), ShareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	script := `import sys, json, hashlib
d = json.load(sys.stdin)
c = d.pop("checksum")
s = json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
s = s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
print(c == "sha256:" + hashlib.sha256(s.encode()).hexdigest())`
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = strings.NewReader(string(out))
	res, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(res)) != "True" {
		t.Fatalf("python recipe disagrees with Checksum on %s", out)
	}
}

func TestShareChoices(t *testing.T) {
	tests := []struct {
		name        string
		opts        ShareOptions
		wantKeys    []string // top-level members present
		absentKeys  []string
		wantTitles  []string
		wantRemoved int
	}{
		{
			name:       "all blocks by default",
			opts:       ShareOptions{},
			wantKeys:   []string{"schema", "totals", "by_month", "weekday_hour_seconds", "by_device", "titles", "binge", "profiles", "excluded", "rows_total", "source", "options", "sharing", "checksum"},
			absentKeys: []string{"account"}, // nil account stays out
			wantTitles: []string{"De Luizenmoeder", "Glass Onion: A Knives Out Mystery", "<img src=x onerror=alert(1)>\u2028"},
		},
		{
			name:        "participant removes two titles",
			opts:        ShareOptions{RemoveTitles: []string{"De Luizenmoeder", "<img src=x onerror=alert(1)>\u2028", "not in the list"}},
			wantKeys:    []string{"titles", "totals"},
			wantTitles:  []string{"Glass Onion: A Knives Out Mystery"},
			wantRemoved: 2,
		},
		{
			name:       "study shares totals and months only",
			opts:       ShareOptions{Blocks: []string{"by_month", "totals"}},
			wantKeys:   []string{"totals", "by_month", "excluded", "options"},
			absentKeys: []string{"titles", "by_device", "weekday_hour_seconds", "binge", "profiles"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Share(shareFixture(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(out, &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range tc.wantKeys {
				if _, ok := m[k]; !ok {
					t.Errorf("member %q missing", k)
				}
			}
			for _, k := range tc.absentKeys {
				if _, ok := m[k]; ok {
					t.Errorf("member %q present", k)
				}
			}
			var d struct {
				Titles  []extractor.TitleStat `json:"titles"`
				Sharing Sharing               `json:"sharing"`
				Totals  extractor.Totals      `json:"totals"`
			}
			if err := json.Unmarshal(out, &d); err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, ti := range d.Titles {
				names = append(names, ti.Name)
			}
			if strings.Join(names, "|") != strings.Join(tc.wantTitles, "|") {
				t.Errorf("titles = %q, want %q", names, tc.wantTitles)
			}
			if d.Sharing.TitlesRemoved != tc.wantRemoved {
				t.Errorf("titles_removed = %d, want %d", d.Sharing.TitlesRemoved, tc.wantRemoved)
			}
			if _, ok := m["totals"]; ok && d.Totals.Titles != 3 {
				t.Errorf("totals.titles = %d: removing titles must not change totals", d.Totals.Titles)
			}
			if err := VerifyChecksum(out); err != nil {
				t.Errorf("VerifyChecksum: %v", err)
			}
		})
	}
}

func TestShareEmptyChosenBlockIsPresent(t *testing.T) {
	s := shareFixture()
	s.Titles = nil
	out, err := Share(s, ShareOptions{Blocks: []string{"titles"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"titles":[]`) {
		t.Fatalf("want an empty titles list in %s", out)
	}
}

func TestShareByteBudget(t *testing.T) {
	s := shareFixture()
	full, err := Share(s, ShareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The last title row alone is this long; a budget one byte short of the
	// full JSON must drop exactly that row (the smallest by seconds).
	out, err := Share(s, ShareOptions{MaxBytes: len(full) - 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) > len(full)-1 {
		t.Fatalf("len = %d over budget %d", len(out), len(full)-1)
	}
	var d struct {
		Titles  []extractor.TitleStat `json:"titles"`
		Sharing Sharing               `json:"sharing"`
	}
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Titles) != 2 || d.Titles[1].Name != "Glass Onion: A Knives Out Mystery" {
		t.Fatalf("titles = %+v, want the two largest", d.Titles)
	}
	if d.Sharing.TitlesDroppedForSize != 1 || d.Sharing.MaxBytes != len(full)-1 {
		t.Fatalf("sharing = %+v", d.Sharing)
	}
	if err := VerifyChecksum(out); err != nil {
		t.Fatal(err)
	}

	// A budget too small even without titles is refused, never cut.
	if _, err := Share(s, ShareOptions{MaxBytes: 100}); codes.Of(err) != codes.TooLarge {
		t.Fatalf("tiny budget: err = %v, want too_large", err)
	}
}

func TestVerifyChecksumDetectsDamage(t *testing.T) {
	out, err := Share(shareFixture(), ShareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	altered := strings.Replace(string(out), `"views":5`, `"views":6`, 1)
	if altered == string(out) {
		t.Fatal("fixture changed: nothing to alter")
	}
	if err := VerifyChecksum([]byte(altered)); codes.Of(err) != codes.ChecksumMismatch {
		t.Errorf("altered: err = %v, want checksum mismatch", err)
	}
	if err := VerifyChecksum(out[:len(out)/2]); err == nil || codes.Of(err) == codes.ChecksumMismatch {
		t.Errorf("truncated: err = %v, want a parse error", err)
	}
	if err := VerifyChecksum([]byte(`{"declined":true}`)); err == nil {
		t.Error("a document without checksum verified")
	}
}

func TestShareRejectsBadOptions(t *testing.T) {
	for _, o := range []ShareOptions{{Blocks: []string{"raw_rows"}}, {MaxBytes: -1}} {
		if _, err := Share(shareFixture(), o); codes.Of(err) != codes.BadOptions {
			t.Errorf("%+v: err = %v, want bad_options", o, err)
		}
	}
	if _, err := Share(nil, ShareOptions{}); codes.Of(err) != codes.BadOptions {
		t.Errorf("nil summary: err = %v", err)
	}
}

// TestDefaultShareBlocks: without a choice of blocks, a donation lists
// only the blocks the summary holds, as the widget does: no account block
// that was not read, no titles under title detail none.
func TestDefaultShareBlocks(t *testing.T) {
	all := []string{"totals", "by_month", "weekday_hour_seconds", "by_device", "titles", "binge", "profiles", "account"}
	tests := []struct {
		name string
		edit func(*extractor.Summary)
		want []string
	}{
		{"no account read", func(*extractor.Summary) {}, all[:7]},
		{"account read", func(s *extractor.Summary) {
			s.Account = &extractor.Account{Tenure: &extractor.AccountTenure{Missing: true}}
		}, all},
		{"titles none", func(s *extractor.Summary) {
			s.Options.Titles = extractor.TitlesNone
			s.Titles = []extractor.TitleStat{}
		},
			[]string{"totals", "by_month", "weekday_hour_seconds", "by_device", "binge", "profiles"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := shareFixture()
			tt.edit(s)
			if got := DefaultShareBlocks(s); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("DefaultShareBlocks %q, want %q", got, tt.want)
			}
			out, err := Share(s, ShareOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var d struct {
				Sharing Sharing `json:"sharing"`
			}
			if err := json.Unmarshal(out, &d); err != nil {
				t.Fatal(err)
			}
			if strings.Join(d.Sharing.Blocks, " ") != strings.Join(tt.want, " ") {
				t.Errorf("sharing.blocks %q, want %q", d.Sharing.Blocks, tt.want)
			}
		})
	}
}

// TestChecksumObjectEqualsChecksum: the checksum of a decoded object is
// that of its text, and the object keeps its checksum member.
func TestChecksumObjectEqualsChecksum(t *testing.T) {
	doc, err := Share(shareFixture(), ShareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	dec := json.NewDecoder(strings.NewReader(string(doc)))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		t.Fatal(err)
	}
	want, _ := Checksum(doc)
	got, err := ChecksumObject(obj)
	if err != nil || got != want || obj["checksum"] != want {
		t.Errorf("ChecksumObject %s (%v), Checksum %s, member %v", got, err, want, obj["checksum"])
	}
}
