package synth

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/netflix-donation/widget/internal/testutil"
)

// sample20k returns the records of a 20,000-row export for seed.
func sample20k(t *testing.T, seed int64) [][]string {
	t.Helper()
	data, _ := generate(t, Config{Rows: 20000, Seed: seed})
	return readRecords(t, data)[1:]
}

func TestEverySupplementalTypeAt20k(t *testing.T) {
	want := []string{"HOOK", "TRAILER", "TEASER_TRAILER", "RECAP", "PREVIEW", "PROMOTIONAL", "CINEMAGRAPH",
		"BUMPER", "BONUS_VIDEO", "BIG_ROW", "TUTORIAL", "MARKETING_TRAILER", "DATE_ANNOUNCEMENT", "CHARACTER",
		"TAKE_OVER", "SNEAK_PEEK"}
	for _, seed := range []int64{1, 2, 3} {
		got := map[string]int{}
		for _, rec := range sample20k(t, seed) {
			got[rec[colSVT]]++
		}
		for _, code := range want {
			if got[code] == 0 {
				t.Errorf("seed %d: no %s row", seed, code)
			}
		}
		if len(got) != len(want)+1 { // + the empty value
			t.Errorf("seed %d: %d distinct values, want %d: %v", seed, len(got), len(want)+1, got)
		}
	}
}

func TestRealisticContent(t *testing.T) {
	recs := sample20k(t, 1)
	// Each feature must occur at least once in 20,000 rows.
	features := []struct {
		name  string
		match func(rec []string) bool
	}{
		{"autoplay None", attr("Autoplayed: user action: None; ")},
		{"autoplay Unspecified", attr("Autoplayed: user action: Unspecified; ")},
		{"autoplay User_Interaction", attr("Autoplayed: user action: User_Interaction; ")},
		{"autoplay Visibility_Timeout", attr("Autoplayed: user action: Visibility_Timeout; ")},
		{"branched playback", attr("Has branched playback; ")},
		{"hidden with prefix", func(r []string) bool {
			return r[colAttributes] == "View was hidden; " && strings.HasPrefix(r[colTitle], "HIDDEN TITLE(user hid title at this time): ") && r[colBookmark] == "00:00:00"
		}},
		{"hidden with autoplay", attr("View was hidden; Autoplayed: user action: None; ")},
		{"Dutch season", title(`: Seizoen \d+: `)},
		{"Dutch episode", title(`\(Aflevering \d+\)$`)},
		{"Dutch limited series", title(`: Miniserie: `)},
		{"German season", title(`: Staffel \d+: `)},
		{"German episode", title(`\(Folge \d+\)$`)},
		{"Portuguese", title(`: Temporada \d+: .*Episódio \d+`)},
		{"Polish with NBSP", title("Sezon\u00a0\\d+: .*\\(Odcinek \\d+\\)$")},
		{"English named episode", title(`: Season \d+: .+ \(Episode \d+\)$`)},
		{"English unnamed episode", title(`: Season \d+: Episode \d+$`)},
		{"show name with colon", title(`^Crime Files: Inside the Vault: `)},
		{"title with comma", title(`,`)},
		{"trailing NBSP in a show name", title("\u00a0: ")},
		{"movie", func(r []string) bool { return r[colTitle] == "Yours Sincerely, Marta" }},
		{"home country", func(r []string) bool { return r[colCountry] == "NL (Netherlands)" }},
		{"country with comma", func(r []string) bool { return r[colCountry] == "KR (Korea, Republic of)" }},
		{"Duration above runtime", func(r []string) bool { s, _ := clockSeconds(r[colDuration]); return s > 3*3600 }},
	}
	for _, f := range features {
		n := 0
		for _, rec := range recs {
			if f.match(rec) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no row with %s", f.name)
		}
	}

	devices := map[string]bool{}
	for _, rec := range recs {
		devices[rec[colDevice]] = true
		if a := rec[colAttributes]; a != "" && !strings.HasSuffix(a, "; ") {
			t.Fatalf("Attributes %q does not end in \"; \"", a)
		}
		if d, _ := clockSeconds(rec[colDuration]); d < 1 {
			t.Fatalf("Duration %q below 1 s", rec[colDuration])
		}
	}
	if len(devices) < 8 {
		t.Errorf("%d distinct devices in the household, want at least 8", len(devices))
	}
}

// attr matches rows whose Attributes are exactly a.
func attr(a string) func([]string) bool {
	return func(r []string) bool { return r[colAttributes] == a }
}

// title matches rows whose Title matches the regular expression.
func title(expr string) func([]string) bool {
	re := regexp.MustCompile(expr)
	return func(r []string) bool { return r[colSVT] == "" && re.MatchString(r[colTitle]) }
}

func TestDevicesAcrossSeeds(t *testing.T) {
	devices := map[string]bool{}
	for seed := int64(1); seed <= 8; seed++ {
		data, _ := generate(t, Config{Rows: 2000, Seed: seed})
		for _, rec := range readRecords(t, data)[1:] {
			devices[rec[colDevice]] = true
		}
	}
	if len(devices) < 25 {
		t.Errorf("%d distinct Device Types over 8 households, want at least 25", len(devices))
	}
}

func TestBingeRuns(t *testing.T) {
	recs := sample20k(t, 1)
	// Walk each profile in time order; a run is consecutive content views
	// of one show, each starting at most 30 minutes after the previous
	// one ended.
	runs3 := 0
	var prevShow string
	var prevEnd time.Time
	length := 0
	for i := len(recs) - 1; i >= 0; i-- {
		rec := recs[i]
		if rec[colSVT] != "" {
			continue
		}
		start, _, ok := parseStart(rec[colStart])
		dur, _ := clockSeconds(rec[colDuration])
		if !ok || dur < 60 {
			continue
		}
		show, _, isEp := strings.Cut(rec[colTitle], ": Season ")
		if isEp && show == prevShow && !start.After(prevEnd.Add(30*time.Minute)) && !start.Before(prevEnd) {
			length++
		} else {
			if length >= 3 {
				runs3++
			}
			length = 1
		}
		if !isEp {
			show = ""
		}
		prevShow, prevEnd = show, start.Add(time.Duration(dur)*time.Second)
	}
	if runs3 < 50 {
		t.Errorf("%d binge runs of 3+ English-labelled episodes, want at least 50", runs3)
	}
}

func TestEveningHeavy(t *testing.T) {
	recs := sample20k(t, 1)
	evening, total := 0, 0
	ams := time.FixedZone("CET", 3600)
	for _, rec := range recs {
		if rec[colSVT] != "" || strings.HasPrefix(rec[colProfile], "Kids") {
			continue
		}
		start, _, _ := parseStart(rec[colStart])
		h := start.In(ams).Hour()
		if start.Month() >= 4 && start.Month() <= 10 {
			h = start.In(time.FixedZone("CEST", 7200)).Hour()
		}
		total++
		if h >= 18 {
			evening++
		}
	}
	// 6 of 24 hours; a uniform spread would put 25% there.
	if share := float64(evening) / float64(total); share < 0.45 {
		t.Errorf("%.2f of adult views start between 18:00 and 24:00 local time, want at least 0.45", share)
	}
}

// TestHeaderMatchesRealExports compares the generated header with the
// first line of every real ViewingActivity.csv sample, when the samples
// are present next to the repository.
func TestHeaderMatchesRealExports(t *testing.T) {
	root := filepath.Join(testutil.RepoRoot(t), "..", "shared", "netflix-samples")
	var paths []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "ViewingActivity.csv" {
			paths = append(paths, p)
		}
		return nil
	})
	if len(paths) == 0 {
		t.Skip("no real samples at ../shared/netflix-samples")
	}
	data, _ := generate(t, Config{Rows: 1, Seed: 1})
	ours := strings.SplitN(string(data), "\n", 2)[0]
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Scan()
		f.Close()
		if sc.Text() != ours {
			t.Errorf("%s header %q != generated %q", p, sc.Text(), ours)
		}
	}
}
