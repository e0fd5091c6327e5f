package extractor

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The account-level blocks Options.Account can ask for, by JSON name.
const (
	AccountProfilesBlock = "profiles" // number of profiles and of kids profiles
	AccountSearchesBlock = "searches" // searches per month (counts only)
	AccountRatingsBlock  = "ratings"  // ratings per month by thumbs value, and star ratings
	AccountMyListBlock   = "my_list"  // My List additions per month
	AccountTenureBlock   = "tenure"   // membership length in months
)

// AccountBlocks lists every valid name for Options.Account, in the order
// the blocks appear in Account. Extract refuses other names with
// CodeBadOptions.
var AccountBlocks = []string{AccountProfilesBlock, AccountSearchesBlock, AccountRatingsBlock, AccountMyListBlock, AccountTenureBlock}

// validateAccountBlocks checks that every name in blocks is in AccountBlocks.
func validateAccountBlocks(blocks []string) error {
	for _, b := range blocks {
		if !slices.Contains(AccountBlocks, b) {
			return newError(CodeBadOptions, "unknown account block %q", b)
		}
	}
	return nil
}

// readAccount reads the opt-in account-level blocks named in blocks from
// the export's smaller tables. Local months are taken in cfg's zone, and
// per-profile tables count the rows of the profiles cfg selects. It
// returns nil for no blocks, and CodeBadOptions for an unknown block name.
func readAccount(ctx context.Context, files FileSet, blocks []string, cfg *config) (*Account, error) {
	if len(blocks) == 0 {
		return nil, nil
	}
	if err := validateAccountBlocks(blocks); err != nil {
		return nil, err
	}
	loc := cfg.loc
	if loc == nil {
		loc = time.UTC
	}
	a := &Account{}
	var err error
	if slices.Contains(blocks, AccountProfilesBlock) {
		if a.Profiles, err = readAccountProfiles(ctx, files, cfg); err != nil {
			return nil, err
		}
	}
	if slices.Contains(blocks, AccountSearchesBlock) {
		if a.Searches, err = readAccountSearches(ctx, files, cfg, loc); err != nil {
			return nil, err
		}
	}
	if slices.Contains(blocks, AccountRatingsBlock) {
		if a.Ratings, err = readAccountRatings(ctx, files, cfg, loc); err != nil {
			return nil, err
		}
	}
	if slices.Contains(blocks, AccountMyListBlock) {
		if a.MyList, err = readAccountMyList(ctx, files, cfg); err != nil {
			return nil, err
		}
	}
	if slices.Contains(blocks, AccountTenureBlock) {
		if a.Tenure, err = readAccountTenure(ctx, files, loc); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// profileRow is the schema of PROFILES/Profiles.csv as far as the summary
// reads it. Netflix has written the kids status as a Maturity Level
// (numeric until 2022, LITTLE_KIDS/OLDER_KIDS/TEENS/ADULTS since); the
// flag columns cover files that state it directly.
type profileRow struct {
	Profile     string `csv:"Profile Name"`
	Maturity    string `csv:"Maturity Level"`
	IsKids      string `csv:"Is Kids"`
	KidsProfile string `csv:"Kids Profile"`
}

// readAccountProfiles counts every profile, but tells kids profiles only
// among the chosen ones: whether another household member is a child is
// not the participant's to share.
func readAccountProfiles(ctx context.Context, files FileSet, cfg *config) (*AccountProfiles, error) {
	p := &AccountProfiles{}
	found, err := readAccountTable(ctx, files, "Profiles", func(rows []profileRow) {
		for _, r := range rows {
			p.Count++
			if !cfg.selectsAccountRow(r.Profile) {
				continue
			}
			switch accountKids(r) {
			case accountYes:
				p.Kids++
			case accountUnknown:
				p.UnknownMaturity++
			}
		}
	})
	p.Missing = !found
	return p, err
}

const (
	accountNo = iota
	accountYes
	accountUnknown
)

// accountKids tells whether a profile row is a kids profile.
func accountKids(r profileRow) int {
	for _, flag := range []string{r.IsKids, r.KidsProfile} {
		switch strings.ToLower(strings.TrimSpace(flag)) {
		case "1", "true", "yes":
			return accountYes
		case "0", "false", "no":
			return accountNo
		}
	}
	level := strings.ToUpper(strings.TrimSpace(r.Maturity))
	switch {
	case strings.Contains(level, "KIDS"):
		return accountYes
	case level == "" || level == "NULL" || level == "-1":
		return accountUnknown
	case level[0] >= '0' && level[0] <= '9':
		return accountUnknown // numeric levels are not documented
	}
	return accountNo
}

// searchRow is the schema of CONTENT_INTERACTION/SearchHistory.csv as far
// as the summary reads it: the time alone, never what was typed.
type searchRow struct {
	Profile string `csv:"Profile Name"`
	Time    string `csv:"Utc Timestamp"`
}

func readAccountSearches(ctx context.Context, files FileSet, cfg *config, loc *time.Location) (*AccountCounts, error) {
	c := newAccountCounter()
	found, err := readAccountTable(ctx, files, "SearchHistory", func(rows []searchRow) {
		for _, r := range rows {
			if !cfg.selectsAccountRow(r.Profile) {
				continue
			}
			c.add(accountMonth(r.Time, loc))
		}
	})
	return c.result(found), err
}

// myListRow is the schema of CONTENT_INTERACTION/MyList.csv as far as the
// summary reads it.
type myListRow struct {
	Profile string `csv:"Profile Name"`
	Added   string `csv:"Utc Title Add Date"`
}

// readAccountMyList counts My List additions by the month written in the
// file: the date has no time of day, so it is not moved to another zone.
func readAccountMyList(ctx context.Context, files FileSet, cfg *config) (*AccountCounts, error) {
	c := newAccountCounter()
	found, err := readAccountTable(ctx, files, "MyList", func(rows []myListRow) {
		for _, r := range rows {
			if !cfg.selectsAccountRow(r.Profile) {
				continue
			}
			c.add(accountMonth(r.Added, time.UTC))
		}
	})
	return c.result(found), err
}

// accountCounter counts dated rows per month.
type accountCounter struct {
	total, undated int64
	months         map[string]int64
}

func newAccountCounter() *accountCounter { return &accountCounter{months: map[string]int64{}} }

// add counts a row of month ("" when undated).
func (c *accountCounter) add(month string) {
	c.total++
	if month == "" {
		c.undated++
		return
	}
	c.months[month]++
}

func (c *accountCounter) result(found bool) *AccountCounts {
	out := &AccountCounts{Missing: !found, Total: c.total, Undated: c.undated, ByMonth: []MonthCount{}}
	for _, m := range accountSortedKeys(c.months) {
		out.ByMonth = append(out.ByMonth, MonthCount{Month: m, Count: c.months[m]})
	}
	return out
}

// ratingRow is the schema of CONTENT_INTERACTION/Ratings.csv as far as the
// summary reads it: no title, no device.
type ratingRow struct {
	Profile string `csv:"Profile Name"`
	Type    string `csv:"Rating Type"`
	Star    string `csv:"Star Value"`
	Thumbs  string `csv:"Thumbs Value"`
	Time    string `csv:"Event Utc Ts"`
}

// The kinds of rating, as indexes of accountRatingCounts.
const (
	ratingThumbsDown = iota
	ratingThumbsUp
	ratingTwoThumbsUp
	ratingStars
	ratingOther
)

type accountRatingCounts [ratingOther]int64

// ratingKind classifies a rating row. A "star" row is a star rating when
// its Star Value is 1 to 5 (Netflix writes 0 for deleted, -1 for not
// interested, -2 for not seen); a "thumb" row by its Thumbs Value (0 not
// rated, 1 down, 2 up, 3 two thumbs up). Rows without a type are judged by
// the value they carry.
func ratingKind(r ratingRow) int {
	typ := strings.ToLower(strings.TrimSpace(r.Type))
	star, starOK := accountInt(r.Star)
	thumbs, thumbsOK := accountInt(r.Thumbs)
	if typ == "star" || (typ == "" && starOK && !thumbsOK) {
		if starOK && star >= 1 && star <= 5 {
			return ratingStars
		}
		return ratingOther
	}
	if typ == "thumb" || typ == "thumbs" || (typ == "" && thumbsOK) {
		switch {
		case !thumbsOK:
		case thumbs == 1:
			return ratingThumbsDown
		case thumbs == 2:
			return ratingThumbsUp
		case thumbs == 3:
			return ratingTwoThumbsUp
		}
	}
	return ratingOther
}

func readAccountRatings(ctx context.Context, files FileSet, cfg *config, loc *time.Location) (*AccountRatings, error) {
	out := &AccountRatings{ByMonth: []RatingMonth{}}
	months := map[string]*accountRatingCounts{}
	found, err := readAccountTable(ctx, files, "Ratings", func(rows []ratingRow) {
		for _, r := range rows {
			if !cfg.selectsAccountRow(r.Profile) {
				continue
			}
			out.Total++
			kind := ratingKind(r)
			switch kind {
			case ratingThumbsDown:
				out.ThumbsDown++
			case ratingThumbsUp:
				out.ThumbsUp++
			case ratingTwoThumbsUp:
				out.TwoThumbsUp++
			case ratingStars:
				out.Stars++
			default:
				out.Other++
				continue
			}
			m := accountMonth(r.Time, loc)
			if m == "" {
				out.Undated++
				continue
			}
			if months[m] == nil {
				months[m] = &accountRatingCounts{}
			}
			months[m][kind]++
		}
	})
	out.Missing = !found
	for _, m := range accountSortedKeys(months) {
		c := months[m]
		out.ByMonth = append(out.ByMonth, RatingMonth{Month: m, ThumbsDown: c[ratingThumbsDown],
			ThumbsUp: c[ratingThumbsUp], TwoThumbsUp: c[ratingTwoThumbsUp], Stars: c[ratingStars]})
	}
	return out, err
}

// subscriptionRow is the schema of ACCOUNT/SubscriptionHistory.csv as far
// as the summary reads it: no plan, no price, no cancellation reason.
type subscriptionRow struct {
	Opened string `csv:"Subscription Opened Ts"`
	Closed string `csv:"Subscription Closed Ts"`
}

func readAccountTenure(ctx context.Context, files FileSet, loc *time.Location) (*AccountTenure, error) {
	out := &AccountTenure{}
	var first, lastOpened, lastClosed, newest time.Time
	lastOpenEnded := true
	found, err := readAccountTable(ctx, files, "SubscriptionHistory", func(rows []subscriptionRow) {
		for _, r := range rows {
			opened, ok := accountTime(r.Opened)
			if !ok {
				continue
			}
			out.Subscriptions++
			closed, closedOK := accountTime(r.Closed)
			if first.IsZero() || opened.Before(first) {
				first = opened
			}
			if !opened.Before(lastOpened) { // the newest subscription decides Open
				lastOpened, lastOpenEnded = opened, closedOK
			}
			for _, t := range []time.Time{opened, closed} {
				if t.After(newest) {
					newest = t
				}
			}
			if closedOK && closed.After(lastClosed) {
				lastClosed = closed
			}
		}
	})
	out.Missing = !found
	if err != nil || out.Subscriptions == 0 {
		return out, err
	}
	end := lastClosed
	if !lastOpenEnded {
		out.Open = true
		end = newest
		va, err := accountNewestView(ctx, files)
		if err != nil {
			return nil, err
		}
		if va.After(end) {
			end = va
		}
	}
	out.Months = accountMonthsBetween(first.In(loc), end.In(loc))
	return out, nil
}

// accountNewestView returns the newest Start Time of ViewingActivity.csv,
// the best stand-in for the day of the export; the zero time when there is
// none or the table cannot be understood. This one column of a possibly
// large table is scanned with a reused record rather than mapped by gocsv,
// which would cost a reflective call per row.
func accountNewestView(ctx context.Context, files FileSet) (time.Time, error) {
	name, ok := FindFile(files, "ViewingActivity")
	if !ok || strings.HasSuffix(strings.ToLower(name), ".txt") {
		return time.Time{}, nil
	}
	cr, rc, err := openAccountCSV(files, name, "ViewingActivity")
	if err != nil {
		return time.Time{}, err
	}
	defer rc.Close()
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return time.Time{}, nil // empty or unreadable: Extract reports it
	}
	col := slices.IndexFunc(header, func(h string) bool { return strings.EqualFold(accountHeaderName(h), "Start Time") })
	if col < 0 {
		return time.Time{}, nil
	}
	var newest int64
	seen := false
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return time.Time{}, accountReadError(err, "ViewingActivity")
		}
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return time.Time{}, err
			}
		}
		if col >= len(rec) {
			continue
		}
		// A ","-separated table (all this reader splits) with day-and-month
		// dates is read month first, as the extractor assumes without evidence.
		if unix, _, ok := parseStartTime([]byte(rec[col]), monthFirst); ok && (!seen || unix > newest) {
			newest, seen = unix, true
		}
	}
	if !seen {
		return time.Time{}, nil
	}
	return time.Unix(newest, 0).UTC(), nil
}

// accountMonthsBetween returns the completed calendar months from a to b
// (0 when b is before a).
func accountMonthsBetween(a, b time.Time) int64 {
	months := int64(b.Year()-a.Year())*12 + int64(b.Month()-a.Month())
	if b.Day() < a.Day() || (b.Day() == a.Day() && accountClock(b) < accountClock(a)) {
		months--
	}
	return max(months, 0)
}

func accountClock(t time.Time) int {
	h, m, s := t.Clock()
	return (h*60+m)*60 + s
}

// accountTime parses a date or time of an account table: "2022-01-25
// 06:55:43" (SearchHistory, Ratings), "2022-01-25" (MyList),
// "2013-07-28 19:40:08.133+0000" and "…08.133" (SubscriptionHistory), and
// RFC 3339 forms. A time without a zone is UTC, as Netflix documents.
func accountTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || len(s) > 40 {
		return time.Time{}, false
	}
	layouts := [...]string{
		"2006-01-02 15:04:05.999999999-0700",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04:05.999999999Z07:00",
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04",
		"2006-01-02",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// accountMonth returns the local month YYYY-MM of a date or time, "" when
// it cannot be read. Years outside 1997-9999 (before Netflix existed)
// count as unreadable.
func accountMonth(s string, loc *time.Location) string {
	t, ok := accountTime(s)
	if !ok {
		return ""
	}
	t = t.In(loc)
	if t.Year() < 1997 || t.Year() > 9999 {
		return ""
	}
	return t.Format("2006-01")
}

// accountInt parses a small integer cell.
func accountInt(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// accountSortedKeys returns the keys of m in ascending order.
func accountSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
