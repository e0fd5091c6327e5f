// Package surveygen writes deterministic synthetic survey response
// exports (Qualtrics and LimeSurvey CSV) holding Netflix donations, for
// the tests and the benchmark of `netflix-summary collect`.
//
// Every donation is real: the generator extracts synthetic Netflix
// exports (package synth) with the extractor and shares them as the
// widget does, so every checksum is valid. Besides good donations it
// writes, when asked, every kind of respondent a study meets: declines
// with each reason, errors reported by the widget's participation status
// or by the old example's error field, dropouts at each step, donations
// cut off by the platform or altered afterwards, donations that break the
// format's invariants although their checksum is valid, and duplicates.
//
// Write returns a Truth: what the generator decided for each respondent,
// an answer key that tests compare collect's tables with.
package surveygen

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/synth"
)

// Platform names the survey platform whose export format is written.
type Platform string

// The platforms.
const (
	// Qualtrics writes three header rows (names, question texts,
	// ImportId objects), a UTF-8 BOM and CRLF line ends, and embedded
	// data fields as qualtrics.js sets them: netflix_donation (or
	// netflix_donation_part_1..N when the donation is longer than
	// Config.PartChars), netflix_donation_status and the old example's
	// netflix_donation_error.
	Qualtrics Platform = "qualtrics"
	// LimeSurvey writes one header row of question codes, a UTF-8 BOM,
	// semicolons, and the long text questions netflix and netflixstatus
	// (question codes cannot hold underscores).
	LimeSurvey Platform = "limesurvey"
)

// Config describes one export. The same Config always gives the same
// bytes.
type Config struct {
	Responses int   // data rows
	Seed      int64 // same Config -> same bytes
	Platform  Platform
	// Cases writes every kind of respondent (the first rows hold one of
	// each, the rest are drawn with realistic weights); without it every
	// respondent shares a good donation.
	Cases bool
	// PartChars is the embedded data limit of qualtrics.js: a longer
	// donation is split over NAME_part_N fields. 0 means 8,000, so that
	// most donations are split, as in a study that raised maxBytes.
	PartChars int
	// Pool is the number of distinct synthetic Netflix exports the
	// donations are drawn from; each respondent then removes up to three
	// of its 40 most watched titles, a different set for every row, so
	// that no two respondents share the same donation by chance. 0 means
	// 24, enough for 256,000 respondents.
	Pool int
	// KeepDonations keeps the stored text of every shared donation in the
	// Truth (for tests; it costs memory).
	KeepDonations bool
}

// Kind is what a respondent did, as the generator decided it.
type Kind string

// The kinds of respondents.
const (
	KindOK                Kind = "ok"                 // shared a good donation
	KindDeclined          Kind = "declined"           // declined with a reason (Respondent.Reason)
	KindDeclinedLegacy    Kind = "declined_legacy"    // {"declined":true} of a widget before reasons, no status field
	KindError             Kind = "error"              // left at the widget's error screen (the status says error)
	KindLegacyError       Kind = "legacy_error"       // the old Qualtrics example: only the error field, no status
	KindLeft              Kind = "left"               // left at the step Respondent.Step without donating
	KindNotReached        Kind = "not_reached"        // never reached the widget: no status, no donation
	KindSharedNotStored   Kind = "shared_not_stored"  // the status says shared but the platform lost the donation
	KindTruncated         Kind = "truncated"          // the platform lost the donation's last part
	KindAltered           Kind = "altered"            // a figure changed after sharing: checksum mismatch
	KindNotJSON           Kind = "not_json"           // the field holds something else
	KindBroken            Kind = "broken"             // a valid checksum over a donation that breaks an invariant (Respondent.Warning)
	KindDuplicateID       Kind = "duplicate_id"       // a second response under an earlier respondent's id
	KindDuplicateDonation Kind = "duplicate_donation" // an earlier respondent's donation again, under a new id
)

// The broken-invariant variants, by the warning code collect must give.
var brokenWarnings = []string{"rows_total", "titles_total", "months_total", "block_missing", "time_zone", "bad_date"}

// Respondent is the answer key of one data row.
type Respondent struct {
	Row  int    // 1-based data row
	ID   string // the respondent id written
	Kind Kind
	// Status is the donation status collect must report: ok, declined,
	// error, missing, truncated or invalid.
	Status string
	// Participation is the last step collect must report: not_reached,
	// reached, file_chosen, error, reviewed, declined or shared.
	Participation string
	Reason        string   // decline reason ("" for none)
	Error         string   // the error code of an error or of a did_not_work decline
	Reviewed      bool     // the status says the summary was shown for review
	ErrorsMet     []string // every error code the status lists
	Warnings      []string // warning codes collect must give, sorted
	Duplicate     []string // "id" and/or "donation" when the row is part of a duplicate group
	Checksum      string   // the checksum of a shared donation ("" otherwise)
	Donation      string   // with Config.KeepDonations: the shared donation's text before the platform stored it
	Keep          map[string]string
}

// Truth is the answer key of an export.
type Truth struct {
	Respondents []Respondent
	// Columns names the export's columns collect reads.
	DonationColumn, StatusColumn, ErrorColumn, IDColumn string
	KeepColumns                                         []string
}

// declineReasons are the reasons the widget offers.
var declineReasons = []string{"not_wanted", "no_file", "not_own_account", "did_not_work"}

// errorCodes are codes the widget reports for files that do not work.
var errorCodes = []string{"not_zip_or_csv", "viewing_history_only", "corrupt_zip", "no_viewing_activity", "empty_file", "unreadable_rows"}

// weights of the kinds after the first row of each, in thousandths.
var weights = []struct {
	kind Kind
	w    int
}{
	{KindOK, 745}, {KindDeclined, 80}, {KindDeclinedLegacy, 5}, {KindError, 40}, {KindLegacyError, 10},
	{KindLeft, 60}, {KindNotReached, 30}, {KindSharedNotStored, 2}, {KindTruncated, 5}, {KindAltered, 3},
	{KindNotJSON, 2}, {KindBroken, 6}, {KindDuplicateID, 6}, {KindDuplicateDonation, 6},
}

// plan is one row decided before any donation is made.
type plan struct {
	kind    Kind
	variant int // reason, step or broken variant
	code    int // error code
	ref     int // the earlier row a duplicate repeats
	// afterReview: a not_wanted decline on the consent screen, after the
	// participant saw their summary, rather than at the start.
	afterReview bool
}

// Write writes the export to w and returns its answer key.
func Write(w io.Writer, cfg Config) (*Truth, error) {
	if cfg.Responses < 0 {
		return nil, errors.New("surveygen: negative Responses")
	}
	if cfg.Platform == "" {
		cfg.Platform = Qualtrics
	}
	if cfg.Platform != Qualtrics && cfg.Platform != LimeSurvey {
		return nil, fmt.Errorf("surveygen: unknown platform %q", cfg.Platform)
	}
	if cfg.PartChars == 0 {
		cfg.PartChars = 8000
	}
	if cfg.Pool == 0 {
		cfg.Pool = 24
	}
	if cfg.Responses > maxResponses(cfg.Pool) {
		return nil, fmt.Errorf("surveygen: at most %d responses with a pool of %d", maxResponses(cfg.Pool), cfg.Pool)
	}
	pool, err := makePool(cfg)
	if err != nil {
		return nil, err
	}
	plans := makePlans(cfg)
	g := &gen{cfg: cfg, pool: pool, plans: plans}
	lay := g.layout()
	truth := &Truth{DonationColumn: lay.donation, StatusColumn: lay.status, ErrorColumn: lay.errorCol, IDColumn: lay.id, KeepColumns: lay.keep}

	bw := bufio.NewWriterSize(w, 1<<20)
	cw := csv.NewWriter(bw)
	if cfg.Platform == Qualtrics {
		cw.UseCRLF = true
	} else {
		cw.Comma = ';'
	}
	bw.WriteString("\uFEFF")
	for _, h := range lay.headerRows {
		cw.Write(h)
	}

	// Rows are made by several workers and written in order.
	type made struct {
		rec []string
		r   Respondent
	}
	const batch = 256
	workers := max(1, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(plans); lo += batch * workers {
		hi := min(len(plans), lo+batch*workers)
		out := make([]made, hi-lo)
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for k := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := lo + k; i < hi; i += workers {
					rec, r, err := g.row(i, lay)
					if err != nil {
						errs[k] = err
						return
					}
					out[i-lo] = made{rec, r}
				}
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		for _, m := range out {
			cw.Write(m.rec)
			truth.Respondents = append(truth.Respondents, m.r)
		}
		if err := cw.Error(); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	markDuplicates(truth.Respondents, plans)
	return truth, nil
}

// markDuplicates adds "id" and "donation" to both ends of each duplicate.
func markDuplicates(rs []Respondent, plans []plan) {
	add := func(r *Respondent, what string) {
		for _, d := range r.Duplicate {
			if d == what {
				return
			}
		}
		r.Duplicate = append(r.Duplicate, what)
	}
	for i, p := range plans {
		switch p.kind {
		case KindDuplicateID:
			add(&rs[i], "id")
			add(&rs[p.ref], "id")
		case KindDuplicateDonation:
			add(&rs[i], "donation")
			add(&rs[p.ref], "donation")
		}
	}
	for i := range rs {
		// "id" before "donation", as collect lists them.
		if len(rs[i].Duplicate) == 2 {
			rs[i].Duplicate = []string{"id", "donation"}
		}
	}
}

// poolMember is one extracted synthetic export.
type poolMember struct {
	summary *extractor.Summary
	// names are the first uniqueTitles distinct title names (a series
	// and a movie may share a name, and a removal takes both).
	names []string
}

// distinctNames returns the first n distinct title names of s, or fewer.
func distinctNames(s *extractor.Summary, n int) []string {
	var out []string
	for _, t := range s.Titles {
		if len(out) < n && !slices.Contains(out, t.Name) {
			out = append(out, t.Name)
		}
	}
	return out
}

// makePool extracts cfg.Pool synthetic exports with varied sizes, time
// ranges, time zones, profiles and options.
func makePool(cfg Config) ([]poolMember, error) {
	zones := []string{"Europe/Amsterdam", "Europe/Berlin", "UTC", "America/New_York", "Europe/London"}
	out := make([]poolMember, cfg.Pool)
	errs := make([]error, cfg.Pool)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for i := range out {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			rng := rand.New(rand.NewPCG(uint64(cfg.Seed), uint64(i)+1<<32))
			// The export was requested between mid 2024 and early 2025;
			// the history reaches back one to eight years.
			end := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(270*24)) * time.Hour)
			start := end.AddDate(-1-rng.IntN(8), -rng.IntN(12), -rng.IntN(28))
			opts := extractor.DefaultOptions()
			opts.TimeZone = zones[rng.IntN(len(zones))]
			// The grown-ups' profiles: the kids profile watches too few
			// titles for the removals.
			opts.Profiles = []string{[]string{"Anna", "Bram", "Oma & Opa"}[rng.IntN(3)]}
			opts.Top = 70
			if i%4 == 0 {
				opts.Account = extractor.AccountBlocks()
			}
			// A profile with too few titles for the removals gets a
			// longer history.
			for rows := 3000 + rng.IntN(5000); ; rows *= 2 {
				if rows > 100000 {
					errs[i] = fmt.Errorf("surveygen: pool export %d has fewer than %d titles", i, uniqueTitles)
					return
				}
				s, err := extractPool(synth.Config{Rows: rows, Seed: cfg.Seed*1000 + int64(i), From: start, To: end}, opts)
				if err != nil {
					errs[i] = err
					return
				}
				if names := distinctNames(s, uniqueTitles); len(names) == uniqueTitles {
					out[i] = poolMember{summary: s, names: names}
					return
				}
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// extractPool generates one export and extracts it.
func extractPool(sc synth.Config, opts extractor.Options) (*extractor.Summary, error) {
	var buf bytes.Buffer
	if _, err := synth.WriteZip(&buf, sc); err != nil {
		return nil, err
	}
	files, err := input.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "netflix-report.zip", input.Options{})
	if err != nil {
		return nil, err
	}
	return extractor.Extract(context.Background(), files, opts)
}

// makePlans decides every row's kind in order (duplicates refer back).
func makePlans(cfg Config) []plan {
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 7))
	plans := make([]plan, cfg.Responses)
	var oks []int // rows with a good donation, for duplicates
	var first []plan
	if cfg.Cases {
		// One of each kind and variant first, after two good rows that
		// the duplicates can repeat.
		first = append(first, plan{kind: KindOK}, plan{kind: KindOK})
		for v := range declineReasons {
			first = append(first, plan{kind: KindDeclined, variant: v})
		}
		first = append(first, plan{kind: KindDeclined, variant: slices.Index(declineReasons, "not_wanted"), afterReview: true})
		first = append(first, plan{kind: KindDeclinedLegacy}, plan{kind: KindError}, plan{kind: KindLegacyError})
		for v := range 3 {
			first = append(first, plan{kind: KindLeft, variant: v})
		}
		first = append(first, plan{kind: KindNotReached}, plan{kind: KindSharedNotStored}, plan{kind: KindTruncated},
			plan{kind: KindAltered}, plan{kind: KindNotJSON})
		for v := range brokenWarnings {
			first = append(first, plan{kind: KindBroken, variant: v})
		}
		first = append(first, plan{kind: KindDuplicateID}, plan{kind: KindDuplicateDonation})
	}
	for i := range plans {
		p := plan{kind: KindOK}
		if i < len(first) {
			p = first[i]
		} else if cfg.Cases {
			n := rng.IntN(1000)
			for _, w := range weights {
				if n < w.w {
					p.kind = w.kind
					break
				}
				n -= w.w
			}
			switch p.kind {
			case KindDeclined:
				p.variant = rng.IntN(len(declineReasons))
				p.afterReview = declineReasons[p.variant] == "not_wanted" && rng.IntN(2) == 0
			case KindLeft:
				p.variant = rng.IntN(3)
			case KindBroken:
				p.variant = rng.IntN(len(brokenWarnings))
			}
		}
		if p.kind == KindError || p.kind == KindLegacyError || (p.kind == KindDeclined && declineReasons[p.variant] == "did_not_work") {
			p.code = rng.IntN(len(errorCodes))
		}
		if (p.kind == KindDuplicateID || p.kind == KindDuplicateDonation) && len(oks) == 0 {
			p.kind = KindOK
		}
		if p.kind == KindDuplicateID || p.kind == KindDuplicateDonation {
			p.ref = oks[rng.IntN(len(oks))]
		}
		if cfg.Platform != Qualtrics && p.kind == KindLegacyError {
			p.kind = KindError // LimeSurvey's example never had an error field
		}
		if p.kind == KindOK {
			oks = append(oks, i)
		}
		plans[i] = p
	}
	return plans
}

// gen makes rows.
type gen struct {
	cfg   Config
	pool  []poolMember
	plans []plan
}

// layout is the export's columns.
type layout struct {
	headerRows                                                  [][]string
	width                                                       int
	id, donation, status, errorCol                              string
	keep                                                        []string
	idCol, donationCol, statusCol, errorColIdx, partsCol, parts int
	keepCols                                                    []int
}

func (g *gen) layout() layout {
	var l layout
	if g.cfg.Platform == LimeSurvey {
		names := []string{"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "panelid", "wave", "age", "netflix", "netflixstatus", "Q3"}
		l.headerRows = [][]string{names}
		l.width = len(names)
		l.id, l.donation, l.status, l.keep = "id", "netflix", "netflixstatus", []string{"panelid", "wave", "age"}
		l.idCol, l.donationCol, l.statusCol, l.errorColIdx, l.partsCol = 0, 10, 11, -1, -1
		l.keepCols = []int{7, 8, 9}
		return l
	}
	l.parts = (20000 + g.cfg.PartChars - 1) / g.cfg.PartChars
	names := []string{"StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
		"ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude",
		"LocationLongitude", "DistributionChannel", "UserLanguage", "Q1", "Q2", "Q3", "panel_id", "wave", "netflix_donation"}
	texts := []string{"Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished", "Recorded Date",
		"Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email", "External Data Reference", "Location Latitude",
		"Location Longitude", "Distribution Channel", "User Language", "Hoe oud ben je?", "Hoe vaak kijk je \"binge\"?", "Waarom wel of niet?",
		"panel_id", "wave", "netflix_donation"}
	l.idCol, l.donationCol, l.partsCol = 8, 22, 23
	for p := 1; p <= l.parts; p++ {
		n := "netflix_donation_part_" + strconv.Itoa(p)
		names, texts = append(names, n), append(texts, n)
	}
	l.statusCol, l.errorColIdx = len(names), len(names)+1
	names = append(names, "netflix_donation_status", "netflix_donation_error")
	texts = append(texts, "netflix_donation_status", "netflix_donation_error")
	imports := make([]string, len(names))
	for i, n := range names {
		imports[i] = `{"ImportId":"` + n + `"}`
	}
	imports[0] = `{"ImportId":"startDate","timeZone":"Europe/Amsterdam"}`
	l.headerRows = [][]string{names, texts, imports}
	l.width = len(names)
	l.id, l.donation, l.status, l.errorCol, l.keep = "ResponseId", "netflix_donation", "netflix_donation_status", "netflix_donation_error", []string{"panel_id", "wave", "Q1"}
	l.keepCols = []int{20, 21, 17}
	return l
}

// rowRand is the random source of row i.
func (g *gen) rowRand(i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.cfg.Seed)^0x9e3779b97f4a7c15, uint64(i)))
}

// idFor is the id of row i as first written.
func (g *gen) idFor(i int) string {
	rng := g.rowRand(i)
	if g.cfg.Platform == LimeSurvey {
		return strconv.Itoa(i + 1)
	}
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := []byte("R_")
	for range 15 {
		b = append(b, alnum[rng.IntN(len(alnum))])
	}
	return string(b)
}

// donationFor is the good donation row i shares (a pure function of i).
func (g *gen) donationFor(i int) (string, error) {
	s := g.pool[i%len(g.pool)].summary
	out, err := donation.Share(s, donation.ShareOptions{Blocks: blocksOf(s), RemoveTitles: g.removed(i), MaxBytes: 20000})
	return string(out), err
}

// uniqueTitles is how many of a summary's first titles the rows' removals
// choose from.
const uniqueTitles = 40

// removed returns the titles row i removes: the (i / pool size)-th set of
// at most three of the first uniqueTitles title names, so that no two
// rows of one pool export remove the same set.
func (g *gen) removed(i int) []string {
	idx := i / len(g.pool)
	const n = uniqueTitles
	var pick []int
	switch {
	case idx == 0:
	case idx <= n:
		pick = []int{idx - 1}
	case idx <= n+n*(n-1)/2:
		k := idx - n - 1
		for a := 0; a < n; a++ {
			if k < n-1-a {
				pick = []int{a, a + 1 + k}
				break
			}
			k -= n - 1 - a
		}
	default:
		k := idx - n - n*(n-1)/2 - 1
	outer:
		for a := 0; a < n; a++ {
			for b := a + 1; b < n; b++ {
				if k < n-1-b {
					pick = []int{a, b, b + 1 + k}
					break outer
				}
				k -= n - 1 - b
			}
		}
	}
	var out []string
	for _, t := range pick {
		out = append(out, g.pool[i%len(g.pool)].names[t])
	}
	return out
}

// maxResponses is how many rows the pool gives distinct donations.
func maxResponses(pool int) int {
	const n = uniqueTitles
	return pool * (1 + n + n*(n-1)/2 + n*(n-1)*(n-2)/6)
}

// blocksOf is what the widget shares by default for a summary.
func blocksOf(s *extractor.Summary) []string {
	b := []string{"totals", "by_month", "weekday_hour_seconds", "by_device", "titles", "binge", "profiles"}
	if s.Account != nil {
		b = append(b, "account")
	}
	return b
}

// broken shares row i's summary with one invariant broken (a valid
// checksum all the same).
func (g *gen) broken(i, variant int) (string, error) {
	s := *g.pool[i%len(g.pool)].summary
	switch brokenWarnings[variant] {
	case "rows_total":
		s.RowsTotal += 7
	case "titles_total":
		s.Totals.Series++ // totals.titles still matches the title list
	case "months_total":
		s.ByMonth = append([]extractor.MonthStat(nil), s.ByMonth...)
		s.ByMonth[len(s.ByMonth)-1].Seconds += 600
	case "time_zone":
		s.Options.TimeZone = "Europe/Amsterdm"
	case "bad_date":
		s.Options.To = "2099-02-30"
	}
	out, err := donation.Share(&s, donation.ShareOptions{Blocks: blocksOf(&s), RemoveTitles: g.removed(i), MaxBytes: 20000})
	if err != nil || brokenWarnings[variant] != "block_missing" {
		return string(out), err
	}
	// A listed block that is not there: drop binge and checksum again.
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return "", err
	}
	delete(m, "binge")
	return withChecksum(m)
}

// withChecksum encodes m with a fresh checksum.
func withChecksum(m map[string]any) (string, error) {
	delete(m, "checksum")
	raw, err := marshal(m)
	if err != nil {
		return "", err
	}
	sum, err := donation.Checksum(raw)
	if err != nil {
		return "", err
	}
	m["checksum"] = sum
	raw, err = marshal(m)
	return string(raw), err
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// statusJSON is a participation status as the widget reports it.
func statusJSON(step string, attempts int, errs []string, reason, code string, reviewed bool) string {
	st := map[string]any{"schema": "netflix-donation-status/1", "status": step, "attempts": attempts, "errors": errs}
	if reviewed {
		st["reviewed"] = true
	}
	if reason != "" {
		st["reason"] = reason
	}
	if code != "" {
		st["error"] = code
	}
	b, _ := json.Marshal(st)
	return string(b)
}

// row makes data row i.
func (g *gen) row(i int, l layout) ([]string, Respondent, error) {
	p := g.plans[i]
	rng := g.rowRand(i)
	rng.IntN(2)
	rec := make([]string, l.width)
	r := Respondent{Row: i + 1, ID: g.idFor(i), Kind: p.kind, Keep: map[string]string{}}
	if p.kind == KindDuplicateID {
		r.ID = g.idFor(p.ref)
	}
	g.filler(rec, l, i, rng)
	for k, c := range l.keepCols {
		r.Keep[l.keep[k]] = rec[c]
	}
	rec[l.idCol] = r.ID

	var stored, status, legacy string
	var err error
	share := func() {
		r.Status, r.Participation, r.Reviewed = "ok", "shared", true
		var errs []string
		if rng.IntN(10) == 0 { // a wrong file first
			errs = []string{errorCodes[rng.IntN(len(errorCodes))]}
		}
		r.ErrorsMet = errs
		status = statusJSON("shared", 1+len(errs), orEmpty(errs), "", "", true)
	}
	switch p.kind {
	case KindOK, KindDuplicateID:
		share()
		stored, err = g.donationFor(i)
	case KindDuplicateDonation:
		share()
		stored, err = g.donationFor(p.ref)
	case KindBroken:
		share()
		stored, err = g.broken(i, p.variant)
		r.Warnings = []string{brokenWarnings[p.variant]}
	case KindDeclined:
		reason := declineReasons[p.variant]
		r.Status, r.Participation, r.Reason = "declined", "declined", reason
		attempts := 0
		if reason == "did_not_work" {
			r.Error = errorCodes[p.code]
			r.ErrorsMet = []string{r.Error}
			attempts = 1
			stored = `{"declined":true,"reason":"did_not_work","error":"` + r.Error + `"}`
		} else {
			stored = `{"declined":true,"reason":"` + reason + `"}`
		}
		if p.afterReview {
			attempts, r.Reviewed = 1, true
		}
		status = statusJSON("declined", attempts, orEmpty(r.ErrorsMet), reason, r.Error, r.Reviewed)
	case KindDeclinedLegacy:
		r.Status, r.Participation = "declined", "declined"
		stored = `{"declined":true}`
	case KindError:
		r.Status, r.Participation = "error", "error"
		r.Error = errorCodes[p.code]
		r.ErrorsMet = []string{r.Error}
		status = statusJSON("error", 1, r.ErrorsMet, "", r.Error, false)
	case KindLegacyError:
		r.Status, r.Participation = "error", "error"
		r.Error = errorCodes[p.code]
		legacy = r.Error
	case KindLeft:
		step := []string{"reached", "file_chosen", "reviewed"}[p.variant]
		r.Status, r.Participation, r.Reviewed = "missing", step, step == "reviewed"
		status = statusJSON(step, min(p.variant, 1), []string{}, "", "", r.Reviewed)
	case KindNotReached:
		r.Status, r.Participation = "missing", "not_reached"
	case KindSharedNotStored:
		r.Status, r.Participation, r.Reviewed = "missing", "shared", true
		r.Warnings = []string{"not_stored"}
		status = statusJSON("shared", 1, []string{}, "", "", true)
	case KindTruncated:
		share()
		r.Status = "truncated"
		stored, err = g.donationFor(i)
		if err == nil {
			stored = stored[:len(stored)*2/3]
		}
	case KindAltered:
		share()
		r.Status = "invalid"
		stored, err = g.donationFor(i)
		stored = strings.Replace(stored, `"seconds":`, `"seconds":1`, 1)
	case KindNotJSON:
		share()
		r.Status = "invalid"
		stored = "[object Object]"
	}
	if err != nil {
		return nil, r, err
	}
	if r.Status == "ok" {
		var head struct {
			Checksum string `json:"checksum"`
		}
		json.Unmarshal([]byte(stored), &head)
		r.Checksum = head.Checksum
		if g.cfg.KeepDonations {
			r.Donation = stored
		}
	}
	slices.Sort(r.Warnings)

	g.store(rec, l, stored)
	if l.statusCol >= 0 {
		rec[l.statusCol] = status
	}
	if l.errorColIdx >= 0 {
		rec[l.errorColIdx] = legacy
	}
	return rec, r, nil
}

// store writes the donation as the platform's example stores it.
func (g *gen) store(rec []string, l layout, value string) {
	if l.partsCol < 0 || len(value) <= g.cfg.PartChars {
		rec[l.donationCol] = value
		return
	}
	// qualtrics.js store(): the whole field stays empty, the parts hold it.
	for i := 0; i*g.cfg.PartChars < len(value) && i < l.parts; i++ {
		rec[l.partsCol+i] = value[i*g.cfg.PartChars : min(len(value), (i+1)*g.cfg.PartChars)]
	}
}

// filler writes the platform's own columns and the survey's questions.
func (g *gen) filler(rec []string, l layout, i int, rng *rand.Rand) {
	start := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i*97+rng.IntN(90)) * time.Second)
	end := start.Add(time.Duration(300+rng.IntN(1500)) * time.Second)
	age := strconv.Itoa(18 + rng.IntN(60))
	panel := "P" + strconv.Itoa(100000+i*7%900000)
	wave := strconv.Itoa(1 + rng.IntN(3))
	why := []string{"", "Ik kijk vooral series, soms films.", "Weet ik niet; misschien later", "Nee, dank je.\nIk deel liever niets."}[rng.IntN(4)]
	if g.cfg.Platform == LimeSurvey {
		copy(rec, []string{"", end.Format("2006-01-02 15:04:05"), "3", "nl", strconv.Itoa(rng.IntN(1 << 30)), start.Format("2006-01-02 15:04:05"),
			end.Format("2006-01-02 15:04:05"), panel, wave, age, "", "", why})
		return
	}
	copy(rec, []string{start.Format("2006-01-02 15:04:05"), end.Format("2006-01-02 15:04:05"), "0", "", "100",
		strconv.Itoa(int(end.Sub(start).Seconds())), "1", end.Format("2006-01-02 15:04:05"), "", "", "", "", "",
		fmt.Sprintf("52.%04d", rng.IntN(10000)), fmt.Sprintf("4.%04d", rng.IntN(10000)), "anonymous", "NL",
		age, []string{"Nooit", "Soms", "Vaak"}[rng.IntN(3)], why, panel, wave})
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
