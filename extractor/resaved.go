package extractor

import (
	"context"
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// This file holds what the extractor does for a ViewingActivity.csv that
// a spreadsheet opened and saved again: deciding the order of its dates
// before the rows are counted, saying in the summary what was decided,
// and refusing a table whose rows mostly cannot be read, rather than
// summarising the few that can.

// isCanonicalStart reports whether a Start Time field is in Netflix's own
// form. The first row of a table decides whether its dates need looking
// at (decideDateOrder) and whether it may be split into parts.
func isCanonicalStart(field []byte) bool {
	_, ok := parseCanonical(trimSpace(field))
	return ok
}

// decideDateOrder reads the Start Time column of the table name once,
// before it is counted, and decides from all its dates how day and month
// are ordered (dateEvidence). Re-saved tables are small, and only they
// take this second pass.
func decideDateOrder(ctx context.Context, files input.FileSet, name string, lim input.Limits) (order dateOrder, assumed bool, err error) {
	r, _, err := files.Open(name)
	if err != nil {
		return 0, false, readError(files, err)
	}
	defer r.Close()
	v, err := openViewing(r, maxLine(lim))
	if err != nil {
		return 0, false, readError(files, err)
	}
	var e dateEvidence
	for n := 1; ; n++ {
		rec, err := v.ReadRecord()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, false, readError(files, err)
		}
		e.add(v.cols.get(rec, colStart))
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return 0, false, codes.Wrap(codes.Aborted, err, "the extraction was cancelled")
			}
		}
	}
	order, assumed = e.decide(v.Comma())
	return order, assumed, nil
}

// checkReadable refuses a summary of rows that can mostly not be read:
// when more than half of the rows of fig (the chosen profiles') have a
// Start Time or Duration that cannot be read, the table is in a shape the
// extractor does not know, and a summary of the rest would be a silent,
// wrong answer. (The profile list applies the same rule to the whole
// table, before the choice.) A summary without a single view while rows
// could not be read is refused too: it would show no viewing for a
// reason other than those it states (the period, supplemental videos,
// short views).
func checkReadable(fig *figures) error {
	switch {
	case 2*fig.malformed > fig.rows:
		return errUnreadableRows(int64(fig.malformed), int64(fig.rows))
	case fig.views == 0 && fig.malformed > 0:
		return codes.New(codes.UnreadableRows, "no view was found and %d rows cannot be read (Start Time or Duration)", fig.malformed)
	}
	return nil
}

// errUnreadableRows is the error for a table of rows rows, unreadable of
// which cannot be read.
func errUnreadableRows(unreadable, rows int64) *codes.Error {
	return codes.New(codes.UnreadableRows, "%d of the %d rows of ViewingActivity.csv cannot be read (Start Time or Duration)", unreadable, rows)
}

// dateOrderUsed returns what Source.DateOrder and DateOrderAssumed report
// for a summary of fig.
func (a *Aggregates) dateOrderUsed(fig *figures) (order string, assumed bool) {
	if fig.dayMonth == 0 {
		return DateOrderISO, false
	}
	return a.order.String(), a.orderAssumed
}
