package extractor

import (
	"encoding/json"

	"github.com/netflix-donation/widget/extractor/codes"
)

// SchemaVersion names the summary format. It changes only when a field
// changes meaning or disappears; adding a field keeps it. Version 2 holds
// nothing about the profiles the participant did not choose: the profiles
// block only counts them, and rows_total, excluded, lenient_rows and
// source.newest_day cover the chosen profiles' rows alone.
const SchemaVersion = "netflix-summary/2"

// Summary is the aggregated, privacy-preserving result of [Extract]. It is
// serialised with encoding/json in field order, which makes the JSON
// deterministic: the same input and options give the same bytes. It holds
// no profile names, no raw device strings and no wall-clock time.
type Summary struct {
	Schema             string       `json:"schema"` // always SchemaVersion
	Totals             Totals       `json:"totals"`
	ByMonth            []MonthStat  `json:"by_month"`             // every local month from the first to the last view, zeros included
	WeekdayHourSeconds [7][24]int64 `json:"weekday_hour_seconds"` // seconds by local start weekday (Monday first) and hour
	ByDevice           []DeviceStat `json:"by_device"`            // all device classes, in DeviceClasses order
	Titles             []TitleStat  `json:"titles"`               // per Options.Titles; sorted by seconds desc, then name
	Binge              Binge        `json:"binge"`
	Profiles           Profiles     `json:"profiles"`
	Excluded           Excluded     `json:"excluded"`
	RowsTotal          int64        `json:"rows_total"`   // rows of the chosen profiles; == Totals.Views + Excluded.Sum()
	LenientRows        int64        `json:"lenient_rows"` // of those, rows whose Start Time was a spreadsheet re-save format
	Source             Source       `json:"source"`
	Options            OptionsUsed  `json:"options"`
	Account            *Account     `json:"account,omitempty"` // opt-in account-level blocks
}

// Totals are the headline figures over all views.
type Totals struct {
	Views           int64  `json:"views"`
	Seconds         int64  `json:"seconds"`     // sum of view durations
	ActiveDays      int64  `json:"active_days"` // distinct local dates with a view
	Titles          int64  `json:"titles"`      // distinct normalised titles (series + movies), hidden views excluded
	Series          int64  `json:"series"`
	Movies          int64  `json:"movies"`
	FirstDay        string `json:"first_day"` // local date YYYY-MM-DD of the first view, "" without views
	LastDay         string `json:"last_day"`  // local date of the last view, "" without views
	HiddenViews     int64  `json:"hidden_views"`
	AutoplayViews   int64  `json:"autoplay_views"` // Attributes contain "Autoplayed: user action: None"
	AutoplaySeconds int64  `json:"autoplay_seconds"`
}

// MonthStat is one local calendar month.
type MonthStat struct {
	Month   string `json:"month"` // YYYY-MM
	Views   int64  `json:"views"`
	Seconds int64  `json:"seconds"`
}

// DeviceStat is one device class.
type DeviceStat struct {
	Class   DeviceClass `json:"class"`
	Views   int64       `json:"views"`
	Seconds int64       `json:"seconds"`
}

// TitleStat is one series or movie.
type TitleStat struct {
	Name       string    `json:"name"` // series or movie name, normalised
	Kind       TitleKind `json:"kind"`
	Views      int64     `json:"views"`
	Seconds    int64     `json:"seconds"`
	Episodes   int64     `json:"episodes"`    // distinct episodes (0 for movies)
	FirstMonth string    `json:"first_month"` // YYYY-MM, local
	LastMonth  string    `json:"last_month"`
}

// TitleKind tells a series from a movie.
type TitleKind string

// The title kinds.
const (
	KindSeries TitleKind = "series"
	KindMovie  TitleKind = "movie"
)

// Binge summarises binge sessions: runs of views of one series (per
// profile) in which each next view starts at most 30 minutes after the
// previous one ended; only runs of 3 or more views count.
type Binge struct {
	Sessions int64 `json:"sessions"`
	Views    int64 `json:"views"`
	Seconds  int64 `json:"seconds"`
	Longest  int64 `json:"longest"` // views in the longest session
}

// Profiles counts the profiles of the export without describing any of
// them: no names, no rows, nothing a profile that was not chosen did.
// Other household members share an account but not the participant's
// consent, so the donation holds no figure of theirs.
type Profiles struct {
	Count    int64 `json:"count"`    // profiles with rows in ViewingActivity.csv
	Selected int64 `json:"selected"` // of those, the profiles whose rows were counted
}

// Excluded counts the chosen profiles' rows that are not views, by the
// first rule that excluded them (rules are applied in field order). Rows
// of profiles that were not chosen are not read at all.
type Excluded struct {
	Malformed     int64 `json:"malformed"`
	OutsidePeriod int64 `json:"outside_period"`
	Supplemental  int64 `json:"supplemental"`
	Short         int64 `json:"short"`
}

// Sum returns the number of excluded rows.
func (e Excluded) Sum() int64 {
	return e.Malformed + e.OutsidePeriod + e.Supplemental + e.Short
}

// Source describes the input without revealing its content.
type Source struct {
	Kind      string   `json:"kind"`       // "zip", "folder" or "csv"
	Files     []string `json:"files"`      // known export files present (canonical Netflix names, sorted)
	NewestDay string   `json:"newest_day"` // local date of the chosen profiles' newest row (any kind), "" if none
	// DateOrder tells how the Start Times were read: DateOrderISO when
	// every one begins with the year, as Netflix writes it; otherwise a
	// spreadsheet re-saved the file with its regional settings, and its
	// dates were read DateOrderDayFirst or DateOrderMonthFirst.
	DateOrder string `json:"date_order"`
	// DateOrderAssumed is true when no date proved DateOrder (none had a
	// number above 12 where only one order allows it), so the order was
	// assumed from the separators (see dateEvidence.decide).
	DateOrderAssumed bool `json:"date_order_assumed"`
}

// OptionsUsed records the options that produced a summary. Which
// profiles were chosen is not among them: see Profiles.
type OptionsUsed struct {
	TimeZone   string      `json:"time_zone"`
	MinSeconds int         `json:"min_seconds"`
	From       string      `json:"from"`
	To         string      `json:"to"`
	Titles     TitleDetail `json:"titles"`
	Top        int         `json:"top"`
}

// Account holds the opt-in account-level blocks read from the export's
// smaller tables (see AccountBlocks); a block is present only when it was
// asked for. Searches, ratings and My List count the chosen profiles'
// rows only; tenure and the number of profiles describe the account. The
// blocks are counts only, and hold nothing that identifies a person: no profile
// names, no search text, no titles, no e-mail, phone, IP, device serial
// or payment data. A block whose table is not in the export is present
// with zero values and Missing set; an empty table (the .txt placeholder
// "We found no information for this table.") is present, not Missing.
type Account struct {
	Profiles *AccountProfiles `json:"profiles,omitempty"`
	Searches *AccountCounts   `json:"searches,omitempty"`
	Ratings  *AccountRatings  `json:"ratings,omitempty"`
	MyList   *AccountCounts   `json:"my_list,omitempty"`
	Tenure   *AccountTenure   `json:"tenure,omitempty"`
}

// AccountProfiles counts the profiles of PROFILES/Profiles.csv.
type AccountProfiles struct {
	Missing bool  `json:"missing"` // the export has no Profiles table
	Count   int64 `json:"count"`   // profiles (data rows)
	Kids    int64 `json:"kids"`    // chosen profiles with a kids maturity level (LITTLE_KIDS, OLDER_KIDS, ...) or a true kids flag
	// UnknownMaturity counts chosen profiles whose kids status cannot be told:
	// older exports write numeric maturity levels, whose meaning Netflix
	// does not document, and some rows leave the level empty.
	UnknownMaturity int64 `json:"unknown_maturity"`
}

// AccountCounts counts the rows of one dated account table per local
// month: searches (CONTENT_INTERACTION/SearchHistory.csv, counts only,
// never the query) or My List additions (CONTENT_INTERACTION/MyList.csv).
type AccountCounts struct {
	Missing bool         `json:"missing"`  // the export has no such table
	Total   int64        `json:"total"`    // all rows, undated included
	Undated int64        `json:"undated"`  // rows whose date is empty or unreadable
	ByMonth []MonthCount `json:"by_month"` // months with at least one row, ascending
}

// MonthCount is a number of events in one month.
type MonthCount struct {
	Month string `json:"month"` // YYYY-MM
	Count int64  `json:"count"`
}

// AccountRatings counts the ratings of CONTENT_INTERACTION/Ratings.csv by
// kind: thumbs (Thumbs Value 1 down, 2 up, 3 two thumbs up) and stars
// (Star Value 1 to 5, any number of stars).
type AccountRatings struct {
	Missing     bool          `json:"missing"` // the export has no Ratings table
	Total       int64         `json:"total"`   // all rows
	ThumbsDown  int64         `json:"thumbs_down"`
	ThumbsUp    int64         `json:"thumbs_up"`
	TwoThumbsUp int64         `json:"two_thumbs_up"`
	Stars       int64         `json:"stars"`
	Other       int64         `json:"other"`    // rows that are none of the above (not rated, deleted, "not interested", unknown type)
	Undated     int64         `json:"undated"`  // rows whose Event Utc Ts is empty or unreadable (counted by kind, not by month)
	ByMonth     []RatingMonth `json:"by_month"` // months with at least one rating of a counted kind, ascending
}

// RatingMonth counts one local month's ratings by kind.
type RatingMonth struct {
	Month       string `json:"month"` // YYYY-MM
	ThumbsDown  int64  `json:"thumbs_down"`
	ThumbsUp    int64  `json:"thumbs_up"`
	TwoThumbsUp int64  `json:"two_thumbs_up"`
	Stars       int64  `json:"stars"`
}

// AccountTenure is the length of the Netflix membership, from
// ACCOUNT/SubscriptionHistory.csv.
type AccountTenure struct {
	Missing bool `json:"missing"` // the export has no SubscriptionHistory table
	// Months are the completed calendar months from the first Subscription
	// Opened Ts to the last Subscription Closed Ts, or, while a
	// subscription is open, to the newest date in the export (the newest
	// Start Time of the chosen profiles in ViewingActivity.csv, or of the
	// subscription history itself when that is newer). Gaps between
	// subscriptions count.
	Months        int64 `json:"months"`
	Subscriptions int64 `json:"subscriptions"` // rows with a readable Opened Ts
	Open          bool  `json:"open"`          // the newest subscription has no Closed Ts
}

// DeviceClass is a coarse device category derived from the free-text
// Device Type (see classifyDevice). Raw device strings never leave the extractor.
type DeviceClass string

// The device classes, in the order by_device lists them.
const (
	DeviceTV        DeviceClass = "tv"
	DeviceSetTopBox DeviceClass = "set_top_box"
	DeviceConsole   DeviceClass = "console"
	DeviceComputer  DeviceClass = "computer"
	DevicePhone     DeviceClass = "phone"
	DeviceTablet    DeviceClass = "tablet"
	DeviceOther     DeviceClass = "other"
)

// DeviceClasses returns every DeviceClass in by_device order.
func DeviceClasses() []DeviceClass {
	order := deviceOrder()
	return order[:]
}

// numDeviceClasses is the number of device classes.
const numDeviceClasses = 7

// deviceOrder returns the device classes in by_device order, as an array
// the hot path can index without allocating.
func deviceOrder() [numDeviceClasses]DeviceClass {
	return [...]DeviceClass{DeviceTV, DeviceSetTopBox, DeviceConsole, DeviceComputer, DevicePhone, DeviceTablet, DeviceOther}
}

// JSON returns the summary's canonical JSON: encoding/json in field order,
// without trailing newline. The browser engine returns these same bytes.
func (s *Summary) JSON() ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, codes.Wrap(codes.Internal, err, "cannot encode the summary")
	}
	return b, nil
}
