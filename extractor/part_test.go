package extractor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/netflix-donation/widget/internal/synth"
)

// extractParts reads a table as count engines would: part 0 in
// ExtractMerged, the others with ExtractPart.
func extractParts(files FileSet, o Options, count int) (*Summary, error) {
	return ExtractMerged(context.Background(), files, o, count, func(ctx context.Context) ([][]byte, error) {
		var rest [][]byte
		for i := 1; i < count; i++ {
			b, err := ExtractPart(ctx, files, o, Part{Index: i, Count: count})
			if err != nil {
				return nil, fmt.Errorf("part %d of %d: %w", i, count, err)
			}
			rest = append(rest, b)
		}
		return rest, nil
	})
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

// TestPartsGiveExtract checks that merging the parts of an export gives
// byte for byte the summary Extract gives, for inputs that are split (a
// generated export as CSV, CRLF CSV and ZIP) and inputs that are not
// (small, UTF-16), with several option sets and part counts.
func TestPartsGiveExtract(t *testing.T) {
	csv, truth := synthCSV(t, synth.Config{Rows: 12000, Seed: 31, Lenient: true, Malformed: true})
	if len(csv) < MinPartBytes {
		t.Fatalf("the generated table has %d bytes; the test needs at least %d to split", len(csv), MinPartBytes)
	}
	var zb bytes.Buffer
	if _, err := synth.WriteZip(&zb, synth.Config{Rows: 12000, Seed: 32, TopFolder: "Download"}); err != nil {
		t.Fatal(err)
	}
	zipFiles, err := OpenZip(bytes.NewReader(zb.Bytes()), int64(zb.Len()), ZipOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The same ZIP through an InflateEntry hook that can skip (as in the
	// browser), counting the bytes it skips.
	var skipped int64
	hooked, err := OpenZip(bytes.NewReader(zb.Bytes()), int64(zb.Len()), ZipOptions{
		InflateEntry: func(e ZipEntry) (EntryReader, error) {
			er, err := goEntryInflater(bytes.NewReader(zb.Bytes()))(e)
			return &countSkips{EntryReader: er, skipped: &skipped}, err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	small, _ := synthCSV(t, synth.Config{Rows: 300, Seed: 33})
	inputs := map[string]FileSet{
		"csv":         loneCSV(string(csv)),
		"seekable":    OpenCSV("ViewingActivity.csv", bytes.NewReader(csv), int64(len(csv))),
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
		"account":   func(o *Options) { o.Account = AccountBlocks },
	}
	for inName, files := range inputs {
		for optName, fn := range optionSets {
			o := optionsWith(fn)
			want := summaryText(t, mustExtract(t, files, o))
			for _, count := range []int{1, 2, 3, 7, MaxParts} {
				s, err := extractParts(files, o, count)
				if err != nil {
					t.Errorf("%s, %s, %d parts: %v", inName, optName, count, err)
					continue
				}
				if got := summaryText(t, s); got != want {
					t.Errorf("%s, %s, %d parts: merged summary differs from Extract's\n got %.300s\nwant %.300s", inName, optName, count, got, want)
				}
			}
		}
	}
	if skipped < int64(zb.Len()) {
		t.Errorf("the hooked ZIP's parts skipped %d bytes; Skip was not used", skipped)
	}
	// Both halves of the large CSV hold rows, and together all of them.
	cfg, _ := validateOptions(DefaultOptions())
	var rows []int64
	for i := range 2 {
		b, err := ExtractPart(context.Background(), inputs["csv"], DefaultOptions(), Part{Index: i, Count: 2})
		if err != nil {
			t.Fatal(err)
		}
		p, err := decodePartial(b, cfg)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, p.agg.rowsTotal)
	}
	if rows[0] < truth.Rows/3 || rows[1] < truth.Rows/3 || rows[0]+rows[1] != truth.Rows {
		t.Errorf("rows per half %v, want two large shares of %d", rows, truth.Rows)
	}
	// And the merged summary agrees with the generator's own count.
	s, err := extractParts(inputs["csv"], DefaultOptions(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if s.RowsTotal != truth.Rows || s.Totals.Views != truth.Views60 || s.Totals.Seconds != truth.Seconds60 {
		t.Errorf("2 parts: rows %d views %d seconds %d, generator %d %d %d",
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

// TestRangesEveryCut splits a tricky table in two at every byte offset.
// A cut is expected to fail with ErrSplitMisaligned exactly when the
// first line end at or after it is not the end of a record (worked out
// from how the table was built, not by the parser); every other cut must
// give, merged, the summary of the whole table.
func TestRangesEveryCut(t *testing.T) {
	rt := newRangeTable()
	files := loneCSV(rt.text)
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.MinSeconds = 0 })
	want := summaryText(t, mustExtract(t, files, o))
	cfg, err := validateOptions(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rangeOf := func(lo, hi int64) (*aggregator, error) {
		return aggregateRange(ctx, files, o, cfg, func(int64) (int64, int64, bool) { return lo, hi, true })
	}
	misaligned := 0
	for cut := 0; cut <= len(rt.text)+1; cut++ {
		end := rt.nextLineEnd(cut)
		wantMisaligned := end > rt.headerEnd && !rt.recordEnds[end]
		first, err1 := rangeOf(-1, int64(cut))
		second, err2 := rangeOf(int64(cut), -1)
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
		first.merge(second)
		if got := summaryText(t, first.summary("csv", KnownFiles(files))); got != want {
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
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.TimeZone = "Europe/Amsterdam" })
	want := summaryText(t, mustExtract(t, files, o))
	cfg, _ := validateOptions(o)
	ctx := context.Background()
	checked := 0
	for c1 := 0; c1 <= len(rt.text); c1 += 7 {
		for c2 := c1; c2 <= len(rt.text)+3; c2 += 11 {
			cuts := []int64{-1, int64(c1), int64(c2), -1}
			var merged *aggregator
			var failed error
			for i := range 3 {
				lo, hi := cuts[i], cuts[i+1]
				a, err := aggregateRange(ctx, files, o, cfg, func(int64) (int64, int64, bool) { return lo, hi, true })
				if err != nil {
					failed = err
					break
				}
				if merged == nil {
					merged = a
				} else {
					merged.merge(a)
				}
			}
			if errors.Is(failed, ErrSplitMisaligned) {
				continue
			}
			if failed != nil {
				t.Fatalf("cuts %d, %d: %v", c1, c2, failed)
			}
			checked++
			if got := summaryText(t, merged.summary("csv", KnownFiles(files))); got != want {
				t.Fatalf("cuts %d, %d: merged summary differs\n got %s\nwant %s", c1, c2, got, want)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d aligned cut pairs checked", checked)
	}
}

// TestSplitMisalignedExport puts a title with many line breaks across the
// middle of a table large enough to split: part 0 of 2 says so.
func TestSplitMisalignedExport(t *testing.T) {
	row := "A,2023-01-01 10:00:00,00:40:00,,Some Film,,PC,,,\n"
	half := strings.Repeat(row, MinPartBytes/len(row)/2+1)
	long := "A,2023-01-01 12:00:00,00:40:00,,\"" + strings.Repeat("a line of a title\n", 20000) + "\",,PC,,,\n"
	text := vaHeader + half + long + half
	if cut := cutOffset(int64(len(text)), 1, 2, skipCost("csv")); cut < int64(len(vaHeader)+len(half)) || cut > int64(len(vaHeader)+len(half)+len(long)) {
		t.Fatalf("the cut %d is not inside the long record", cut)
	}
	files := loneCSV(text)
	_, err := ExtractPart(context.Background(), files, DefaultOptions(), Part{Index: 0, Count: 2})
	if !errors.Is(err, ErrSplitMisaligned) {
		t.Fatalf("part 0 of 2: %v, want ErrSplitMisaligned", err)
	}
	// Extract is the fallback and reads it whole.
	s := mustExtract(t, files, DefaultOptions())
	if want := int64(2*strings.Count(half, "\n") + 1); s.RowsTotal != want {
		t.Errorf("rows %d, want %d", s.RowsTotal, want)
	}
}

// TestPartErrors checks that a bad part, bad options and damaged or
// mismatched partials are errors with codes.
func TestPartErrors(t *testing.T) {
	files := loneCSV(vaHeader + "A,2023-01-01 10:00:00,00:40:00,,Some Film,,PC,,,\n")
	ctx := context.Background()
	o := DefaultOptions()
	for _, p := range []Part{{0, 0}, {-1, 2}, {2, 2}, {0, MaxParts + 1}} {
		if _, err := ExtractPart(ctx, files, o, p); CodeOf(err) != CodeBadOptions {
			t.Errorf("part %+v: %v, want bad_options", p, err)
		}
	}
	if _, err := ExtractPart(ctx, files, optionsWith(func(o *Options) { o.TimeZone = "Mars/Base" }), Part{0, 1}); CodeOf(err) != CodeBadOptions {
		t.Errorf("bad time zone: %v", err)
	}
	if _, err := ExtractPart(ctx, loneCSV(vaHeader), o, Part{0, 1}); err != nil {
		t.Errorf("a header without rows is an empty part, not an error: %v", err)
	}
	if _, err := extractParts(loneCSV(vaHeader), o, 2); CodeOf(err) != CodeEmpty {
		t.Errorf("merging empty parts: %v, want empty", err)
	}
	if _, err := ExtractPart(ctx, loneCSV("Profile Name,Start Time\n"), o, Part{1, 2}); CodeOf(err) != CodeBadHeader {
		t.Errorf("every part reads the header: %v, want bad_header", err)
	}

	p0, err := ExtractPart(ctx, files, o, Part{0, 2})
	if err != nil {
		t.Fatal(err)
	}
	p1, err := ExtractPart(ctx, files, o, Part{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	p1of3, err := ExtractPart(ctx, files, o, Part{1, 3})
	if err != nil {
		t.Fatal(err)
	}
	mergeWith := func(opts Options, count int, rest [][]byte) error {
		_, err := ExtractMerged(ctx, files, opts, count, func(context.Context) ([][]byte, error) { return rest, nil })
		return err
	}
	if err := mergeWith(o, 2, [][]byte{p1}); err != nil {
		t.Fatalf("ExtractMerged: %v", err)
	}
	cases := map[string]struct {
		opts  Options
		count int
		rest  [][]byte
		code  Code
	}{
		"no parts":      {o, 0, nil, CodeBadOptions},
		"out of order":  {o, 2, [][]byte{p0}, CodeInternal},
		"one missing":   {o, 3, [][]byte{p1of3}, CodeInternal},
		"other options": {optionsWith(func(o *Options) { o.MinSeconds = 1 }), 2, [][]byte{p1}, CodeInternal},
		"not a part":    {o, 2, [][]byte{[]byte("{}")}, CodeInternal},
		"cut short":     {o, 2, [][]byte{p1[:len(p1)-1]}, CodeInternal},
		"extra bytes":   {o, 2, [][]byte{append(bytes.Clone(p1), 0)}, CodeInternal},
	}
	for name, c := range cases {
		if err := mergeWith(c.opts, c.count, c.rest); CodeOf(err) != c.code {
			t.Errorf("%s: %v, want %s", name, err, c.code)
		}
	}
}

// mergeDamaged decodes b and merges it into fresh aggregates, as
// ExtractMerged does with another worker's part, and builds the summary.
// It is called without recover: a panic fails the test.
func mergeDamaged(cfg *config, b []byte) {
	p, err := decodePartial(b, cfg)
	if err != nil {
		return
	}
	a := newAggregator(cfg)
	a.merge(p.agg)
	a.summary("csv", nil)
}

// TestPartialDamage decodes and merges every truncation and many
// single-byte changes of a real partial: errors or summaries, never a
// panic.
func TestPartialDamage(t *testing.T) {
	csv, _ := synthCSV(t, synth.Config{Rows: 400, Seed: 34, Malformed: true})
	files := loneCSV(string(csv))
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll })
	p, err := ExtractPart(context.Background(), files, o, Part{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := validateOptions(o)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(p) {
		mergeDamaged(cfg, p[:n])
	}
	for i := 0; i < len(p); i += max(1, len(p)/3000) {
		for _, v := range []byte{0, 1, 0x7F, 0x80, 0xFF} {
			b := bytes.Clone(p)
			b[i] = v
			mergeDamaged(cfg, b)
		}
	}
}

// FuzzMerge decodes and merges arbitrary partials: an error or a summary,
// never a panic.
func FuzzMerge(f *testing.F) {
	rt := newRangeTable()
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.MinSeconds = 0 })
	p, err := ExtractPart(context.Background(), loneCSV(rt.text), o, Part{0, 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(p)
	f.Add([]byte(partialMagic))
	cfg, err := validateOptions(o)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		mergeDamaged(cfg, b)
	})
}

// TestExtractMerged runs part 0 in ExtractMerged and the other parts with
// ExtractPart, as the first worker and its helpers do, and compares with
// Extract; errors from the other parts come back as they are.
func TestExtractMerged(t *testing.T) {
	csv, _ := synthCSV(t, synth.Config{Rows: 12000, Seed: 35, Malformed: true})
	files := loneCSV(string(csv))
	ctx := context.Background()
	for _, count := range []int{1, 2, 3} {
		o := optionsWith(func(o *Options) { o.Titles = TitlesAll; o.Account = AccountBlocks })
		want := summaryText(t, mustExtract(t, files, o))
		calls := 0
		s, err := ExtractMerged(ctx, files, o, count, func(context.Context) ([][]byte, error) {
			calls++
			var rest [][]byte
			for i := 1; i < count; i++ {
				b, err := ExtractPart(ctx, files, o, Part{Index: i, Count: count})
				if err != nil {
					return nil, err
				}
				rest = append(rest, b)
			}
			return rest, nil
		})
		if err != nil {
			t.Fatalf("%d parts: %v", count, err)
		}
		if got := summaryText(t, s); got != want {
			t.Errorf("%d parts: differs from Extract\n got %.300s\nwant %.300s", count, got, want)
		}
		if wantCalls := min(count-1, 1); calls != wantCalls {
			t.Errorf("%d parts: others called %d times, want %d", count, calls, wantCalls)
		}
	}
	helperFailed := newError(CodeTooLarge, "a helper says so")
	_, err := ExtractMerged(ctx, files, DefaultOptions(), 2, func(context.Context) ([][]byte, error) { return nil, helperFailed })
	if err != helperFailed {
		t.Errorf("a failing part: %v, want its error as it is", err)
	}
	_, err = ExtractMerged(ctx, files, DefaultOptions(), 3, func(context.Context) ([][]byte, error) { return [][]byte{{}}, nil })
	if CodeOf(err) != CodeInternal {
		t.Errorf("a missing part: %v, want internal", err)
	}
	_, err = ExtractMerged(ctx, loneCSV("Title\nT\n"), DefaultOptions(), 2, func(context.Context) ([][]byte, error) {
		t.Error("others called although part 0 failed")
		return nil, nil
	})
	if CodeOf(err) != CodeBadHeader {
		t.Errorf("part 0 failing: %v, want bad_header", err)
	}
}

// countSkips counts what an EntryReader skips.
type countSkips struct {
	EntryReader
	skipped *int64
}

func (c *countSkips) Skip(n int64) (int64, error) {
	k, err := c.EntryReader.(Skipper).Skip(n)
	*c.skipped += k
	return k, err
}

// TestPartSeeks checks that the last part of a lone CSV seeks to its
// start instead of reading what lies before it.
func TestPartSeeks(t *testing.T) {
	csv, _ := synthCSV(t, synth.Config{Rows: 12000, Seed: 36})
	rc := &recordingReaderAt{r: bytes.NewReader(csv)}
	if _, err := ExtractPart(context.Background(), OpenCSV("ViewingActivity.csv", rc, int64(len(csv))), DefaultOptions(), Part{Index: 1, Count: 2}); err != nil {
		t.Fatal(err)
	}
	start := cutOffset(int64(len(csv)), 1, 2, skipCost("csv"))
	if limit := int64(len(csv)) - start + 2*readBufferSize; rc.bytes > limit {
		t.Errorf("part 1 of 2 read %d of %d bytes; its part begins at %d, so at most %d", rc.bytes, len(csv), start, limit)
	}
}
