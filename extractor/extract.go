package extractor

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// checkEvery is how many rows pass between two looks at the context.
const checkEvery = 4096

// progressEvery is how many input bytes pass between two Progress calls.
const progressEvery = 64 << 10

// Extract reads ViewingActivity.csv from files and returns the summary of
// the profiles opts.Profiles chooses: Read of the whole table, then
// Aggregates.Summary.
//
// It streams the table once, so memory does not grow with the number of
// rows beyond 16 bytes per series view. Every failure is a *codes.Error with a
// stable code; a panic inside is recovered as codes.Internal.
func Extract(ctx context.Context, files input.FileSet, opts Options) (*Summary, error) {
	a, err := Read(ctx, files, opts, Range{})
	if err != nil {
		return nil, err
	}
	return a.Summary(opts.Profiles)
}

// openViewingActivity finds ViewingActivity in files and opens it past its
// header; name is the file it opened. When it is missing, the error says
// what the input is instead: the quick viewing-history download, archives
// that are not opened, or something else.
//
// watchAt, when not nil, is given the size the input claims and returns
// the offset at which the next part begins, or -1 (see progressReader):
// it must be known before the first byte is read.
func openViewingActivity(files input.FileSet, lim input.Limits, watchAt func(size int64) int64) (v *viewingReader, pr *progressReader, size int64, name string, err error) {
	name, err = input.FindViewingActivity(files)
	if err != nil {
		return nil, nil, 0, "", err
	}
	if strings.EqualFold(path.Ext(name), ".txt") && files.Kind() != input.CSV {
		return nil, nil, 0, "", codes.New(codes.Empty, "ViewingActivity has no rows (Netflix found no information for this table)")
	}
	r, size, err := files.Open(name)
	if err != nil {
		return nil, nil, 0, "", readError(files, err)
	}
	pr = newProgressReader(r)
	if watchAt != nil {
		pr.watch = watchAt(size)
	}
	v, err = openViewing(pr, maxLine(lim))
	if err != nil {
		r.Close()
		return nil, nil, 0, "", readError(files, err)
	}
	return v, pr, size, name, nil
}

// progressReader counts the bytes of ViewingActivity.csv read so far and,
// for a range that ends before the table does, finds where the next
// range begins.
type progressReader struct {
	rc io.ReadCloser
	n  int64
	// watch, when not negative, is the offset at which the next part's
	// range is cut; lineEnd becomes the offset just after the first "\n"
	// at or after watch once that byte has been read, and stays -1 until
	// then. The raw bytes are searched, whatever the CSV parser makes of
	// them: the next part cannot parse what precedes its start either.
	watch, lineEnd int64
}

func newProgressReader(rc io.ReadCloser) *progressReader {
	return &progressReader{rc: rc, watch: -1, lineEnd: -1}
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.rc.Read(b)
	if p.watch >= 0 && p.lineEnd < 0 && p.n+int64(n) > p.watch {
		from := max(p.watch-p.n, 0)
		if i := bytes.IndexByte(b[from:n], '\n'); i >= 0 {
			p.lineEnd = p.n + from + int64(i) + 1
		}
	}
	p.n += int64(n)
	return n, err
}

func (p *progressReader) Close() error { return p.rc.Close() }

// Skip passes over bytes and counts them. It does not pass the offset
// watched for the next part (whose line end must be seen): there it
// cannot skip, and the caller reads.
func (p *progressReader) Skip(n int64) (int64, error) {
	if p.watch >= 0 && p.lineEnd < 0 && p.n+n > p.watch {
		return 0, nil // cannot skip
	}
	s, ok := p.rc.(input.Skipper)
	if !ok {
		return 0, nil
	}
	k, err := s.Skip(n)
	p.n += k
	return k, err
}

// maxLine returns the longest record lim allows.
func maxLine(lim input.Limits) int {
	if lim.MaxLineBytes > 0 {
		return lim.MaxLineBytes
	}
	return input.DefaultLimits().MaxLineBytes
}

// errNoRows is the error for a table with a header and no rows.
func errNoRows() *codes.Error {
	return codes.New(codes.Empty, "ViewingActivity.csv has a header but no rows")
}

// readError gives a read failure a code: errors of this package keep
// theirs; anything else (an I/O error of the underlying input) is a
// damaged input, corrupt_zip for a ZIP.
func readError(files input.FileSet, err error) error {
	if _, ok := err.(*codes.Error); ok {
		return err
	}
	if c := codes.Of(err); c != codes.Internal {
		return err
	}
	if files.Kind() == input.ZIP {
		return codes.Wrap(codes.CorruptZip, err, "ViewingActivity.csv cannot be read from the ZIP")
	}
	return codes.Wrap(codes.NotZipOrCSV, err, "ViewingActivity.csv cannot be read")
}

// internalError describes a recovered panic. The panic value stays in
// the cause, never in the message, which may be shown and logged.
func internalError(r any) *codes.Error {
	return &codes.Error{Code: codes.Internal, Msg: "unexpected failure inside the extractor", Err: fmt.Errorf("panic: %v", r)}
}
