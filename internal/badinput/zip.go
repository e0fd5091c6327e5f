package badinput

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"time"
)

// modified is the fixed time stamp of every generated ZIP entry, so the
// same case always gives the same bytes.
func modified() time.Time { return time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC) }

// entry is one file of a generated ZIP.
type entry struct {
	name string
	data []byte
}

// writeZip writes a ZIP of deflated entries, in the given order.
func writeZip(w io.Writer, entries []entry) error {
	methods := make([]zipEntry, len(entries))
	for i, e := range entries {
		methods[i] = zipEntry{e.name, e.data, zip.Deflate}
	}
	return writeMethodZip(w, methods)
}

// zipEntry is one file of a ZIP written with a chosen method.
type zipEntry struct {
	name   string
	data   []byte
	method uint16
}

// writeMethodZip writes entries stored or deflated as each asks, in the
// given order.
func writeMethodZip(w io.Writer, entries []zipEntry) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method, Modified: modified()})
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// rawEntry is a ZIP entry written as is: its header fields, which may lie,
// and its already compressed bytes.
type rawEntry struct {
	hdr  zip.FileHeader
	data func(w io.Writer) error // writes the compressed bytes
}

// writeRawZip writes a ZIP of raw entries; archive/zip neither checks nor
// fixes their headers.
func writeRawZip(w io.Writer, entries []rawEntry) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		h := e.hdr
		h.Modified = modified()
		fw, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if err := e.data(fw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// deflated compresses data as a ZIP entry stores it (raw DEFLATE).
func deflated(data []byte) []byte {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.DefaultCompression) // the level is valid: no error
	fw.Write(data)                                         // a bytes.Buffer never fails
	fw.Close()
	return b.Bytes()
}

// rawDeflate is a raw entry holding data deflated, with honest headers.
func rawDeflate(name string, data []byte) rawEntry {
	c := deflated(data)
	return rawEntry{
		hdr: zip.FileHeader{
			Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(len(c)), UncompressedSize64: uint64(len(data)),
		},
		data: writeBytes(c),
	}
}

// writeBytes returns a function writing b.
func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}
