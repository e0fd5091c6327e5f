package input

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/netflix-donation/widget/extractor/codes"
)

// A participant's computer may wrap the export once more: "Compress" on
// the downloaded ZIP gives a ZIP whose only content is the export ZIP, and
// a folder chosen for the export may hold only the downloaded ZIP. Such an
// input is opened one level deep, never deeper (42.zip and its kin nest
// bombs), and every limit is counted over both levels together.

// maxNestedZipBytes bounds an inner ZIP that must be inflated into memory
// to be read (one that the outer ZIP deflated). The largest real export
// ZIP seen is a few megabytes; a generated million-row one is 22 MB.
const maxNestedZipBytes = 128 << 20

// nestedReserveBytes is the most memory reserved for an inner ZIP before
// its bytes arrive.
const nestedReserveBytes = 16 << 20

// isJunkName reports whether a path is one an operating system adds to
// folders and archives and nobody chose: macOS resource forks
// ("__MACOSX/", "._x") and folder settings (".DS_Store", "Thumbs.db",
// "desktop.ini").
func isJunkName(name string) bool {
	if strings.HasPrefix(name, "__MACOSX/") {
		return true
	}
	base := path.Base(name)
	return strings.HasPrefix(base, "._") || base == ".DS_Store" ||
		strings.EqualFold(base, "Thumbs.db") || strings.EqualFold(base, "desktop.ini")
}

// zipDocumentExts are formats that are ZIPs inside but documents to a
// participant (Office, OpenDocument, e-books): not archives they packed.
func zipDocumentExts() []string {
	return []string{".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".numbers", ".pages", ".key"}
}

// nestedZips lists the archives inside files: files named *.zip, and
// files whose first bytes are a ZIP signature (at most nestedPeeks of
// them are opened to look), leaving out junk and documents that are ZIPs
// inside.
func nestedZips(files FileSet) []string {
	var out []string
	peeks := 0
	for _, n := range files.Names() {
		if isJunkName(n) {
			continue
		}
		ext := strings.ToLower(path.Ext(n))
		switch {
		case ext == ".zip":
			out = append(out, n)
			continue
		case files.Kind() == CSV:
			continue
		}
		switch ext {
		case ".csv", ".txt", ".pdf", ".png", ".json", ".html", ".xml":
			continue // formats that cannot start with "PK"
		}
		if slices.Contains(zipDocumentExts(), ext) {
			continue
		}
		if peeks++; peeks > nestedPeeks {
			continue
		}
		if isZipPrefix(peek(files, n, 4)) {
			out = append(out, n)
		}
	}
	return out
}

// holdsExport reports whether files holds what Extract looks for, or the
// viewing-history download that it names: then nothing is unwrapped.
func holdsExport(files FileSet) bool {
	if _, ok := Find(files, "ViewingActivity"); ok {
		return true
	}
	_, ok := Find(files, "NetflixViewingHistory.csv")
	return ok
}

// nestedLimits returns the limits left for an inner ZIP of size bytes
// that took compressed bytes in an outer set of entries files: the outer
// entries count against MaxEntries, the inner ZIP's bytes against
// MaxDecompressedBytes, and its compression ratio divides
// MaxCompressionRatio, so that what an inner entry inflates to stays
// within the limits measured against the bytes of the outer input.
func nestedLimits(lim Limits, entries int, size, compressed int64) (Limits, error) {
	inner := lim
	inner.MaxEntries = lim.MaxEntries - entries
	inner.MaxDecompressedBytes = lim.MaxDecompressedBytes - size
	ratio := int64(1)
	if compressed > 0 && size > compressed {
		ratio = (size + compressed - 1) / compressed
	}
	inner.MaxCompressionRatio = max(lim.MaxCompressionRatio/ratio, 1)
	if inner.MaxEntries < 1 || inner.MaxDecompressedBytes < 1 {
		return inner, codes.New(codes.TooLarge, "the ZIP inside the input leaves no room within the limits")
	}
	return inner, nil
}

// unwrap returns the inner ZIP of z when z holds only that ZIP (see
// the top of this file), or z itself.
func (z *zipFileSet) unwrap() (FileSet, error) {
	if holdsExport(z) {
		return z, nil
	}
	inner := nestedZips(z)
	if len(inner) != 1 {
		return z, nil // none, or several: Extract says which
	}
	f := z.files[inner[0]]
	if f.Flags&0x1 != 0 {
		return nil, codes.New(codes.UnsupportedZip, "the ZIP inside the ZIP is encrypted")
	}
	if f.UncompressedSize64 > math.MaxInt64 || f.CompressedSize64 > math.MaxInt64 {
		return nil, codes.New(codes.CorruptZip, "the ZIP inside the ZIP states an impossible size")
	}
	size, compressed := int64(f.UncompressedSize64), int64(f.CompressedSize64)
	if size == 0 {
		return nil, errEmptyFile() // the export, not downloaded yet
	}
	opts := z.opts
	if f.Method == zip.Store && size == compressed {
		// Stored: read in place, and its DEFLATE entries inflated where
		// they lie in the outer input (by InflateEntry, when given).
		off, err := f.DataOffset()
		if err != nil {
			return nil, zipError(err, "the ZIP inside the ZIP cannot be opened")
		}
		if opts.Limits, err = nestedLimits(z.limits, len(z.names), size, compressed); err != nil {
			return nil, err
		}
		if outer := opts.InflateEntry; outer != nil {
			opts.InflateEntry = func(e ZipEntry) (EntryReader, error) {
				e.Offset += off
				return outer(e)
			}
		}
		return openZipSet(io.NewSectionReader(z.r, off, size), size, opts)
	}
	data, err := readNested(z, inner[0], size)
	if err != nil {
		return nil, err
	}
	if opts.Limits, err = nestedLimits(z.limits, len(z.names), int64(len(data)), compressed); err != nil {
		return nil, err
	}
	opts.InflateEntry = nil // its bytes are in memory, not in the input
	return openZipSet(bytes.NewReader(data), int64(len(data)), opts)
}

// readNested reads the inner ZIP name of files into memory, at most
// maxNestedZipBytes (and the limits of files, which its reader enforces).
// The size its header declares reserves memory only up to
// nestedReserveBytes: a header may lie.
func readNested(files FileSet, name string, declared int64) ([]byte, error) {
	rc, _, err := files.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	buf := bytes.NewBuffer(make([]byte, 0, min(max(declared, 0), nestedReserveBytes)))
	// ReadFrom, not io.Copy: io.Copy's interface tests would link every
	// WriteTo and ReadFrom of the program into the WebAssembly engine
	// (about 12 KB of its brotli download).
	n, err := buf.ReadFrom(io.LimitReader(rc, maxNestedZipBytes+1))
	if err != nil {
		if files.Kind() == ZIP {
			return nil, zipError(err, "the ZIP inside the ZIP cannot be read")
		}
		return nil, err
	}
	if n > maxNestedZipBytes {
		return nil, codes.New(codes.TooLarge, "the ZIP inside the input is larger than %d bytes", maxNestedZipBytes)
	}
	return buf.Bytes(), nil
}

// unwrap returns the ZIP of f when the folder holds only the downloaded
// export ZIP (and junk or unrelated files), or f itself. The ZIP is read
// into memory: an export ZIP is a few megabytes, and a folder's file may
// not be readable at any offset.
func (f *folderFileSet) unwrap(opts Options) (FileSet, error) {
	if holdsExport(f) {
		return f, nil
	}
	inner := nestedZips(f)
	if len(inner) != 1 {
		return f, nil
	}
	data, err := readNested(f, inner[0], -1)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, errEmptyFile() // a download that failed or has not finished
	}
	if opts.Limits, err = nestedLimits(f.limits, len(f.names), int64(len(data)), int64(len(data))); err != nil {
		return nil, err
	}
	return openZipSet(bytes.NewReader(data), int64(len(data)), opts)
}
