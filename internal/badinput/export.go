package badinput

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
)

// exportEntries are the files of a small made-up export under prefix
// (such as "netflix-report/"), with viewing as its ViewingActivity file
// (name relative to CONTENT_INTERACTION/).
func exportEntries(prefix, viewingName string, viewing []byte) []entry {
	return []entry{
		{prefix + "ACCOUNT/SubscriptionHistory.csv", []byte("Subscription Opened Ts,Is Free Trial At Signup\n2019-01-01 10:00:00.000+0000,false\n")},
		{prefix + "CONTENT_INTERACTION/" + viewingName, viewing},
		{prefix + "CONTENT_INTERACTION/Ratings.txt", []byte(placeholder)},
		{prefix + "PROFILES/Profiles.csv", []byte("\"Profile Name\",\"Maturity Level\"\r\n\"Alex\",\"ADULTS\"\r\n\"Sam & Kim\",\"ADULTS\"\r\n")},
		{prefix + "Cover Sheet.pdf", minimalPDF()},
	}
}

// writeExport writes a valid export ZIP with rows viewing rows.
func writeExport(w io.Writer, prefix string, rows int) error {
	return writeZip(w, exportEntries(prefix, "ViewingActivity.csv", viewingCSV(rows)))
}

// writePlaceholderExport writes an export whose ViewingActivity is the
// .txt empty-table placeholder.
func writePlaceholderExport(w io.Writer) error {
	return writeZip(w, exportEntries("netflix-report/", "ViewingActivity.txt", []byte(placeholder)))
}

// writeTruncatedExport writes the first half of a good export.
func writeTruncatedExport(w io.Writer) error {
	var b bytes.Buffer
	if err := writeExport(&b, "netflix-report/", goodRows); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes()[:b.Len()/2])
	return err
}

// writeBadCRC writes an export whose ViewingActivity.csv carries a wrong
// CRC-32 in both its headers; its data is intact.
func writeBadCRC(w io.Writer) error {
	va := rawDeflate("netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", viewingCSV(goodRows))
	va.hdr.CRC32 ^= 0xDEADBEEF
	return writeRawZip(w, []rawEntry{va, rawDeflate("netflix-report/PROFILES/Profiles.csv", []byte("\"Profile Name\"\r\n\"Alex\"\r\n"))})
}

// writeEncrypted writes an export whose ViewingActivity.csv has the
// "encrypted" flag and 4 KiB of random bytes as its data, as a
// password-protected ZIP tool leaves it.
func writeEncrypted(w io.Writer) error {
	garbage := make([]byte, 4<<10)
	rng := rand.New(rand.NewPCG(2, 2))
	for i := range garbage {
		garbage[i] = byte(rng.Uint32())
	}
	va := rawEntry{
		hdr: zip.FileHeader{
			Name: "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", Method: zip.Deflate, Flags: 0x1,
			CRC32: 0x12345678, CompressedSize64: uint64(len(garbage)), UncompressedSize64: 20 << 10,
		},
		data: writeBytes(garbage),
	}
	return writeRawZip(w, []rawEntry{rawDeflate("netflix-report/Cover Sheet.pdf", minimalPDF()), va})
}

// writeManyEntries writes a ZIP of n empty stored entries.
func writeManyEntries(w io.Writer, n int) error {
	entries := make([]rawEntry, n)
	for i := range entries {
		entries[i] = rawEntry{hdr: zip.FileHeader{Name: fmt.Sprintf("%06d", i), Method: zip.Store}, data: writeBytes(nil)}
	}
	return writeRawZip(w, entries)
}

// writeUnsafeNames writes a ZIP whose only ViewingActivity.csv files sit
// under names that point outside the archive.
func writeUnsafeNames(w io.Writer) error {
	v := viewingCSV(smallRows)
	return writeZip(w, []entry{
		{"../netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", v},
		{"netflix-report/../../CONTENT_INTERACTION/ViewingActivity.csv", v},
		{"/tmp/netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", v},
		{`..\CONTENT_INTERACTION\ViewingActivity.csv`, v},
		{"C:/Users/x/ViewingActivity.csv", v},
		{"netflix-report/README.txt", []byte("nothing to see\n")},
	})
}

// writeTakeout writes a ZIP shaped like another service's export (a Google
// Takeout), with made-up content.
func writeTakeout(w io.Writer) error {
	return writeZip(w, []entry{
		{"Takeout/archive_browser.html", []byte("<!DOCTYPE html><title>Archive</title><p>Your archive</p>\n")},
		{"Takeout/YouTube and YouTube Music/history/watch-history.json", []byte(`[{"header":"YouTube","title":"Watched a made-up video","time":"2024-01-01T10:00:00.000Z"}]` + "\n")},
		{"Takeout/YouTube and YouTube Music/subscriptions/subscriptions.csv", []byte("Channel Id,Channel Url,Channel Title\nUC0,http://example.invalid/c,Made Up\n")},
		{"Takeout/My Activity/Chrome/MyActivity.json", []byte("[]\n")},
	})
}

// writeViewingHistoryZip writes NetflixViewingHistory.csv inside a ZIP.
func writeViewingHistoryZip(w io.Writer) error {
	return writeZip(w, []entry{{"NetflixViewingHistory.csv", viewingHistoryCSV()}})
}

// writeLongLine writes a header and then one line of n bytes without a
// newline, streamed in chunks.
func writeLongLine(w io.Writer, n int) error {
	if _, err := io.WriteString(w, viewingHeader+"\nAlex,2024-01-02 20:00:00,00:30:00,,"); err != nil {
		return err
	}
	chunk := bytes.Repeat([]byte("A"), 64<<10)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := w.Write(chunk[:k]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// text is the Build of a case whose file is the fixed text s.
func text(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// writeRandom writes n seeded pseudo-random bytes.
func writeRandom(w io.Writer, seed uint64, n int) error {
	rng := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	_, err := w.Write(b)
	return err
}
