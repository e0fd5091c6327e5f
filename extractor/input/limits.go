package input

import (
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
)

// Limits bound the resources reading an input may take. They are enforced
// on what is actually read, never on what headers claim, so a zip bomb or a
// lying header is refused with codes.TooLarge.
type Limits struct {
	MaxDecompressedBytes int64 // per entry, bytes actually inflated
	MaxEntries           int   // entries in a ZIP's central directory
	MaxLineBytes         int   // one CSV record, for the reader of a table
	MaxCompressionRatio  int64 // inflated/compressed, checked once past 1 MiB
}

// DefaultLimits are generous for real exports (the largest real
// ViewingActivity.csv seen is about 3 MB; a 1,000,000-row synthetic one is
// about 150 MB) and small enough to refuse bombs within seconds.
func DefaultLimits() Limits {
	return Limits{
		MaxDecompressedBytes: 1 << 30,
		MaxEntries:           10000,
		MaxLineBytes:         1 << 20,
		MaxCompressionRatio:  200,
	}
}

// ratioGrace is the number of inflated bytes after which the compression
// ratio is checked. Below it every ratio is allowed: a small file of
// repeated text legitimately compresses very well.
const ratioGrace = 1 << 20

// withDefaults returns l with every zero or negative field replaced by
// the one of [DefaultLimits], so a caller can set only the limit it cares
// about.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxDecompressedBytes <= 0 {
		l.MaxDecompressedBytes = d.MaxDecompressedBytes
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxLineBytes <= 0 {
		l.MaxLineBytes = d.MaxLineBytes
	}
	if l.MaxCompressionRatio <= 0 {
		l.MaxCompressionRatio = d.MaxCompressionRatio
	}
	return l
}

// limitReader reads from r and fails with codes.TooLarge once r holds more
// than max bytes. Unlike [io.LimitReader], which stops silently, it tells
// a complete file from one that was cut off. Readers of a FileSet are
// wrapped in one, so every reader returned by FileSet.Open honours
// Limits.MaxDecompressedBytes; parsers need not count again.
type limitReader struct {
	r    io.Reader
	left int64 // bytes still allowed
	max  int64
	err  error // sticky: once too large, always too large
}

// newLimitReader returns a reader that yields at most max bytes of r and
// fails with codes.TooLarge if r has more.
func newLimitReader(r io.Reader, max int64) *limitReader {
	return &limitReader{r: r, left: max, max: max}
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	// Ask for one byte more than allowed: getting it proves r is too large
	// without reading further.
	if l.left < int64(len(p)) { // written so that a huge max cannot overflow
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	if int64(n) > l.left {
		n = int(l.left)
		l.left = 0
		l.err = codes.New(codes.TooLarge, "a file holds more than %d bytes", l.max)
		return n, l.err
	}
	l.left -= int64(n)
	return n, err
}

// countingReader counts the bytes read through it. The ZIP reader puts
// one under each decompressor to know how much compressed input produced
// the output, the basis of the compression-ratio limit.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// inflateGuard wraps a decompressor's output and enforces the two limits
// on inflation: bytes actually produced (MaxDecompressedBytes) and, once
// more than ratioGrace bytes came out, the ratio of produced bytes to
// compressed bytes consumed (MaxCompressionRatio). Both are measured, not
// taken from headers, so a lying header cannot get around them; a zip bomb
// is refused after about 1 MiB of work.
type inflateGuard struct {
	rc       io.ReadCloser // decompressor output
	consumed func() int64  // compressed bytes consumed so far
	out      int64         // bytes produced so far
	maxOut   int64
	maxRatio int64
	err      error
}

func (g *inflateGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if rem := g.maxOut - g.out; rem < int64(len(p)) { // no overflow for a huge maxOut
		p = p[:rem+1]
	}
	n, err := g.rc.Read(p)
	if g.check(int64(n)) != nil {
		return 0, g.err
	}
	return n, err
}

// check adds n produced bytes and sets err when a limit is passed.
func (g *inflateGuard) check(n int64) error {
	g.out += n
	switch {
	case g.out > g.maxOut:
		g.err = codes.New(codes.TooLarge, "a ZIP entry inflates to more than %d bytes", g.maxOut)
	case g.out > ratioGrace && g.out/max(g.consumed(), 1) > g.maxRatio: // a division cannot overflow
		g.err = codes.New(codes.TooLarge, "a ZIP entry inflates more than %d times its compressed size (a zip bomb?)", g.maxRatio)
	}
	return g.err
}

func (g *inflateGuard) Close() error { return g.rc.Close() }
