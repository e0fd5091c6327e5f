// Package donation reads the donations a survey platform stored: it joins
// a donation split over several columns, tells a declined, missing,
// truncated or invalid donation from a good one, and decodes the good
// ones after checking them against the published schema
// (docs/netflix-summary.schema.json) and their checksum.
//
// A donation is the JSON that extractor.Share returned in the
// participant's browser; a declined donation is {"declined":true}.
package donation

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/netflix-donation/widget/docs"
	"github.com/netflix-donation/widget/extractor"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Status is the verdict on one stored donation.
type Status string

// The statuses, from good to bad.
const (
	StatusOK        Status = "ok"        // parsed, valid against the schema, checksum matches
	StatusDeclined  Status = "declined"  // the participant chose not to donate
	StatusMissing   Status = "missing"   // nothing stored
	StatusTruncated Status = "truncated" // the JSON is cut off: a field limit of the platform
	StatusInvalid   Status = "invalid"   // not JSON, not the schema, or altered (checksum mismatch)
)

// Donation is a decoded shared donation. Blocks the participant did not
// share are nil; Sharing.Blocks lists the shared ones.
type Donation struct {
	Schema             string                  `json:"schema"`
	Totals             *extractor.Totals       `json:"totals"`
	ByMonth            []extractor.MonthStat   `json:"by_month"`
	WeekdayHourSeconds *[7][24]int64           `json:"weekday_hour_seconds"`
	ByDevice           []extractor.DeviceStat  `json:"by_device"`
	Titles             []extractor.TitleStat   `json:"titles"`
	Binge              *extractor.Binge        `json:"binge"`
	Profiles           []extractor.ProfileStat `json:"profiles"`
	Account            *extractor.Account      `json:"account"`
	Excluded           extractor.Excluded      `json:"excluded"`
	RowsTotal          int64                   `json:"rows_total"`
	LenientRows        int64                   `json:"lenient_rows"`
	Source             extractor.Source        `json:"source"`
	Options            extractor.OptionsUsed   `json:"options"`
	Sharing            extractor.Sharing       `json:"sharing"`
	Checksum           string                  `json:"checksum"`
}

// Shared reports whether block (a name of extractor.ShareBlocks) was shared.
func (d *Donation) Shared(block string) bool {
	for _, b := range d.Sharing.Blocks {
		if b == block {
			return true
		}
	}
	return false
}

// Result is the verdict on one stored donation.
type Result struct {
	Status   Status
	Reason   string    // why the status is not ok, in English; "" when ok
	Donation *Donation // the decoded donation when Status is StatusOK
}

// Verifier checks stored donations. It holds the compiled schema; make
// one with NewVerifier and use it for every donation. It is safe for
// concurrent use.
type Verifier struct {
	schema *jsonschema.Schema
}

// NewVerifier compiles the embedded schema.
func NewVerifier() (*Verifier, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(docs.SummarySchema()))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	const url = "https://github.com/netflix-donation/widget/docs/netflix-summary.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, err
	}
	return &Verifier{schema: s}, nil
}

// Check judges one stored donation, as the text of its survey field (or
// its parts joined; see Columns.Value). Leading and trailing white space
// is ignored.
func (v *Verifier) Check(stored string) Result {
	text := strings.TrimSpace(stored)
	if text == "" {
		return Result{Status: StatusMissing, Reason: "no donation stored"}
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var inst any
	if err := dec.Decode(&inst); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return Result{Status: StatusTruncated, Reason: "the JSON ends unexpectedly after " + strconv.Itoa(len(text)) + " characters: the survey platform cut it off"}
		}
		return Result{Status: StatusInvalid, Reason: "not JSON: " + err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return Result{Status: StatusInvalid, Reason: "text after the JSON object"}
	}
	if err := v.schema.Validate(inst); err != nil {
		return Result{Status: StatusInvalid, Reason: "does not match the schema: " + oneLine(err.Error())}
	}
	if m, ok := inst.(map[string]any); ok && m["declined"] == true {
		return Result{Status: StatusDeclined, Reason: "the participant declined"}
	}
	if m, ok := inst.(map[string]any); ok && m["sharing"] == nil {
		return Result{Status: StatusInvalid, Reason: "a full summary, not a shared donation (no sharing, no checksum)"}
	}
	if err := extractor.VerifyChecksum([]byte(text)); err != nil {
		if extractor.CodeOf(err) == extractor.CodeChecksumMismatch {
			return Result{Status: StatusInvalid, Reason: "checksum mismatch: the donation was altered after sharing"}
		}
		return Result{Status: StatusInvalid, Reason: "cannot verify the checksum: " + err.Error()}
	}
	var d Donation
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		return Result{Status: StatusInvalid, Reason: "cannot decode: " + err.Error()}
	}
	return Result{Status: StatusOK, Donation: &d}
}

// oneLine folds a multi-line message into one line of at most 300 bytes,
// for a CSV cell.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:297], "") + "..."
	}
	return s
}
