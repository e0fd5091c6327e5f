package extractor

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/testutil"

	"github.com/gocarina/gocsv"

	"github.com/netflix-donation/widget/internal/synth"
)

// benchSizes are the generated export sizes of BenchmarkExtract.
var benchSizes = []struct {
	name string
	rows int
}{{"rows=10k", 10_000}, {"rows=100k", 100_000}, {"rows=1M", 1_000_000}}

// benchExport is one generated export kept in memory.
type benchExport struct {
	zip      []byte // the whole export ZIP
	csv      []byte // its ViewingActivity.csv
	rows     int64
	csvBytes int64
}

// benchGenerate builds the export of n rows once.
func benchGenerate(b *testing.B, n int) *benchExport {
	b.Helper()
	cfg := synth.Config{Rows: n, Seed: 42}
	var z, c bytes.Buffer
	truth, err := synth.WriteZip(&z, cfg)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := synth.WriteViewingActivity(&c, cfg); err != nil {
		b.Fatal(err)
	}
	return &benchExport{zip: z.Bytes(), csv: c.Bytes(), rows: truth.Rows, csvBytes: int64(c.Len())}
}

// reportRows adds rows/s; SetBytes gives MB/s of ViewingActivity.csv.
func reportRows(b *testing.B, rows int64) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(rows)*float64(b.N)/s, "rows/s")
	}
}

// BenchmarkExtract measures the whole path on a generated ZIP held in
// memory: open the ZIP, inflate ViewingActivity.csv, scan, aggregate,
// summarise. MB/s is of the uncompressed CSV.
func BenchmarkExtract(b *testing.B) {
	cache := map[int]*benchExport{}
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			g := cache[size.rows]
			if g == nil {
				g = benchGenerate(b, size.rows)
				cache[size.rows] = g
			}
			b.SetBytes(g.csvBytes)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				files, err := input.OpenZip(bytes.NewReader(g.zip), int64(len(g.zip)), input.Options{})
				if err != nil {
					b.Fatal(err)
				}
				s, err := Extract(context.Background(), files, DefaultOptions())
				if err != nil || s.RowsTotal != g.rows {
					b.Fatalf("rows %v, err %v", s, err)
				}
			}
			reportRows(b, g.rows)
		})
	}
}

// BenchmarkDecode100k compares ways of reading the same 100,000-row CSV
// (no ZIP): the fast path alone, Extract on the lone CSV (fast path plus
// aggregation), encoding/csv, and gocsv into viewingRow (the schema).
func BenchmarkDecode100k(b *testing.B) {
	var g *benchExport
	setup := func(b *testing.B) *benchExport {
		if g == nil {
			g = benchGenerate(b, 100_000)
		}
		b.SetBytes(g.csvBytes)
		b.ReportAllocs()
		b.ResetTimer()
		return g
	}
	b.Run("scanner", func(b *testing.B) {
		g := setup(b)
		for b.Loop() {
			v, err := openViewing(bytes.NewReader(g.csv), 1<<20)
			if err != nil {
				b.Fatal(err)
			}
			n := int64(0)
			for {
				if _, err := v.Read(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != g.rows {
				b.Fatalf("%d rows", n)
			}
		}
		reportRows(b, g.rows)
	})
	b.Run("extract-csv", func(b *testing.B) {
		g := setup(b)
		files := loneCSV(string(g.csv))
		for b.Loop() {
			if _, err := Extract(context.Background(), files, DefaultOptions()); err != nil {
				b.Fatal(err)
			}
		}
		reportRows(b, g.rows)
	})
	b.Run("encoding-csv", func(b *testing.B) {
		g := setup(b)
		for b.Loop() {
			r := csv.NewReader(bytes.NewReader(g.csv))
			r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = -1, true, true
			n := int64(-1)
			for {
				if _, err := r.Read(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != g.rows {
				b.Fatalf("%d rows", n)
			}
		}
		reportRows(b, g.rows)
	})
	b.Run("gocsv", func(b *testing.B) {
		g := setup(b)
		for b.Loop() {
			r := csv.NewReader(bytes.NewReader(g.csv))
			r.FieldsPerRecord, r.LazyQuotes = -1, true
			n := int64(0)
			err := gocsv.UnmarshalDecoderToCallback(gocsv.NewSimpleDecoderFromCSVReader(r), func(viewingRow) { n++ })
			if err != nil || n != g.rows {
				b.Fatalf("%d rows, %v", n, err)
			}
		}
		reportRows(b, g.rows)
	})
}

// BenchmarkExtractRealSample measures Extract on the largest real sample
// (about 16,000 rows, 6,500 distinct titles), which has the title variety
// of a real household; skipped when the samples are absent.
func BenchmarkExtractRealSample(b *testing.B) {
	path := filepath.Join(testutil.SamplesDir(b), "petripat__Netflix-Analysis", "netflix-report", "CONTENT_INTERACTION", "ViewingActivity.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	files := loneCSV(string(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var rows int64
	for b.Loop() {
		s, err := Extract(context.Background(), files, DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		rows = s.RowsTotal
	}
	reportRows(b, rows)
}

// BenchmarkMerge measures what joining two ranges costs beyond reading
// them: decoding the second range's aggregates (the first worker decodes
// only those), merging them into the first's and building the summary;
// for comparison the summary alone, which Extract builds too, and
// encoding one range, which the second worker does.
func BenchmarkMerge(b *testing.B) {
	e := benchGenerate(b, 200_000)
	files := loneCSV(string(e.csv))
	ctx := context.Background()
	opts := DefaultOptions()
	var encoded [][]byte
	for _, r := range []Range{{From: 0, To: 0.5}, {From: 0.5, To: 1}} {
		a, err := Read(ctx, files, opts, r)
		if err != nil {
			b.Fatal(err)
		}
		p, err := a.MarshalBinary()
		if err != nil {
			b.Fatal(err)
		}
		encoded = append(encoded, p)
	}
	b.Run("rows=200k/ranges=2", func(b *testing.B) {
		b.SetBytes(int64(len(encoded[0]) + len(encoded[1])))
		for b.Loop() {
			first, err := UnmarshalAggregates(encoded[0])
			if err != nil {
				b.Fatal(err)
			}
			second, err := UnmarshalAggregates(encoded[1])
			if err != nil {
				b.Fatal(err)
			}
			if err := first.Merge(second); err != nil {
				b.Fatal(err)
			}
			s, err := first.Summary(nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.JSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rows=200k/summary-only", func(b *testing.B) {
		a, err := UnmarshalAggregates(encoded[0])
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			s, err := a.Summary(nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.JSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rows=200k/encode-range", func(b *testing.B) {
		a, err := UnmarshalAggregates(encoded[0])
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := a.MarshalBinary(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
