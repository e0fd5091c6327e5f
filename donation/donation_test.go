//go:build !(js && wasm)

package donation

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
)

// handSummary is a small summary written by hand.
func handSummary() *extractor.Summary {
	s := &extractor.Summary{
		Schema: extractor.SchemaVersion,
		Totals: extractor.Totals{Views: 3, Seconds: 7200, ActiveDays: 2, Titles: 2, Series: 1, Movies: 1,
			FirstDay: "2024-01-05", LastDay: "2024-02-01"},
		ByMonth: []extractor.MonthStat{{Month: "2024-01", Views: 2, Seconds: 3600}, {Month: "2024-02", Views: 1, Seconds: 3600}},
		Titles: []extractor.TitleStat{
			{Name: "Café <Noir> & Co", Kind: extractor.KindMovie, Views: 1, Seconds: 3600, FirstMonth: "2024-02", LastMonth: "2024-02"},
			{Name: "Show", Kind: extractor.KindSeries, Views: 2, Seconds: 3600, Episodes: 2, FirstMonth: "2024-01", LastMonth: "2024-01"},
		},
		Profiles:  extractor.Profiles{Count: 2, Selected: 1},
		Excluded:  extractor.Excluded{Supplemental: 1},
		RowsTotal: 4,
		Source:    extractor.Source{Kind: "zip", Files: []string{"ViewingActivity.csv"}, NewestDay: "2024-02-01", DateOrder: extractor.DateOrderISO},
		Options:   extractor.OptionsUsed{TimeZone: "UTC", MinSeconds: 60, Titles: "top", Top: 25},
		Account: &extractor.Account{Searches: &extractor.AccountCounts{Total: 2,
			ByMonth: []extractor.MonthCount{{Month: "2024-01", Count: 2}}}},
	}
	s.WeekdayHourSeconds[0][20] = 7200
	for _, c := range extractor.DeviceClasses() {
		s.ByDevice = append(s.ByDevice, extractor.DeviceStat{Class: c})
	}
	s.ByDevice[0] = extractor.DeviceStat{Class: extractor.DeviceTV, Views: 3, Seconds: 7200}
	return s
}

func share(t *testing.T, o ShareOptions) string {
	t.Helper()
	b, err := Share(handSummary(), o)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCheck(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	good := share(t, ShareOptions{})
	fullSummary, _ := handSummary().JSON()
	tests := []struct {
		name   string
		stored string
		want   Status
		reason string // a word the reason must contain
	}{
		{"good", good, StatusOK, ""},
		{"good with spaces around", "  \n" + good + "\n", StatusOK, ""},
		{"only totals", share(t, ShareOptions{Blocks: []string{"totals"}}), StatusOK, ""},
		{"declined before reasons existed", `{"declined":true}`, StatusDeclined, "declined"},
		{"declined with a reason", `{"declined":true,"reason":"no_file"}`, StatusDeclined, "no_file"},
		{"declined after an error", `{"declined":true,"reason":"did_not_work","error":"unreadable_rows"}`, StatusDeclined, "did_not_work"},
		{"declined for an unknown reason", `{"declined":true,"reason":"bored"}`, StatusInvalid, "schema"},
		{"empty", "", StatusMissing, "no donation"},
		{"blank", "   ", StatusMissing, "no donation"},
		{"cut in half", good[:len(good)/2], StatusTruncated, "ends unexpectedly"},
		{"cut before the last brace", good[:len(good)-1], StatusTruncated, "ends unexpectedly"},
		{"altered number", strings.Replace(good, `"views":3`, `"views":4`, 1), StatusInvalid, "checksum"},
		{"altered title", strings.Replace(good, `Show`, `Shoe`, 1), StatusInvalid, "checksum"},
		{"checksum removed", strings.Replace(good, `"checksum":"sha256:`, `"checksum_":"sha256:`, 1), StatusInvalid, "schema"},
		{"unknown member", strings.Replace(good, `{"schema"`, `{"email":"a@b.c","schema"`, 1), StatusInvalid, "schema"},
		{"a full summary", string(fullSummary), StatusInvalid, "full summary"},
		{"not JSON", "Netflix? no thanks", StatusInvalid, "not JSON"},
		{"two objects", good + good, StatusInvalid, "after"},
		{"declined false", `{"declined":false}`, StatusInvalid, "schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := v.Check(tt.stored)
			if r.Status != tt.want {
				t.Fatalf("status %s (%s), want %s", r.Status, r.Reason, tt.want)
			}
			if !strings.Contains(r.Reason, tt.reason) {
				t.Errorf("reason %q lacks %q", r.Reason, tt.reason)
			}
			if (r.Donation != nil) != (tt.want == StatusOK) {
				t.Errorf("donation %v for status %s", r.Donation, r.Status)
			}
		})
	}
}

// TestCheckDecodes compares the decoded donation with the summary it was
// shared from, field by field.
func TestCheckDecodes(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	s := handSummary()
	r := v.Check(share(t, ShareOptions{RemoveTitles: []string{"Show"}}))
	if r.Status != StatusOK {
		t.Fatal(r.Status, r.Reason)
	}
	d := r.Donation
	if *d.Totals != s.Totals || !reflect.DeepEqual(d.ByMonth, s.ByMonth) || *d.WeekdayHourSeconds != s.WeekdayHourSeconds ||
		!reflect.DeepEqual(d.ByDevice, s.ByDevice) || *d.Profiles != s.Profiles || d.Version != 2 ||
		!reflect.DeepEqual(d.Account, s.Account) || d.RowsTotal != 4 || d.Excluded != s.Excluded {
		t.Errorf("decoded %+v, shared from %+v", d, s)
	}
	if len(d.Titles) != 1 || d.Titles[0].Name != "Café <Noir> & Co" || d.Sharing.TitlesRemoved != 1 {
		t.Errorf("titles %+v, sharing %+v", d.Titles, d.Sharing)
	}
	if !d.Shared("titles") || d.Shared("nothing") {
		t.Errorf("Shared is wrong for %v", d.Sharing.Blocks)
	}

	r = v.Check(share(t, ShareOptions{Blocks: []string{"by_month"}}))
	if r.Status != StatusOK || r.Donation.Totals != nil || r.Donation.Titles != nil || r.Donation.ByMonth == nil {
		t.Errorf("a by_month-only donation decodes as %+v", r.Donation)
	}
}

func TestFindColumns(t *testing.T) {
	tests := []struct {
		name    string
		header  []string
		want    Columns
		wantErr bool
	}{
		{"whole", []string{"ResponseId", "netflix", "Q1"}, Columns{Whole: 1}, false},
		{"case and BOM", []string{"\uFEFFNetflix "}, Columns{Whole: 0}, false},
		{"parts out of order", []string{"id", "netflix_part_2", "netflix_part_10", "netflix_part_1", "x", "netflix_part_3", "netflix_part_4",
			"netflix_part_5", "netflix_part_6", "netflix_part_7", "netflix_part_8", "netflix_part_9"},
			Columns{Whole: -1, Parts: []int{3, 1, 5, 6, 7, 8, 9, 10, 11, 2}}, false},
		{"both", []string{"netflix_part_1", "netflix"}, Columns{Whole: 1, Parts: []int{0}}, false},
		{"a similar name is not a part", []string{"netflix", "netflix_part_x", "netflix_parts_1", "netflixx"}, Columns{Whole: 0}, false},
		{"gap", []string{"netflix_part_1", "netflix_part_3"}, Columns{}, true},
		{"repeat", []string{"netflix_part_1", "netflix_part_1"}, Columns{}, true},
		{"absent", []string{"id", "Q1"}, Columns{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindColumns(tt.header, "netflix")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestValueJoinsParts(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	good := share(t, ShareOptions{})
	third := len(good) / 3
	header := []string{"id", "d_part_3", "d_part_1", "d_part_2"}
	c, err := FindColumns(header, "d")
	if err != nil {
		t.Fatal(err)
	}
	rec := []string{"R_1", good[2*third:], good[:third], good[third : 2*third]}
	if got := c.Value(rec); got != good {
		t.Fatalf("joined %q, want the donation", got)
	}
	if r := v.Check(c.Value(rec)); r.Status != StatusOK {
		t.Errorf("joined donation: %s %s", r.Status, r.Reason)
	}
	rec[1] = "" // the last part was lost
	if r := v.Check(c.Value(rec)); r.Status != StatusTruncated {
		t.Errorf("without its last part: %s %s", r.Status, r.Reason)
	}
	if got := c.Value([]string{"R_2"}); got != "" {
		t.Errorf("short record: %q", got)
	}
}

func ExampleFindColumns() {
	header := []string{"ResponseId", "netflix_part_2", "netflix_part_1"}
	record := []string{"R_1", `true}`, `{"declined":`}
	cols, err := FindColumns(header, "netflix")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cols.Value(record))
	// Output: {"declined":true}
}

func ExampleVerifier_Check() {
	v, err := NewVerifier()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, stored := range []string{`{"declined":true}`, ``, `{"schema":"netflix-summary/1","tot`} {
		fmt.Println(v.Check(stored).Status)
	}
	// Output:
	// declined
	// missing
	// truncated
}

// BenchmarkCheck verifies one full donation (schema and checksum), the
// work collect does per respondent.
func BenchmarkCheck(b *testing.B) {
	v, err := NewVerifier()
	if err != nil {
		b.Fatal(err)
	}
	d, err := Share(handSummary(), ShareOptions{})
	if err != nil {
		b.Fatal(err)
	}
	stored := string(d)
	b.SetBytes(int64(len(stored)))
	b.ReportAllocs()
	for b.Loop() {
		if r := v.Check(stored); r.Status != StatusOK {
			b.Fatal(r.Reason)
		}
	}
}

// TestCheckDeclineReasons reads the reason and the error code of a decline.
func TestCheckDeclineReasons(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	for stored, want := range map[string]Decline{
		`{"declined":true}`:                                         {},
		`{"declined":true,"reason":"not_own_account"}`:              {Reason: "not_own_account"},
		`{"declined":true,"reason":"did_not_work","error":"empty"}`: {Reason: "did_not_work", Error: "empty"},
	} {
		if r := v.Check(stored); r.Status != StatusDeclined || r.Decline != want {
			t.Errorf("%s: %s %+v, want declined %+v", stored, r.Status, r.Decline, want)
		}
	}
}

// TestCheckVersion1 reads a donation stored by a widget of the first
// version of the format, written here by hand: two profiles of which one
// was chosen, 6 rows of the other one in excluded.other_profiles.
func TestCheckVersion1(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	body := `{"schema":"netflix-summary/1",` +
		`"totals":{"views":3,"seconds":7200,"active_days":2,"titles":1,"series":0,"movies":1,"first_day":"2024-01-05","last_day":"2024-02-01","hidden_views":0,"autoplay_views":0,"autoplay_seconds":0},` +
		`"profiles":[{"pseudonym":"P1","rows":6,"selected":false},{"pseudonym":"P2","rows":4,"selected":true}],` +
		`"excluded":{"other_profiles":6,"malformed":0,"outside_period":0,"supplemental":1,"short":0},` +
		`"rows_total":10,"lenient_rows":0,` +
		`"source":{"kind":"zip","files":["ViewingActivity.csv"],"newest_day":"2024-02-01"},` +
		`"options":{"time_zone":"UTC","profiles":["P2"],"min_seconds":60,"from":"","to":"","titles":"top","top":25},` +
		`"sharing":{"blocks":["totals","profiles"],"titles_removed":0,"titles_dropped_for_size":0,"max_bytes":20000}}`
	sum, err := Checksum([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	stored := strings.TrimSuffix(body, "}") + `,"checksum":"` + sum + `"}`
	r := v.Check(stored)
	if r.Status != StatusOK {
		t.Fatalf("%s: %s", r.Status, r.Reason)
	}
	d := r.Donation
	if d.Version != 1 || d.Schema != SchemaV1 || d.Profiles == nil || *d.Profiles != (extractor.Profiles{Count: 2, Selected: 1}) ||
		d.RowsTotal != 4 || d.RowsTotal != d.Totals.Views+d.Excluded.Sum() {
		t.Errorf("converted: version %d profiles %+v rows_total %d excluded %+v", d.Version, d.Profiles, d.RowsTotal, d.Excluded)
	}
	// A version 1 donation is checked against version 1's schema: the
	// current one's profiles block would refuse it, and vice versa.
	if r := v.Check(strings.Replace(stored, `"netflix-summary/1"`, `"netflix-summary/2"`, 1)); r.Status != StatusInvalid {
		t.Errorf("a version 1 body named version 2: %s", r.Status)
	}
}

// TestCheckIntegersAsTheSchemaTakesThem: the schema takes 12.0 and 1.2e1
// as integers, and so does Check; a number that is not a whole number of
// 64 bits is refused with a reason.
func TestCheckIntegersAsTheSchemaTakesThem(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	good := share(t, ShareOptions{})
	for written, want := range map[string]Status{`3.0`: StatusOK, `0.3e1`: StatusOK, `3`: StatusOK, `1e300`: StatusInvalid, `3.5`: StatusInvalid} {
		doc, err := decodeUseNumber([]byte(strings.Replace(good, `"views":3,`, `"views":`+written+`,`, 1)))
		if err != nil {
			t.Fatal(err)
		}
		r := v.Check(reshare(t, doc.(map[string]any)))
		if r.Status != want {
			t.Errorf("views written as %s: %s (%s), want %s", written, r.Status, r.Reason, want)
			continue
		}
		if want == StatusOK && (r.Donation.Totals.Views != 3 || len(r.Warnings) > 0) {
			t.Errorf("views written as %s: read %d, warnings %v", written, r.Donation.Totals.Views, r.Warnings)
		}
	}
}

// TestCheckTruncatedSaysCharactersAndBytes: platforms cut at characters,
// the budget counts bytes: the reason gives both.
func TestCheckTruncatedSaysCharactersAndBytes(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	cut := `{"schema":"netflix-summary/2","titles":[{"name":"Café`
	r := v.Check(cut)
	if r.Status != StatusTruncated || !strings.Contains(r.Reason, "after 53 characters (54 bytes)") {
		t.Errorf("%s: %s", r.Status, r.Reason)
	}
}

func TestCheckStatus(t *testing.T) {
	v, err := NewVerifier()
	if err != nil {
		t.Fatal(err)
	}
	p, err := v.CheckStatus(` {"schema":"netflix-donation-status/1","status":"declined","attempts":1,"errors":["empty_file"],"reason":"did_not_work","error":"empty_file"} `)
	if err != nil || p == nil || p.Status != "declined" || p.Reason != "did_not_work" || p.Error != "empty_file" || p.Attempts != 1 || !reflect.DeepEqual(p.Errors, []string{"empty_file"}) {
		t.Errorf("%+v %v", p, err)
	}
	if p, err := v.CheckStatus("  "); p != nil || err != nil {
		t.Errorf("empty field: %+v %v", p, err)
	}
	for _, bad := range []string{`{"status":"shared"}`, `error`, `{"schema":"netflix-donation-status/1","status":"gone","attempts":0,"errors":[]}`,
		`{"schema":"netflix-donation-status/1","status":"reached","attempts":0,"errors":[]} x`} {
		if p, err := v.CheckStatus(bad); err == nil {
			t.Errorf("%s: read as %+v", bad, p)
		}
	}
}
