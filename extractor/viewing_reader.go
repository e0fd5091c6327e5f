package extractor

import (
	"bufio"
	"bytes"
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
)

// emptyTableText is what Netflix writes into X.txt instead of an empty X.csv.
const emptyTableText = "We found no information for this table."

// readBufferSize is the bufio buffer of the decoder: large enough that
// nearly every line comes from one ReadSlice call, without joining pieces.
const readBufferSize = 64 << 10

// viewingReader yields the records of ViewingActivity.csv after the
// header, however a spreadsheet may have re-saved it: UTF-8 with or
// without BOM, UTF-16 (with BOM, or recognisable by its zero bytes),
// separated by ",", ";" or TAB, or the shape Excel with a ";" locale
// leaves when it opens and saves a ","-separated file: it split each line
// at every ";" (there is one inside most Attributes), padded the line with
// ";" to the widest row (hence the ";;" at the end of most lines) and
// quoted cells that contained a quote.
type viewingReader struct {
	sc   *scanner
	cols columnMap

	// raw is the buffered reader over the undecoded bytes. When plain is
	// true (UTF-8, not the wrapped shape), the scanner reads raw itself,
	// so a byte offset in the file is an offset in the scanner's input:
	// what splitting the table into parts (ExtractPart) needs.
	raw   *bufio.Reader
	plain bool

	// Wrapped lines: the outer scanner splits on ";"; the cells, without
	// the padding, are joined with ";" again into joined, which inner
	// parses as the original ","-separated record.
	joined   []byte
	fields   [][]byte // the fields returned by next
	inner    *scanner
	innerSrc *bytes.Reader
	innerBuf *bufio.Reader
}

// openViewing detects the encoding and the shape of r, reads and binds
// the header, and returns a reader positioned at the first data row. A
// file of 0 bytes is codes.EmptyFile; one without a header (blank lines,
// the .txt placeholder) is codes.Empty; a header that does not bind gets
// the code of what the file is instead (classifyHeader).
func openViewing(r io.Reader, maxLine int) (*viewingReader, error) {
	raw := bufio.NewReaderSize(r, readBufferSize)
	if _, err := raw.Peek(1); err == io.EOF {
		return nil, errEmptyFile()
	}
	src := raw
	bom, _ := raw.Peek(4)
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		raw.Discard(3)
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}):
		raw.Discard(2)
		src = bufio.NewReaderSize(newUTF16Reader(raw, false), readBufferSize)
	case bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		raw.Discard(2)
		src = bufio.NewReaderSize(newUTF16Reader(raw, true), readBufferSize)
	case len(bom) == 4 && bom[0] != 0 && bom[1] == 0 && bom[2] != 0 && bom[3] == 0:
		src = bufio.NewReaderSize(newUTF16Reader(raw, false), readBufferSize)
	case len(bom) == 4 && bom[0] == 0 && bom[1] != 0 && bom[2] == 0 && bom[3] != 0:
		src = bufio.NewReaderSize(newUTF16Reader(raw, true), readBufferSize)
	}

	// The first bytes, kept to tell what a file whose header does not
	// bind is instead (classifyHeader).
	head, _ := src.Peek(sniffLen)
	head = bytes.Clone(head)
	comma, wrapped := sniffDelimiter(src)
	v := &viewingReader{raw: raw, plain: src == raw && !wrapped}
	if wrapped {
		v.sc = newScanner(src, ';', maxLine)
		v.innerSrc = bytes.NewReader(nil)
		v.innerBuf = bufio.NewReaderSize(v.innerSrc, 4096)
		v.inner = newScanner(v.innerBuf, ',', maxLine)
	} else {
		v.sc = newScanner(src, comma, maxLine)
	}

	header, err := v.next()
	if err == io.EOF {
		return nil, codes.New(codes.Empty, "ViewingActivity.csv is empty")
	}
	if err != nil {
		return nil, err
	}
	if len(header) == 1 && string(bytes.TrimSpace(header[0])) == emptyTableText {
		return nil, codes.New(codes.Empty, "ViewingActivity has no rows (Netflix found no information for this table)")
	}
	v.cols, err = bindHeader(header)
	if err != nil {
		return nil, classifyHeader(header, head, err)
	}
	return v, nil
}

// errEmptyFile is the error for a file of 0 bytes. Netflix never writes
// one (an empty table becomes the .txt placeholder): it is a download
// that failed or has not finished, or a file a sync service has not yet
// fetched.
func errEmptyFile() *codes.Error {
	return codes.New(codes.EmptyFile, "the file is empty (0 bytes)")
}

// comma returns the field separator of the table as the spreadsheet that
// saved it wrote it: ";" for the wrapped shape, whose ";" locale split it.
func (v *viewingReader) comma() byte {
	if v.inner != nil {
		return ';'
	}
	return v.sc.comma
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

// next returns the fields of the next record, or io.EOF.
func (v *viewingReader) next() ([][]byte, error) {
	r, err := v.nextRecord()
	if err != nil {
		return nil, err
	}
	v.fields = r.appendFields(v.fields[:0])
	return v.fields, nil
}

// nextRecord returns the next record, or io.EOF; it is next without
// building slices (see splitSimple).
func (v *viewingReader) nextRecord() (*record, error) {
	for {
		if v.inner == nil {
			return v.sc.nextRecord()
		}
		rec, err := v.sc.next()
		if err != nil {
			return nil, err
		}
		last := len(rec) - 1
		for last >= 0 && len(rec[last]) == 0 {
			last-- // the padding Excel added
		}
		v.joined = v.joined[:0]
		for i, cell := range rec[:last+1] {
			if i > 0 {
				v.joined = append(v.joined, ';')
			}
			v.joined = append(v.joined, cell...)
		}
		v.innerSrc.Reset(v.joined)
		v.innerBuf.Reset(v.innerSrc)
		in, err := v.inner.nextRecord()
		if err == io.EOF {
			continue // a line that was only padding
		}
		return in, err
	}
}
