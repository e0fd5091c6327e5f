package browsertest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// householdTables are the export's tables with a row per profile that a
// donation reads: rows of profiles other than the participant's are
// changed in them. Profiles.csv is left alone: the number of profiles is
// part of the donation.
var householdTables = []string{"ViewingActivity.csv", "SearchHistory.csv", "Ratings.csv", "MyList.csv"}

// oddFiles are files a participant's export may hold besides Netflix's
// own: their names must never reach a donation.
var oddFiles = map[string]string{
	"netflix-report/PROFILES/Anna Jansen.png":            "\x89PNG\r\n\x1a\n",
	"netflix-report/Bram - mijn notities.csv":            "a,b\n1,2\n",
	"netflix-report/CONTENT_INTERACTION/Kopie van x.txt": "Kopie\n",
	"Oma en Opa privé.csv":                               "x\n",
}

// rewriteExport copies a synthetic export ZIP, adds oddFiles, and changes
// the rows of every profile but keep in householdTables with change
// (which gets the table's base name, header and the other profiles'
// records in order and returns the records to write instead). The
// participant's own rows stay byte for byte where they were.
func rewriteExport(t *testing.T, export []byte, keep string, change func(table string, header []string, rows [][]string) [][]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(export), int64(len(export)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(householdTables, path.Base(f.Name)) && change != nil {
			data = rewriteTable(t, path.Base(f.Name), data, keep, change)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range oddFiles {
			if !yield(n) {
				return
			}
		}
	}) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(oddFiles[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// rewriteTable keeps the header and keep's lines verbatim and replaces the
// other profiles' lines, in place of their last one, with change's records.
func rewriteTable(t *testing.T, table string, data []byte, keep string, change func(string, []string, [][]string) [][]string) []byte {
	t.Helper()
	lines := strings.SplitAfter(string(data), "\n")
	header, err := csv.NewReader(strings.NewReader(lines[0])).Read()
	if err != nil || header[0] != "Profile Name" {
		t.Fatalf("%s: header %q (%v), want Profile Name first", table, header, err)
	}
	var others [][]string
	var b strings.Builder
	b.WriteString(lines[0])
	lastOther := -1
	var kept []string
	for _, line := range lines[1:] {
		if strings.TrimSpace(line) == "" {
			continue
		}
		rec, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil || len(rec) != len(header) {
			t.Fatalf("%s: line %q is not one record (%v)", table, line, err)
		}
		if rec[0] == keep {
			kept = append(kept, line)
			continue
		}
		others = append(others, rec)
		lastOther = len(kept)
	}
	if len(others) == 0 || len(kept) == 0 {
		t.Fatalf("%s: %d rows of %s and %d of the others; the test needs both", table, len(kept), keep, len(others))
	}
	var changed bytes.Buffer
	cw := csv.NewWriter(&changed)
	cw.WriteAll(change(table, header, others))
	for i, line := range kept {
		if i == lastOther {
			b.WriteString(changed.String())
		}
		b.WriteString(line)
	}
	if lastOther == len(kept) {
		b.WriteString(changed.String())
	}
	return []byte(b.String())
}

// changeOthers drops every third record of the other profiles and adds
// new ones: copies of some of theirs with a new title and, in
// ViewingActivity, Start Times after everything else in the export.
func changeOthers(table string, header []string, rows [][]string) [][]string {
	col := func(name string) int { return slices.Index(header, name) }
	var out [][]string
	for i, r := range rows {
		if i%3 != 2 {
			out = append(out, r)
		}
		if i%4 == 0 {
			added := slices.Clone(r)
			if c := col("Title"); c >= 0 {
				added[c] = "Brand New Show: Season 1: Episode " + fmt.Sprint(i%9+1)
			}
			if c := col("Title Name"); c >= 0 {
				added[c] = "Brand New Show"
			}
			if c := col("Start Time"); c >= 0 {
				added[c] = fmt.Sprintf("2025-06-%02d 21:%02d:00", i%28+1, i%60)
			}
			out = append(out, added)
		}
	}
	return out
}

// TestWidgetOtherProfilesLeaveNoTrace donates for one profile of a
// household's export, then for the same profile of the same export in
// which the other profiles' rows were changed (some dropped, some added,
// later than anything of the chosen profile, in the viewing table and in
// the account tables the donation reads; the membership is still open, so
// its length runs to the newest view): the two donations must be the
// same bytes. The change is real: over all profiles the two exports give
// different summaries. Neither donation names a file other than Netflix's
// own tables.
func TestWidgetOtherProfilesLeaveNoTrace(t *testing.T) {
	const tz = "Europe/Amsterdam"
	h := NewHarness(t, HarnessOptions{TimeZone: tz})
	w := pageWidget(h)
	var base bytes.Buffer
	if _, err := synth.WriteZip(&base, synth.Config{Rows: 1500, Seed: 31}); err != nil {
		t.Fatal(err)
	}
	const keep = "Anna"
	before := rewriteExport(t, base.Bytes(), keep, nil)
	after := rewriteExport(t, base.Bytes(), keep, changeOthers)

	// The change matters: over the whole household the summaries differ.
	all := func(export []byte) string {
		files, err := input.Open(bytes.NewReader(export), int64(len(export)), "netflix-report.zip", input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		opts := extractor.DefaultOptions()
		opts.TimeZone = tz
		opts.Account = extractor.AccountBlocks()
		s, err := extractor.Extract(context.Background(), files, opts)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(s)
		return string(b)
	}
	if all(before) == all(after) {
		t.Fatal("changing the other profiles' rows did not change the household's summary; the test proves nothing")
	}

	config := url.QueryEscape(`{"account":["profiles","searches","ratings","my_list","tenure"]}`)
	donate := func(name string, export []byte) string {
		t.Helper()
		h.Navigate("/browsertest/testdata/widget_flow.html?lang=en&config=" + config)
		w.start()
		w.upload(h.WriteFile(name, export))
		w.waitFor(`input[type=checkbox]`)
		var names []string
		h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('.check .name'), (n) => n.textContent)`, w.root), &names)
		i := slices.Index(names, keep)
		if i < 0 || len(names) < 3 {
			t.Fatalf("profiles %q, want %q among several", names, keep)
		}
		w.toReview(i)
		w.share()
		var out string
		h.Eval(`document.querySelector('#out').value`, &out)
		return out
	}
	first := donate("netflix-report.zip", before)
	second := donate("netflix-report (1).zip", after)
	if first != second {
		t.Errorf("the other profiles' rows changed the donation:\nbefore %.400s\nafter  %.400s", first, second)
	}

	var d struct {
		Profiles struct{ Count, Selected int }
		Account  map[string]json.RawMessage
		Source   struct{ Files []string }
	}
	if err := json.Unmarshal([]byte(first), &d); err != nil {
		t.Fatal(err)
	}
	if d.Profiles.Count != len(synth.DefaultProfiles()) || d.Profiles.Selected != 1 || len(d.Account) != len(extractor.AccountBlocks()) {
		t.Errorf("profiles %+v, account blocks %d; want %d profiles, 1 chosen, %d account blocks", d.Profiles, len(d.Account), len(synth.DefaultProfiles()), len(extractor.AccountBlocks()))
	}
	// Netflix's own tables, as synth wrote them, and nothing else.
	zr, _ := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	var want []string
	for _, f := range zr.File {
		if n := path.Base(f.Name); strings.HasSuffix(n, ".csv") || strings.HasSuffix(n, ".txt") {
			want = append(want, n)
		}
	}
	slices.Sort(want)
	if !slices.Equal(d.Source.Files, want) {
		t.Errorf("source.files %q, want Netflix's own tables %q", d.Source.Files, want)
	}
	canonical := regexp.MustCompile(`^[A-Za-z]+\.(csv|txt)$`)
	for _, n := range d.Source.Files {
		if !canonical.MatchString(n) {
			t.Errorf("source.files has %q", n)
		}
	}
	for odd := range oddFiles {
		for _, word := range strings.FieldsFunc(path.Base(odd), func(r rune) bool { return r == ' ' || r == '.' || r == '-' }) {
			if len(word) > 3 && strings.Contains(first, word) {
				t.Errorf("the donation holds %q from the file name %q", word, odd)
			}
		}
	}
}
