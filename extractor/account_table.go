package extractor

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"

	"github.com/gocarina/gocsv"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// accountBatchRows is the number of rows decoded per call of the batch
// decoder. gocsv reads all records of a reader before mapping them, so the
// account tables are fed to it in batches: memory stays bounded however
// long a table is.
const accountBatchRows = 4096

// readAccountTable decodes the export table named base (for example
// "SearchHistory") into rows of T with gocsv and calls fn once per batch.
// The csv tags of T are the table's schema and list only the columns the
// summary needs; every other column (e-mail, phone, IP, device serial,
// search text, ...) is dropped record by record before gocsv sees it and
// is never kept. Headers are matched after removing a byte order mark and
// zero-width characters, trimming, and ignoring case.
//
// found is false when the export has no such table. The .txt placeholder
// Netflix writes for an empty table is a table with no rows.
func readAccountTable[T any](ctx context.Context, files input.FileSet, base string, fn func([]T)) (found bool, err error) {
	name, ok := input.Find(files, base)
	if !ok {
		return false, nil
	}
	if strings.HasSuffix(strings.ToLower(name), ".txt") {
		return true, nil
	}
	cr, rc, err := openAccountCSV(files, name, base)
	if err != nil {
		return true, err
	}
	defer rc.Close()

	header, err := cr.Read()
	if err == io.EOF {
		return true, nil // a 0-byte file is an empty table
	}
	if err != nil {
		return true, accountReadError(err, base)
	}
	p := &accountProjection{r: cr}
	p.plan(header, accountTags(reflect.TypeFor[T]()))

	for {
		if err := ctx.Err(); err != nil {
			return true, err
		}
		var rows []T
		// gocsv reads a whole reader before mapping it, so it is given
		// one batch at a time through the projection.
		if err := gocsv.UnmarshalCSV(p, &rows); err != nil {
			return true, accountReadError(err, base)
		}
		if len(rows) > 0 {
			fn(rows)
		}
		if p.done {
			return true, nil
		}
	}
}

// openAccountCSV opens the table name (found for base) as a csv.Reader:
// lines limited to MaxLineBytes, a byte order mark skipped, the separator
// sniffed, ragged rows and stray quotes accepted. Records are not reused,
// as the decoded rows keep their strings.
func openAccountCSV(files input.FileSet, name, base string) (*csv.Reader, io.Closer, error) {
	rc, _, err := files.Open(name)
	if err != nil {
		return nil, nil, accountReadError(err, base)
	}
	br := bufio.NewReader(&accountLineLimit{r: rc, max: input.DefaultLimits().MaxLineBytes})
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	if first, _ := br.Peek(4096); accountSemicolons(first) {
		cr.Comma = ';'
	}
	return cr, rc, nil
}

// accountProjection is what the account tables are decoded from (a
// gocsv.CSVReader). Each decoder call sees the canonical header (the
// struct's own tag names) and then at most accountBatchRows records, each
// cut down to the columns the struct asks for.
type accountProjection struct {
	r    *csv.Reader
	tags []string // canonical header handed to the decoder
	cols []int    // index in the file's record of each tag, -1 when absent
	done bool     // the underlying reader is exhausted
}

// plan maps the file's header onto tags.
func (p *accountProjection) plan(header, tags []string) {
	p.tags = tags
	p.cols = make([]int, len(tags))
	for i, tag := range tags {
		p.cols[i] = -1
		for j, h := range header {
			if strings.EqualFold(accountHeaderName(h), tag) {
				p.cols[i] = j
				break
			}
		}
	}
}

// Read is part of gocsv.CSVReader but not used by gocsv.UnmarshalCSV; it
// returns io.EOF.
func (p *accountProjection) Read() ([]string, error) { return nil, io.EOF }

// ReadAll returns the canonical header and the next batch of projected records.
func (p *accountProjection) ReadAll() ([][]string, error) {
	out := [][]string{p.tags}
	for len(out) <= accountBatchRows && !p.done {
		rec, err := p.r.Read()
		if err == io.EOF {
			p.done = true
			break
		}
		if err != nil {
			p.done = true
			return nil, err
		}
		row := make([]string, len(p.cols))
		for i, c := range p.cols {
			if c >= 0 && c < len(rec) {
				row[i] = rec[c]
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// accountTags returns the csv tag names of t's fields, in field order.
func accountTags(t reflect.Type) []string {
	tags := make([]string, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("csv"), ",")
		if tag != "" && tag != "-" {
			tags = append(tags, tag)
		}
	}
	return tags
}

// accountHeaderName normalises a header cell: no byte order mark or
// zero-width characters, no surrounding space.
func accountHeaderName(h string) string {
	h = strings.Map(func(r rune) rune {
		switch r {
		case '\uFEFF', '\u200B', '\u200C', '\u200D':
			return -1
		}
		return r
	}, h)
	return strings.TrimSpace(h)
}

// accountSemicolons reports whether the first line of a table is
// semicolon-separated (a European spreadsheet re-save): it has a
// semicolon and no comma.
func accountSemicolons(b []byte) bool {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return bytes.IndexByte(b, ';') >= 0 && bytes.IndexByte(b, ',') < 0
}

// accountReadError turns a failure to read table base into a *codes.Error.
// Errors that already carry a code (limits, a corrupt ZIP) and context
// cancellation keep theirs; anything else means the table could not be
// read. The message names only the table, never its content.
func accountReadError(err error, base string) error {
	var e *codes.Error
	if errors.As(err, &e) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return codes.Wrap(codes.CorruptZip, err, "cannot read %s", base)
}

// accountLineLimit fails with codes.TooLarge when a line is longer than max
// bytes, so that one endless line in a small table cannot fill memory.
type accountLineLimit struct {
	r   io.Reader
	max int
	n   int // bytes since the last newline
}

func (l *accountLineLimit) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	for _, c := range b[:n] {
		if c == '\n' {
			l.n = 0
			continue
		}
		l.n++
		if l.n > l.max {
			return 0, codes.New(codes.TooLarge, "a line of an account table is longer than %d bytes", l.max)
		}
	}
	return n, err
}
