package browsertest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/netflix-donation/widget/internal/synth"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// respondent is one participant of TestWidgetDeclineToCollect: what they
// do in the widget and what the survey then holds.
type respondent struct {
	id   string
	act  func(w widget, good, bad string) // drives the widget from a fresh page
	done string                           // text the declined screen must show ("" for none)
	// What the host must have received.
	output   string   // the output field, exactly ("" = untouched); "donation" for a shared one
	statuses []string // the status steps, in order
	last     participationStatus
	// What collect must report.
	collectStatus string
	reasonHas     string
}

// TestWidgetDeclineToCollect follows eight participants through the
// widget in Dutch: one shares, four decline (one for each reason: from the
// intro, and after an error with its code), one declines on the consent
// screen, one leaves on an error, one leaves at once. The output field
// and the status field of each go into a survey export (Qualtrics layout),
// which `netflix-summary collect` reads: it must report each donation,
// decline reason and missing answer, and count the participation funnel.
// Each declined screen must speak to its reason, and every status must
// match docs/participation-status.schema.json.
func TestWidgetDeclineToCollect(t *testing.T) {
	h := NewHarness(t, HarnessOptions{})
	w := pageWidget(h)
	good := h.WriteFile("netflix-report.zip", func() []byte {
		var b bytes.Buffer
		if _, err := synth.WriteZip(&b, synth.Config{Rows: 400, Seed: 13, Profiles: []string{"Anna"}}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}())
	bad := h.WriteFile("scan.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"))

	fromIntro := func(reason string) func(widget, string, string) {
		return func(w widget, _, _ string) { w.declineWith(`[data-key="skip"]`, reason) }
	}
	status := func(step string, attempts int, errs ...string) participationStatus {
		if errs == nil {
			errs = []string{}
		}
		return participationStatus{Schema: "netflix-donation-status/1", Status: step, Attempts: attempts, Errors: errs}
	}
	declined := func(reason string, attempts int, errs ...string) participationStatus {
		s := status("declined", attempts, errs...)
		s.Reason = reason
		if reason == "did_not_work" && len(errs) > 0 {
			s.Error = errs[len(errs)-1]
		}
		return s
	}
	errored := status("error", 1, "not_zip_or_csv")
	errored.Error = "not_zip_or_csv"
	afterReview := func(s participationStatus) participationStatus {
		s.Reviewed = true
		return s
	}

	people := []respondent{
		{
			id: "R_shared",
			act: func(w widget, good, _ string) {
				w.start()
				w.upload(good)
				w.toReview()
				w.share()
			},
			output: "donation", statuses: []string{"reached", "file_chosen", "reviewed", "shared"},
			last: afterReview(status("shared", 1)), collectStatus: "ok",
		},
		{
			id: "R_not_wanted", act: fromIntro("not_wanted"), done: "Dat is helemaal goed.",
			output: `{"declined":true,"reason":"not_wanted"}`, statuses: []string{"reached", "declined"},
			last: declined("not_wanted", 0), collectStatus: "declined", reasonHas: "not_wanted",
		},
		{
			id: "R_no_file", act: fromIntro("no_file"), done: "netflix.com/account/getmyinfo",
			output: `{"declined":true,"reason":"no_file"}`, statuses: []string{"reached", "declined"},
			last: declined("no_file", 0), collectStatus: "declined", reasonHas: "no_file",
		},
		{
			id: "R_not_own_account", act: fromIntro("not_own_account"), done: "Alleen de accounthouder kan het Netflix-bestand aanvragen.",
			output: `{"declined":true,"reason":"not_own_account"}`, statuses: []string{"reached", "declined"},
			last: declined("not_own_account", 0), collectStatus: "declined", reasonHas: "not_own_account",
		},
		{
			id: "R_did_not_work",
			act: func(w widget, _, bad string) {
				w.toError(bad)
				w.declineWith(`.actions [data-key="skip"]`, "") // chosen already, with the code
			},
			done:   "foutcode: not_zip_or_csv",
			output: `{"declined":true,"reason":"did_not_work","error":"not_zip_or_csv"}`, statuses: []string{"reached", "file_chosen", "error", "declined"},
			last: declined("did_not_work", 1, "not_zip_or_csv"), collectStatus: "declined", reasonHas: "did_not_work",
		},
		{
			id: "R_consent",
			act: func(w widget, good, _ string) {
				w.start()
				w.upload(good)
				w.toReview()
				w.click(`[data-key="review-next"]`)
				w.click(`[data-key="decline"]`)
				w.waitFor(`[data-key="decline-confirm"]`)
				var reasons []string
				w.h.Eval(`Array.from(`+w.root+`.querySelectorAll('input[type=radio]'), (r) => r.value)`, &reasons)
				if want := []string{"not_wanted", "not_own_account", "did_not_work"}; !reflect.DeepEqual(reasons, want) {
					w.h.T.Errorf("reasons offered after reading a file %q, want %q (no \"no file\")", reasons, want)
				}
				w.click(`[data-key="reason:not_wanted"]`)
				w.click(`[data-key="decline-confirm"]`)
				w.waitFor(`section[data-reason]`)
			},
			done:   "Dat is helemaal goed.",
			output: `{"declined":true,"reason":"not_wanted"}`, statuses: []string{"reached", "file_chosen", "reviewed", "declined"},
			last: afterReview(declined("not_wanted", 1)), collectStatus: "declined", reasonHas: "not_wanted",
		},
		{
			id:       "R_left_on_error",
			act:      func(w widget, _, bad string) { w.toError(bad) },
			statuses: []string{"reached", "file_chosen", "error"}, last: errored, collectStatus: "error", reasonHas: "not_zip_or_csv",
		},
		{
			id:       "R_left",
			act:      func(w widget, _, _ string) { w.waitFor(`[data-key="start"]`) },
			statuses: []string{"reached"}, last: status("reached", 0), collectStatus: "missing",
		},
	}

	sch := compileStatusSchema(t)
	var export bytes.Buffer
	cw := csv.NewWriter(&export)
	cw.Write([]string{"ResponseId", "Finished", "netflix_donation", "netflix_status"})
	cw.Write([]string{"Response ID", "Finished", "Netflix donation", "Netflix status"})
	cw.Write([]string{`{"ImportId":"_recordId"}`, `{"ImportId":"finished"}`, `{"ImportId":"QID7"}`, `{"ImportId":"QID8"}`})
	for _, p := range people {
		h.Navigate("/browsertest/testdata/widget_flow.html?lang=nl")
		p.act(w, good, bad)
		if p.done != "" {
			var text string
			h.Eval(w.q(`section[data-reason]`)+` && `+w.q(`section[data-reason]`)+`.textContent`, &text)
			if !strings.Contains(text, p.done) {
				t.Errorf("%s: the declined screen says %q, want it to say %q", p.id, text, p.done)
			}
		}
		w.wait(`window.__statuses.length === ` + strconv.Itoa(len(p.statuses)))
		got, field := statuses(h)
		var steps []string
		for _, s := range got {
			steps = append(steps, s.Status)
		}
		if !reflect.DeepEqual(steps, p.statuses) {
			t.Errorf("%s: status steps %q, want %q", p.id, steps, p.statuses)
		}
		var last participationStatus
		if err := json.Unmarshal([]byte(field), &last); err != nil || !reflect.DeepEqual(last, p.last) {
			t.Errorf("%s: status field %s (%v), want %+v", p.id, field, err, p.last)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(field))
		if err == nil {
			err = sch.Validate(inst)
		}
		if err != nil {
			t.Errorf("%s: status %s does not match the schema: %v", p.id, field, err)
		}
		var output string
		h.Eval(`document.querySelector('#out').value`, &output)
		switch {
		case p.output == "donation" && !strings.HasPrefix(output, `{"schema":"netflix-summary/2"`):
			t.Errorf("%s: output %.80q, want a donation", p.id, output)
		case p.output != "donation" && output != p.output:
			t.Errorf("%s: output %q, want %q", p.id, output, p.output)
		}
		cw.Write([]string{p.id, "1", output, field})
	}
	cw.Flush()

	dir := t.TempDir()
	exportPath := filepath.Join(dir, "survey.csv")
	if err := os.WriteFile(exportPath, export.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "netflix-summary")
	build := exec.Command("go", "build", "-o", bin, "./cmd/netflix-summary")
	build.Dir = RepoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/netflix-summary: %v\n%s", err, out)
	}
	outDir := filepath.Join(dir, "tables")
	run := exec.Command(bin, "collect", exportPath, "--column", "netflix_donation", "--status-column", "netflix_status", "--out", outDir)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("collect: %v\n%s", err, out)
	}
	rows := readCSV(t, filepath.Join(outDir, "respondents.csv"))
	byID := map[string]map[string]string{}
	for _, r := range rows {
		byID[r["id"]] = r
	}
	if len(byID) != len(people) {
		t.Errorf("collect reported %d respondents, want %d", len(byID), len(people))
	}
	for _, p := range people {
		r, ok := byID[p.id]
		if !ok {
			t.Errorf("%s: not in respondents.csv", p.id)
			continue
		}
		if r["status"] != p.collectStatus || !strings.Contains(r["reason"], p.reasonHas) {
			t.Errorf("%s: collect says status %q, reason %q; want %q with %q", p.id, r["status"], r["reason"], p.collectStatus, p.reasonHas)
		}
	}

	// The funnel, counted by hand from the eight paths above: all reached
	// the widget; four chose a file (shared, did_not_work, consent,
	// left_on_error); two saw the review (shared, and consent, who declined
	// there); one shared, and the survey holds it.
	funnel := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(outDir, "funnel.csv")) {
		funnel[r["stage"]+" "+r["detail"]] = r["respondents"]
	}
	want := map[string]string{
		"respondents ": "8", "reached ": "8", "file_chosen ": "4", "reviewed ": "2", "shared ": "1", "stored_ok ": "1",
		"outcome ok": "1", "outcome declined:not_wanted": "2", "outcome declined:no_file": "1",
		"outcome declined:not_own_account": "1", "outcome declined:did_not_work": "1",
		"outcome error:not_zip_or_csv": "1", "outcome left:reached": "1",
		"error_met not_zip_or_csv": "2",
	}
	if !reflect.DeepEqual(funnel, want) {
		t.Errorf("funnel.csv:\n got %v\nwant %v", funnel, want)
	}
}

// readCSV reads a table collect wrote into one map per row, by header.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			if i < len(rec) {
				m[name] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out
}
