package synth

import (
	"io"
	"strconv"
	"testing"
)

// countingWriter discards bytes and counts them.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

func BenchmarkWriteViewingActivity(b *testing.B) {
	for _, rows := range []int{10_000, 200_000, 1_000_000} {
		b.Run(strconv.Itoa(rows), func(b *testing.B) {
			b.ReportAllocs()
			var size int64
			for b.Loop() {
				w := &countingWriter{}
				if _, err := WriteViewingActivity(w, Config{Rows: rows, Seed: 1}); err != nil {
					b.Fatal(err)
				}
				size = w.n
			}
			b.SetBytes(size)
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func BenchmarkWriteZip(b *testing.B) {
	for _, rows := range []int{10_000, 200_000} {
		b.Run(strconv.Itoa(rows), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := WriteZip(io.Discard, Config{Rows: rows, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
