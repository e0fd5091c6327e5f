//go:build !(js && wasm)

// Donations are read on the researcher's machine (netflix-summary
// collect), never in the participant's browser: leaving this file out of
// the WebAssembly engine keeps the JSON Schema validator out of its
// download.

package donation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

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

// Donation is a decoded shared donation in the current version of the
// format. Blocks the participant did not share are nil; Sharing.Blocks
// lists the shared ones.
type Donation struct {
	Schema             string                 `json:"schema"`
	Totals             *extractor.Totals      `json:"totals"`
	ByMonth            []extractor.MonthStat  `json:"by_month"`
	WeekdayHourSeconds *[7][24]int64          `json:"weekday_hour_seconds"`
	ByDevice           []extractor.DeviceStat `json:"by_device"`
	Titles             []extractor.TitleStat  `json:"titles"`
	Binge              *extractor.Binge       `json:"binge"`
	Profiles           *extractor.Profiles    `json:"profiles"`
	Account            *extractor.Account     `json:"account"`
	Excluded           extractor.Excluded     `json:"excluded"`
	RowsTotal          int64                  `json:"rows_total"`
	LenientRows        int64                  `json:"lenient_rows"`
	Source             extractor.Source       `json:"source"`
	Options            extractor.OptionsUsed  `json:"options"`
	Sharing            Sharing                `json:"sharing"`
	Checksum           string                 `json:"checksum"`

	// Version is the format version the donation was stored in: 2, or 1
	// for a netflix-summary/1 donation converted to version 2 (Schema
	// keeps the stored name). A version 1 donation counted the rows of
	// every profile: Convert explains what the conversion keeps.
	Version int `json:"-"`
	// Size is the length of the stored JSON in bytes, which
	// sharing.max_bytes bounds.
	Size int `json:"-"`
}

// The schema names of the versions of the format this package reads.
const (
	SchemaV1 = "netflix-summary/1"
	SchemaV2 = "netflix-summary/2"
)

// donationV1 is what a netflix-summary/1 donation holds where it differs
// from version 2.
type donationV1 struct {
	Profiles []struct {
		Rows     int64 `json:"rows"`
		Selected bool  `json:"selected"`
	} `json:"profiles"`
	Excluded struct {
		OtherProfiles int64 `json:"other_profiles"`
	} `json:"excluded"`
}

// convertV1 turns a decoded version 1 donation into version 2: the
// profiles block becomes counts, and the rows of profiles that were not
// chosen leave rows_total (version 1 counted them in
// excluded.other_profiles), so rows_total == views + excluded holds in
// version 2's sense. Version 1's lenient_rows and source.newest_day
// covered every profile; they are kept as they are.
func convertV1(d *Donation, text []byte) error {
	var v1 donationV1
	if err := json.Unmarshal(text, &v1); err != nil {
		return err
	}
	if v1.Profiles != nil {
		p := &extractor.Profiles{Count: int64(len(v1.Profiles))}
		for _, pr := range v1.Profiles {
			if pr.Selected {
				p.Selected++
			}
		}
		d.Profiles = p
	}
	d.RowsTotal -= v1.Excluded.OtherProfiles
	d.Version = 1
	return nil
}

// Shared reports whether block (a name of ShareBlocks) was shared.
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
	// Decline holds the participant's reason when Status is
	// StatusDeclined.
	Decline Decline
	// Warnings lists the invariants an ok donation breaks although its
	// checksum matches (see Donation.Warnings); nil for a sound one.
	Warnings []Warning
}

// Decline is what a declined donation says about why.
type Decline struct {
	// Reason is one of the DeclineReasons, or "" for a decline stored
	// before the widget asked for reasons.
	Reason string `json:"reason"`
	// Error is the code of the last error the participant met, with
	// reason "did_not_work".
	Error string `json:"error"`
}

// DeclineReasons returns the reasons a participant can give for not
// sharing, as the widget stores them.
func DeclineReasons() []string {
	return []string{"not_wanted", "no_file", "not_own_account", "did_not_work"}
}

// Verifier checks stored donations. It holds the compiled schemas; make
// one with NewVerifier and use it for every donation. It is safe for
// concurrent use.
type Verifier struct {
	schema   *jsonschema.Schema // the current version
	schemaV1 *jsonschema.Schema
	status   *jsonschema.Schema // the participation status
	// fast is the current schema compiled into plain checks (see
	// fastschema.go), or nil when the schema uses a keyword it cannot
	// mirror exactly.
	fast fastCheck
	tree *treeDecoder // fills a Donation from a tree the fast checks accepted
}

// NewVerifier compiles the embedded schemas.
func NewVerifier() (*Verifier, error) {
	current, err := compileSchema("netflix-summary.schema.json", docs.SummarySchema())
	if err != nil {
		return nil, err
	}
	v1, err := compileSchema("netflix-summary-v1.schema.json", docs.SummarySchemaV1())
	if err != nil {
		return nil, err
	}
	status, err := compileSchema("participation-status.schema.json", docs.StatusSchema())
	if err != nil {
		return nil, err
	}
	v := &Verifier{schema: current, schemaV1: v1, status: status, tree: newTreeDecoder(reflect.TypeFor[Donation]())}
	if doc, err := decodeUseNumber([]byte(docs.SummarySchema())); err == nil {
		if m, ok := doc.(map[string]any); ok {
			v.fast, _ = compileFast(m)
		}
	}
	return v, nil
}

func compileSchema(name string, raw []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	url := "https://github.com/netflix-donation/widget/docs/" + name
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// decodeUseNumber decodes one JSON value with numbers as json.Number,
// and nothing after it.
func decodeUseNumber(text []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("text after the JSON value")
	}
	return v, nil
}

// Check judges one stored donation, as the text of its survey field (or
// its parts joined; see Columns.Value). Leading and trailing white space
// is ignored. An ok donation's Warnings list what its figures contradict
// in each other (see Warnings).
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
			return Result{Status: StatusTruncated, Reason: "the JSON ends unexpectedly after " + strconv.Itoa(utf8.RuneCountInString(text)) +
				" characters (" + strconv.Itoa(len(text)) + " bytes): the survey platform cut it off"}
		}
		return Result{Status: StatusInvalid, Reason: "not JSON: " + err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return Result{Status: StatusInvalid, Reason: "text after the JSON object"}
	}
	m, _ := inst.(map[string]any)
	v1 := m != nil && m["schema"] == SchemaV1
	// The fast checks accept only what the schema accepts; anything else
	// gets the full validator's verdict and reason.
	fast := !v1 && m != nil && v.fast != nil && v.fast(inst)
	if !fast {
		schema := v.schema
		if v1 {
			schema = v.schemaV1
		}
		if err := schema.Validate(inst); err != nil {
			return Result{Status: StatusInvalid, Reason: "does not match the schema: " + oneLine(err.Error())}
		}
	}
	if m["declined"] == true {
		var d Decline
		if err := json.Unmarshal([]byte(text), &d); err != nil {
			return Result{Status: StatusInvalid, Reason: "cannot decode: " + err.Error()}
		}
		why := "the participant declined"
		if d.Reason != "" {
			why += ": " + d.Reason
		}
		return Result{Status: StatusDeclined, Reason: why, Decline: d}
	}
	if m["sharing"] == nil {
		return Result{Status: StatusInvalid, Reason: "a full summary, not a shared donation (no sharing, no checksum)"}
	}
	sum, err := checksumOf(m)
	if err != nil {
		return Result{Status: StatusInvalid, Reason: "cannot verify the checksum: " + err.Error()}
	}
	if sum != m["checksum"] {
		return Result{Status: StatusInvalid, Reason: "checksum mismatch: the donation was altered after sharing"}
	}
	var d *Donation
	if fast {
		d = &Donation{Version: 2}
		err = v.tree.decode(d, m)
	} else {
		d, err = decode([]byte(text), v1)
	}
	if err != nil {
		// The schema takes 12.0 and 1.2e1 as integers; so does collect.
		if d, err = decodeNormalized(m, v1); err != nil {
			return Result{Status: StatusInvalid, Reason: "cannot decode: " + err.Error()}
		}
	}
	d.Checksum, _ = m["checksum"].(string)
	d.Size = len(text)
	return Result{Status: StatusOK, Donation: d, Warnings: d.Warnings()}
}

// decodeNormalized decodes a donation whose integers are not all written
// as integer literals, after rewriting each integral number as one.
func decodeNormalized(m map[string]any, v1 bool) (*Donation, error) {
	norm, err := normalizeIntegers(m)
	if err != nil {
		return nil, err
	}
	text, err := json.Marshal(norm)
	if err != nil {
		return nil, err
	}
	return decode(text, v1)
}

// normalizeIntegers returns v with every integral json.Number (12.0,
// 1.2e1) written as an integer literal, and an error for a number that
// is not integral or does not fit 64 bits: no field of a donation takes
// one.
func normalizeIntegers(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			n, err := normalizeIntegers(e)
			if err != nil {
				return nil, err
			}
			out[k] = n
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			n, err := normalizeIntegers(e)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		return out, nil
	case json.Number:
		if _, ok := integerLiteral(x); ok {
			return x, nil
		}
		r, ok := new(big.Rat).SetString(string(x))
		if !ok || !r.IsInt() || !r.Num().IsInt64() {
			return nil, fmt.Errorf("the number %s is not a whole number of 64 bits", x)
		}
		return json.Number(r.Num().String()), nil
	}
	return v, nil
}

// decode decodes a verified donation, converting version 1.
func decode(text []byte, v1 bool) (*Donation, error) {
	if !v1 {
		d := &Donation{Version: 2}
		return d, json.Unmarshal(text, d)
	}
	// Version 1's profiles is an array: the outer field takes it.
	var stored struct {
		Donation
		Profiles json.RawMessage `json:"profiles"`
	}
	if err := json.Unmarshal(text, &stored); err != nil {
		return nil, err
	}
	d := &stored.Donation
	return d, convertV1(d, text)
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
