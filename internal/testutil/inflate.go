package testutil

import (
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"

	"github.com/netflix-donation/widget/extractor/input"
)

// EntryInflater is an input.Options.InflateEntry written with
// compress/flate over the input r itself, checking CRC-32 and size at the
// end and skipping by inflating and dropping: the contract the browser's
// inflater keeps, so the extractor's side of it is tested natively.
func EntryInflater(r io.ReaderAt) func(input.ZipEntry) (input.EntryReader, error) {
	return func(e input.ZipEntry) (input.EntryReader, error) {
		in := &countingReader{r: io.NewSectionReader(r, e.Offset, e.CompressedSize)}
		return &goEntry{fr: flate.NewReader(in), in: in, crc: crc32.NewIEEE(), want: e.CRC32, size: e.Size}, nil
	}
}

// countingReader counts the compressed bytes the inflater consumed.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// goEntry is the input.EntryReader of EntryInflater.
type goEntry struct {
	fr   io.ReadCloser
	in   *countingReader
	crc  hash.Hash32
	want uint32
	size uint64
	n    uint64
}

func (g *goEntry) Read(p []byte) (int, error) {
	n, err := g.fr.Read(p)
	g.crc.Write(p[:n])
	g.n += uint64(n)
	if err == io.EOF && (g.crc.Sum32() != g.want || g.n != g.size) {
		return n, errors.New("the entry does not match its CRC-32 and size")
	}
	return n, err
}

func (g *goEntry) Skip(n int64) (int64, error) {
	k, err := io.CopyN(io.Discard, struct{ io.Reader }{g}, n)
	if err == nil && k < n {
		err = io.EOF
	}
	return k, err
}

func (g *goEntry) Consumed() int64 { return g.in.n }
func (g *goEntry) Close() error    { return g.fr.Close() }
