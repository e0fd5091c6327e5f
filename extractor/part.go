package extractor

import (
	"bufio"
	"context"
	"errors"
	"io"
	"math"
)

// Part selects one of Count consecutive pieces of ViewingActivity.csv for
// ExtractPart. Index counts from 0.
//
// Splitting lets several engines (Web Workers, each with its own
// WebAssembly instance) read one large export at once. The pieces are cut
// at byte offsets: part i begins on the line after the first "\n" at or
// after a cut offset (a little beyond i*size/Count; see cutOffset), so
// that every part finds its own start without parsing what comes before
// it, and ends where part i+1 begins.
type Part struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// MaxParts bounds Part.Count: more parts than cores gain nothing, and a
// merge holds every part in memory at once.
const MaxParts = 16

// MinPartBytes is the size of ViewingActivity.csv below which it is not
// split: part 0 reads the whole table and the other parts nothing, since
// starting a part costs more than reading a small table.
const MinPartBytes = 1 << 20

// ErrSplitMisaligned is returned by ExtractPart and ExtractMerged when a
// part's end does not fall between two records: a quoted field holds a line
// break right where the next part begins (or blank lines surround it), so
// the next part began inside a record. The parts cannot be merged; the
// caller runs Extract instead, which gives the right answer. Real exports
// do not do this; a crafted file may.
var ErrSplitMisaligned = errors.New("extractor: a part of ViewingActivity.csv does not end between two records")

// ExtractPart aggregates one part of ViewingActivity.csv and returns the
// partial aggregates, encoded, for ExtractMerged, which reads part 0 and
// merges parts 1 to Count-1 of the same input with the same options into
// exactly the Summary that Extract gives, or reports ErrSplitMisaligned.
//
// The encoding holds aggregates, the profile names (to match profiles
// across parts), title and episode names, and for binge sessions the
// start and duration of each series view; never a raw row. It is meant
// to pass between engines of one participant's browser, not to leave it.
// Errors are *Error values with a Code, or ErrSplitMisaligned.
func ExtractPart(ctx context.Context, files FileSet, opts Options, part Part) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, internalError(r)
		}
	}()
	if part.Count < 1 || part.Count > MaxParts || part.Index < 0 || part.Index >= part.Count {
		return nil, newError(CodeBadOptions, "the part must be 0 <= index < count <= %d", MaxParts)
	}
	cfg, err := validateOptions(opts)
	if err != nil {
		return nil, err
	}
	agg, err := aggregatePart(ctx, files, opts, cfg, part)
	if err != nil {
		return nil, err
	}
	p := &partial{part: part, options: optionsKey(opts), agg: agg}
	return p.encode(), nil
}

// ExtractMerged returns the Summary of files as Extract does, reading part
// 0 of count itself while the other parts run elsewhere at the same time
// (ExtractPart, in other engines). Once its own part is done it calls
// others for their results, in part order, and merges them into its own
// aggregates, which never need encoding. It returns what Extract returns,
// or ErrSplitMisaligned; an error others returns is returned as it is.
func ExtractMerged(ctx context.Context, files FileSet, opts Options, count int, others func(context.Context) ([][]byte, error)) (s *Summary, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, internalError(r)
		}
	}()
	if count < 1 || count > MaxParts {
		return nil, newError(CodeBadOptions, "the part count must be 1 to %d", MaxParts)
	}
	cfg, err := validateOptions(opts)
	if err != nil {
		return nil, err
	}
	agg, err := aggregatePart(ctx, files, opts, cfg, Part{Index: 0, Count: count})
	if err != nil {
		return nil, err
	}
	var rest [][]byte
	if count > 1 {
		if rest, err = others(ctx); err != nil {
			return nil, err
		}
	}
	if err := mergeParts(agg, cfg, optionsKey(opts), rest, count); err != nil {
		return nil, err
	}
	return finishSummary(ctx, agg, files, opts, cfg)
}

// mergeParts decodes parts, which are parts 1, 2, ... of count, and
// merges each into agg, the aggregates of part 0.
func mergeParts(agg *aggregator, cfg *config, key string, parts [][]byte, count int) error {
	if 1+len(parts) != count {
		return newError(CodeInternal, "%d parts of %d arrived", 1+len(parts), count)
	}
	for i, b := range parts {
		p, err := decodePart(b, cfg, key, 1+i, count)
		if err != nil {
			return err
		}
		agg.merge(p.agg)
	}
	return nil
}

// decodePart decodes part index of count and checks that it is that part,
// extracted with the options whose optionsKey is key.
func decodePart(b []byte, cfg *config, key string, index, count int) (*partial, error) {
	p, err := decodePartial(b, cfg)
	if err != nil {
		return nil, err
	}
	if p.part != (Part{Index: index, Count: count}) {
		return nil, newError(CodeInternal, "part %d of %d is missing or out of order", index+1, count)
	}
	if p.options != key {
		return nil, newError(CodeInternal, "part %d was extracted with other options", index+1)
	}
	return p, nil
}

// skipCost is the time a part takes to pass over a byte before its range,
// relative to the time it takes to aggregate one: every part but the
// first must reach its start. A ZIP entry is inflated up to there (in
// Chromium, with the browser's inflater behind ZipOptions.InflateEntry,
// about a fifth of the time aggregating takes); a lone CSV or a folder's
// file seeks, which costs next to nothing (bench/README.md).
func skipCost(kind string) float64 {
	if kind == "zip" {
		return 0.2
	}
	return 0.02
}

// cutOffset is the byte offset at which part i of count begins its search
// for a line end (see Part). The parts are not equal: a later part spends
// time skipping to its start, so it gets fewer bytes of its own. With
// part i cut at c_i, all parts take as long when
// cost*c_i + (c_{i+1} - c_i) is the same for every i, which gives
// c_i = size * (1 - q^i) / (1 - q^count) with q = 1 - cost.
func cutOffset(size int64, i, count int, cost float64) int64 {
	q := 1 - cost
	f := (1 - math.Pow(q, float64(i))) / (1 - math.Pow(q, float64(count)))
	return min(int64(f*float64(size)), size)
}

// aggregatePart streams one part of ViewingActivity.csv into a new
// aggregator; Part{0, 1} is the whole table. Tables under MinPartBytes
// are not split.
func aggregatePart(ctx context.Context, files FileSet, opts Options, cfg *config, part Part) (*aggregator, error) {
	cost := skipCost(files.Kind())
	return aggregateRange(ctx, files, opts, cfg, func(size int64) (lo, hi int64, ok bool) {
		if part.Count < 2 || size < MinPartBytes {
			return -1, -1, part.Index == 0
		}
		lo, hi = -1, -1
		if part.Index > 0 {
			lo = cutOffset(size, part.Index, part.Count, cost)
		}
		if part.Index < part.Count-1 {
			hi = cutOffset(size, part.Index+1, part.Count, cost)
		}
		return lo, hi, true
	})
}

// aggregateRange streams the rows of ViewingActivity.csv between two cut
// offsets into a new aggregator. cuts is given the size the input claims
// and returns the cut at which the range begins (-1: at the first row)
// and the one at which the next range begins (-1: none), or ok = false
// for a range that reads nothing. A range cut at lo begins on the line
// after the first "\n" at or after byte lo (or at the first row when lo
// lies within the header), so consecutive ranges cover every row once.
//
// The range reads the header (each one needs the column map) and the
// first row, skips to its start and stops at the start of the next range,
// which it learns from the raw bytes as they pass
// (progressReader.lineEnd). A record that crosses that start is
// ErrSplitMisaligned. Tables that a spreadsheet re-saved are not split:
// when re-encoded (UTF-16, the wrapped shape) their byte offsets are not
// the parser's, and when their first Start Time is not Netflix's own form
// the whole table must be read first to decide the order of its dates
// (decideDateOrder). The range that begins at the first row reads them
// whole, the others nothing.
func aggregateRange(ctx context.Context, files FileSet, opts Options, cfg *config, cuts func(size int64) (lo, hi int64, ok bool)) (*aggregator, error) {
	lo, hi, ok := int64(-1), int64(-1), true
	watchAt := func(size int64) int64 {
		lo, hi, ok = cuts(size)
		return hi
	}
	v, rc, total, name, err := openViewingActivity(files, opts.Limits, watchAt)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	agg := newAggregator(cfg)
	agg.order, agg.orderAssumed = defaultDateOrder(v.comma()), true

	consumed := func() int64 { return rc.n - int64(v.raw.Buffered()) }
	headerEnd := consumed()
	first, err := v.nextRecord()
	if err == io.EOF {
		return agg, nil // no rows: finishSummary says so
	}
	if err != nil {
		return nil, readError(files, err)
	}
	resavedDates := !isCanonicalStart(v.cols.get(first, colStart))
	if !v.plain || resavedDates {
		// Not split: the first range reads it all.
		ok, lo, hi = ok && lo < 0, -1, -1
	}
	if !ok {
		return agg, nil
	}
	if resavedDates {
		if agg.order, agg.orderAssumed, err = decideDateOrder(ctx, files, name, opts.Limits); err != nil {
			return nil, err
		}
	}
	end := total
	if hi >= 0 {
		end = hi
	}
	agg.reserve(end - max(lo, 0))

	prev := headerEnd
	// Progress counts the bytes this range passes, skipped or read, up
	// to its end.
	to := total
	if hi >= 0 {
		to = hi
	}
	progress := func() {
		if opts.Progress != nil && to > 0 {
			opts.Progress(min(rc.n, to), to)
		}
	}
	if lo >= headerEnd {
		prev, err = skipToPart(v.raw, rc, consumed(), lo, progress)
		if err == io.EOF {
			return agg, nil // the table ends before this range
		}
		if err != nil {
			return nil, readError(files, err)
		}
		if err := ctx.Err(); err != nil {
			return nil, wrapError(CodeAborted, err, "the extraction was cancelled")
		}
	} else if hi < 0 || rc.lineEnd < 0 || prev < max(rc.lineEnd, headerEnd) {
		// The first row, read already, is this range's own. It is taken
		// here rather than in the loop, whose every turn would otherwise
		// ask whether a row is waiting.
		if hi >= 0 {
			pos := consumed()
			if crossesNextRange(rc.lineEnd, headerEnd, pos) {
				return nil, ErrSplitMisaligned
			}
			prev = pos
		}
		agg.addRecord(first, &v.cols)
	}

	var reported int64
	for {
		// The next range begins at max(rc.lineEnd, headerEnd), known once
		// its line end has been read.
		if hi >= 0 && rc.lineEnd >= 0 && prev >= max(rc.lineEnd, headerEnd) {
			if prev != max(rc.lineEnd, headerEnd) {
				return nil, ErrSplitMisaligned
			}
			break
		}
		rec, err := v.nextRecord()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readError(files, err)
		}
		if hi >= 0 {
			pos := consumed()
			if crossesNextRange(rc.lineEnd, headerEnd, pos) {
				return nil, ErrSplitMisaligned // the next range began inside this record
			}
			prev = pos
		}
		agg.addRecord(rec, &v.cols)
		if agg.rowsTotal%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, wrapError(CodeAborted, err, "the extraction was cancelled")
			}
		}
		if rc.n-reported >= progressEvery {
			reported = rc.n
			progress()
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, wrapError(CodeAborted, err, "the extraction was cancelled")
	}
	progress()
	return agg, nil
}

// crossesNextRange reports whether a record that ends at pos crosses the
// start of the next range: max(lineEnd, headerEnd), once lineEnd is known.
func crossesNextRange(lineEnd, headerEnd, pos int64) bool {
	return lineEnd >= 0 && max(lineEnd, headerEnd) < pos
}

// skipToPart moves r, reading from pr and positioned at offset pos just
// after the header, to the start of a part that is cut at offset cut: the
// line after the first "\n" at or after cut, or pos itself when cut lies
// within the header. It returns the new offset, or io.EOF when no such
// line begins. Where the input can skip (Skipper), the bytes before cut
// are passed over in pieces, with a call to between after each (progress,
// which also lets an abort in); otherwise they are read and dropped.
func skipToPart(r *bufio.Reader, pr *progressReader, pos, cut int64, between func()) (int64, error) {
	if cut < pos {
		return pos, nil
	}
	if buffered := int64(r.Buffered()); cut-pos > buffered {
		r.Discard(int(buffered)) // already read: cannot fail
		pos += buffered
		for pos < cut {
			k, err := pr.Skip(min(cut-pos, skipPiece))
			pos += k
			if err == errNoSkip {
				break
			}
			if err != nil {
				return pos, err
			}
			between()
		}
		r.Reset(pr)
	}
	n, err := r.Discard(int(cut - pos))
	pos += int64(n)
	if err != nil {
		return pos, err
	}
	for {
		line, err := r.ReadSlice('\n')
		pos += int64(len(line))
		switch err {
		case nil:
			return pos, nil
		case bufio.ErrBufferFull:
			continue
		default:
			return pos, err
		}
	}
}

// skipPiece is the most skipToPart passes over in one Skip call.
const skipPiece = 4 << 20
