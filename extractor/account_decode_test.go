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

	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// decodeBoth reads table base of files with the gocsv decoder and with
// the reflect-only decoder of the browser engine and fails unless both
// give the same rows. It returns the rows and whether the table exists.
func decodeBoth[T any](t *testing.T, files FileSet, base string) ([]T, bool) {
	t.Helper()
	read := func(decode accountDecoder[T]) ([]T, bool, error) {
		var all []T
		found, err := readAccountTableWith(context.Background(), files, base, decode, func(rows []T) {
			all = append(all, rows...)
		})
		return all, found, err
	}
	viaGocsv, found1, err1 := read(decodeAccountBatch[T])
	viaTags, found2, err2 := read(decodeAccountBatchTags[T])
	if (err1 == nil) != (err2 == nil) || found1 != found2 {
		t.Fatalf("%s: gocsv found=%v err=%v, tags found=%v err=%v", base, found1, err1, found2, err2)
	}
	if err1 != nil {
		t.Fatalf("%s: %v", base, err1)
	}
	if !reflect.DeepEqual(viaGocsv, viaTags) {
		t.Fatalf("%s: the decoders disagree: gocsv %d rows, tags %d rows", base, len(viaGocsv), len(viaTags))
	}
	return viaTags, found1
}

// csvColumn returns column col (by header name) of every data record of
// table base, read with encoding/csv alone: an answer key independent of
// both decoders.
func csvColumn(t *testing.T, files FileSet, base, col string) (values []string, ok bool) {
	t.Helper()
	name, ok := FindFile(files, base)
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
func checkAccountDecoders(t *testing.T, files FileSet) (tables, rows int) {
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
	profiles, found := decodeBoth[profileRow](t, files, "Profiles")
	check("Profiles", "Maturity Level", column(profiles, func(r profileRow) string { return r.Maturity }), found)
	searches, found := decodeBoth[searchRow](t, files, "SearchHistory")
	check("SearchHistory", "Utc Timestamp", column(searches, func(r searchRow) string { return r.Time }), found)
	myList, found := decodeBoth[myListRow](t, files, "MyList")
	check("MyList", "Utc Title Add Date", column(myList, func(r myListRow) string { return r.Added }), found)
	ratings, found := decodeBoth[ratingRow](t, files, "Ratings")
	check("Ratings", "Thumbs Value", column(ratings, func(r ratingRow) string { return r.Thumbs }), found)
	subs, found := decodeBoth[subscriptionRow](t, files, "SubscriptionHistory")
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

// TestAccountDecodersAgree checks that the browser engine's decoder
// (reflect only) and gocsv give identical rows for every account table of
// generated exports, of hand-made edge cases and of the real samples.
func TestAccountDecodersAgree(t *testing.T) {
	for _, cfg := range []synth.Config{
		{Rows: 300, Seed: 1},
		{Rows: 5000, Seed: 7, Canary: "CANARY-7", TopFolder: "Download"},
		{Rows: 2000, Seed: 3, Profiles: []string{"Één", "Zoë"}, Lenient: true, Malformed: true},
	} {
		var zipBytes bytes.Buffer
		if _, err := synth.WriteZip(&zipBytes, cfg); err != nil {
			t.Fatal(err)
		}
		files, err := OpenZip(bytes.NewReader(zipBytes.Bytes()), int64(zipBytes.Len()), ZipOptions{})
		if err != nil {
			t.Fatal(err)
		}
		tables, rows := checkAccountDecoders(t, files)
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
		checkAccountDecoders(t, files)
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
			n, _ := checkAccountDecoders(t, accountFiles{d.Name(): string(b)})
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

// TestAccountDecoderTagsErrors checks that the reflect-only decoder refuses
// a schema it cannot follow instead of leaving fields empty.
func TestAccountDecoderTagsErrors(t *testing.T) {
	type intRow struct {
		N int `csv:"N"`
	}
	type untagged struct {
		N string
	}
	files := accountFiles{"T.csv": "N\n1\n"}
	if _, err := readAccountTableWith(context.Background(), files, "T", decodeAccountBatchTags[intRow], func([]intRow) {}); err == nil {
		t.Error("an int field: no error")
	}
	if _, err := readAccountTableWith(context.Background(), files, "T", decodeAccountBatchTags[untagged], func([]untagged) {}); err == nil {
		t.Error("no csv tags: no error")
	}
}
