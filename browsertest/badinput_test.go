package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/badinput"
	"github.com/netflix-donation/widget/internal/synth"
)

// TestHardeningCorpusEngine uploads every case of the hostile-input corpus
// (internal/badinput), the zip bombs, the 100,000 entries and the 50 MB
// line included, through a real <input type=file> to the engine in one
// page. A refused case must reject with the corpus's expected code, an
// accepted one must resolve with the corpus's row count; and after every
// case the page must still answer and the next good file must give the
// generator's row count and the native extractor's JSON.
func TestHardeningCorpusEngine(t *testing.T) {
	h := NewHarness(t, HarnessOptions{Timeout: 15 * time.Minute})
	h.Navigate(enginePage)
	h.Eval(`NetflixDonation.ready()`, nil)

	goodCfg := synth.Config{Rows: 250, Seed: 31, Profiles: []string{"Anna"}}
	good := genCSV(t, goodCfg)
	goodPath := h.WriteFile("ViewingActivity.csv", good)
	goodJSON := nativeJSON(t, nativeOpen(t, "ViewingActivity.csv", good), amsterdamGo())

	for _, c := range badinput.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			data, err := c.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			h.Upload("#file", h.WriteFile(c.FileName, data))
			start := time.Now()
			var r result
			h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
			t.Logf("%d bytes, answered in %v (informational)", len(data), time.Since(start).Round(time.Millisecond))
			if c.Want != "" {
				if r.OK || r.Code != string(c.Want) {
					t.Fatalf("ok=%v code %q (%s); want code %q", r.OK, r.Code, r.Message, c.Want)
				}
			} else {
				if !r.OK {
					t.Fatalf("rejected with %s (%s); the corpus says it is accepted", r.Code, r.Message)
				}
				var s extractor.Summary
				if err := json.Unmarshal([]byte(r.Value), &s); err != nil {
					t.Fatal(err)
				}
				if s.RowsTotal != c.Rows {
					t.Fatalf("rows_total %d; the corpus wrote %d rows", s.RowsTotal, c.Rows)
				}
			}

			// The page survived and the engine still works.
			var alive int
			h.Eval(`6 * 7`, &alive)
			if alive != 42 {
				t.Fatalf("the page answered %d to 6 * 7", alive)
			}
			h.Upload("#file", goodPath)
			h.Eval(`settle(NetflixDonation.extractJSON(firstFile('file'), `+amsterdamJS+`))`, &r)
			if !r.OK {
				t.Fatalf("the next good file was rejected: %s %s", r.Code, r.Message)
			}
			var s extractor.Summary
			if err := json.Unmarshal([]byte(r.Value), &s); err != nil {
				t.Fatal(err)
			}
			if s.RowsTotal != int64(goodCfg.Rows) || r.Value != goodJSON {
				t.Fatalf("the next good file: rows_total %d (want %d), same as native: %v", s.RowsTotal, goodCfg.Rows, r.Value == goodJSON)
			}
		})
	}
	if v := h.CSPViolations(); len(v) != 0 {
		t.Errorf("CSP violations: %q", v)
	}
}

// hardeningLangs are the widget's languages.
var hardeningLangs = []string{"nl", "en", "de"}

// i18nTable loads the text table of lang from the widget's own i18n module
// in the page, so the test compares with the texts the participant should
// see, not with a copy that could drift.
func i18nTable(h *Harness, lang string) map[string]string {
	h.T.Helper()
	var table map[string]string
	h.Eval(fmt.Sprintf(`import('/web/i18n/%s.js').then((m) => m.default)`, lang), &table)
	if len(table) < 50 {
		h.T.Fatalf("%s.js: only %d texts", lang, len(table))
	}
	return table
}

// fileCodes are the error codes a file can provoke; injectedCodes are
// those only a failing engine or browser can, injected by widget_flow.js's
// __failWith; bad_options comes from a study's config.
var (
	fileCodes = []string{"not_zip_or_csv", "empty_file", "corrupt_zip", "unsupported_zip", "no_viewing_activity",
		"viewing_history_only", "other_netflix_file", "bad_header", "unreadable_rows", "empty", "too_large", "nested_zip"}
	injectedCodes = []string{"aborted", "internal", "worker_failed", "wasm_load_failed", "bad_input"}
)

// TestHardeningErrorMessages shows every error code in Dutch, English and
// German through the widget, with the real engine for the codes a file
// can provoke (from the hostile corpus, the bombs included). The alert's
// text must be exactly that language's translation for that code (read
// from the page's own i18n module) and what to do next, the texts of two
// codes must differ, and after all of them a good file still reaches the
// review in the same page.
func TestHardeningErrorMessages(t *testing.T) {
	// One corpus file per file code; a bomb for too_large.
	byCode := map[string]badinput.Case{}
	for _, c := range badinput.Cases() {
		code := string(c.Want)
		if _, done := byCode[code]; code == "" || done {
			continue
		}
		if code == "too_large" && c.Name != "bomb-10gb-zeros" {
			continue
		}
		byCode[code] = c
	}
	for _, code := range fileCodes {
		if _, ok := byCode[code]; !ok {
			t.Fatalf("no corpus case provokes %s", code)
		}
	}

	for _, lang := range hardeningLangs {
		t.Run(lang, func(t *testing.T) {
			h := NewHarness(t, HarnessOptions{Timeout: 10 * time.Minute})
			w := pageWidget(h)
			page := "/browsertest/testdata/widget_flow.html?lang=" + lang
			h.Navigate(page)
			table := i18nTable(h, lang)
			seen := map[string]string{}
			check := func(code string) {
				t.Helper()
				w.waitFor(fmt.Sprintf(`.error[role=alert][data-code=%q]`, code))
				what, next := table["error."+code], table["error."+code+".next"]
				if what == "" || next == "" {
					t.Fatalf("%s.js has no text for %s", lang, code)
				}
				if got := w.text(`.error[role=alert] .what`); got != what {
					t.Errorf("%s: shows %q; %s.js says %q", code, got, lang, what)
				}
				var paras []string
				h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('.error[role=alert] p'), (p) => p.textContent)`, w.root), &paras)
				if len(paras) != 2 || paras[1] != next {
					t.Errorf("%s: the alert says %q; want %q then %q", code, paras, what, next)
				}
				if other, dup := seen[what]; dup {
					t.Errorf("%s and %s show the same text %q", code, other, what)
				}
				seen[what] = code
				// Choosing another file and not sharing follow the message
				// at once, before any longer help.
				var order []string
				h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('.error[role=alert], [data-key=retry], [data-key=skip], details'), (e) => e.dataset.key || e.className)`, w.root), &order)
				if len(order) < 3 || order[0] != "error" || order[1] != "retry" || order[2] != "skip" {
					t.Errorf("%s: the screen shows %q; want the message, then retry and skip", code, order)
				}
			}

			w.start()
			for _, code := range fileCodes {
				c := byCode[code]
				data, err := c.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				w.upload(h.WriteFile(c.FileName, data))
				check(code)
				w.click(`[data-key="retry"]`)
				w.waitFor(`input[type=file]`)
			}
			// The same page still reads a good file after all of them.
			good := synthZip(h, "netflix-report.zip", synth.Config{Rows: 300, Seed: 3, Profiles: []string{"Anna"}})
			w.upload(good)
			w.toReview()

			for _, code := range injectedCodes {
				h.Navigate(page)
				w.start()
				h.Eval(fmt.Sprintf(`window.__failWith(%q)`, code), nil)
				w.upload(good)
				check(code)
			}
			h.Navigate(page + `&config=` + `%7B%22timeZone%22%3A%22Mars%2FOlympus%22%7D`)
			w.start()
			w.upload(good)
			check("bad_options")
			if len(seen) != len(fileCodes)+len(injectedCodes)+1 {
				t.Errorf("%d distinct messages; want one per code", len(seen))
			}
			for what := range seen {
				if strings.Contains(what, "error.") {
					t.Errorf("a message shows a key: %q", what)
				}
			}
		})
	}
}
