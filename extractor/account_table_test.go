package extractor

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// decodeTable reads table base of files and returns its rows and whether
// the table exists.
func decodeTable[T any](t *testing.T, files input.FileSet, base string) ([]T, bool) {
	t.Helper()
	var all []T
	found, err := readAccountTable(context.Background(), files, base, func(rows []T) {
		all = append(all, rows...)
	})
	if err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	return all, found
}

// csvColumn returns column col (by header name) of every data record of
// table base, read with encoding/csv alone: an answer key independent of
// gocsv and the column projection.
func csvColumn(t *testing.T, files input.FileSet, base, col string) (values []string, ok bool) {
	t.Helper()
	name, ok := input.Find(files, base)
	if !ok || strings.HasSuffix(strings.ToLower(name), ".txt") {
		return nil, ok
	}
	rc, _, err := files.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	r := csv.NewReader(bytes.NewReader(data))
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Contains(first, []byte(";")) && !bytes.Contains(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		return nil, true
	}
	idx := -1
	for i, h := range recs[0] {
		if strings.EqualFold(strings.TrimSpace(h), col) {
			idx = i
		}
	}
	for _, rec := range recs[1:] {
		v := ""
		if idx >= 0 && idx < len(rec) {
			v = rec[idx]
		}
		values = append(values, v)
	}
	return values, true
}

// checkAccountDecoders decodes the five account tables of files with both
// decoders, and checks one column of each against encoding/csv.
func checkAccountDecoding(t *testing.T, files input.FileSet) (tables, rows int) {
	t.Helper()
	check := func(base, col string, got []string, found bool) {
		want, ok := csvColumn(t, files, base, col)
		if found != ok {
			t.Errorf("%s: found %v, want %v", base, found, ok)
		}
		if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: column %q has %d values, encoding/csv %d (or they differ)", base, col, len(got), len(want))
		}
		if found {
			tables++
			rows += len(got)
		}
	}
	profiles, found := decodeTable[profileRow](t, files, "Profiles")
	check("Profiles", "Maturity Level", column(profiles, func(r profileRow) string { return r.Maturity }), found)
	searches, found := decodeTable[searchRow](t, files, "SearchHistory")
	check("SearchHistory", "Utc Timestamp", column(searches, func(r searchRow) string { return r.Time }), found)
	myList, found := decodeTable[myListRow](t, files, "MyList")
	check("MyList", "Utc Title Add Date", column(myList, func(r myListRow) string { return r.Added }), found)
	ratings, found := decodeTable[ratingRow](t, files, "Ratings")
	check("Ratings", "Thumbs Value", column(ratings, func(r ratingRow) string { return r.Thumbs }), found)
	subs, found := decodeTable[subscriptionRow](t, files, "SubscriptionHistory")
	check("SubscriptionHistory", "Subscription Opened Ts", column(subs, func(r subscriptionRow) string { return r.Opened }), found)
	return tables, rows
}

func column[T any](rows []T, f func(T) string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, f(r))
	}
	return out
}

// TestAccountDecoding checks the rows gocsv decodes from every account
// table of generated exports, of hand-made edge cases and of the real
// samples against encoding/csv.
func TestAccountDecoding(t *testing.T) {
	for _, cfg := range []synth.Config{
		{Rows: 300, Seed: 1},
		{Rows: 5000, Seed: 7, Canary: "CANARY-7", TopFolder: "Download"},
		{Rows: 2000, Seed: 3, Profiles: []string{"Één", "Zoë"}, Lenient: true, Malformed: true},
	} {
		var zipBytes bytes.Buffer
		if _, err := synth.WriteZip(&zipBytes, cfg); err != nil {
			t.Fatal(err)
		}
		files, err := input.OpenZip(bytes.NewReader(zipBytes.Bytes()), int64(zipBytes.Len()), input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		tables, rows := checkAccountDecoding(t, files)
		if tables != 5 || rows == 0 {
			t.Errorf("seed %d: %d tables, %d rows; want all 5 tables with rows", cfg.Seed, tables, rows)
		}
	}

	edge := []accountFiles{
		{"Profiles.csv": "\xEF\xBB\xBF\" maturity LEVEL \",Is Kids\r\nADULTS,\r\n\"a \"\"b\"\"\",1\r\n"},
		{"Profiles.csv": "Profile Name;Maturity Level;Kids Profile\nA;TEENS;true\nB\n"},
		{"Ratings.csv": "Rating Type,Star Value\nstar,4\n thumb , 2 \nthumb\n,,,,,,,\n"},
		{"MyList.csv": "Profile Name,Title Name\nA,X\n"}, // no wanted column
		{"SearchHistory.csv": ""},
		{"SearchHistory.txt": placeholderText},
		{"SubscriptionHistory.csv": "Subscription Opened Ts\n" + strings.Repeat("2020-01-01 00:00:00\n", accountBatchRows+3)},
	}
	for _, files := range edge {
		checkAccountDecoding(t, files)
	}

	dir := filepath.Join(testutil.RepoRoot(t), "..", "shared", "netflix-samples")
	if _, err := os.Stat(dir); err != nil {
		t.Log("real samples absent:", err)
		return
	}
	wanted := map[string]bool{"profiles.csv": true, "searchhistory.csv": true, "mylist.csv": true, "ratings.csv": true, "subscriptionhistory.csv": true}
	sampleTables := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !wanted[strings.ToLower(d.Name())] {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		t.Run(strings.TrimPrefix(path, dir), func(t *testing.T) {
			n, _ := checkAccountDecoding(t, accountFiles{d.Name(): string(b)})
			sampleTables += n
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sampleTables == 0 {
		t.Error("no account table found in the real samples")
	}
}
