package extractor

import "context"

// ProfileInfo names one profile, for the participant's own choice on
// screen. It is never part of a Summary.
type ProfileInfo struct {
	Pseudonym string `json:"pseudonym"` // P1, P2, ... in order of first appearance
	Name      string `json:"name"`
	Rows      int64  `json:"rows"`
}

// Extract reads ViewingActivity.csv from files and returns the summary.
func Extract(ctx context.Context, files FileSet, opts Options) (*Summary, error) {
	return nil, newError(CodeInternal, "not implemented yet")
}

// ListProfiles returns the profiles of the export in order of first appearance.
func ListProfiles(ctx context.Context, files FileSet) ([]ProfileInfo, error) {
	return nil, newError(CodeInternal, "not implemented yet")
}
