package browsertest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
)

// buildCLI builds cmd/netflix-summary into a temporary folder.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "netflix-summary")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/netflix-summary")
	cmd.Dir = RepoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// cliShare runs `netflix-summary --share` and returns its stdout without
// the final newline.
func cliShare(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, append([]string{"--share"}, args...)...).Output()
	if err != nil {
		t.Fatalf("netflix-summary %q: %v", args, err)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// TestWidgetShareEqualsCLI: the widget's shared JSON and `netflix-summary
// --share` with the same choices (time zone, profile, a removed title,
// the account blocks the study asks for, the byte budget) are byte for
// byte the same, for a ZIP, a lone ViewingActivity.csv and the unzipped
// folder.
func TestWidgetShareEqualsCLI(t *testing.T) {
	const tz = "Europe/Amsterdam"
	bin := buildCLI(t)
	cfg := synth.Config{Rows: 2500, Seed: 31}
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "netflix-report.zip")
	csvPath := filepath.Join(dir, "ViewingActivity.csv")
	folder := filepath.Join(dir, "unzipped")
	if err := os.WriteFile(zipPath, genZip(t, cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csvPath, genCSV(t, cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := synth.WriteFolder(folder, cfg); err != nil {
		t.Fatal(err)
	}
	accountBlocks := "profiles,searches,ratings,my_list,tenure"

	for _, tc := range []struct {
		name, input, config string
		cliArgs             []string
	}{
		{"zip", zipPath, "", nil},
		{"zip with account blocks", zipPath, `{"account":["profiles","searches","ratings","my_list","tenure"],"top":10}`, []string{"--account", accountBlocks, "--top", "10"}},
		{"csv", csvPath, `{"titles":"all"}`, []string{"--titles", "all"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHarness(t, HarnessOptions{TimeZone: tz})
			w := pageWidget(h)
			page := "/browsertest/testdata/widget_flow.html?lang=en"
			if tc.config != "" {
				page += "&config=" + url.QueryEscape(tc.config)
			}
			h.Navigate(page)
			w.start()
			w.upload(tc.input)
			names := w.toReview(0)
			removed := w.removeFirstTitle()
			w.share()
			var shared string
			h.Eval(`document.querySelector('#out').value`, &shared)
			args := append([]string{"--tz", tz, "--profile", names[0], "--remove-title", removed, "--max-bytes", "20000"}, tc.cliArgs...)
			if got := cliShare(t, bin, append(args, tc.input)...); got != shared {
				t.Errorf("the CLI's donation differs from the widget's\nwidget %.400s\ncli    %.400s", shared, got)
			}
		})
	}

	// The folder, through the engine the element uses (a directory cannot
	// be chosen through chromedp), with the element's default blocks.
	t.Run("folder", func(t *testing.T) {
		h := NewHarness(t, HarnessOptions{TimeZone: tz})
		h.Navigate(enginePage)
		pathsJSON := uploadFolder(t, h, folder)
		var shared struct {
			JSON    string `json:"json"`
			Removed string `json:"removed"`
		}
		h.Eval(fmt.Sprintf(`NetflixDonation.extract(folderInput(%s), {timeZone: %q, profiles: ['Anna']}).then(s =>
		  NetflixDonation.share(s, {blocks: %s, removeTitles: [s.titles[0].name], maxBytes: 20000})
		    .then(r => ({json: r.json, removed: s.titles[0].name})))`, pathsJSON, tz, mustJSON(t, widgetDefaultBlocks)), &shared)
		got := cliShare(t, bin, "--tz", tz, "--profile", "Anna", "--remove-title", shared.Removed, "--max-bytes", "20000", folder)
		if got != shared.JSON {
			t.Errorf("the CLI's donation differs from the widget's\nwidget %.400s\ncli    %.400s", shared.JSON, got)
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
