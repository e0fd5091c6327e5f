package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/netflix-donation/widget/docs"
	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/badinput"
	"github.com/netflix-donation/widget/internal/synth"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// widgetDefaultBlocks are the blocks the element shares without a config:
// every block but the opt-in account block.
var widgetDefaultBlocks = []string{"totals", "by_month", "weekday_hour_seconds", "by_device", "titles", "binge", "profiles"}

// nativeDonation computes, in this process, the donation the widget should
// produce for an export: Extract with the participant's profiles in the
// browser's time zone, then Share with the default blocks, the removed
// titles and the default 20,000-byte budget.
func nativeDonation(t *testing.T, export []byte, tz string, profiles, remove []string) string {
	t.Helper()
	files, err := input.Open(bytes.NewReader(export), int64(len(export)), "netflix-report.zip", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := extractor.DefaultOptions()
	opts.TimeZone = tz
	opts.Profiles = profiles
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := donation.Share(s, donation.ShareOptions{Blocks: widgetDefaultBlocks, RemoveTitles: remove, MaxBytes: 20000})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// sharedDoc is the part of the shared JSON the tests look into.
type sharedDoc struct {
	Titles []struct {
		Name string `json:"name"`
	} `json:"titles"`
	Profiles struct {
		Count    int `json:"count"`
		Selected int `json:"selected"`
	} `json:"profiles"`
	Sharing struct {
		Blocks        []string `json:"blocks"`
		TitlesRemoved int      `json:"titles_removed"`
		MaxBytes      int      `json:"max_bytes"`
	} `json:"sharing"`
	Checksum string `json:"checksum"`
}

// TestWidgetDonateFlow drives the whole flow as a participant, in Dutch
// and English: pick a generated multi-profile ZIP through the real file
// input, choose a profile, remove a title, Share. The JSON in the event,
// in the output field and in the "exact data" disclosure must be the same
// string, equal to the native extractor's donation for the same choices,
// without the removed title and without any profile name; and no request
// at all may leave the page between choosing the file and Share, nor
// after it.
func TestWidgetDonateFlow(t *testing.T) {
	texts := map[string]struct{ intro, profile, review, done string }{
		"nl": {"Deel je Netflix-kijkgeschiedenis met dit onderzoek", "Welk profiel is van jou?", "Dit zou je delen", "Bedankt voor het delen!"},
		"en": {"Share your Netflix viewing history with this study", "Which profile is yours?", "This is what you would share", "Thank you for sharing!"},
	}
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			want := texts[lang]
			const tz = "Europe/Amsterdam"
			h := NewHarness(t, HarnessOptions{TimeZone: tz})
			var export bytes.Buffer
			if _, err := synth.WriteZip(&export, synth.Config{Rows: 3000, Seed: 7, Canary: "Qx7canary"}); err != nil {
				t.Fatal(err)
			}
			path := h.WriteFile("netflix-report.zip", export.Bytes())
			w := pageWidget(h)

			if lang == "nl" { // a small phone
				if err := chromedp.Run(h.Ctx, chromedp.EmulateViewport(360, 740)); err != nil {
					t.Fatal(err)
				}
			}
			h.Navigate("/browsertest/testdata/widget_flow.html?lang=" + lang)
			w.waitFor(".screen-title")
			if got := w.title(); got != want.intro {
				t.Errorf("intro title %q, want %q", got, want.intro)
			}
			w.start()
			h.Eval(`NetflixDonation.ready()`, nil) // the engine's files load before the choice
			before, beforeNet := len(h.Requests()), len(h.NetworkEvents())

			w.upload(path)
			w.wait(w.q(`input[type=checkbox]`))
			if got := w.title(); got != want.profile {
				t.Errorf("profile title %q, want %q", got, want.profile)
			}
			names := w.toReview(0)
			if wantNames := synth.DefaultProfiles(); len(names) != len(wantNames) {
				t.Fatalf("profile screen shows %q, want %d profiles like %q", names, len(wantNames), wantNames)
			}
			if got := w.title(); got != want.review {
				t.Errorf("review title %q, want %q", got, want.review)
			}
			var focused bool
			h.Eval(w.root+`.activeElement && `+w.root+`.activeElement.classList.contains('screen-title')`, &focused)
			if !focused {
				t.Error("focus did not move to the review screen's heading")
			}
			var current string
			h.Eval(w.q(`[aria-current="step"] .label`)+`.textContent`, &current)
			if current == "" {
				t.Error("no step marked aria-current")
			}

			var overflow int
			h.Eval(`document.documentElement.scrollWidth - window.innerWidth`, &overflow)
			if overflow > 0 {
				t.Errorf("the review scrolls sideways by %d px", overflow)
			}

			removed := w.removeFirstTitle()
			shown := w.shownJSON()
			w.share()
			if got := w.title(); got != want.done {
				t.Errorf("done title %q, want %q", got, want.done)
			}

			// The same string everywhere.
			requireOneDonation(t, h, shown)
			if err := donation.VerifyChecksum([]byte(shown)); err != nil {
				t.Errorf("checksum: %v", err)
			}

			// What was shared: the participant's choices, nothing more.
			var d sharedDoc
			if err := json.Unmarshal([]byte(shown), &d); err != nil {
				t.Fatal(err)
			}
			for _, ti := range d.Titles {
				if ti.Name == removed {
					t.Errorf("removed title %q is in the shared JSON", removed)
				}
			}
			if d.Sharing.TitlesRemoved != 1 || d.Profiles.Selected != 1 || d.Profiles.Count != len(names) || d.Sharing.MaxBytes != 20000 {
				t.Errorf("sharing %+v, profiles %+v; want 1 title removed, 1 of %d profiles, max_bytes 20000", d.Sharing, d.Profiles, len(names))
			}
			for _, name := range names {
				if strings.Contains(shown, name) {
					t.Errorf("the shared JSON contains the profile name %q", name)
				}
			}
			if wantJSON := nativeDonation(t, export.Bytes(), tz, names[:1], []string{removed}); shown != wantJSON {
				t.Errorf("the browser's donation differs from the native one:\nbrowser %.300s\nnative  %.300s", shown, wantJSON)
			}

			// Nothing left the page from the choice of the file on.
			if reqs := h.Requests(); len(reqs) != before {
				t.Errorf("requests after choosing the file: %+v", reqs[before:])
			}
			if evs := h.NetworkEvents(); len(evs) != beforeNet {
				t.Errorf("network events after choosing the file: %+v", evs[beforeNet:])
			}
			if v := h.CSPViolations(); len(v) > 0 {
				t.Errorf("CSP violations: %q", v)
			}
		})
	}
}

// TestWidgetDecline: "Continue without sharing" on the intro asks first:
// nothing reaches the host before the participant confirms with a reason,
// confirming without one asks for it, and "Back" returns to the intro
// with nothing told. Confirming gives the decline event and the decline
// payload with its reason in the output field, and nothing else.
func TestWidgetDecline(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
	w.waitFor(`[data-key="skip"]`)
	h.Eval(w.q(`[data-key="skip"]`)+`.focus()`, nil) // as a keyboard user would
	w.click(`[data-key="skip"]`)
	w.wait(w.q(`.screen-title`) + `.textContent === 'Verder zonder te delen?'`)
	var checked int
	h.Eval(w.root+`.querySelectorAll('input[type=radio]:checked').length`, &checked)
	if checked != 0 {
		t.Errorf("%d reasons chosen before the participant chose one", checked)
	}
	w.click(`[data-key="decline-confirm"]`)
	w.wait(w.q(`.field-error:not([hidden])`) + `.textContent === 'Kies een reden, of ga terug.'`)
	w.click(`[data-key="back"]`)
	w.wait(w.q(`[data-key="start"]`))
	var focused string
	h.Eval(w.root+`.activeElement && `+w.root+`.activeElement.getAttribute('data-key')`, &focused)
	if focused != "skip" {
		t.Errorf("back from the decline screen: focus on %q, want the button that led there", focused)
	}
	var output string
	h.Eval(`document.querySelector('#out').value`, &output)
	if evs := events(h); len(evs) != 0 || output != "" {
		t.Errorf("before confirming: events %+v, output %q; want none", evs, output)
	}

	w.declineWith(`[data-key="skip"]`, "not_wanted")
	if got := w.title(); got != "Er is niets gedeeld" {
		t.Errorf("declined title %q", got)
	}
	h.Eval(`document.querySelector('#out').value`, &output)
	if want := `{"declined":true,"reason":"not_wanted"}`; output != want {
		t.Errorf("output %q, want %q", output, want)
	}
	evs := events(h)
	if len(evs) != 1 || evs[0].Type != "netflix-donation:decline" {
		t.Errorf("events %+v, want one netflix-donation:decline", evs)
	}
}

// TestWidgetErrorCodes: every error code shows its own Dutch message in a
// role=alert region and tells the host its code. Codes a file can provoke
// come from the hostile-input corpus through the real engine; the rest
// (a crashed worker, a failed download...) are injected by the test page.
// Retry leads back to the file choice, and a good file works afterwards.
func TestWidgetErrorCodes(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
	w.start()

	messages := map[string]string{}
	check := func(code string) {
		t.Helper()
		w.waitFor(fmt.Sprintf(`.error[role=alert][data-code=%q]`, code))
		msg := strings.TrimSpace(w.text(`.error[role=alert]`))
		if msg == "" || strings.Contains(msg, code) || strings.Contains(msg, "error.") {
			t.Errorf("%s: message %q is not a friendly text", code, msg)
		}
		messages[code] = msg
		evs := events(h)
		var detail struct{ Code string }
		if len(evs) > 0 {
			_ = json.Unmarshal(evs[len(evs)-1].Detail, &detail)
		}
		if len(evs) == 0 || evs[len(evs)-1].Type != "netflix-donation:error" || detail.Code != code {
			t.Errorf("%s: last event %+v, want netflix-donation:error with that code", code, evs[len(evs)-1:])
		}
		w.click(`[data-key="retry"]`)
		w.waitFor(`input[type=file]`)
	}

	seen := map[codes.Code]bool{}
	for _, c := range badinput.Cases() {
		if c.Want == "" || c.Large || seen[c.Want] {
			continue
		}
		seen[c.Want] = true
		b, err := c.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		w.upload(h.WriteFile(c.FileName, b))
		check(string(c.Want))
	}

	// A good file still works after all those failures.
	good := synthZip(h, "netflix-report.zip", synth.Config{Rows: 300, Seed: 3, Profiles: []string{"Anna"}})
	w.upload(good)
	w.toReview()

	// The codes no file can provoke.
	for _, code := range []string{"aborted", "internal", "worker_failed", "wasm_load_failed", "bad_input"} {
		h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
		w.start()
		h.Eval(fmt.Sprintf(`window.__failWith(%q)`, code), nil)
		w.upload(good)
		check(code)
	}
	// bad_options: a study's config the engine refuses (an unknown time zone).
	h.Navigate(`/browsertest/testdata/widget_flow.html?lang=nl&config=` + `%7B%22timeZone%22%3A%22Mars%2FOlympus%22%7D`)
	w.start()
	w.upload(good)
	w.waitFor(`.error[role=alert][data-code="bad_options"]`)
	messages["bad_options"] = strings.TrimSpace(w.text(`.error[role=alert]`))

	all := []string{"not_zip_or_csv", "empty_file", "corrupt_zip", "unsupported_zip", "no_viewing_activity", "viewing_history_only",
		"other_netflix_file", "bad_header", "unreadable_rows", "empty", "too_large", "nested_zip", "bad_options", "aborted",
		"internal", "worker_failed", "wasm_load_failed", "bad_input"}
	byText := map[string]string{}
	for _, code := range all {
		msg, ok := messages[code]
		if !ok {
			t.Errorf("%s was never shown (no corpus case provoked it)", code)
			continue
		}
		if other, dup := byText[msg]; dup {
			t.Errorf("%s and %s show the same message %q", code, other, msg)
		}
		byText[msg] = code
	}
	wantText := map[string]string{
		"not_zip_or_csv":       "Dit is geen bestand van Netflix.",
		"viewing_history_only": "Dit is de korte kijkgeschiedenis van één profiel (NetflixViewingHistory.csv).",
		"corrupt_zip":          "Dit ZIP-bestand is beschadigd",
	}
	for code, prefix := range wantText {
		if !strings.HasPrefix(messages[code], prefix) {
			t.Errorf("%s: message %q, want it to start with %q", code, messages[code], prefix)
		}
	}
}

// TestWidgetHTMLNamesAreText: profile names and titles holding HTML are
// shown as text and never become elements or run. The page has no CSP
// here, so an injection would really run (and its image request would
// show up as a server violation).
func TestWidgetHTMLNamesAreText(t *testing.T) {
	h := NewHarness(t, HarnessOptions{CSP: "-"})
	w := pageWidget(h)
	const evilProfile = `<img src=x onerror="window.__pwned='profile'">`
	const evilTitle = `<img src=x onerror="window.__pwned='title'"><b>Bold</b>`
	csv := "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n"
	for i := 0; i < 3; i++ {
		csv += fmt.Sprintf("\"%s\",2024-03-0%d 19:00:00,01:10:00,,\"%s\",,Samsung TV,01:10:00,01:10:00,NL (Netherlands)\n",
			strings.ReplaceAll(evilProfile, `"`, `""`), i+1, strings.ReplaceAll(evilTitle, `"`, `""`))
	}
	csv += "Bram,2024-03-05 20:00:00,00:50:00,,De Oost,,Apple iPhone,00:50:00,00:50:00,NL (Netherlands)\n"
	path := h.WriteFile("ViewingActivity.csv", []byte(csv))

	h.Navigate("/browsertest/testdata/widget_flow.html?lang=en")
	w.start()
	w.upload(path)
	names := w.toReview(0)
	if !slices.Contains(names, evilProfile) {
		t.Errorf("profile names shown %q, want the literal %q among them", names, evilProfile)
	}
	var titles []string
	h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('.titles .name'), (n) => n.firstChild.textContent)`, w.root), &titles)
	if !slices.Contains(titles, evilTitle) {
		t.Errorf("titles shown %q, want the literal %q among them", titles, evilTitle)
	}
	var imgs, bolds int
	h.Eval(w.root+`.querySelectorAll('img').length`, &imgs)
	h.Eval(w.root+`.querySelectorAll('b').length`, &bolds)
	var pwned any
	h.Eval(`window.__pwned === undefined ? null : window.__pwned`, &pwned)
	if imgs != 0 || bolds != 0 || pwned != nil {
		t.Errorf("HTML from the file became elements: %d <img>, %d <b>, __pwned=%v", imgs, bolds, pwned)
	}
}

// TestWidgetExamples loads each example for survey authors with a stand-in
// for its platform and checks that the platform's storage ends up holding
// exactly the donated JSON.
func TestWidgetExamples(t *testing.T) {
	tests := []struct {
		name   string
		page   string
		root   string // the widget's shadow root
		stored string // JavaScript: the value the platform stored
		ready  string // JavaScript: true once the participant may go on
		csp    string // the page's policy; "" is StrictCSP
	}{
		{
			name:   "qualtrics",
			page:   "/web/examples/qualtrics.html",
			root:   `document.querySelector('netflix-donation').shadowRoot`,
			stored: `window.QualtricsStandIn.embedded.netflix_donation`,
			ready:  `!document.getElementById('NextButton').disabled`,
		},
		{
			name:   "limesurvey",
			page:   "/web/examples/limesurvey.html",
			root:   `document.querySelector('netflix-donation').shadowRoot`,
			stored: `document.getElementById('answer123456X7X42').value`,
			ready:  `!document.getElementById('ls-button-submit').disabled && document.querySelector('.answer-container').hidden`,
		},
		{
			name:   "plain-form",
			page:   "/web/examples/plain-form.html",
			root:   `document.querySelector('netflix-donation').shadowRoot`,
			stored: `new FormData(document.getElementById('study')).get('netflix_donation')`,
			ready:  `!document.getElementById('submit').disabled`,
		},
		{
			name:   "iframe",
			page:   "/web/examples/iframe-host.html",
			root:   `document.getElementById('netflix-frame').contentDocument.querySelector('netflix-donation').shadowRoot`,
			stored: `document.getElementById('netflix_donation').value`,
			ready:  `!document.getElementById('next').disabled && Number(document.getElementById('netflix-frame').height) !== 640`,
			csp:    StrictCSP + "; frame-src 'self'", // the survey page must allow the frame
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewHarness(t, HarnessOptions{CSP: tt.csp})
			path := synthZip(h, "netflix-report.zip", synth.Config{Rows: 500, Seed: 11})
			w := widget{h: h, root: tt.root}
			h.Navigate(tt.page)
			w.wait(tt.root + ` && ` + w.q(".screen-title"))
			// No lang attribute on the element: it follows the page's lang.
			var pageLang string
			h.Eval(`document.documentElement.lang`, &pageLang)
			wantTitle := map[string]string{"nl": "Deel je Netflix-kijkgeschiedenis met dit onderzoek", "en": "Share your Netflix viewing history with this study"}[pageLang]
			if got := w.title(); got != wantTitle {
				t.Errorf("page lang %q: intro title %q, want %q", pageLang, got, wantTitle)
			}
			var blocked bool
			h.Eval(`(() => { try { return !(`+tt.ready+`); } catch (e) { return true; } })()`, &blocked)
			if !blocked && tt.name != "iframe" {
				t.Error("the participant could go on before choosing")
			}
			w.start()
			w.upload(path)
			w.toReview(0)
			shown := w.shownJSON()
			w.share()
			w.wait(tt.ready)
			var stored string
			h.Eval(tt.stored, &stored)
			if stored != shown {
				t.Errorf("stored %.120q, want the shown JSON %.120q", stored, shown)
			}
			if !strings.HasPrefix(stored, `{"schema":"netflix-summary/2"`) {
				t.Errorf("stored %.80q is not a donation", stored)
			}
		})
	}
}

// TestWidgetInputs checks that the folder input is a real file input
// with webkitdirectory, and that the file input does not filter only by
// extension (iOS greys such files out).
func TestWidgetInputs(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=de")
	w.start()
	var info struct {
		Accept, Display, Label, FolderLabel string
		Folder                              bool
	}
	h.Eval(fmt.Sprintf(`(() => {
	  const r = %s;
	  const f = r.querySelector('input[type=file]:not([webkitdirectory])');
	  const d = r.querySelector('input[type=file][webkitdirectory]');
	  return { Accept: f.accept, Display: getComputedStyle(f).display, Label: f.labels[0].textContent,
	           Folder: !!d && d.webkitdirectory, FolderLabel: d ? d.labels[0].textContent : '' };
	})()`, w.root), &info)
	if info.Display == "none" || info.Label != "Datei wählen" || !info.Folder || info.FolderLabel != "Ordner wählen" {
		t.Errorf("inputs %+v: want a labelled, displayed file input and folder input", info)
	}
	if !strings.Contains(info.Accept, "application/zip") || !strings.Contains(info.Accept, "text/csv") {
		t.Errorf("accept %q lists no MIME types", info.Accept)
	}
}

// TestWidgetCancel: Cancel while reading aborts the engine call through
// the AbortSignal, returns to the file choice with a note, and tells the
// host nothing (a participant's cancel is not an error).
func TestWidgetCancel(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
	w.start()
	h.Eval(`window.__hang()`, nil)
	w.upload(synthZip(h, "netflix-report.zip", synth.Config{Rows: 100, Seed: 1}))
	w.waitFor(`progress`)
	var live bool
	h.Eval(w.q(`[role=status][aria-live=polite]`)+` !== null`, &live)
	if !live {
		t.Error("the working screen has no polite live region")
	}
	w.click(`[data-key="cancel"]`)
	w.waitFor(`input[type=file]`)
	var aborted bool
	h.Eval(`window.__aborted`, &aborted)
	if !aborted {
		t.Error("Cancel did not abort the engine call")
	}
	if note := w.text(`.note`); note != "Het lezen is gestopt. Je kunt opnieuw een bestand kiezen." {
		t.Errorf("note %q", note)
	}
	if evs := events(h); len(evs) != 0 {
		t.Errorf("events after Cancel: %+v", evs)
	}
}

// TestWidgetTextOverrides: a study replaces a text through config.texts.
func TestWidgetTextOverrides(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	h.Navigate(`/browsertest/testdata/widget_flow.html?lang=nl&config=` +
		`%7B%22texts%22%3A%7B%22nl%22%3A%7B%22intro.title%22%3A%22Doe%20mee%21%22%7D%7D%7D`)
	w.wait(w.q(`.screen-title`) + `.textContent === 'Doe mee!'`)
	if got := w.text(`[data-key="start"]`); got != "Beginnen" {
		t.Errorf("start button %q: other texts should stay Dutch", got)
	}
}

// participationStatus is the participation status the widget reports
// (docs/participation-status.schema.json).
type participationStatus struct {
	Schema   string   `json:"schema"`
	Status   string   `json:"status"`
	Attempts int      `json:"attempts"`
	Errors   []string `json:"errors"`
	Reason   string   `json:"reason,omitempty"`
	Error    string   `json:"error,omitempty"`
	Reviewed bool     `json:"reviewed,omitempty"`
}

// statuses returns the status events recorded by widget_flow.js and the
// value of the status field.
func statuses(h *Harness) ([]participationStatus, string) {
	h.T.Helper()
	var raw, field string
	h.Eval(`JSON.stringify(window.__statuses)`, &raw)
	h.Eval(`document.querySelector('#status').value`, &field)
	var out []participationStatus
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		h.T.Fatal(err)
	}
	return out, field
}

// TestWidgetStatus follows a participant who first picks a file that is
// not a Netflix file, then the right one, and shares; and one who gives up
// after an error. The status field and events must say each step, with
// the error codes met, and never anything of the viewing data.
func TestWidgetStatus(t *testing.T) {
	notNetflix := []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	good := genCSV(t, synth.Config{Rows: 300, Seed: 21, Profiles: []string{"Anna"}})

	t.Run("error, then shared", func(t *testing.T) {
		h := NewHarness(t, HarnessOptions{})
		w := pageWidget(h)
		h.Navigate("/browsertest/testdata/widget_flow.html?lang=en")
		w.wait(`window.__statuses.length === 1`)
		w.start()
		w.upload(h.WriteFile("scan.pdf", notNetflix))
		w.waitFor(`.error[role=alert]`)
		w.click(`[data-key="retry"]`)
		w.upload(h.WriteFile("ViewingActivity.csv", good))
		w.toReview()
		w.share()
		w.wait(`window.__statuses.length === 6`)

		got, field := statuses(h)
		s := func(step string, attempts int, errs ...string) participationStatus {
			if errs == nil {
				errs = []string{}
			}
			return participationStatus{Schema: "netflix-donation-status/1", Status: step, Attempts: attempts, Errors: errs}
		}
		errStep := s("error", 1, "not_zip_or_csv")
		errStep.Error = "not_zip_or_csv"
		reviewed := s("reviewed", 2, "not_zip_or_csv")
		reviewed.Reviewed = true
		shared := s("shared", 2, "not_zip_or_csv")
		shared.Reviewed = true
		want := []participationStatus{
			s("reached", 0), s("file_chosen", 1), errStep,
			s("file_chosen", 2, "not_zip_or_csv"), reviewed, shared,
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("statuses\n got %+v\nwant %+v", got, want)
		}
		sch := compileStatusSchema(t)
		var raw []json.RawMessage
		h.Eval(`window.__statuses.map((s) => JSON.stringify(s))`, &raw)
		for _, r := range raw {
			var text string
			_ = json.Unmarshal(r, &text)
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
			if err == nil {
				err = sch.Validate(inst)
			}
			if err != nil {
				t.Errorf("status %s does not validate: %v", text, err)
			}
		}
		var last participationStatus
		if err := json.Unmarshal([]byte(field), &last); err != nil || !reflect.DeepEqual(last, want[len(want)-1]) {
			t.Errorf("status field %q (%v), want the last status", field, err)
		}
	})

	t.Run("error, then declined", func(t *testing.T) {
		h := NewHarness(t, HarnessOptions{})
		w := pageWidget(h)
		h.Navigate("/browsertest/testdata/widget_flow.html?lang=de")
		w.start()
		w.upload(h.WriteFile("scan.pdf", notNetflix))
		w.waitFor(`.error[role=alert]`)
		w.declineWith(`.actions [data-key="skip"]`, "") // "it did not work" is chosen already
		w.wait(`window.__statuses.length === 4`)
		got, _ := statuses(h)
		want := participationStatus{Schema: "netflix-donation-status/1", Status: "declined", Attempts: 1,
			Errors: []string{"not_zip_or_csv"}, Reason: "did_not_work", Error: "not_zip_or_csv"}
		if !reflect.DeepEqual(got[3], want) {
			t.Errorf("last status %+v, want %+v", got[3], want)
		}
		var output string
		h.Eval(`document.querySelector('#out').value`, &output)
		if w := `{"declined":true,"reason":"did_not_work","error":"not_zip_or_csv"}`; output != w {
			t.Errorf("output %q, want %q", output, w)
		}
	})
}

// compileStatusSchema compiles docs/participation-status.schema.json.
func compileStatusSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(docs.StatusSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("status.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("status.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestWidgetPhonePath: on a phone (touch emulated, 360 px) the choose
// screen offers no folder button and no drag and drop, which phones cannot
// use, but the steps for iPhone and Android, naming the button the
// participant taps and where ViewingActivity.csv is in an unpacked export;
// the guide gives the direct address, what to do when the link expired
// and what to do on someone else's account. Choosing the file works.
func TestWidgetPhonePath(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	if err := chromedp.Run(h.Ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
	w.start()
	var got struct {
		Folder, Drop, Files int
		Steps               [][]string
		Guide               string
	}
	h.Eval(fmt.Sprintf(`(() => {
	  const r = %s;
	  return {
	    Folder: r.querySelectorAll('input[webkitdirectory]').length,
	    Drop: Array.from(r.querySelectorAll('p')).filter((p) => p.textContent.includes('slepen')).length,
	    Files: r.querySelectorAll('input[type=file]').length,
	    Steps: Array.from(r.querySelectorAll('[data-key="phone-steps"] ol'), (ol) => Array.from(ol.children, (li) => li.textContent)),
	    Guide: r.querySelector('details.guide').textContent,
	  };
	})()`, w.root), &got)
	if got.Folder != 0 || got.Drop != 0 || got.Files != 1 {
		t.Errorf("phone: %d folder inputs, %d drag texts, %d file inputs; want 0, 0, 1", got.Folder, got.Drop, got.Files)
	}
	if len(got.Steps) != 2 || len(got.Steps[0]) != 3 || len(got.Steps[1]) != 3 {
		t.Fatalf("phone steps %q, want 3 for iPhone and 3 for Android", got.Steps)
	}
	for i, steps := range got.Steps {
		all := strings.Join(steps, " ")
		for _, want := range []string{"‘Bestand kiezen’", "Downloads", "CONTENT_INTERACTION", "ViewingActivity.csv"} {
			if !strings.Contains(all, want) {
				t.Errorf("phone steps %d do not say %q: %q", i, want, all)
			}
		}
	}
	for _, want := range []string{"netflix.com/account/getmyinfo", "Werkt de link in de e-mail niet meer?", "account van iemand anders"} {
		if !strings.Contains(got.Guide, want) {
			t.Errorf("the guide does not say %q", want)
		}
	}
	if strings.Contains(got.Guide, "Mac") {
		t.Error("the phone's guide speaks of a Mac")
	}
	w.upload(synthZip(h, "netflix-report.zip", synth.Config{Rows: 200, Seed: 9, Profiles: []string{"Anna"}}))
	w.toReview()

	// The same page with a mouse: the folder button and the drag text are back, the phone steps gone.
	if err := chromedp.Run(h.Ctx, chromedp.EmulateViewport(360, 740)); err != nil {
		t.Fatal(err)
	}
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
	w.start()
	h.Eval(fmt.Sprintf(`(() => { const r = %s; return {
	    Folder: r.querySelectorAll('input[webkitdirectory]').length,
	    Drop: Array.from(r.querySelectorAll('p')).filter((p) => p.textContent.includes('slepen')).length,
	    Files: r.querySelectorAll('input[type=file]').length,
	    Steps: Array.from(r.querySelectorAll('[data-key="phone-steps"] ol'), (ol) => Array.from(ol.children, (li) => li.textContent)),
	    Guide: r.querySelector('details.guide').textContent }; })()`, w.root), &got)
	if got.Folder != 1 || got.Drop != 1 || len(got.Steps) != 0 || !strings.Contains(got.Guide, "Mac") {
		t.Errorf("with a mouse: %d folder inputs, %d drag texts, phone steps %q; want 1, 1, none and the Mac note", got.Folder, got.Drop, got.Steps)
	}
}

// TestWidgetProgressAnnouncements reads a 20,000-row export and records
// what the working screen's live regions say: each stage at most once, in
// order, never a percentage and never "done" before the summary is
// prepared; the percentage shown on screen changes more often than that.
func TestWidgetProgressAnnouncements(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=en")
	w.start()
	h.Eval(fmt.Sprintf(`(() => {
	  window.__said = [];
	  window.__shown = [];
	  new MutationObserver((records) => {
	    for (const m of records) {
	      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
	      const live = el && el.closest('[aria-live]');
	      if (live && live.textContent) window.__said.push(live.textContent);
	      const shown = el && el.closest('.status');
	      if (shown && shown.textContent) window.__shown.push(shown.textContent);
	    }
	  }).observe(%s, { subtree: true, childList: true, characterData: true });
	})()`, w.root), nil)
	w.upload(synthZip(h, "netflix-report.zip", synth.Config{Rows: 20000, Seed: 2, Profiles: []string{"Anna"}}))
	w.toReview()
	var said, shown []string
	h.Eval(`window.__said`, &said)
	h.Eval(`window.__shown`, &shown)
	stages := []string{"Getting ready…", "Looking for profiles…", "Reading your viewing history…", "Adding it all up…", "Preparing the summary…"}
	next := 0
	for _, s := range said {
		i := slices.Index(stages, s)
		if i < next {
			t.Errorf("announced %q out of order or twice (all: %q)", s, said)
			continue
		}
		next = i + 1
	}
	if len(said) == 0 || said[len(said)-1] != "Preparing the summary…" {
		t.Errorf("announcements %q, want the stages ending with preparing the summary", said)
	}
	if len(shown) <= len(said) {
		t.Errorf("the shown progress changed %d times (%q), announcements %d: the test did not see progress", len(shown), shown, len(said))
	}
}

// TestWidgetBackToProfile: from the review the participant goes back to
// the profile choice, which keeps the choice made and lists the profiles
// without reading the file for them again; adding a second profile gives
// the donation for both.
func TestWidgetBackToProfile(t *testing.T) {
	const tz = "Europe/Amsterdam"
	h := NewHarness(t, HarnessOptions{TimeZone: tz})
	w := pageWidget(h)
	var export bytes.Buffer
	if _, err := synth.WriteZip(&export, synth.Config{Rows: 1200, Seed: 17}); err != nil {
		t.Fatal(err)
	}
	bytesRead := func() int64 {
		var n int64
		h.Eval(`NetflixDonation.stats().then((s) => s.bytesRead)`, &n)
		return n
	}
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=de")
	w.start()
	h.Eval(`window.__countCalls()`, nil)
	before := bytesRead()
	w.upload(h.WriteFile("netflix-report.zip", export.Bytes()))
	names := w.toReview(0)
	read := bytesRead() - before
	w.click(`[data-key="back-profile"]`)
	w.waitFor(`input[type=checkbox]`)
	var checked []bool
	h.Eval(fmt.Sprintf(`Array.from(%s.querySelectorAll('input[type=checkbox]'), (b) => b.checked)`, w.root), &checked)
	if len(checked) != len(names) || !checked[0] || slices.Contains(checked[1:], true) {
		t.Errorf("back on the profile screen: checked %v, want only the first of %d", checked, len(names))
	}
	w.click(`[data-key="profile-1"]`)
	w.click(`[data-key="profile-next"]`)
	w.waitFor(`pre.json:not([aria-busy])`)
	shown := w.shownJSON()
	var calls struct{ Open, Summary int }
	h.Eval(`window.__calls`, &calls)
	if calls.Open != 1 || calls.Summary != 2 {
		t.Errorf("engine calls %+v, want the file opened once and two summaries", calls)
	}
	// The file's bytes are read while it is opened, from the choice of the
	// file to the profile screen, and never again: not for the review, not
	// after going back to change the profiles.
	if again := bytesRead() - before - read; read <= 0 || again != 0 {
		t.Errorf("read %d bytes of the %d-byte file up to the first review, then %d more; want some, then none", read, export.Len(), again)
	}
	if want := nativeDonation(t, export.Bytes(), tz, names[:2], nil); shown != want {
		t.Errorf("donation for two profiles differs from the native one:\nbrowser %.300s\nnative  %.300s", shown, want)
	}
}

// TestWidgetConsentNamesEverything: the consent screen names every member
// of the JSON that would be shared (each item says which in data-fields,
// the account items which account blocks), with the time zone and the
// number of titles it holds. A block the study made optional can be left
// out, and one tap shares no titles; both change the JSON and the list.
func TestWidgetConsentNamesEverything(t *testing.T) {
	h := NewHarness(t, HarnessOptions{TimeZone: "Europe/Berlin"})
	w := pageWidget(h)
	config := url.QueryEscape(`{"account":["profiles","searches","ratings","my_list","tenure"],"optional":["by_device","account"]}`)
	h.Navigate("/browsertest/testdata/widget_flow.html?lang=de&config=" + config)
	w.start()
	w.upload(synthZip(h, "netflix-report.zip", synth.Config{Rows: 800, Seed: 23}))
	w.toReview(1)

	type listed struct {
		Fields, Account []string
		Text            string
	}
	consent := func() (map[string]any, listed) {
		t.Helper()
		shown := w.shownJSON()
		w.click(`[data-key="review-next"]`)
		w.waitFor(`[data-key="share"]`)
		var l listed
		h.Eval(fmt.Sprintf(`(() => { const r = %s; return {
		  Fields: Array.from(r.querySelectorAll('[data-fields]'), (li) => li.getAttribute('data-fields').split(' ')).flat(),
		  Account: Array.from(r.querySelectorAll('[data-account]'), (li) => li.getAttribute('data-account')),
		  Text: r.querySelector('.fields').textContent }; })()`, w.root), &l)
		var d map[string]any
		if err := json.Unmarshal([]byte(shown), &d); err != nil {
			t.Fatal(err)
		}
		return d, l
	}
	same := func(what string, got []string, want []string) {
		t.Helper()
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the consent list names %q, the JSON holds %q", what, got, want)
		}
	}
	keys := func(m any) []string {
		var out []string
		for k := range m.(map[string]any) {
			out = append(out, k)
		}
		return out
	}

	d, l := consent()
	same("everything", l.Fields, keys(d))
	same("account", l.Account, keys(d["account"]))
	nTitles := len(d["titles"].([]any))
	for _, want := range []string{"Europe/Berlin", fmt.Sprintf("%d Titel.", nTitles), "Wie viele Profile das Konto hat (4) und wie viele Sie gewählt haben (1)."} {
		if !strings.Contains(l.Text, want) {
			t.Errorf("the consent list does not say %q", want)
		}
	}
	if nTitles == 0 {
		t.Fatal("no titles to test with")
	}

	// Leave out the devices and share no titles.
	w.click(`[data-key="back"]`)
	w.click(`[data-key="block:by_device"]`)
	w.wait(w.q(`pre.json:not([aria-busy])`) + ` && !` + w.q(`pre.json`) + `.textContent.includes('"by_device"')`)
	w.click(`[data-key="titles-none"]`)
	w.wait(w.q(`[data-key="titles-all"]`) + ` && ` + w.q(`pre.json:not([aria-busy])`))
	d, l = consent()
	same("with choices", l.Fields, keys(d))
	if _, ok := d["by_device"]; ok {
		t.Error("by_device is shared after the participant left it out")
	}
	sharing := d["sharing"].(map[string]any)
	if titles := d["titles"].([]any); len(titles) != 0 || int(sharing["titles_removed"].(float64)) < nTitles {
		t.Errorf("no titles: %d titles shared, titles_removed %v; want none and at least %d", len(titles), sharing["titles_removed"], nTitles)
	}
	if !strings.Contains(l.Text, "Keine Titel: Die Liste der Titel ist leer.") {
		t.Errorf("the consent list does not say that no titles are shared: %q", l.Text)
	}
	shown := func() string { w.click(`[data-key="back"]`); return w.shownJSON() }()
	w.share()
	requireOneDonation(t, h, shown)
}
