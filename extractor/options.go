package extractor

// Title detail levels for Options.Titles.
const (
	TitlesNone = "none" // no title list
	TitlesTop  = "top"  // the Top titles by seconds
	TitlesAll  = "all"  // every title
)

// Options control what Extract counts. The zero value is not useful; start
// from DefaultOptions. JSON field names are those the JavaScript API uses.
type Options struct {
	// TimeZone is the IANA zone for every local bucket (days, months,
	// weekday and hour). Netflix writes Start Time in UTC. Default "UTC".
	TimeZone string `json:"time_zone"`
	// Profiles selects profiles by name; empty or ["all"] selects all.
	Profiles []string `json:"profiles"`
	// MinSeconds: views shorter than this are counted as "short". Default 60.
	MinSeconds int `json:"min_seconds"`
	// From and To bound the local start date, inclusive, as YYYY-MM-DD; "" is open.
	From string `json:"from"`
	To   string `json:"to"`
	// Titles is the title detail: TitlesNone, TitlesTop (default) or TitlesAll.
	Titles string `json:"titles"`
	// Top is the number of titles kept with TitlesTop. Default 25.
	Top int `json:"top"`
	// Account lists opt-in account-level blocks to read (see Account).
	Account []string `json:"account,omitempty"`

	// Progress, when set, is called now and then with the work done so far
	// and the total (decompressed bytes of ViewingActivity.csv). It must be quick.
	Progress func(done, total int64) `json:"-"`
	// Limits bound what reading may cost; zero fields take DefaultLimits.
	Limits Limits `json:"-"`
}

// DefaultOptions returns the documented defaults.
func DefaultOptions() Options {
	return Options{TimeZone: "UTC", MinSeconds: 60, Titles: TitlesTop, Top: 25}
}

// Limits bound the resources reading an input may take. They are enforced
// on what is actually read, never on what headers claim, so a zip bomb or a
// lying header is refused with codes.TooLarge.
type Limits struct {
	MaxDecompressedBytes int64 // per entry, bytes actually inflated
	MaxEntries           int   // entries in a ZIP's central directory
	MaxLineBytes         int   // one CSV record
	MaxCompressionRatio  int64 // inflated/compressed, checked once past 1 MiB
}

// DefaultLimits are generous for real exports (the largest real
// ViewingActivity.csv seen is about 3 MB; a 1,000,000-row synthetic one is
// about 150 MB) and small enough to refuse bombs within seconds.
func DefaultLimits() Limits {
	return Limits{
		MaxDecompressedBytes: 1 << 30,
		MaxEntries:           10000,
		MaxLineBytes:         1 << 20,
		MaxCompressionRatio:  200,
	}
}
