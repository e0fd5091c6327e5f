package input

import (
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
)

// Skipper is implemented by readers that can pass over bytes without
// handing them out: a lone CSV or a folder's file seeks, and the
// browser's inflater (Options.InflateEntry) discards on its own side. A
// reader of a range of a table uses it to reach the range's start
// cheaply. The readers FileSet.Open returns implement it whatever their
// source; where the source cannot skip they say so, and the caller reads
// the bytes and drops them.
type Skipper interface {
	// Skip passes over up to n bytes (n > 0) and returns how many it
	// passed: fewer than n only with an error (io.EOF at the end of the
	// input), or 0 and no error when the reader cannot skip.
	Skip(n int64) (int64, error)
}

// skip passes over n bytes of r through its Skip, or returns 0 and no
// error when r cannot skip.
func skip(r io.Reader, n int64) (int64, error) {
	if s, ok := r.(Skipper); ok {
		return s.Skip(n)
	}
	return 0, nil
}

// Skip seeks forward when the input file can seek.
func (r codedReader) Skip(n int64) (int64, error) {
	s, ok := r.r.(io.Seeker)
	if !ok {
		return 0, nil
	}
	cur, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, nil
	}
	end, err := s.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, nil
	}
	k := min(n, max(end-cur, 0))
	if _, err := s.Seek(cur+k, io.SeekStart); err != nil {
		return 0, codes.Wrap(codes.NotZipOrCSV, err, "the file cannot be read")
	}
	if k < n {
		return k, io.EOF
	}
	return k, nil
}

// Skip counts the skipped bytes against the limit, as reading them would.
func (l *limitReader) Skip(n int64) (int64, error) {
	if l.err != nil {
		return 0, l.err
	}
	k, err := skip(l.r, min(n, l.left+1))
	if k > l.left {
		l.left = 0
		l.err = codes.New(codes.TooLarge, "a file holds more than %d bytes", l.max)
		return k, l.err
	}
	l.left -= k
	return k, err
}

// inputFile is an input file opened for reading: its bytes under the
// size limit, and what closes it (nil for a lone CSV).
type inputFile struct {
	*limitReader
	closer io.Closer
}

func (f inputFile) Close() error {
	if f.closer == nil {
		return nil
	}
	return f.closer.Close()
}

// Skip counts the skipped bytes as produced, so the limits treat skipping
// like reading.
func (g *inflateGuard) Skip(n int64) (int64, error) {
	if g.err != nil {
		return 0, g.err
	}
	k, err := skip(g.rc, min(n, g.maxOut-g.out+1))
	if g.check(k) != nil {
		return 0, g.err
	}
	return k, err
}

// Skip maps errors as Read does.
func (e *zipEntryReader) Skip(n int64) (int64, error) {
	k, err := skip(e.rc, n)
	if err == nil || err == io.EOF {
		return k, err
	}
	return k, e.mapError(err)
}
