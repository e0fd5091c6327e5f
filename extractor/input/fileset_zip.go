package input

import (
	"archive/zip"
	"compress/flate"
	"context"
	"errors"
	"io"
	"io/fs"
	"math"
	"sort"
	"sync/atomic"

	"github.com/netflix-donation/widget/extractor/codes"
)

// zipFileSet is the FileSet of a ZIP archive.
type zipFileSet struct {
	files        map[string]*zip.File // cleaned name -> entry
	names        []string             // sorted keys of files
	limits       Limits
	inflateEntry func(ZipEntry) (EntryReader, error) // may be nil
	r            io.ReaderAt                         // the archive
	opts         Options                             // as given, for a ZIP inside it (nested.go)
}

// dirBytesPerEntry bounds the central directory bytes zip.NewReader may
// read per allowed entry. A real entry takes 100 to 150 bytes; the bound
// keeps the memory NewReader spends on a directory that lies about its
// size proportional to MaxEntries.
const dirBytesPerEntry = 512

// OpenZip opens the ZIP archive of size bytes in r. Only the central
// directory is read now; entries are read when opened, so a lazily read
// browser Blob costs only what the needed entries cost.
//
// When the archive holds no export but one ZIP (the export zipped once
// more), that inner ZIP is opened instead, one level deep only, with the
// limits counted over both levels (see nested.go).
//
// Errors: codes.CorruptZip when r is not a readable ZIP (not a ZIP at all,
// truncated), codes.TooLarge when it has more than Limits.MaxEntries
// entries. Entries that are encrypted or use an unknown compression
// method fail with codes.UnsupportedZip only when opened. Reading an entry
// fails with codes.TooLarge when it inflates to more than
// Limits.MaxDecompressedBytes, more than Limits.MaxCompressionRatio times
// its compressed size, or more than its header declares, and with
// codes.CorruptZip on a damaged stream or a bad CRC.
func OpenZip(r io.ReaderAt, size int64, opts Options) (FileSet, error) {
	z, err := openZipSet(r, size, opts)
	if err != nil {
		return nil, err
	}
	return z.unwrap()
}

// openZipSet is OpenZip without looking into an inner ZIP.
func openZipSet(r io.ReaderAt, size int64, opts Options) (*zipFileSet, error) {
	lim := opts.Limits.withDefaults()
	if size < 0 {
		return nil, codes.New(codes.CorruptZip, "the ZIP has a negative size")
	}
	budget := &budgetReaderAt{r: r, left: math.MaxInt64}
	if n := int64(lim.MaxEntries); n < (math.MaxInt64-128<<10)/dirBytesPerEntry {
		budget.left = 128<<10 + n*dirBytesPerEntry // the end records, then the entries
	}
	budget.on.Store(true)
	zr, err := zip.NewReader(budget, size)
	budget.on.Store(false) // entries are read without the budget
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		if errors.Is(err, errDirBudget) {
			return nil, codes.Wrap(codes.TooLarge, err, "the ZIP directory is larger than %d entries can need", lim.MaxEntries)
		}
		return nil, zipError(err, "the ZIP cannot be read")
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, codes.New(codes.TooLarge, "the ZIP has %d entries, more than %d", len(zr.File), lim.MaxEntries)
	}
	zr.RegisterDecompressor(zip.Store, guardedDecompressor(io.NopCloser, lim))
	zr.RegisterDecompressor(zip.Deflate, guardedDecompressor(flate.NewReader, lim))

	z := &zipFileSet{files: make(map[string]*zip.File, len(zr.File)), limits: lim, inflateEntry: opts.InflateEntry, r: r, opts: opts}
	for _, f := range zr.File {
		if !f.Mode().IsRegular() {
			continue // directories and symbolic links
		}
		name, ok := cleanName(f.Name)
		if !ok {
			continue
		}
		if _, dup := z.files[name]; dup {
			continue // the first entry of a name wins, as in unzip
		}
		z.files[name] = f
		z.names = append(z.names, name)
	}
	sort.Strings(z.names)
	return z, nil
}

// guardedDecompressor wraps a decompressor so that the compressed bytes it
// consumes are counted and its output is limited by an inflateGuard.
func guardedDecompressor(dcomp func(io.Reader) io.ReadCloser, lim Limits) zip.Decompressor {
	return func(compressed io.Reader) io.ReadCloser {
		in := &countingReader{r: compressed}
		return &inflateGuard{rc: dcomp(in), consumed: func() int64 { return in.n }, maxOut: lim.MaxDecompressedBytes, maxRatio: lim.MaxCompressionRatio}
	}
}

func (z *zipFileSet) Kind() Kind { return ZIP }

func (z *zipFileSet) Names() []string { return append([]string(nil), z.names...) }

func (z *zipFileSet) Open(name string) (io.ReadCloser, int64, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, -1, codes.Wrap(codes.Internal, fs.ErrNotExist, "no such file in the ZIP")
	}
	if f.Flags&0x1 != 0 {
		return nil, -1, codes.New(codes.UnsupportedZip, "a needed ZIP entry is encrypted")
	}
	if z.inflateEntry != nil && f.Method == zip.Deflate {
		return z.openInflated(f)
	}
	rc, err := f.Open()
	if err != nil {
		if errors.Is(err, zip.ErrAlgorithm) {
			return nil, -1, codes.Wrap(codes.UnsupportedZip, err, "a needed ZIP entry uses compression method %d, which is not supported", f.Method)
		}
		return nil, -1, zipError(err, "a ZIP entry cannot be opened")
	}
	size := int64(-1)
	if f.UncompressedSize64 <= math.MaxInt64 {
		size = int64(f.UncompressedSize64)
	}
	return &zipEntryReader{rc: rc}, size, nil
}

// zipEntryReader turns the errors of archive/zip while reading an entry
// into the package's codes.
type zipEntryReader struct {
	rc io.ReadCloser
}

func (e *zipEntryReader) Read(p []byte) (int, error) {
	n, err := e.rc.Read(p)
	if err == nil || err == io.EOF {
		return n, err
	}
	return n, e.mapError(err)
}

// mapError gives a read failure its code.
func (e *zipEntryReader) mapError(err error) error {
	if errors.Is(err, zip.ErrFormat) {
		return codes.Wrap(codes.TooLarge, err, "a ZIP entry inflates to more than its header declares")
	}
	return zipError(err, "a ZIP entry cannot be read")
}

func (e *zipEntryReader) Close() error { return e.rc.Close() }

// zipError maps an error of archive/zip or compress/flate to the
// package's codes: errors that are already a *codes.Error or a cancellation
// pass through; everything else means the bytes are damaged.
// openInflated opens a DEFLATE entry through Options.InflateEntry,
// under the same limits as the decompressors of OpenZip, and with the
// size check archive/zip makes (the CRC-32 is InflateEntry's to check).
func (z *zipFileSet) openInflated(f *zip.File) (io.ReadCloser, int64, error) {
	off, err := f.DataOffset()
	if err != nil {
		return nil, -1, zipError(err, "a ZIP entry cannot be opened")
	}
	if f.CompressedSize64 > math.MaxInt64 || f.UncompressedSize64 > math.MaxInt64 {
		return nil, -1, codes.New(codes.CorruptZip, "a ZIP entry states an impossible size")
	}
	er, err := z.inflateEntry(ZipEntry{Offset: off, CompressedSize: int64(f.CompressedSize64), CRC32: f.CRC32, Size: f.UncompressedSize64})
	if err != nil {
		return nil, -1, zipError(err, "a ZIP entry cannot be opened")
	}
	g := &inflateGuard{rc: er, consumed: er.Consumed, maxOut: z.limits.MaxDecompressedBytes, maxRatio: z.limits.MaxCompressionRatio}
	size := int64(f.UncompressedSize64)
	return &zipEntryReader{rc: &declaredSize{rc: g, left: size}}, size, nil
}

// declaredSize fails, as archive/zip does, when an entry inflates to more
// (zip.ErrFormat) or fewer (io.ErrUnexpectedEOF) bytes than its header
// declares.
type declaredSize struct {
	rc   io.ReadCloser
	left int64
}

func (d *declaredSize) Read(p []byte) (int, error) {
	n, err := d.rc.Read(p)
	return n, d.count(int64(n), err)
}

func (d *declaredSize) Skip(n int64) (int64, error) {
	k, err := skip(d.rc, n)
	if k == 0 && err == nil {
		return 0, nil // cannot skip
	}
	return k, d.count(k, err)
}

func (d *declaredSize) count(n int64, err error) error {
	d.left -= n
	switch {
	case d.left < 0:
		return zip.ErrFormat
	case err == io.EOF && d.left > 0:
		return io.ErrUnexpectedEOF
	}
	return err
}

func (d *declaredSize) Close() error { return d.rc.Close() }

func zipError(err error, msg string) error {
	var e *codes.Error
	if errors.As(err, &e) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return codes.Wrap(codes.CorruptZip, err, "%s: a checksum does not match (a damaged download?)", msg)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return codes.Wrap(codes.CorruptZip, err, "%s: it ends too early (an unfinished download?)", msg)
	}
	return codes.Wrap(codes.CorruptZip, err, "%s", msg)
}

// errDirBudget is returned by budgetReaderAt when its budget is spent.
var errDirBudget = errors.New("extractor: ZIP directory read budget spent")

// budgetReaderAt passes reads through to r and, while on, fails with
// errDirBudget once more than left bytes were read in total. zip.NewReader
// reads the central directory until it meets a bad header, whatever count
// the directory claims; the budget bounds that work and its memory.
type budgetReaderAt struct {
	r    io.ReaderAt
	on   atomic.Bool
	left int64 // only touched while on, by zip.NewReader's one goroutine
}

func (b *budgetReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if b.on.Load() {
		b.left -= int64(len(p))
		if b.left < 0 {
			return 0, errDirBudget
		}
	}
	return b.r.ReadAt(p, off)
}
