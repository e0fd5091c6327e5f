package input

import "io"

// Options configure every Open function of this package.
type Options struct {
	// Limits bound what reading the input may cost; zero fields take
	// DefaultLimits.
	Limits Limits
	// InflateEntry, when set, opens DEFLATE entries (method 8) instead of
	// compress/flate: it is given where the entry's compressed data lies in the
	// input and inflates it there, so that the compressed bytes need not
	// pass through the extractor (the browser adapter inflates the File
	// in JavaScript and hands over large batches). Its reader must fail
	// when the data does not match ZipEntry.CRC32 and Size; it may
	// implement Skipper. Its output is still counted and limited, and
	// output beyond the declared size fails as it does without it.
	InflateEntry func(e ZipEntry) (EntryReader, error)
}

// ZipEntry locates the compressed data of one DEFLATE entry for
// Options.InflateEntry.
type ZipEntry struct {
	Offset         int64  // of the compressed data, from the start of the input
	CompressedSize int64  // bytes of compressed data
	CRC32          uint32 // of the uncompressed data, from the central directory
	Size           uint64 // of the uncompressed data, from the central directory
}

// EntryReader is the inflated data of a ZipEntry (Options.InflateEntry).
type EntryReader interface {
	io.ReadCloser
	// Consumed returns the compressed bytes inflated so far, the basis of
	// the compression-ratio limit.
	Consumed() int64
}
