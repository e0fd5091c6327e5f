package badinput

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
)

// segmentZeros is how many zeros one repeated DEFLATE segment holds.
const segmentZeros = 1 << 20

// zeroSegment returns a DEFLATE segment that inflates to segmentZeros
// zeros and ends on a byte boundary (a sync flush), and the final empty
// block that ends a stream. Every back-reference in the segment points at
// zeros, so the segment inflates to zeros after any zeros: n copies then
// the trailer are a valid stream of n*segmentZeros zeros. That is how a
// 10 GiB bomb is built in milliseconds from about 1 KB of compression.
func zeroSegment() (seg, trailer []byte) {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.BestCompression) // valid level: no error
	fw.Write(make([]byte, segmentZeros))                // a bytes.Buffer never fails
	fw.Flush()
	seg = bytes.Clone(b.Bytes())
	b.Reset()
	fw.Close()
	return seg, bytes.Clone(b.Bytes())
}

// zeroStream returns the size of a DEFLATE stream of n zeros (n a
// multiple of segmentZeros) and a function writing it.
func zeroStream(n int64) (size int64, write func(io.Writer) error) {
	seg, trailer := zeroSegment()
	copies := n / segmentZeros
	size = copies*int64(len(seg)) + int64(len(trailer))
	return size, func(w io.Writer) error {
		for range copies {
			if _, err := w.Write(seg); err != nil {
				return err
			}
		}
		_, err := w.Write(trailer)
		return err
	}
}

// bombEntry is a ZIP entry named name that inflates to n zeros while its
// header claims declared bytes (n for an honest header). Its CRC-32 is
// the right one for n zeros, so only the size may lie.
func bombEntry(name string, n, declared int64) rawEntry {
	size, write := zeroStream(n)
	return rawEntry{
		hdr: zip.FileHeader{
			Name: name, Method: zip.Deflate, CRC32: crc32Zeros(n),
			CompressedSize64: uint64(size), UncompressedSize64: uint64(declared),
		},
		data: write,
	}
}

// writeZeroBomb writes an export-like ZIP whose ViewingActivity.csv
// inflates to n zeros and declares declared bytes.
func writeZeroBomb(w io.Writer, n, declared int64) error {
	return writeRawZip(w, []rawEntry{
		rawDeflate("netflix-report/Cover Sheet.pdf", minimalPDF()),
		bombEntry("netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", n, declared),
	})
}

// writeNestedBomb writes a 42.zip-style archive: 16 deflated inner ZIPs,
// each holding 4 bombs of 1 GiB of zeros. The inner ZIP is highly
// repetitive, so the outer one stays small (about 180 KB).
func writeNestedBomb(w io.Writer) error {
	var inner bytes.Buffer
	var bombs []rawEntry
	for _, n := range []string{"0", "1", "2", "3"} {
		bombs = append(bombs, bombEntry("netflix-report/CONTENT_INTERACTION/ViewingActivity"+n+".csv", 1<<30, 1<<30))
	}
	if err := writeRawZip(&inner, bombs); err != nil {
		return err
	}
	innerEntry := rawDeflate("", inner.Bytes())
	var outer []rawEntry
	for _, n := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"} {
		e := innerEntry
		e.hdr.Name = "netflix-report-" + n + ".zip"
		outer = append(outer, e)
	}
	return writeRawZip(w, outer)
}

// crc32Zeros returns crc32.ChecksumIEEE of n zero bytes without reading
// them, by composing the CRC of halves (the method of zlib's
// crc32_combine): a 10 GiB bomb gets its true checksum in microseconds.
func crc32Zeros(n int64) uint32 {
	switch {
	case n <= 0:
		return 0
	case n == 1:
		return crc32.ChecksumIEEE([]byte{0})
	case n%2 == 1:
		return crc32Combine(crc32Zeros(n-1), crc32Zeros(1), 1)
	}
	half := crc32Zeros(n / 2)
	return crc32Combine(half, half, n/2)
}

// crc32Combine returns the CRC-32 (IEEE) of A followed by B, given the
// CRC of A, the CRC of B and B's length. It appends len2 zero bytes to
// crc1 with GF(2) matrix powers, then adds crc2.
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	var even, odd [32]uint32
	odd[0] = 0xEDB88320 // the operator for one zero bit
	row := uint32(1)
	for i := 1; i < 32; i++ {
		odd[i] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four zero bits
	for {
		gf2Square(&even, &odd) // first pass: one zero byte
		if len2&1 != 0 {
			crc1 = gf2Times(&even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(&odd, &even)
		if len2&1 != 0 {
			crc1 = gf2Times(&odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

// gf2Times multiplies the 32x32 GF(2) matrix mat by the vector vec.
func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

// gf2Square sets square to mat times mat.
func gf2Square(square, mat *[32]uint32) {
	for i := range 32 {
		square[i] = gf2Times(mat, mat[i])
	}
}
