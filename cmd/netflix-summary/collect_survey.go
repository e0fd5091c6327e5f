package main

// Reading a survey platform's response export: its format, its header,
// the columns collect needs, and then one job per respondent.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/netflix-donation/widget/donation"
)

// surveyReader reads the records of a response export after its header
// rows.
type surveyReader struct {
	r      *csv.Reader
	header []string
	format string     // "qualtrics", "limesurvey", "sosci" or "csv"
	held   [][]string // records read while looking for the data
}

// openSurvey reads the header of a response export and skips the extra
// header rows of a Qualtrics export (question texts, ImportId JSON). The
// separator is the header line's: a comma, a semicolon (LimeSurvey's
// option, or a spreadsheet's re-save) or a tab (SoSci Survey's data file
// for R and SPSS).
func openSurvey(r io.Reader) (*surveyReader, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	first, _ := br.Peek(64 << 10)
	cr.Comma = sniffSeparator(first)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("the export is empty")
	}
	if err != nil {
		return nil, err
	}
	s := &surveyReader{r: cr, header: header, format: "csv"}
	switch {
	case column(header, "ResponseId") >= 0:
		s.format = "qualtrics"
		// Qualtrics writes two more header rows: the question texts and
		// {"ImportId":...} objects. Real responses have IDs "R_...".
		rid := column(header, "ResponseId")
		for range 2 {
			rec, err := cr.Read()
			if err != nil {
				if err == io.EOF {
					break
				}
				return nil, err
			}
			if rid < len(rec) && strings.HasPrefix(rec[rid], "R_") {
				s.held = append(s.held, rec)
				break
			}
		}
	case column(header, "id") >= 0 && (column(header, "submitdate") >= 0 || column(header, "lastpage") >= 0 || column(header, "startlanguage") >= 0):
		s.format = "limesurvey"
	case column(header, "CASE") >= 0 && column(header, "QUESTNNR") >= 0:
		s.format = "sosci"
	}
	return s, nil
}

// next returns the next respondent's record.
func (s *surveyReader) next() ([]string, error) {
	if len(s.held) > 0 {
		rec := s.held[0]
		s.held = s.held[1:]
		return rec, nil
	}
	return s.r.Read()
}

// idColumn returns the index of the respondent ID column: the named one,
// or the platform's own (Qualtrics ResponseId, LimeSurvey id or "Response
// ID", SoSci Survey CASE), or -1 for row numbers.
func (s *surveyReader) idColumn(name string) (int, error) {
	if name != "" {
		if i := column(s.header, name); i >= 0 {
			return i, nil
		}
		return -1, fmt.Errorf("no column %q for --id", name)
	}
	names := []string{"ResponseId", "id", "Response ID"}
	if s.format == "sosci" {
		names = []string{"CASE"}
	}
	for _, n := range names {
		if i := column(s.header, n); i >= 0 {
			return i, nil
		}
	}
	return -1, nil
}

// column returns the index of the header named name, ignoring case and
// surrounding space, or -1.
func column(header []string, name string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")), name) {
			return i
		}
	}
	return -1
}

// sniffSeparator returns the separator of the header line: the most
// frequent of comma, semicolon and tab outside quotes, a comma on a tie.
func sniffSeparator(b []byte) rune {
	var commas, semicolons, tabs int
	quoted := false
scan:
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break scan
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		case c == '\t':
			tabs++
		}
	}
	switch {
	case tabs > commas && tabs > semicolons:
		return '\t'
	case semicolons > commas:
		return ';'
	}
	return ','
}

// layout is where collect finds what it reads in each record.
type layout struct {
	donation donation.Columns
	id       int   // -1: the row number is the id
	status   int   // the participation status column, or -1
	legacy   int   // the old example's error-code column, or -1
	keep     []int // --keep columns, in the order given
	// Names as found in the header, for the report.
	statusName, legacyName string
}

// findLayout locates every column cfg names in the header. A status or
// error column is found by itself when it follows the examples' names:
// NAME_status or NAMEstatus, and NAME_error.
func findLayout(s *surveyReader, cfg collectConfig) (layout, error) {
	var l layout
	var err error
	if l.donation, err = donation.FindColumns(s.header, cfg.column); err != nil {
		return l, err
	}
	if l.id, err = s.idColumn(cfg.idColumn); err != nil {
		return l, err
	}
	find := func(flag, given string, defaults ...string) (int, string, error) {
		switch given {
		case "none":
			return -1, "", nil
		case "":
			for _, d := range defaults {
				if i := column(s.header, d); i >= 0 {
					return i, s.header[i], nil
				}
			}
			return -1, "", nil
		}
		i := column(s.header, given)
		if i < 0 {
			return -1, "", fmt.Errorf("no column %q for %s", given, flag)
		}
		return i, s.header[i], nil
	}
	if l.status, l.statusName, err = find("--status-column", cfg.statusColumn, cfg.column+"_status", cfg.column+"status"); err != nil {
		return l, err
	}
	if l.legacy, l.legacyName, err = find("--error-column", cfg.errorColumn, cfg.column+"_error"); err != nil {
		return l, err
	}
	for _, k := range cfg.keep {
		i := column(s.header, k)
		if i < 0 {
			return l, fmt.Errorf("no column %q for --keep", k)
		}
		l.keep = append(l.keep, i)
	}
	return l, nil
}

// job is one respondent as read, for a worker.
type job struct {
	row                    int
	id                     string
	stored, status, legacy string
	hasStatus              bool // the export has a status column
	keep                   []string
}

// jobOf takes what collect needs from a record.
func (l *layout) jobOf(row int, rec []string) job {
	cell := func(i int) string {
		if i >= 0 && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	// Cloned: a cell shares the memory of its whole record, and ids are
	// kept until the end (duplicates).
	j := job{row: row, id: strings.Clone(strings.TrimSpace(cell(l.id))), stored: l.donation.Value(rec), status: cell(l.status), legacy: strings.Clone(strings.TrimSpace(cell(l.legacy))), hasStatus: l.status >= 0}
	if j.id == "" {
		j.id = strconv.Itoa(row)
	}
	for _, k := range l.keep {
		j.keep = append(j.keep, cell(k))
	}
	return j
}

// inputReader counts and hashes the export as it is read, for the
// progress bar and provenance.json.
type inputReader struct {
	r    io.Reader
	h    hash.Hash
	done atomic.Int64
}

func newInputReader(r io.Reader) *inputReader { return &inputReader{r: r, h: sha256.New()} }

func (c *inputReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.h.Write(b[:n])
	c.done.Add(int64(n))
	return n, err
}
