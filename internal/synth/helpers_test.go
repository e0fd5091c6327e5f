package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The helpers in this file re-read generated files with encoding/csv,
// time.Parse and regular expressions: an implementation independent of
// the generator's byte-level writer, so that the tests compare the
// generator's Truth with a second opinion, not with itself.

// readRecords parses a whole CSV file with encoding/csv.
func readRecords(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 10
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv: %v", err)
	}
	return recs
}

// Column indexes of ViewingActivity.csv.
const (
	colProfile = iota
	colStart
	colDuration
	colAttributes
	colTitle
	colSVT
	colDevice
	colBookmark
	colLatest
	colCountry
)

var clockRE = regexp.MustCompile(`^(\d+):([0-5]\d):([0-5]\d)$`)

// clockSeconds parses H+:MM:SS.
func clockSeconds(s string) (int64, bool) {
	m := clockRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	h, _ := strconv.ParseInt(m[1], 10, 64)
	mi, _ := strconv.ParseInt(m[2], 10, 64)
	se, _ := strconv.ParseInt(m[3], 10, 64)
	return h*3600 + mi*60 + se, true
}

// parseStart parses a Start Time with time.Parse: canonical, or one of
// the spreadsheet layouts (lenient; time.Parse accepts one-digit hours,
// months and days there). Years before 2007 are malformed, as the
// project's extractor defines it.
func parseStart(s string) (t time.Time, lenient, ok bool) {
	if canonicalRE.MatchString(s) {
		t, err := time.Parse("2006-01-02 15:04:05", s)
		return t, false, err == nil && t.Year() >= 2007
	}
	for _, layout := range []string{"2006-01-02 15:04", "1/2/2006 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, t.Year() >= 2007
		}
	}
	return time.Time{}, false, false
}

var canonicalRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`)

// recount computes a Truth from the records of a ViewingActivity.csv.
func recount(t *testing.T, recs [][]string) Truth {
	t.Helper()
	var tr Truth
	index := map[string]int{}
	for _, rec := range recs[1:] {
		i, ok := index[rec[colProfile]]
		if !ok {
			i = len(tr.ProfileRows)
			index[rec[colProfile]] = i
			tr.ProfileRows = append(tr.ProfileRows, 0)
		}
		tr.Rows++
		tr.ProfileRows[i]++
		_, lenient, okStart := parseStart(rec[colStart])
		dur, okDur := clockSeconds(rec[colDuration])
		if !okStart || !okDur {
			tr.Malformed++
			continue
		}
		if lenient {
			tr.Lenient++
		}
		items := attributeItems(rec[colAttributes])
		switch {
		case rec[colSVT] != "":
			tr.Supplemental++
		case dur < 60:
			tr.ShortUnder60++
		default:
			tr.Views60++
			tr.Seconds60 += dur
			if items["View was hidden"] {
				tr.Hidden++
			}
			if items["Autoplayed: user action: None"] {
				tr.AutoplayNone60++
			}
		}
	}
	return tr
}

// attributeItems splits Attributes on ";" and trims the items.
func attributeItems(s string) map[string]bool {
	m := map[string]bool{}
	for _, it := range strings.Split(s, ";") {
		if it = strings.TrimSpace(it); it != "" {
			m[it] = true
		}
	}
	return m
}

// minimalLine re-encodes a record the way Netflix does: a field is
// quoted only when it contains a comma or a quote.
func minimalLine(rec []string) string {
	var sb strings.Builder
	for i, f := range rec {
		if i > 0 {
			sb.WriteByte(',')
		}
		if strings.ContainsAny(f, ",\"\r\n") {
			fmt.Fprintf(&sb, "\"%s\"", strings.ReplaceAll(f, `"`, `""`))
		} else {
			sb.WriteString(f)
		}
	}
	return sb.String()
}

// generate returns the ViewingActivity.csv bytes and Truth for cfg.
func generate(t testing.TB, cfg Config) ([]byte, Truth) {
	t.Helper()
	var buf bytes.Buffer
	tr, err := WriteViewingActivity(&buf, cfg)
	if err != nil {
		t.Fatalf("WriteViewingActivity(%+v): %v", cfg, err)
	}
	return buf.Bytes(), tr
}

// csvReadAll parses a small table with encoding/csv, any field count.
func csvReadAll(t *testing.T, data string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv: %v", err)
	}
	return recs
}
