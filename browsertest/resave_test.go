package browsertest

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/resave"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/netflix-donation/widget/internal/testutil"
)

// resaveFigures are what a spreadsheet re-save must leave
// as they are: views, seconds, active days and by_month.
type resaveFigures struct {
	Views, Seconds, ActiveDays int64
	ByMonth                    []extractor.MonthStat
}

func figuresOf(t *testing.T, summaryJSON string) (resaveFigures, extractor.Summary) {
	t.Helper()
	var s extractor.Summary
	if err := json.Unmarshal([]byte(summaryJSON), &s); err != nil {
		t.Fatal(err)
	}
	return resaveFigures{s.Totals.Views, s.Totals.Seconds, s.Totals.ActiveDays, s.ByMonth}, s
}

// checkResavesInBrowser uploads every re-save shape of pristine to the
// engine in Chromium: its figures must equal the pristine file's, read
// natively (whose reading the native tests check against an independent
// one), and its JSON must be the native JSON of the same re-saved bytes.
func checkResavesInBrowser(t *testing.T, h *Harness, pristine []byte) {
	t.Helper()
	base := nativeJSON(t, nativeOpen(t, "ViewingActivity.csv", pristine), amsterdamGo())
	want, _ := figuresOf(t, base)
	for _, shape := range resave.Shapes() {
		data, err := shape.Resave(pristine)
		if err != nil {
			t.Fatal(err)
		}
		h.Upload("#file", h.WriteFile("ViewingActivity.csv", data))
		var r result
		h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
		if !r.OK {
			t.Fatalf("%s: rejected with %s (%s)", shape.Name, r.Code, r.Message)
		}
		got, s := figuresOf(t, r.Value)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: views %d seconds %d active days %d, %d months; pristine %d %d %d, %d months",
				shape.Name, got.Views, got.Seconds, got.ActiveDays, len(got.ByMonth), want.Views, want.Seconds, want.ActiveDays, len(want.ByMonth))
		}
		order := extractor.DateOrderMonthFirst
		if shape.DayFirst {
			order = extractor.DateOrderDayFirst
		}
		if s.Source.DateOrder != order || s.Excluded.Malformed != 0 {
			t.Errorf("%s: date_order %q, malformed %d; want %q, 0", shape.Name, s.Source.DateOrder, s.Excluded.Malformed, order)
		}
		if native := nativeJSON(t, nativeOpen(t, "ViewingActivity.csv", data), amsterdamGo()); r.Value != native {
			t.Errorf("%s: browser JSON differs from native\n got %.300s\nwant %.300s", shape.Name, r.Value, native)
		}
	}
}

// TestEngineResavedSamples runs every spreadsheet re-save shape of every
// real sample through the real engine in Chromium.
func TestEngineResavedSamples(t *testing.T) {
	dir := testutil.SamplesDir(t)
	paths := testutil.ViewingSamples(t)
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	h.Eval(`NetflixDonation.ready()`, nil)
	for _, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		t.Run(strings.SplitN(filepath.ToSlash(rel), "/", 2)[0], func(t *testing.T) {
			pristine, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			checkResavesInBrowser(t, h, pristine)
		})
	}
}

// TestEngineResavedSynthetic does the same with a generated table, which
// is always at hand, large enough that the engine would split a pristine
// one over two workers.
func TestEngineResavedSynthetic(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	h.Eval(`NetflixDonation.ready()`, nil)
	checkResavesInBrowser(t, h, genCSV(t, synth.Config{Rows: 8000, Seed: 44}))
}

// TestEngineNested reads, in Chromium, the export ZIP zipped once more
// (stored: its entries inflated by the worker where they lie; deflated:
// inflated into memory first) and a folder holding only the export ZIP:
// each gives exactly the export's own summary.
func TestEngineNested(t *testing.T) {
	export := genZip(t, synth.Config{Rows: 6000, Seed: 45})
	want := nativeJSON(t, nativeOpen(t, "netflix-report.zip", export), amsterdamGo())
	h := NewHarness(t, HarnessOptions{})
	h.Navigate(enginePage)
	h.Eval(`NetflixDonation.ready()`, nil)
	for _, method := range []uint16{zip.Store, zip.Deflate} {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "netflix-report.zip", Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(export)
		zw.Close()
		h.Upload("#file", h.WriteFile("Archive.zip", b.Bytes()))
		var r result
		h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
		if !r.OK || r.Value != want {
			t.Errorf("ZIP in a ZIP (method %d): ok=%v %s %s; same as the export's own summary: %v", method, r.OK, r.Code, r.Message, r.Value == want)
		}
	}
	h.Upload("#files", h.WriteFile("netflix-report.zip", export))
	var r result
	h.Eval(`settle(NetflixDonation.extractJSON(folderInput({"netflix-report.zip": "Downloads/netflix-report.zip"}), `+amsterdamJS+`))`, &r)
	if !r.OK || r.Value != want {
		t.Errorf("folder holding the ZIP: ok=%v %s %s; same as the export's own summary: %v", r.OK, r.Code, r.Message, r.Value == want)
	}
}
