//go:build !(js && wasm)

// Donations are read on the researcher's machine (netflix-summary
// collect), never in the participant's browser: leaving this file out of
// the WebAssembly engine keeps the JSON Schema validator out of its
// download.

package donation

import (
	"encoding/json"
	"strings"
)

// Participation is the participation status the widget reports at every
// step (docs/participation-status.schema.json): how far a participant got,
// which errors they met, and why they declined. A survey stores the last
// one in a field of its own, beside the donation.
type Participation struct {
	Schema   string   `json:"schema"`
	Status   string   `json:"status"`   // reached, file_chosen, error, reviewed, declined or shared
	Attempts int      `json:"attempts"` // files chosen
	Errors   []string `json:"errors"`   // error codes met, oldest first
	Reason   string   `json:"reason"`   // with declined
	Error    string   `json:"error"`    // with error, or declined with did_not_work
	// Reviewed says the summary was shown for review, in this status or an
	// earlier one: a participant who declined on the consent screen has
	// seen their summary, one who declined at the start has not.
	Reviewed bool `json:"reviewed"`
}

// CheckStatus reads a stored participation status. It returns nil and no
// error for an empty field, and an error when the field holds anything
// but a valid status.
func (v *Verifier) CheckStatus(stored string) (*Participation, error) {
	text := strings.TrimSpace(stored)
	if text == "" {
		return nil, nil
	}
	inst, err := decodeUseNumber([]byte(text))
	if err != nil {
		return nil, err
	}
	if err := v.status.Validate(inst); err != nil {
		return nil, err
	}
	var p Participation
	if err := json.Unmarshal([]byte(text), &p); err != nil {
		return nil, err
	}
	return &p, nil
}
