package extractor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/csvscan"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// readRanges reads a table as several engines would: range i from
// fractions cuts[i] to cuts[i+1], each range's aggregates encoded and
// decoded as they travel between workers except the first's, merged in
// order, then summarised for o's profiles.
func readRanges(files input.FileSet, o Options, cuts []float64) (*Summary, error) {
	var merged *Aggregates
	for i := 0; i+1 < len(cuts); i++ {
		a, err := Read(context.Background(), files, o, Range{From: cuts[i], To: cuts[i+1]})
		if err != nil {
			return nil, fmt.Errorf("range %d of %d: %w", i, len(cuts)-1, err)
		}
		if merged == nil {
			merged = a
			continue
		}
		b, err := a.MarshalBinary()
		if err != nil {
			return nil, err
		}
		if a, err = UnmarshalAggregates(b); err != nil {
			return nil, err
		}
		if err := merged.Merge(a); err != nil {
			return nil, err
		}
	}
	return merged.Summary(o.Profiles)
}

// equalCuts returns the fractions of count equal ranges.
func equalCuts(count int) []float64 {
	cuts := make([]float64, count+1)
	for i := range cuts {
		cuts[i] = float64(i) / float64(count)
	}
	return cuts
}

// summaryText is the summary's JSON, for comparing two summaries whole.
func summaryText(t *testing.T, s *Summary) string {
	t.Helper()
	b, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// utf16LE re-encodes s as a spreadsheet's "Unicode text" save does.
func utf16LE(s string) string {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// TestRangesGiveExtract checks that merging the ranges of an export gives
// byte for byte the summary Extract gives, for inputs that are split (a
// generated export as CSV, CRLF CSV and ZIP) and inputs that are not
// (UTF-16), with several option sets and range counts.
func TestRangesGiveExtract(t *testing.T) {
	csv, truth := synthCSV(t, synth.Config{Rows: 12000, Seed: 31, Lenient: true, Malformed: true})
	var zb bytes.Buffer
	if _, err := synth.WriteZip(&zb, synth.Config{Rows: 12000, Seed: 32, TopFolder: "Download"}); err != nil {
		t.Fatal(err)
	}
	zipFiles, err := input.OpenZip(bytes.NewReader(zb.Bytes()), int64(zb.Len()), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The same ZIP through an InflateEntry hook that can skip (as in the
	// browser), counting the bytes it skips.
	var skipped int64
	hooked, err := input.OpenZip(bytes.NewReader(zb.Bytes()), int64(zb.Len()), input.Options{
		InflateEntry: func(e input.ZipEntry) (input.EntryReader, error) {
			er, err := testutil.EntryInflater(bytes.NewReader(zb.Bytes()))(e)
			return &countSkips{EntryReader: er, skipped: &skipped}, err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	small, _ := synthCSV(t, synth.Config{Rows: 300, Seed: 33})
	inputs := map[string]input.FileSet{
		"csv":         loneCSV(string(csv)),
		"seekable":    openTable(t, bytes.NewReader(csv), int64(len(csv))),
		"crlf":        loneCSV(strings.ReplaceAll(string(csv), "\n", "\r\n")),
		"zip":         zipFiles,
		"zip skipped": hooked,
		"small":       loneCSV(string(small)),
		"utf-16":      loneCSV(utf16LE(string(csv))),
	}
	optionSets := map[string]func(*Options){
		"defaults":  nil,
		"amsterdam": func(o *Options) { o.TimeZone = "Europe/Amsterdam"; o.Titles = TitlesAll },
		"one":       func(o *Options) { o.Profiles = []string{"Bram"}; o.MinSeconds = 0 },
		"period":    func(o *Options) { o.From, o.To = "2022-01-01", "2022-12-31"; o.Titles = TitlesNone },
		"account":   func(o *Options) { o.Account = AccountBlocks() },
	}
	for inName, files := range inputs {
		for optName, fn := range optionSets {
			o := optionsWith(fn)
			want := summaryText(t, mustExtract(t, files, o))
			for _, cuts := range [][]float64{equalCuts(1), equalCuts(2), equalCuts(3), equalCuts(7), {0, 0.55, 0.8, 1}} {
				s, err := readRanges(files, o, cuts)
				if err != nil {
					t.Errorf("%s, %s, cuts %v: %v", inName, optName, cuts, err)
					continue
				}
				if got := summaryText(t, s); got != want {
					t.Errorf("%s, %s, cuts %v: merged summary differs from Extract's\n got %.300s\nwant %.300s", inName, optName, cuts, got, want)
				}
			}
		}
	}
	if skipped < int64(zb.Len()) {
		t.Errorf("the hooked ZIP's ranges skipped %d bytes; Skip was not used", skipped)
	}
	// Both halves of the large CSV hold rows, and together all of them.
	var rows []int64
	for _, r := range []Range{{0, 0.5}, {0.5, 1}} {
		a, err := Read(context.Background(), inputs["csv"], DefaultOptions(), r)
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		for _, p := range a.profiles {
			n += int64(p.fig.rows)
		}
		rows = append(rows, n)
	}
	if rows[0] < truth.Rows/3 || rows[1] < truth.Rows/3 || rows[0]+rows[1] != truth.Rows {
		t.Errorf("rows per half %v, want two large shares of %d", rows, truth.Rows)
	}
	// And the merged summary agrees with the generator's own count.
	s, err := readRanges(inputs["csv"], DefaultOptions(), equalCuts(2))
	if err != nil {
		t.Fatal(err)
	}
	if s.RowsTotal != truth.Rows || s.Totals.Views != truth.Views60 || s.Totals.Seconds != truth.Seconds60 {
		t.Errorf("2 ranges: rows %d views %d seconds %d, generator %d %d %d",
			s.RowsTotal, s.Totals.Views, s.Totals.Seconds, truth.Rows, truth.Views60, truth.Seconds60)
	}
}

// rangeTable is a small table whose records' raw end offsets are known by
// construction: CRLF and LF endings, quoted commas, a doubled quote, a
// title with line breaks, a blank line, and no final line end.
type rangeTable struct {
	text       string
	headerEnd  int
	recordEnds map[int]bool // offset just after each record's line end
}

func newRangeTable() rangeTable {
	rows := []string{
		"A,2023-01-01 10:00:00,00:40:00,,Dark: Season 1: Secrets (Episode 1),,PC,,,\n",
		"A,2023-01-01 10:45:00,00:40:00,,Dark: Season 1: Lies (Episode 2),,PC,,,\r\n",
		"B,2023-01-02 20:00:00,01:50:00,,\"Film, with a comma\",,Apple iPhone 11,,,\n",
		"A,2023-01-01 11:30:00,00:40:00,,Dark: Season 1: Past and Present (Episode 3),,PC,,,\n",
		"B,2023-01-03 20:00:00,00:30:00,,\"A \"\"quoted\"\" title\",,Sony PS4,,,\n",
		"B,2023-01-04 20:00:00,00:30:00,,\"Two\nlines\r\nand three\",,Sony PS4,,,\n",
		"\n", // a blank line: not a record
		"C,2023-02-01 08:00:00,00:01:00,,Short One,,PC,,,\n",
		"C,2023-02-01 09:00:00,00:22:00,,Brooklyn Nine-Nine: Season 2: Beet (Episode 4),,Chromecast,,,\n",
		"C,2023-02-01 09:25:00,00:22:00,,Brooklyn Nine-Nine: Season 2: Jake (Episode 5),,Chromecast,,,",
	}
	rt := rangeTable{headerEnd: len(vaHeader), recordEnds: map[int]bool{}}
	var b strings.Builder
	b.WriteString(vaHeader)
	for _, r := range rows {
		b.WriteString(r)
		if r != "\n" {
			rt.recordEnds[b.Len()] = true
		}
	}
	rt.text = b.String()
	return rt
}

// nextLineEnd is the offset after the first "\n" at or after cut, or -1.
func (rt rangeTable) nextLineEnd(cut int) int {
	i := strings.IndexByte(rt.text[min(cut, len(rt.text)):], '\n')
	if i < 0 {
		return -1
	}
	return cut + i + 1
}

// byteRange is the Range whose cuts lie at bytes lo and hi (-1: the first
// row, the end) of a table of size bytes.
func byteRange(lo, hi, size int64) Range {
	at := func(c int64) float64 { return (float64(c) + 0.5) / float64(size) }
	r := Range{To: 1}
	if lo >= 0 {
		r.From = at(lo)
	}
	if hi >= 0 && hi < size {
		r.To = at(hi)
	}
	return r
}

// TestRangesEveryCut splits a tricky table in two at every byte offset.
// A cut is expected to fail with ErrSplitMisaligned exactly when the
// first line end at or after it is not the end of a record (worked out
// from how the table was built, not by the parser); every other cut must
// give, merged, the summary of the whole table.
func TestRangesEveryCut(t *testing.T) {
	rt := newRangeTable()
	files := loneCSV(rt.text)
	size := int64(len(rt.text))
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.MinSeconds = 0 })
	want := summaryText(t, mustExtract(t, files, o))
	ctx := context.Background()
	misaligned := 0
	for cut := int64(0); cut < size; cut++ {
		end := rt.nextLineEnd(int(cut))
		wantMisaligned := end > rt.headerEnd && !rt.recordEnds[end]
		first, err1 := Read(ctx, files, o, byteRange(-1, cut, size))
		second, err2 := Read(ctx, files, o, byteRange(cut, -1, size))
		if wantMisaligned {
			misaligned++
			if !errors.Is(err1, ErrSplitMisaligned) {
				t.Errorf("cut %d (line end %d): first range %v, want ErrSplitMisaligned", cut, end, err1)
			}
			continue
		}
		if err1 != nil || err2 != nil {
			t.Errorf("cut %d: %v, %v", cut, err1, err2)
			continue
		}
		if err := first.Merge(second); err != nil {
			t.Fatal(err)
		}
		s, err := first.Summary(nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := summaryText(t, s); got != want {
			t.Errorf("cut %d (line end %d): merged summary differs\n got %s\nwant %s", cut, end, got, want)
		}
	}
	// The quoted title with two line breaks and the blank line.
	if misaligned < 10 {
		t.Errorf("only %d cuts were misaligned; the table should make more", misaligned)
	}
}

// TestThreeRanges splits the tricky table in three at many pairs of cuts.
func TestThreeRanges(t *testing.T) {
	rt := newRangeTable()
	files := loneCSV(rt.text)
	size := int64(len(rt.text))
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.TimeZone = "Europe/Amsterdam" })
	want := summaryText(t, mustExtract(t, files, o))
	checked := 0
	for c1 := int64(1); c1 < size; c1 += 7 {
		for c2 := c1 + 1; c2 < size; c2 += 11 {
			s, err := readRanges(files, o, []float64{0, byteRange(c1, -1, size).From, byteRange(c2, -1, size).From, 1})
			if errors.Is(err, ErrSplitMisaligned) {
				continue
			}
			if err != nil {
				t.Fatalf("cuts %d, %d: %v", c1, c2, err)
			}
			checked++
			if got := summaryText(t, s); got != want {
				t.Fatalf("cuts %d, %d: merged summary differs\n got %s\nwant %s", c1, c2, got, want)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d aligned cut pairs checked", checked)
	}
}

// TestSplitMisalignedExport puts a title with many line breaks across the
// middle of a table: the first half says so.
func TestSplitMisalignedExport(t *testing.T) {
	row := "A,2023-01-01 10:00:00,00:40:00,,Some Film,,PC,,,\n"
	half := strings.Repeat(row, 10000)
	long := "A,2023-01-01 12:00:00,00:40:00,,\"" + strings.Repeat("a line of a title\n", 20000) + "\",,PC,,,\n"
	text := vaHeader + half + long + half
	if mid := len(text) / 2; mid < len(vaHeader)+len(half) || mid > len(vaHeader)+len(half)+len(long) {
		t.Fatalf("the middle %d is not inside the long record", mid)
	}
	files := loneCSV(text)
	_, err := Read(context.Background(), files, DefaultOptions(), Range{From: 0, To: 0.5})
	if !errors.Is(err, ErrSplitMisaligned) {
		t.Fatalf("the first half: %v, want ErrSplitMisaligned", err)
	}
	// Reading it whole is the fallback.
	s := mustExtract(t, files, DefaultOptions())
	if want := int64(2*strings.Count(half, "\n") + 1); s.RowsTotal != want {
		t.Errorf("rows %d, want %d", s.RowsTotal, want)
	}
}

// TestRangeErrors checks that bad ranges, bad options and damaged or
// mismatched aggregates are errors with codes.
func TestRangeErrors(t *testing.T) {
	files := loneCSV(vaHeader + "A,2023-01-01 10:00:00,00:40:00,,Some Film,,PC,,,\n")
	ctx := context.Background()
	o := DefaultOptions()
	for _, r := range []Range{{From: -0.1, To: 1}, {From: 0.5, To: 0.5}, {From: 0.6, To: 0.4}, {From: 0, To: 1.5}, {From: math.NaN()}} {
		if _, err := Read(ctx, files, o, r); codes.Of(err) != codes.BadOptions {
			t.Errorf("range %+v: %v, want bad_options", r, err)
		}
	}
	if _, err := Read(ctx, files, optionsWith(func(o *Options) { o.TimeZone = "Mars/Base" }), Range{}); codes.Of(err) != codes.BadOptions {
		t.Errorf("bad time zone: %v", err)
	}
	empty, err := Read(ctx, loneCSV(vaHeader), o, Range{})
	if err != nil {
		t.Errorf("a header without rows is an empty range, not an error: %v", err)
	}
	if _, err := empty.Summary(nil); codes.Of(err) != codes.Empty {
		t.Errorf("summarising no rows: %v, want empty", err)
	}
	if _, err := empty.Profiles(); codes.Of(err) != codes.Empty {
		t.Errorf("listing the profiles of no rows: %v, want empty", err)
	}
	if _, err := Read(ctx, loneCSV("Profile Name,Start Time\n"), o, Range{From: 0.5, To: 1}); codes.Of(err) != codes.BadHeader {
		t.Errorf("every range reads the header: %v, want bad_header", err)
	}

	a, err := Read(ctx, files, o, Range{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	other, err := Read(ctx, files, optionsWith(func(o *Options) { o.MinSeconds = 1 }), Range{})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Merge(a); codes.Of(err) != codes.Internal {
		t.Errorf("merging ranges read with other options: %v, want internal", err)
	}
	for name, damaged := range map[string][]byte{
		"not aggregates": []byte("{}"),
		"cut short":      b[:len(b)-1],
		"extra bytes":    append(bytes.Clone(b), 0),
	} {
		if _, err := UnmarshalAggregates(damaged); codes.Of(err) != codes.Internal {
			t.Errorf("%s: %v, want internal", name, err)
		}
	}
}

// mergeDamaged decodes b and merges it into fresh aggregates, as the
// first worker does with another worker's range, and builds the summary.
// It is called without recover: a panic fails the test.
func mergeDamaged(first *Aggregates, b []byte) {
	a, err := UnmarshalAggregates(b)
	if err != nil {
		return
	}
	base := newAggregates(first.cfg, first.options)
	if base.Merge(a) != nil {
		return
	}
	if s, err := base.Summary(nil); err == nil {
		s.JSON()
	}
	base.Profiles()
}

// TestAggregatesDamage decodes and merges every truncation and many
// single-byte changes of real encoded aggregates: errors or summaries,
// never a panic.
func TestAggregatesDamage(t *testing.T) {
	csv, _ := synthCSV(t, synth.Config{Rows: 400, Seed: 34, Malformed: true})
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll })
	a, err := Read(context.Background(), loneCSV(string(csv)), o, Range{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(p) {
		mergeDamaged(a, p[:n])
	}
	for i := 0; i < len(p); i += max(1, len(p)/3000) {
		for _, v := range []byte{0, 1, 0x7F, 0x80, 0xFF} {
			b := bytes.Clone(p)
			b[i] = v
			mergeDamaged(a, b)
		}
	}
}

// FuzzMerge decodes and merges arbitrary encoded aggregates: an error or
// a summary, never a panic.
func FuzzMerge(f *testing.F) {
	rt := newRangeTable()
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.MinSeconds = 0 })
	a, err := Read(context.Background(), loneCSV(rt.text), o, Range{})
	if err != nil {
		f.Fatal(err)
	}
	p, err := a.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(p)
	f.Add([]byte(aggregatesMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		mergeDamaged(a, b)
	})
}

// TestSummaryPerChoice builds summaries for every choice of profiles from
// one Read, in any order and again, and checks each against Extract with
// that choice; and that the profile list counts what those summaries
// count.
func TestSummaryPerChoice(t *testing.T) {
	csv, _ := synthCSV(t, synth.Config{Rows: 6000, Seed: 37, Malformed: true, Lenient: true})
	files := loneCSV(string(csv))
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.TimeZone = "Europe/Amsterdam"; o.Account = AccountBlocks() })
	a, err := Read(context.Background(), files, o, Range{})
	if err != nil {
		t.Fatal(err)
	}
	list, err := a.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 {
		t.Fatalf("%d profiles, want the generator's 4", len(list))
	}
	choices := [][]string{nil, {list[2].Name}, {list[0].Name, list[3].Name}, {list[1].Name}, nil, {list[2].Name}}
	for _, names := range choices {
		s, err := a.Summary(names)
		if err != nil {
			t.Fatal(err)
		}
		o.Profiles = names
		if got, want := summaryText(t, s), summaryText(t, mustExtract(t, files, o)); got != want {
			t.Errorf("profiles %q: summary from the aggregates differs from Extract's\n got %.300s\nwant %.300s", names, got, want)
		}
	}
	for _, p := range list {
		s, err := a.Summary([]string{p.Name})
		if err != nil {
			t.Fatal(err)
		}
		if p.Views != s.Totals.Views || p.Seconds != s.Totals.Seconds || p.Rows != s.RowsTotal ||
			p.FirstDay != s.Totals.FirstDay || p.LastDay != s.Totals.LastDay {
			t.Errorf("%s: listed %+v, its summary %+v rows %d", p.Pseudonym, p, s.Totals, s.RowsTotal)
		}
	}
}

// countSkips counts what an input.EntryReader skips.
type countSkips struct {
	input.EntryReader
	skipped *int64
}

func (c *countSkips) Skip(n int64) (int64, error) {
	k, err := c.EntryReader.(input.Skipper).Skip(n)
	*c.skipped += k
	return k, err
}

// recordingReaderAt counts the bytes read through it.
type recordingReaderAt struct {
	r     io.ReaderAt
	bytes int64
}

func (r *recordingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.r.ReadAt(p, off)
	r.bytes += int64(n)
	return n, err
}

// TestRangeSeeks checks that the last range of a lone CSV seeks to its
// start instead of reading what lies before it.
func TestRangeSeeks(t *testing.T) {
	csv, _ := synthCSV(t, synth.Config{Rows: 12000, Seed: 36})
	rc := &recordingReaderAt{r: bytes.NewReader(csv)}
	if _, err := Read(context.Background(), openTable(t, rc, int64(len(csv))), DefaultOptions(), Range{From: 0.5, To: 1}); err != nil {
		t.Fatal(err)
	}
	start := int64(len(csv)) / 2
	if limit := int64(len(csv)) - start + 2*csvscan.BufferSize; rc.bytes > limit {
		t.Errorf("the second half read %d of %d bytes; it begins at %d, so at most %d", rc.bytes, len(csv), start, limit)
	}
}
