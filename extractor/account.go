package extractor

import (
	"context"

	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// The account-level blocks Options.Account can ask for, by JSON name.
const (
	AccountProfilesBlock = "profiles" // number of profiles and of kids profiles
	AccountSearchesBlock = "searches" // searches per month (counts only)
	AccountRatingsBlock  = "ratings"  // ratings per month by thumbs value, and star ratings
	AccountMyListBlock   = "my_list"  // My List additions per month
	AccountTenureBlock   = "tenure"   // membership length in months
)

// AccountBlocks returns every valid name for Options.Account, in the
// order the blocks appear in Account. Read refuses other names with
// codes.BadOptions.
func AccountBlocks() []string {
	return []string{AccountProfilesBlock, AccountSearchesBlock, AccountRatingsBlock, AccountMyListBlock, AccountTenureBlock}
}

// validateAccountBlocks checks that every name in blocks is in AccountBlocks.
func validateAccountBlocks(blocks []string) error {
	for _, b := range blocks {
		if !slices.Contains(AccountBlocks(), b) {
			return codes.New(codes.BadOptions, "unknown account block %q", b)
		}
	}
	return nil
}

// accountFigures are the account tables opts.Account asks for, read once
// per Read (by the range that begins at the first row) and kept per
// profile where a table names profiles, so that the account blocks of any
// choice of profiles come from them (account) without reading again.
type accountFigures struct {
	blocks           []string
	profiles         accountProfiles
	searches, myList accountTable[*accountCounter]
	ratings          accountTable[*accountRatings]
	tenure           accountTenure
}

// accountTable is a per-profile account table: its figures by the Profile
// Name of its rows, and whether the export has it at all.
type accountTable[T any] struct {
	found     bool
	byProfile map[string]T
}

// of returns the figures of profile name, making them with fresh on first sight.
func (t *accountTable[T]) of(name string, fresh func() T) T {
	if t.byProfile == nil {
		t.byProfile = make(map[string]T)
	}
	v, ok := t.byProfile[name]
	if !ok {
		v = fresh()
		t.byProfile[name] = v
	}
	return v
}

// readAccountFigures reads the account tables named in blocks (from
// AccountBlocks). Local months are taken in loc.
func readAccountFigures(ctx context.Context, files input.FileSet, blocks []string, loc *time.Location) (*accountFigures, error) {
	if err := validateAccountBlocks(blocks); err != nil {
		return nil, err
	}
	f := &accountFigures{blocks: blocks}
	var err error
	if slices.Contains(blocks, AccountProfilesBlock) {
		err = f.profiles.read(ctx, files)
	}
	if err == nil && slices.Contains(blocks, AccountSearchesBlock) {
		f.searches.found, err = readAccountTable(ctx, files, "SearchHistory", func(rows []searchRow) {
			for _, r := range rows {
				f.searches.of(r.Profile, newAccountCounter).add(accountMonth(r.Time, loc))
			}
		})
	}
	if err == nil && slices.Contains(blocks, AccountRatingsBlock) {
		f.ratings.found, err = readAccountTable(ctx, files, "Ratings", func(rows []ratingRow) {
			for _, r := range rows {
				f.ratings.of(r.Profile, newAccountRatings).add(r, loc)
			}
		})
	}
	if err == nil && slices.Contains(blocks, AccountMyListBlock) {
		// The date has no time of day, so it is not moved to another zone.
		f.myList.found, err = readAccountTable(ctx, files, "MyList", func(rows []myListRow) {
			for _, r := range rows {
				f.myList.of(r.Profile, newAccountCounter).add(accountMonth(r.Added, time.UTC))
			}
		})
	}
	if err == nil && slices.Contains(blocks, AccountTenureBlock) {
		err = f.tenure.read(ctx, files)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// account returns the blocks asked for, for the profiles selects chooses.
// newestView is the newest Start Time of ViewingActivity.csv (any
// profile: it stands for the day of the export), which ends an open
// membership.
func (f *accountFigures) account(selects func(name string) bool, newestView latest, loc *time.Location) *Account {
	a := &Account{}
	if slices.Contains(f.blocks, AccountProfilesBlock) {
		a.Profiles = f.profiles.result(selects)
	}
	if slices.Contains(f.blocks, AccountSearchesBlock) {
		a.Searches = countsOf(&f.searches, selects)
	}
	if slices.Contains(f.blocks, AccountRatingsBlock) {
		a.Ratings = ratingsOf(&f.ratings, selects)
	}
	if slices.Contains(f.blocks, AccountMyListBlock) {
		a.MyList = countsOf(&f.myList, selects)
	}
	if slices.Contains(f.blocks, AccountTenureBlock) {
		a.Tenure = f.tenure.result(newestView, loc)
	}
	return a
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

// accountProfiles counts the rows of PROFILES/Profiles.csv and keeps the
// kids status of each profile: every profile is counted, but kids
// profiles are told only among the chosen ones, since whether another
// household member is a child is not the participant's to share.
type accountProfiles struct {
	found bool
	count int64
	kids  map[string]int // profile name -> accountNo, accountYes or accountUnknown
}

func (p *accountProfiles) read(ctx context.Context, files input.FileSet) (err error) {
	p.kids = make(map[string]int)
	p.found, err = readAccountTable(ctx, files, "Profiles", func(rows []profileRow) {
		for _, r := range rows {
			p.count++
			p.kids[r.Profile] = accountKids(r)
		}
	})
	return err
}

func (p *accountProfiles) result(selects func(string) bool) *AccountProfiles {
	out := &AccountProfiles{Missing: !p.found, Count: p.count}
	for name, k := range p.kids {
		if !selects(name) {
			continue
		}
		switch k {
		case accountYes:
			out.Kids++
		case accountUnknown:
			out.UnknownMaturity++
		}
	}
	return out
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

// myListRow is the schema of CONTENT_INTERACTION/MyList.csv as far as the
// summary reads it.
type myListRow struct {
	Profile string `csv:"Profile Name"`
	Added   string `csv:"Utc Title Add Date"`
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

// countsOf adds up the counters of the chosen profiles of t.
func countsOf(t *accountTable[*accountCounter], selects func(string) bool) *AccountCounts {
	all := newAccountCounter()
	for name, c := range t.byProfile {
		if !selects(name) {
			continue
		}
		all.total += c.total
		all.undated += c.undated
		for m, n := range c.months {
			all.months[m] += n
		}
	}
	out := &AccountCounts{Missing: !t.found, Total: all.total, Undated: all.undated, ByMonth: []MonthCount{}}
	for _, m := range accountSortedKeys(all.months) {
		out.ByMonth = append(out.ByMonth, MonthCount{Month: m, Count: all.months[m]})
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

// accountRatings counts one profile's ratings by kind, and by month for
// the kinds the summary lists.
type accountRatings struct {
	total, undated int64
	kinds          [ratingOther + 1]int64
	months         map[string]*accountRatingCounts
}

func newAccountRatings() *accountRatings {
	return &accountRatings{months: map[string]*accountRatingCounts{}}
}

func (a *accountRatings) add(r ratingRow, loc *time.Location) {
	a.total++
	kind := ratingKind(r)
	a.kinds[kind]++
	if kind == ratingOther {
		return
	}
	m := accountMonth(r.Time, loc)
	if m == "" {
		a.undated++
		return
	}
	if a.months[m] == nil {
		a.months[m] = &accountRatingCounts{}
	}
	a.months[m][kind]++
}

// ratingsOf adds up the ratings of the chosen profiles of t.
func ratingsOf(t *accountTable[*accountRatings], selects func(string) bool) *AccountRatings {
	out := &AccountRatings{Missing: !t.found, ByMonth: []RatingMonth{}}
	months := map[string]*accountRatingCounts{}
	for name, a := range t.byProfile {
		if !selects(name) {
			continue
		}
		out.Total += a.total
		out.Undated += a.undated
		out.ThumbsDown += a.kinds[ratingThumbsDown]
		out.ThumbsUp += a.kinds[ratingThumbsUp]
		out.TwoThumbsUp += a.kinds[ratingTwoThumbsUp]
		out.Stars += a.kinds[ratingStars]
		out.Other += a.kinds[ratingOther]
		for m, c := range a.months {
			if months[m] == nil {
				months[m] = &accountRatingCounts{}
			}
			for k := range c {
				months[m][k] += c[k]
			}
		}
	}
	for _, m := range accountSortedKeys(months) {
		c := months[m]
		out.ByMonth = append(out.ByMonth, RatingMonth{Month: m, ThumbsDown: c[ratingThumbsDown],
			ThumbsUp: c[ratingThumbsUp], TwoThumbsUp: c[ratingTwoThumbsUp], Stars: c[ratingStars]})
	}
	return out
}

// subscriptionRow is the schema of ACCOUNT/SubscriptionHistory.csv as far
// as the summary reads it: no plan, no price, no cancellation reason.
type subscriptionRow struct {
	Opened string `csv:"Subscription Opened Ts"`
	Closed string `csv:"Subscription Closed Ts"`
}

// accountTenure holds what SubscriptionHistory.csv says of the membership.
type accountTenure struct {
	found                         bool
	subscriptions                 int64
	first, lastOpened, lastClosed time.Time
	newest                        time.Time // the newest time in the table
	lastOpenEnded                 bool      // the newest subscription has a Closed Ts
}

func (t *accountTenure) read(ctx context.Context, files input.FileSet) (err error) {
	t.lastOpenEnded = true
	t.found, err = readAccountTable(ctx, files, "SubscriptionHistory", func(rows []subscriptionRow) {
		for _, r := range rows {
			opened, ok := accountTime(r.Opened)
			if !ok {
				continue
			}
			t.subscriptions++
			closed, closedOK := accountTime(r.Closed)
			if t.first.IsZero() || opened.Before(t.first) {
				t.first = opened
			}
			if !opened.Before(t.lastOpened) { // the newest subscription decides Open
				t.lastOpened, t.lastOpenEnded = opened, closedOK
			}
			for _, v := range []time.Time{opened, closed} {
				if v.After(t.newest) {
					t.newest = v
				}
			}
			if closedOK && closed.After(t.lastClosed) {
				t.lastClosed = closed
			}
		}
	})
	return err
}

// result returns the block; an open membership lasts until the newest
// date of the export (newestView, the chosen profiles' newest Start Time,
// or the subscription history's own newest date).
func (t *accountTenure) result(newestView latest, loc *time.Location) *AccountTenure {
	out := &AccountTenure{Missing: !t.found, Subscriptions: t.subscriptions}
	if t.subscriptions == 0 {
		return out
	}
	end := t.lastClosed
	if !t.lastOpenEnded {
		out.Open = true
		end = t.newest
		if va := time.Unix(newestView.v, 0).UTC(); newestView.ok && va.After(end) {
			end = va
		}
	}
	out.Months = accountMonthsBetween(t.first.In(loc), end.In(loc))
	return out
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
