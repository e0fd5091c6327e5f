// Package csvscan reads the records of a CSV table however a spreadsheet
// may have saved it again: UTF-8 with or without a byte order mark,
// UTF-16, Windows-1252 fields, separated by ",", ";" or TAB, or in the
// wrapped shape Excel leaves with a ";" locale. It is the extractor's
// fast path: fields are byte slices into reused buffers, so a record
// costs no allocation, and a record is returned as bounds ([Record])
// rather than as slices.
//
// It knows nothing of Netflix: binding the header to the columns of the
// export is the extractor's. [LooksLikeTable] tells a table from other
// files by its first bytes, and [Text] turns a field into a string.
package csvscan

import (
	"bufio"
	"bytes"
	"io"
)

// BufferSize is the size of the buffered reader a [Reader] is best given:
// large enough that nearly every line comes from one read, without joining
// pieces.
const BufferSize = 64 << 10

// headLen is how many decoded bytes Head keeps.
const headLen = 512

// Reader yields the records of a table: UTF-8 with or without a byte
// order mark, UTF-16 (with a byte order mark, or recognisable by its
// zero bytes), separated by ",", ";" or TAB, or the shape Excel with a
// ";" locale leaves when it opens and saves a ","-separated file: it
// split each line at every ";", padded the line with ";" to the widest
// row (hence the ";;" at the end of most lines) and quoted cells that
// contained a quote.
type Reader struct {
	sc    *scanner
	plain bool   // the scanner reads the input bytes as they are
	head  []byte // the first decoded bytes

	// Wrapped lines: the outer scanner splits on ";"; the cells, without
	// the padding, are joined with ";" again into joined, which inner
	// parses as the original ","-separated record.
	joined   []byte
	fields   [][]byte // the fields returned by Read
	inner    *scanner
	innerSrc *bytes.Reader
	innerBuf *bufio.Reader
}

// NewReader detects the encoding and the shape of the table in in and
// returns a Reader of its records; a record longer than maxLine bytes
// fails with codes.TooLarge.
//
// in should be BufferSize or larger: the separator is sniffed from the
// first line as far as in buffers it. When [Reader.Plain] reports true,
// records are parsed straight out of in's buffer, so the offset of the
// next record in the input is the bytes read from in's source minus
// in.Buffered(), and between two records a caller may move in forward to
// the start of a line.
func NewReader(in *bufio.Reader, maxLine int) *Reader {
	src := in
	bom, _ := in.Peek(4)
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		in.Discard(3)
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}):
		in.Discard(2)
		src = bufio.NewReaderSize(newUTF16Reader(in, false), BufferSize)
	case bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		in.Discard(2)
		src = bufio.NewReaderSize(newUTF16Reader(in, true), BufferSize)
	case len(bom) == 4 && bom[0] != 0 && bom[1] == 0 && bom[2] != 0 && bom[3] == 0:
		src = bufio.NewReaderSize(newUTF16Reader(in, false), BufferSize)
	case len(bom) == 4 && bom[0] == 0 && bom[1] != 0 && bom[2] == 0 && bom[3] != 0:
		src = bufio.NewReaderSize(newUTF16Reader(in, true), BufferSize)
	}

	head, _ := src.Peek(headLen)
	comma, wrapped := sniffDelimiter(src)
	r := &Reader{head: bytes.Clone(head), plain: src == in && !wrapped}
	if wrapped {
		r.sc = newScanner(src, ';', maxLine)
		r.innerSrc = bytes.NewReader(nil)
		r.innerBuf = bufio.NewReaderSize(r.innerSrc, 4096)
		r.inner = newScanner(r.innerBuf, ',', maxLine)
	} else {
		r.sc = newScanner(src, comma, maxLine)
	}
	return r
}

// Head returns the first bytes of the table as decoded (up to 512), to
// tell what a file is when its header is not the expected one.
func (r *Reader) Head() []byte { return r.head }

// Plain reports whether the Reader parses the input bytes as they are
// (UTF-8, not the wrapped shape), so that a byte offset in the input is
// an offset in what is parsed: what reading a table in ranges needs.
func (r *Reader) Plain() bool { return r.plain }

// Comma returns the field separator of the table as the spreadsheet that
// saved it wrote it: ";" for the wrapped shape, whose ";" locale split it.
func (r *Reader) Comma() byte {
	if r.inner != nil {
		return ';'
	}
	return r.sc.comma
}

// sniffDelimiter looks at the first line without consuming it and picks
// the separator that occurs most often outside quotes (a tie goes to ",").
// A ","-separated line ending in ";" is the wrapped Excel shape: a real
// header ends in a column name.
func sniffDelimiter(r *bufio.Reader) (comma byte, wrapped bool) {
	peek, _ := r.Peek(r.Size())
	peek = bytes.TrimLeft(peek, "\r\n") // blank lines before the header are skipped
	if i := bytes.IndexByte(peek, '\n'); i >= 0 {
		peek = peek[:i]
	}
	peek = bytes.TrimRight(peek, "\r")
	var n [256]int
	quoted := false
	for _, c := range peek {
		if c == '"' {
			quoted = !quoted
		} else if !quoted {
			n[c]++
		}
	}
	comma = ','
	if n[';'] > n[comma] {
		comma = ';'
	}
	if n['\t'] > n[comma] {
		comma = '\t'
	}
	wrapped = comma == ',' && bytes.HasSuffix(peek, []byte(";"))
	return comma, wrapped
}

// Read returns the fields of the next record, or io.EOF after the last.
// Empty lines are not records. The slices are valid until the next read.
func (r *Reader) Read() ([][]byte, error) {
	rec, err := r.ReadRecord()
	if err != nil {
		return nil, err
	}
	r.fields = rec.AppendFields(r.fields[:0])
	return r.fields, nil
}

// ReadRecord returns the next record, or io.EOF after the last: Read
// without building slices (see [Record]).
func (r *Reader) ReadRecord() (*Record, error) {
	for {
		if r.inner == nil {
			return r.sc.nextRecord()
		}
		rec, err := r.sc.next()
		if err != nil {
			return nil, err
		}
		last := len(rec) - 1
		for last >= 0 && len(rec[last]) == 0 {
			last-- // the padding Excel added
		}
		r.joined = r.joined[:0]
		for i, cell := range rec[:last+1] {
			if i > 0 {
				r.joined = append(r.joined, ';')
			}
			r.joined = append(r.joined, cell...)
		}
		r.innerSrc.Reset(r.joined)
		r.innerBuf.Reset(r.innerSrc)
		in, err := r.inner.nextRecord()
		if err == io.EOF {
			continue // a line that was only padding
		}
		return in, err
	}
}
