package main

// The CSV tables: rows rendered by the workers, written in export order
// by one goroutine, each file hashed as it is written.

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/internal/codebook"
)

// The tables a worker renders rows of, in the order of collectBook.
const (
	tRespondents = iota
	tMonths
	tWeekdayHour
	tDevices
	tTitles
	tAccountProfiles
	tAccountTotals
	tAccountSearches
	tAccountMyList
	tAccountRatings
	tAccountTenure
	tReport
	tWarnings
	numTables
)

// streamedTables names the tables of the constants above.
var streamedTables = [numTables]string{"respondents", "months", "weekday_hour", "devices", "titles",
	"account_profiles", "account_totals", "account_searches", "account_my_list", "account_ratings", "account_tenure",
	"report", "warnings"}

// rowBuf renders CSV rows as encoding/csv writes them (comma, "\n",
// quotes only where needed), without a writer per row.
type rowBuf struct {
	b []byte
	n int // fields in the current row
}

func (w *rowBuf) sep() {
	if w.n > 0 {
		w.b = append(w.b, ',')
	}
	w.n++
}

// str adds a text field.
func (w *rowBuf) str(s string) {
	w.sep()
	if !fieldNeedsQuotes(s) {
		w.b = append(w.b, s...)
		return
	}
	w.b = append(w.b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		w.b = append(w.b, s[:i+1]...)
		w.b = append(w.b, '"')
		s = s[i+1:]
	}
	w.b = append(w.b, s...)
	w.b = append(w.b, '"')
}

// int adds a number.
func (w *rowBuf) int(n int64) {
	w.sep()
	w.b = strconv.AppendInt(w.b, n, 10)
}

// opt adds a number, or an empty cell when ok is false.
func (w *rowBuf) opt(n int64, ok bool) {
	if !ok {
		w.str("")
		return
	}
	w.int(n)
}

func (w *rowBuf) bool(v bool) { w.str(strconv.FormatBool(v)) }

// empty adds n empty cells.
func (w *rowBuf) empty(n int) {
	for range n {
		w.str("")
	}
}

func (w *rowBuf) end() {
	w.b = append(w.b, '\n')
	w.n = 0
}

// fieldNeedsQuotes is encoding/csv's rule for a comma-separated field.
func fieldNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, "\",\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// render makes the respondent's rows of every table.
func (r *respondent) render(j job, d *donation.Donation, c coverage, attempts int, errorsMet []string, errorCode, declineReason string) {
	var w rowBuf
	w.str(j.id)
	w.int(int64(j.row))
	for _, k := range j.keep {
		w.str(k)
	}
	w.str(string(r.status))
	w.str(r.reason)
	w.str(r.participation)
	w.str(r.outcome)
	w.opt(int64(attempts), attempts >= 0)
	w.str(strings.Join(errorsMet, " "))
	w.str(errorCode)
	w.str(declineReason)
	w.str(warningList(r.warnings))
	w.str("") // duplicate: filled in when every row has been read
	if d == nil {
		w.empty(respondentDonationColumns)
		w.end()
		r.rows[tRespondents] = w.b
		r.renderIssues(j)
		return
	}
	w.str(d.Checksum)
	w.str(d.Schema)
	w.str(strings.Join(d.Sharing.Blocks, " "))
	if t := d.Totals; t != nil {
		w.int(t.Views)
		w.int(t.Seconds)
		w.int(t.ActiveDays)
		w.int(t.Titles)
		w.int(t.Series)
		w.int(t.Movies)
		w.str(validDay(t.FirstDay))
		w.str(validDay(t.LastDay))
		w.int(t.HiddenViews)
		w.int(t.AutoplayViews)
		w.int(t.AutoplaySeconds)
	} else {
		w.empty(11)
	}
	if b := d.Binge; b != nil {
		w.int(b.Sessions)
		w.int(b.Views)
		w.int(b.Seconds)
		w.int(b.Longest)
	} else {
		w.empty(4)
	}
	if p := d.Profiles; p != nil {
		w.int(p.Count)
		w.int(p.Selected)
	} else {
		w.empty(2)
	}
	e, o, sh := d.Excluded, d.Options, d.Sharing
	w.int(d.RowsTotal)
	w.int(d.LenientRows)
	w.int(e.Malformed)
	w.int(e.OutsidePeriod)
	w.int(e.Supplemental)
	w.int(e.Short)
	w.str(o.TimeZone)
	w.int(int64(o.MinSeconds))
	w.str(validDay(o.From))
	w.str(validDay(o.To))
	w.str(string(o.Titles))
	w.int(int64(o.Top))
	w.str(d.Source.Kind)
	w.str(validDay(d.Source.NewestDay))
	w.int(int64(sh.TitlesRemoved))
	w.int(int64(sh.TitlesDroppedForSize))
	w.int(int64(sh.MaxBytes))
	w.str(c.from)
	w.str(c.to)
	w.opt(int64(len(c.months)), c.hasMonths)
	w.opt(int64(c.full), c.hasMonths)
	w.end()
	r.rows[tRespondents] = w.b
	r.renderDonation(j, d, c)
	r.renderIssues(j)
}

// respondentDonationColumns are the columns of respondents.csv after
// duplicate, which only an ok donation fills.
const respondentDonationColumns = 41

// renderDonation makes the rows of the long tables.
func (r *respondent) renderDonation(j job, d *donation.Donation, c coverage) {
	start := func(t int) *rowBuf {
		w := &rowBuf{b: r.rows[t]}
		return w
	}
	key := func(w *rowBuf) {
		w.str(j.id)
		w.int(int64(j.row))
	}
	if c.hasMonths {
		w := start(tMonths)
		for _, m := range c.months {
			key(w)
			w.str(validMonth(m.month))
			w.int(m.views)
			w.int(m.secs)
			w.int(int64(m.daysInMonth))
			w.opt(int64(m.daysCovered), m.daysCovered >= 0)
			w.bool(m.partial)
			w.end()
		}
		r.rows[tMonths] = w.b
	}
	if wh := d.WeekdayHourSeconds; wh != nil {
		w := start(tWeekdayHour)
		for day := range wh {
			for hour, s := range wh[day] {
				key(w)
				w.int(int64(day + 1))
				w.int(int64(hour))
				w.int(s)
				w.end()
			}
		}
		r.rows[tWeekdayHour] = w.b
	}
	if len(d.ByDevice) > 0 {
		w := start(tDevices)
		for _, dv := range d.ByDevice {
			key(w)
			w.str(string(dv.Class))
			w.int(dv.Views)
			w.int(dv.Seconds)
			w.end()
		}
		r.rows[tDevices] = w.b
	}
	if len(d.Titles) > 0 {
		w := start(tTitles)
		for i, t := range d.Titles {
			key(w)
			w.int(int64(i + 1))
			w.str(t.Name)
			w.str(string(t.Kind))
			w.int(t.Views)
			w.int(t.Seconds)
			w.int(t.Episodes)
			w.str(validMonth(t.FirstMonth))
			w.str(validMonth(t.LastMonth))
			w.end()
		}
		r.rows[tTitles] = w.b
	}
	if a := d.Account; a != nil {
		r.renderAccount(key, a)
	}
}

// renderAccount makes the rows of the account tables.
func (r *respondent) renderAccount(key func(*rowBuf), a *extractor.Account) {
	if p := a.Profiles; p != nil {
		w := &rowBuf{}
		key(w)
		w.bool(p.Missing)
		w.int(p.Count)
		w.int(p.Kids)
		w.int(p.UnknownMaturity)
		w.end()
		r.rows[tAccountProfiles] = w.b
	}
	totals := &rowBuf{}
	counts := func(block string, table int, c *extractor.AccountCounts) {
		if c == nil {
			return
		}
		key(totals)
		totals.str(block)
		totals.bool(c.Missing)
		totals.int(c.Total)
		totals.int(c.Undated)
		totals.empty(5)
		totals.end()
		w := &rowBuf{}
		for _, m := range c.ByMonth {
			key(w)
			w.str(validMonth(m.Month))
			w.int(m.Count)
			w.end()
		}
		r.rows[table] = w.b
	}
	counts("searches", tAccountSearches, a.Searches)
	counts("my_list", tAccountMyList, a.MyList)
	if rt := a.Ratings; rt != nil {
		key(totals)
		totals.str("ratings")
		totals.bool(rt.Missing)
		totals.int(rt.Total)
		totals.int(rt.Undated)
		totals.int(rt.ThumbsDown)
		totals.int(rt.ThumbsUp)
		totals.int(rt.TwoThumbsUp)
		totals.int(rt.Stars)
		totals.int(rt.Other)
		totals.end()
		w := &rowBuf{}
		for _, m := range rt.ByMonth {
			key(w)
			w.str(validMonth(m.Month))
			w.int(m.ThumbsDown)
			w.int(m.ThumbsUp)
			w.int(m.TwoThumbsUp)
			w.int(m.Stars)
			w.end()
		}
		r.rows[tAccountRatings] = w.b
	}
	r.rows[tAccountTotals] = totals.b
	if te := a.Tenure; te != nil {
		w := &rowBuf{}
		key(w)
		w.bool(te.Missing)
		w.int(te.Months)
		w.int(te.Subscriptions)
		w.bool(te.Open)
		w.end()
		r.rows[tAccountTenure] = w.b
	}
}

// renderIssues makes the report and warnings rows.
func (r *respondent) renderIssues(j job) {
	if r.status != donation.StatusOK {
		w := &rowBuf{}
		w.str(j.id)
		w.int(int64(j.row))
		w.str(string(r.status))
		w.str(r.reason)
		w.end()
		r.rows[tReport] = w.b
	}
	if len(r.warnings) > 0 {
		w := &rowBuf{}
		for _, x := range r.warnings {
			w.str(j.id)
			w.int(int64(j.row))
			w.str(x.Code)
			w.str(x.Msg)
			w.end()
		}
		r.rows[tWarnings] = w.b
	}
}

// hashedFile is a table file being written, and its SHA-256.
type hashedFile struct {
	name string // table name
	f    *os.File
	bw   *bufio.Writer
	h    hash.Hash
	n    int64
}

func (h *hashedFile) Write(p []byte) (int, error) {
	h.h.Write(p)
	h.n += int64(len(p))
	return h.bw.Write(p)
}

// createTable creates DIR/name.csv with its header row.
func createTable(dir string, t *codebook.Table) (*hashedFile, error) {
	f, err := os.Create(filepath.Join(dir, t.Name+".csv"))
	if err != nil {
		return nil, err
	}
	hf := &hashedFile{name: t.Name, f: f, bw: bufio.NewWriterSize(f, 256<<10), h: sha256.New()}
	var w rowBuf
	for _, c := range t.Header() {
		w.str(c)
	}
	w.end()
	_, err = hf.Write(w.b)
	return hf, err
}

// close flushes and closes the file and returns its size and hash.
func (h *hashedFile) close() (codebook.FileInfo, error) {
	err := h.bw.Flush()
	if cerr := h.f.Close(); err == nil {
		err = cerr
	}
	return codebook.FileInfo{Bytes: h.n, SHA256: hex.EncodeToString(h.h.Sum(nil))}, err
}

// writeTable writes a whole table at once.
func writeTable(dir string, t *codebook.Table, rows func(w *rowBuf)) (codebook.FileInfo, error) {
	hf, err := createTable(dir, t)
	if err != nil {
		return codebook.FileInfo{}, err
	}
	var w rowBuf
	rows(&w)
	_, err = hf.Write(w.b)
	info, cerr := hf.close()
	return info, errors.Join(err, cerr)
}

// hashFile returns the size and SHA-256 of a written file.
func hashFile(path string) (codebook.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return codebook.FileInfo{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return codebook.FileInfo{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, err
}
