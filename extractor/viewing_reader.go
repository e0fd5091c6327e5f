package extractor

import (
	"bufio"
	"bytes"
	"io"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/csvscan"
)

// emptyTableText is what Netflix writes into X.txt instead of an empty X.csv.
const emptyTableText = "We found no information for this table."

// viewingReader yields the records of ViewingActivity.csv after the
// header, however a spreadsheet may have re-saved it (csvscan.Reader),
// with the header bound to the columns the extractor reads.
type viewingReader struct {
	*csvscan.Reader
	// raw is the buffered input. When Plain, the scanner reads it itself,
	// so a byte offset in the file is an offset in the scanner's input:
	// what reading the table in ranges needs.
	raw  *bufio.Reader
	cols columnMap
}

// openViewing detects the encoding and the shape of r, reads and binds
// the header, and returns a reader positioned at the first data row. A
// file of 0 bytes is codes.EmptyFile; one without a header (blank lines,
// the .txt placeholder) is codes.Empty; a header that does not bind gets
// the code of what the file is instead (classifyHeader).
func openViewing(r io.Reader, maxLine int) (*viewingReader, error) {
	raw := bufio.NewReaderSize(r, csvscan.BufferSize)
	if _, err := raw.Peek(1); err == io.EOF {
		return nil, errEmptyFile()
	}
	v := &viewingReader{Reader: csvscan.NewReader(raw, maxLine), raw: raw}
	header, err := v.Read()
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
		return nil, classifyHeader(header, v.Head(), err)
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
