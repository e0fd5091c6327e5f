package synth

import (
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// Config describes one synthetic export. The zero value (apart from Rows)
// is a sensible default household, and the same Config always produces
// byte-identical output.
type Config struct {
	Rows      int      // ViewingActivity data rows (>= 0)
	Seed      int64    // same Config -> byte-identical output
	Profiles  []string // profile names; nil = a default multi-profile household, e.g. {"Anna", "Bram", "Kids", "Oma & Opa"}
	Canary    string   // when non-empty: every profile name, a share of titles, device strings and country names carry this unique string (privacy tests assert it never leaves)
	TopFolder string   // "" = entries under "netflix-report/"; otherwise an extra top folder, e.g. "Download/netflix-report/..."
	Lenient   bool     // also write some spreadsheet re-save Start Times (YYYY-MM-DD HH:MM and M/D/YYYY H:MM)
	Malformed bool     // also write some rows with unparseable Start Time or Duration

	From, To time.Time // UTC range of start times; zero = 2019-01-01 .. 2024-12-31
}

// Truth is what the generator decided, counted while generating: an
// independent answer key for tests (NOT computed by the extractor).
//
// "Well-formed" means that Start Time and Duration both parse (canonical
// or lenient Start Time). A lenient row is well-formed and is counted in
// the other fields as well as in Lenient; a malformed row is counted only
// in Rows, ProfileRows and Malformed.
type Truth struct {
	Rows           int64
	ProfileRows    []int64 // per profile, in order of first appearance (= order of Config.Profiles; a profile that got no rows, possible only when Rows < len(Profiles), is left out)
	Supplemental   int64   // rows with a non-empty Supplemental Video Type (and parseable times)
	Malformed      int64
	Lenient        int64
	Hidden         int64 // views (>= 60 s, non-supplemental, well-formed) with "View was hidden"
	ShortUnder60   int64 // well-formed non-supplemental rows with Duration < 60 s
	Views60        int64 // well-formed non-supplemental rows with Duration >= 60 s (all profiles)
	Seconds60      int64 // their summed durations
	AutoplayNone60 int64 // of those, with "Autoplayed: user action: None"
}

// DefaultProfiles are the profile names used when Config.Profiles is nil:
// a household with two adults, a kids profile and a shared profile whose
// name needs no quoting but contains "&" and spaces.
func DefaultProfiles() []string {
	return []string{"Anna", "Bram", "Kids", "Oma & Opa"}
}

// Default time range of Start Times when Config.From or Config.To is zero.
var (
	defaultFrom = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	defaultTo   = time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)
)

// maxProfiles bounds Config.Profiles; Netflix allows five, the generator
// allows more for tests but keeps indexes small.
const maxProfiles = 200

// errNegativeRows and its siblings are returned for an unusable Config.
var (
	errNegativeRows = errors.New("synth: Config.Rows is negative")
	errRange        = errors.New("synth: Config.From is after Config.To")
	errProfiles     = errors.New("synth: Config.Profiles has duplicate names or too many profiles")
	errTopFolder    = errors.New("synth: Config.TopFolder is not a clean relative slash-separated path")
)

// resolved is a Config with defaults filled in and checked.
type resolved struct {
	Config
	from, to int64 // Unix seconds, inclusive
}

// resolve fills in defaults and validates cfg.
func resolve(cfg Config) (resolved, error) {
	if cfg.Rows < 0 {
		return resolved{}, errNegativeRows
	}
	if cfg.Profiles == nil {
		cfg.Profiles = DefaultProfiles()
	}
	if len(cfg.Profiles) == 0 || len(cfg.Profiles) > maxProfiles {
		return resolved{}, errProfiles
	}
	seen := make(map[string]bool, len(cfg.Profiles))
	for _, p := range cfg.Profiles {
		if seen[p] {
			return resolved{}, fmt.Errorf("%w: %q", errProfiles, p)
		}
		seen[p] = true
	}
	if cfg.TopFolder != "" && !fs.ValidPath(cfg.TopFolder) {
		return resolved{}, errTopFolder
	}
	from, to := cfg.From, cfg.To
	if from.IsZero() {
		from = defaultFrom
	}
	if to.IsZero() {
		to = defaultTo
	}
	if from.After(to) {
		return resolved{}, errRange
	}
	cfg.From, cfg.To = from.UTC(), to.UTC()
	return resolved{Config: cfg, from: from.Unix(), to: to.Unix()}, nil
}
