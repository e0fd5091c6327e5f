package extractor

import (
	"errors"
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
)

// Skipper is implemented by readers that can pass over bytes without
// handing them out: a lone CSV or a folder's file seeks, and the
// browser's inflater (ZipOptions.InflateEntry) discards on its own side.
// ExtractPart uses it to reach the start of its part cheaply; readers
// without it are read and the bytes dropped.
type Skipper interface {
	// Skip passes over up to n bytes and returns how many it passed,
	// fewer than n only with an error (io.EOF at the end of the input).
	Skip(n int64) (int64, error)
}

// errNoSkip is returned by a Skip whose underlying reader cannot skip.
var errNoSkip = errors.New("extractor: this input cannot skip")

// skip passes over n bytes of r through its Skip, or returns errNoSkip.
func skip(r io.Reader, n int64) (int64, error) {
	if s, ok := r.(Skipper); ok {
		return s.Skip(n)
	}
	return 0, errNoSkip
}

// Skip seeks forward when the input file can seek.
func (r codedReader) Skip(n int64) (int64, error) {
	s, ok := r.r.(io.Seeker)
	if !ok {
		return 0, errNoSkip
	}
	cur, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, errNoSkip
	}
	end, err := s.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, errNoSkip
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
	if err == nil || err == io.EOF || err == errNoSkip {
		return k, err
	}
	return k, e.mapError(err)
}

// Skip passes over bytes and counts them; it must not pass the offset
// watched for the next part (the bytes there are never seen).
func (p *progressReader) Skip(n int64) (int64, error) {
	if p.watch >= 0 && p.lineEnd < 0 && p.n+n > p.watch {
		return 0, errNoSkip
	}
	k, err := skip(p.rc, n)
	p.n += k
	return k, err
}
