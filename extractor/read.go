package extractor

import (
	"bufio"
	"context"
	"errors"
	"io"
	"math"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// A Range selects the rows of ViewingActivity.csv one Read aggregates, as
// fractions of the table's size in bytes: the rows that begin in
// [From, To). A cut at fraction f lies at byte floor(f*size); the range
// that begins there begins on the line after the first "\n" at or after
// that byte (or at the first row when it lies in the header), so ranges
// that share their cuts cover every row exactly once, and each finds its
// start without parsing what comes before. The zero Range (To = 0) is the
// whole table.
//
// Fractions rather than bytes, because the caller that splits a table
// (the browser engine) does not know its size before it is read: a ZIP's
// table is only inflated by the Read itself.
type Range struct {
	From float64 `json:"from"` // 0 or more
	To   float64 `json:"to"`   // at most 1; 0 means 1
}

// whole reports whether r is the whole table.
func (r Range) whole() bool { return r.From <= 0 && (r.To <= 0 || r.To >= 1) }

// cuts returns the byte offsets at which r begins and ends its search for
// a line end in a table of size bytes; -1 means the first row and the end.
func (r Range) cuts(size int64) (lo, hi int64) {
	cut := func(f float64) int64 { return min(int64(math.Floor(f*float64(size))), size) }
	lo, hi = -1, -1
	if r.From > 0 {
		lo = cut(r.From)
	}
	if r.To > 0 && r.To < 1 {
		hi = cut(r.To)
	}
	return lo, hi
}

// valid reports whether r is a range of the table.
func (r Range) valid() bool {
	to := r.To
	if to == 0 {
		to = 1
	}
	return r.From >= 0 && r.From < to && to <= 1 && !math.IsNaN(r.From) && !math.IsNaN(r.To)
}

// ErrSplitMisaligned is returned by Read when a range's end does not fall
// between two records: a quoted field holds a line break right where the
// next range begins (or blank lines surround it), so the next range began
// inside a record and the ranges cannot be merged. The caller reads the
// whole table instead, which gives the right answer. Real exports do not
// do this; a crafted file may.
var ErrSplitMisaligned = errors.New("extractor: a range of ViewingActivity.csv does not end between two records")

// Read reads the rows of ViewingActivity.csv in r once and returns their
// aggregates per profile; Range{} reads the whole table. Options fix how
// rows are counted (time zone, period, minimum duration, title detail);
// which profiles a summary covers is chosen later (Aggregates.Summary).
// The range that begins at the first row also reads the account tables
// opts.Account asks for.
//
// Tables that a spreadsheet re-saved are not split: when re-encoded
// (UTF-16, the wrapped ";" shape) their byte offsets are not the
// parser's, and when their first Start Time is not Netflix's own form the
// whole table must be read first to decide the order of its dates
// (decideDateOrder: such tables, and only they, are read twice). Nor are
// tables whose size the input does not tell. The range that begins at the
// first row reads them whole, the others nothing, so the merge is still
// right.
//
// Every failure is a *codes.Error with a stable code, or ErrSplitMisaligned; a
// panic inside is recovered as codes.Internal.
func Read(ctx context.Context, files input.FileSet, opts Options, r Range) (a *Aggregates, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			a, err = nil, internalError(rec)
		}
	}()
	if !r.valid() {
		return nil, codes.New(codes.BadOptions, "the range must be 0 <= from < to <= 1")
	}
	cfg, err := validateOptions(opts)
	if err != nil {
		return nil, err
	}
	a = newAggregates(cfg, optionsKey(opts))
	a.source = Source{Kind: string(files.Kind()), Files: input.Tables(files)}
	if err := a.readRange(ctx, files, opts, r); err != nil {
		return nil, err
	}
	if r.From <= 0 && len(opts.Account) > 0 {
		if a.account, err = readAccountFigures(ctx, files, opts.Account, cfg.loc); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// readRange streams the rows of range r into a.
//
// The range reads the header (each one needs the column map) and the
// first row, skips to its start and stops at the start of the next range,
// which it learns from the raw bytes as they pass
// (progressReader.lineEnd). A record that crosses that start is
// ErrSplitMisaligned.
func (a *Aggregates) readRange(ctx context.Context, files input.FileSet, opts Options, r Range) error {
	lo, hi := int64(-1), int64(-1)
	watchAt := func(size int64) int64 {
		if size >= 0 {
			lo, hi = r.cuts(size)
		} else if r.From > 0 {
			lo = 0 // a size the input does not tell cannot be cut; see below
		}
		return hi
	}
	v, rc, total, name, err := openViewingActivity(files, opts.Limits, watchAt)
	if err != nil {
		return err
	}
	defer rc.Close()
	a.order, a.orderAssumed = defaultDateOrder(v.Comma()), true

	consumed := func() int64 { return rc.n - int64(v.raw.Buffered()) }
	headerEnd := consumed()
	first, err := v.ReadRecord()
	if err == io.EOF {
		return nil // no rows: the summary says so
	}
	if err != nil {
		return readError(files, err)
	}
	resavedDates := !isCanonicalStart(v.cols.get(first, colStart))
	if (!v.Plain() || resavedDates || total < 0) && !r.whole() {
		if lo >= 0 {
			return nil // not split: the first range reads it all
		}
		hi = -1
	}
	if resavedDates {
		if a.order, a.orderAssumed, err = decideDateOrder(ctx, files, name, opts.Limits); err != nil {
			return err
		}
	}
	end := total
	if hi >= 0 {
		end = hi
	}
	a.reserve(end - max(lo, 0))
	prev := headerEnd
	// Progress counts the bytes this range passes, skipped or read, up
	// to its end.
	progress := func() {
		if opts.Progress != nil && end > 0 {
			opts.Progress(min(rc.n, end), end)
		}
	}
	if lo >= headerEnd {
		prev, err = skipToRange(v.raw, rc, consumed(), lo, progress)
		if err == io.EOF {
			return nil // the table ends before this range
		}
		if err != nil {
			return readError(files, err)
		}
		if err := ctx.Err(); err != nil {
			return codes.Wrap(codes.Aborted, err, "the extraction was cancelled")
		}
	} else if hi < 0 || rc.lineEnd < 0 || prev < max(rc.lineEnd, headerEnd) {
		// The first row, read already, is this range's own. It is taken
		// here rather than in the loop, whose every turn would otherwise
		// ask whether a row is waiting.
		if hi >= 0 {
			pos := consumed()
			if crossesNextRange(rc.lineEnd, headerEnd, pos) {
				return ErrSplitMisaligned
			}
			prev = pos
		}
		a.addRecord(first, &v.cols)
	}

	var reported, rows int64
	for {
		// The next range begins at max(rc.lineEnd, headerEnd), known once
		// its line end has been read.
		if hi >= 0 && rc.lineEnd >= 0 && prev >= max(rc.lineEnd, headerEnd) {
			if prev != max(rc.lineEnd, headerEnd) {
				return ErrSplitMisaligned
			}
			break
		}
		rec, err := v.ReadRecord()
		if err == io.EOF {
			break
		}
		if err != nil {
			return readError(files, err)
		}
		if hi >= 0 {
			pos := consumed()
			if crossesNextRange(rc.lineEnd, headerEnd, pos) {
				return ErrSplitMisaligned // the next range began inside this record
			}
			prev = pos
		}
		a.addRecord(rec, &v.cols)
		if rows++; rows%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return codes.Wrap(codes.Aborted, err, "the extraction was cancelled")
			}
		}
		if rc.n-reported >= progressEvery {
			reported = rc.n
			progress()
		}
	}
	if err := ctx.Err(); err != nil {
		return codes.Wrap(codes.Aborted, err, "the extraction was cancelled")
	}
	progress()
	return nil
}

// crossesNextRange reports whether a record that ends at pos crosses the
// start of the next range: max(lineEnd, headerEnd), once lineEnd is known.
func crossesNextRange(lineEnd, headerEnd, pos int64) bool {
	return lineEnd >= 0 && max(lineEnd, headerEnd) < pos
}

// skipToRange moves r, reading from pr and positioned at offset pos just
// after the header, to the start of a range that is cut at offset cut: the
// line after the first "\n" at or after cut, or pos itself when cut lies
// within the header. It returns the new offset, or io.EOF when no such
// line begins. Where the input can skip (skipper), the bytes before cut
// are passed over in pieces, with a call to between after each (progress,
// which also lets an abort in); otherwise they are read and dropped.
func skipToRange(r *bufio.Reader, pr *progressReader, pos, cut int64, between func()) (int64, error) {
	if cut < pos {
		return pos, nil
	}
	if buffered := int64(r.Buffered()); cut-pos > buffered {
		r.Discard(int(buffered)) // already read: cannot fail
		pos += buffered
		for pos < cut {
			k, err := pr.Skip(min(cut-pos, skipPiece))
			pos += k
			if k == 0 && err == nil {
				break // the input cannot skip: read and drop the bytes
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

// skipPiece is the most skipToRange passes over in one Skip call.
const skipPiece = 4 << 20
