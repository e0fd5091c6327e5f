package extractor

import (
	"time"

	// The browser has no zone files: embed the IANA database so that
	// Europe/Amsterdam works the same natively and in WebAssembly.
	_ "time/tzdata"

	"github.com/netflix-donation/widget/extractor/codes"
)

// config is Options checked and resolved into the form the hot path uses.
type config struct {
	loc        *time.Location
	zoneName   string
	minSeconds int64
	fromDay    int64 // first local day number included (days since 1970-01-01)
	toDay      int64 // last local day number included
	titles     TitleDetail
	top        int
	opts       Options
}

// noBound stands for an open end of the period.
const (
	minDay = -1 << 40
	maxDay = 1 << 40
)

// validateOptions checks opts and resolves them. Every problem is a
// codes.BadOptions error whose message names the option but never echoes
// its value, because values may hold profile names.
func validateOptions(opts Options) (*config, error) {
	c := &config{opts: opts, fromDay: minDay, toDay: maxDay}

	zone := opts.TimeZone
	if zone == "" {
		zone = "UTC"
	}
	// "Local" depends on the machine running the extractor, which would
	// make the summary non-deterministic across machines.
	if zone == "Local" {
		return nil, codes.New(codes.BadOptions, "time zone must be an IANA name such as Europe/Amsterdam, not Local")
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, codes.Wrap(codes.BadOptions, err, "unknown time zone")
	}
	c.loc, c.zoneName = loc, zone

	if opts.MinSeconds < 0 {
		return nil, codes.New(codes.BadOptions, "minimum seconds must not be negative")
	}
	c.minSeconds = int64(opts.MinSeconds)

	if opts.From != "" {
		d, ok := parseDay(opts.From)
		if !ok {
			return nil, codes.New(codes.BadOptions, "from must be a date YYYY-MM-DD")
		}
		c.fromDay = d
	}
	if opts.To != "" {
		d, ok := parseDay(opts.To)
		if !ok {
			return nil, codes.New(codes.BadOptions, "to must be a date YYYY-MM-DD")
		}
		c.toDay = d
	}
	if c.fromDay > c.toDay {
		return nil, codes.New(codes.BadOptions, "from is after to")
	}

	switch opts.Titles {
	case TitlesNone, TitlesAll:
	case TitlesTop:
		if opts.Top < 1 {
			return nil, codes.New(codes.BadOptions, "top must be at least 1 when titles is top")
		}
	default:
		return nil, codes.New(codes.BadOptions, "titles must be none, top or all")
	}
	c.titles, c.top = opts.Titles, opts.Top

	if err := validateAccountBlocks(opts.Account); err != nil {
		return nil, err
	}
	return c, nil
}

// parseDay parses a strict YYYY-MM-DD date into a day number (days since
// 1970-01-01). The day number of a local date is compared with the local
// day number of each row, so no zone is involved here.
func parseDay(s string) (int64, bool) {
	if len(s) != len("2006-01-02") {
		return 0, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return floorDiv(t.Unix(), secondsPerDay), true
}
