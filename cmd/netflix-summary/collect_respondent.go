package main

// One respondent: the verdict on the stored donation, how far the
// participant got, and the rows of every table, rendered by a worker.

import (
	"slices"
	"strings"
	"time"

	"github.com/netflix-donation/widget/donation"
)

// statusError is the status of a respondent who stored no donation and
// left at an error the widget reported.
const statusError donation.Status = "error"

// respondent is what a worker made of one job.
type respondent struct {
	row           int
	id            string
	status        donation.Status
	reason        string
	participation string
	outcome       string
	errorsMet     []string // codes met, for the funnel
	choseFile     bool     // chose at least one file, for the funnel
	reviewed      bool     // saw the summary for review, for the funnel
	warnings      []donation.Warning
	checksum      string // of an ok donation
	schema        string // the format version of an ok donation
	months        []monthRow
	// rows holds the rendered CSV rows of each table (by tableIndex),
	// the respondents row included.
	rows [numTables][]byte
}

// monthRow is one row of months.csv.
type monthRow struct {
	month       string
	views, secs int64
	daysInMonth int
	daysCovered int // -1: unknown
	partial     bool
}

// process judges one respondent and renders its rows.
func process(v *donation.Verifier, j job) *respondent {
	r := &respondent{row: j.row, id: j.id}
	res := v.Check(j.stored)
	r.status, r.reason, r.warnings = res.Status, res.Reason, res.Warnings
	d := res.Donation
	if d != nil {
		r.checksum, r.schema = d.Checksum, d.Schema
	}

	// The participation status, and the old example's error field.
	part, statusErr := v.CheckStatus(j.status)
	if statusErr != nil {
		r.warnings = append(r.warnings, donation.Warning{Code: "bad_status", Msg: "the participation status field cannot be read: " + oneLine(statusErr.Error())})
	}
	attempts := -1
	var errorsMet []string
	errorCode := ""
	declineReason := res.Decline.Reason
	if part != nil {
		attempts = part.Attempts
		errorsMet = part.Errors
		r.participation = part.Status
	}
	switch {
	case res.Status == donation.StatusDeclined:
		errorCode = res.Decline.Error
		if part != nil && part.Status != "declined" {
			r.warnings = append(r.warnings, donation.Warning{Code: "status_behind", Msg: "a decline is stored but the status says " + part.Status})
		}
		r.participation = "declined"
	case res.Status == donation.StatusOK || res.Status == donation.StatusTruncated || res.Status == donation.StatusInvalid:
		if part != nil && part.Status != "shared" {
			r.warnings = append(r.warnings, donation.Warning{Code: "status_behind", Msg: "a donation is stored but the status says " + part.Status})
		}
		r.participation = "shared"
	case part != nil && part.Status == "error":
		r.status, errorCode = statusError, part.Error
		r.reason = "no donation: the participant left at the error " + part.Error
	case part != nil && part.Status == "declined":
		// A decline holds no data; the status says all it would have.
		r.status, declineReason, errorCode = donation.StatusDeclined, part.Reason, part.Error
		r.reason = "the participant declined: " + part.Reason + " (from the status; the field holds no decline)"
		r.warnings = append(r.warnings, donation.Warning{Code: "not_stored", Msg: "the status says declined but the field is empty"})
	case part != nil && part.Status == "shared":
		r.reason = "no donation stored although the status says the participant shared: the platform lost it"
		r.warnings = append(r.warnings, donation.Warning{Code: "not_stored", Msg: "the status says shared but the field is empty"})
	case part == nil && statusErr == nil && j.legacy != "":
		r.status, errorCode, r.participation = statusError, j.legacy, "error"
		r.reason = "no donation: the widget reported the error " + j.legacy
	}
	if r.participation == "" {
		r.participation = "unknown"
		if j.hasStatus && strings.TrimSpace(j.status) == "" {
			r.participation = "not_reached"
		}
	}
	r.errorsMet = slices.Clone(errorsMet)
	for _, code := range []string{errorCode, j.legacy} {
		if code != "" && !slices.Contains(r.errorsMet, code) {
			r.errorsMet = append(r.errorsMet, code)
		}
	}
	r.outcome = outcomeOf(r.status, r.participation, declineReason, errorCode)
	switch r.participation {
	case "file_chosen", "error", "reviewed", "shared":
		r.choseFile = true
	default:
		r.choseFile = attempts >= 1 || declineReason == "did_not_work"
	}
	// Only a review leads to Share; a status that says reviewed keeps
	// saying so after a decline or a later error.
	r.reviewed = r.participation == "reviewed" || r.participation == "shared" || (part != nil && part.Reviewed)

	var c coverage
	if d != nil {
		c = coverageOf(d)
		r.months = c.months
	}
	r.render(j, d, c, attempts, errorsMet, errorCode, declineReason)
	return r
}

// outcomeOf puts a respondent in one group (see the codebook's outcomes).
func outcomeOf(status donation.Status, participation, reason, code string) string {
	switch {
	case status == donation.StatusOK || status == donation.StatusTruncated || status == donation.StatusInvalid:
		return string(status)
	case status == donation.StatusDeclined:
		if reason == "" {
			reason = "no_reason"
		}
		return "declined:" + reason
	case status == statusError:
		if code == "" {
			code = "unknown" // a status "error" without its code
		}
		return "error:" + code
	case participation == "shared":
		return "shared_not_stored"
	case participation == "reached" || participation == "file_chosen" || participation == "reviewed":
		return "left:" + participation
	case participation == "error":
		// The status says error without a code: should not happen.
		return "error:unknown"
	}
	return participation
}

// coverage is the observed period of a donation and its months.
type coverage struct {
	from, to  string // YYYY-MM-DD, "" unknown
	months    []monthRow
	full      int
	hasMonths bool
}

// coverageOf works out which days a donation observes and, for every
// month of by_month and the months after the last view up to the end of
// the observed period, how many of its days are inside it.
func coverageOf(d *donation.Donation) coverage {
	var c coverage
	o := d.Options
	from, fromOK := day(o.From)
	to, toOK := day(o.To)
	var start, end time.Time
	var startOK, endOK bool
	if d.Totals != nil {
		start, startOK = day(d.Totals.FirstDay)
		end, endOK = day(d.Totals.LastDay)
	}
	if newest, ok := day(d.Source.NewestDay); ok {
		end, endOK = newest, true
	}
	if startOK && fromOK && from.After(start) {
		start = from
	}
	if endOK && toOK && to.Before(end) {
		end = to
	}
	if startOK {
		c.from = start.Format(time.DateOnly)
	}
	if endOK {
		c.to = end.Format(time.DateOnly)
	}
	if d.ByMonth == nil {
		return c
	}
	c.hasMonths = true
	rows := make([]monthRow, 0, len(d.ByMonth)+2)
	for _, m := range d.ByMonth {
		rows = append(rows, monthRow{month: m.Month, views: m.Views, secs: m.Seconds})
	}
	// Months after the last view that the export still observes had no
	// views: any view there would have been the last.
	if endOK && len(rows) > 0 {
		if last, ok := month(rows[len(rows)-1].month); ok {
			for m := last.AddDate(0, 1, 0); !m.After(end); m = m.AddDate(0, 1, 0) {
				rows = append(rows, monthRow{month: m.Format("2006-01")})
			}
		}
	}
	for i := range rows {
		r := &rows[i]
		first, ok := month(r.month)
		if !ok {
			r.daysCovered, r.partial = -1, true
			continue
		}
		next := first.AddDate(0, 1, 0)
		r.daysInMonth = int(next.Sub(first).Hours() / 24)
		lo, hi := first, next.AddDate(0, 0, -1)
		known := true
		if i == 0 {
			if startOK {
				lo = later(lo, start)
			} else {
				known = false
			}
		}
		if endOK {
			hi = earlier(hi, end)
		} else if i == len(rows)-1 {
			known = false
		}
		switch {
		case !known:
			r.daysCovered, r.partial = -1, true
		case hi.Before(lo):
			r.daysCovered, r.partial = 0, true
		default:
			r.daysCovered = int(hi.Sub(lo).Hours()/24) + 1
			r.partial = r.daysCovered < r.daysInMonth
		}
		if !r.partial {
			c.full++
		}
	}
	c.months = rows
	return c
}

func day(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

func month(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", s)
	return t, err == nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// validDay returns s when it is a real date, else "" (a typed column
// holds no impossible date; the bad_date warning says what it was).
func validDay(s string) string {
	if _, ok := day(s); ok {
		return s
	}
	return ""
}

func validMonth(s string) string {
	if _, ok := month(s); ok {
		return s
	}
	return ""
}

func warningList(w []donation.Warning) string {
	codes := make([]string, 0, len(w))
	for _, x := range w {
		codes = append(codes, x.Code)
	}
	return strings.Join(codes, " ")
}
