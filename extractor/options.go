package extractor

import "github.com/netflix-donation/widget/extractor/input"

// TitleDetail is how much of the title list a summary holds
// (Options.Titles). Its string is the JSON value of options.titles.
type TitleDetail string

// The title details.
const (
	TitlesNone TitleDetail = "none" // no title list
	TitlesTop  TitleDetail = "top"  // the Top titles by seconds
	TitlesAll  TitleDetail = "all"  // every title
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
	Titles TitleDetail `json:"titles"`
	// Top is the number of titles kept with TitlesTop. Default 25.
	Top int `json:"top"`
	// Account lists opt-in account-level blocks to read (see Account).
	Account []string `json:"account,omitempty"`

	// Progress, when set, is called now and then with the work done so far
	// and the total (decompressed bytes of ViewingActivity.csv). It must be quick.
	Progress func(done, total int64) `json:"-"`
	// Limits bound what reading may cost; zero fields take DefaultLimits.
	Limits input.Limits `json:"-"`
}

// DefaultOptions returns the documented defaults.
func DefaultOptions() Options {
	return Options{TimeZone: "UTC", MinSeconds: 60, Titles: TitlesTop, Top: 25}
}
