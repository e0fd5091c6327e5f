package extractor

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/csvscan"
)

// ProfileInfo describes one profile for the participant's own choice on
// screen: its real name and what a summary of it alone would count. It
// is never part of a Summary.
type ProfileInfo struct {
	Pseudonym string `json:"pseudonym"` // P1, P2, ... in order of first appearance
	Name      string `json:"name"`
	Rows      int64  `json:"rows"`      // rows of any kind
	Views     int64  `json:"views"`     // rows counted as views, as the summary counts them
	Seconds   int64  `json:"seconds"`   // their durations
	FirstDay  string `json:"first_day"` // local date of the first view, "" without views
	LastDay   string `json:"last_day"`  // local date of the last view, "" without views
}

// Profiles lists the profiles in order of first appearance, with their
// real names and their figures by the summary's rules (a profile's views
// here are the views its summary would count). An Aggregates without any
// row is codes.Empty; one whose rows can mostly not be read is
// codes.UnreadableRows.
func (a *Aggregates) Profiles() ([]ProfileInfo, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	if err := a.checkTable(); err != nil {
		return nil, err
	}
	out := make([]ProfileInfo, len(a.profiles))
	for i, p := range a.profiles {
		f := &p.fig
		out[i] = ProfileInfo{
			Pseudonym: pseudonym(i), Name: csvscan.Text([]byte(p.name)),
			Rows: int64(f.rows), Views: int64(f.views), Seconds: int64(f.seconds),
		}
		if f.viewDays.ok {
			out[i].FirstDay, out[i].LastDay = formatDay(f.viewDays.first), formatDay(f.viewDays.last)
		}
	}
	return out, nil
}

// check refuses aggregates without rows: there is nothing to list or
// summarise.
func (a *Aggregates) check() error {
	if len(a.profiles) == 0 {
		return errNoRows()
	}
	return nil
}

// checkTable refuses a table whose rows can mostly not be read
// (checkReadable over every profile), so that the participant is told
// before choosing a profile.
func (a *Aggregates) checkTable() error {
	var rows, malformed sum
	for _, p := range a.profiles {
		rows += p.fig.rows
		malformed += p.fig.malformed
	}
	if 2*malformed > rows {
		return errUnreadableRows(int64(malformed), int64(rows))
	}
	return nil
}

// Summary builds the summary of the chosen profiles: names as Profiles
// lists them, or none or ["all"] for every profile (Options.Profiles).
// Only the chosen profiles' figures enter it; the others are only
// counted (Summary.Profiles). A name that matches no profile is
// codes.BadOptions. It can be called again with another choice.
func (a *Aggregates) Summary(profiles []string) (s *Summary, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, internalError(r)
		}
	}()
	if err := a.check(); err != nil {
		return nil, err
	}
	chosen, err := a.choose(profiles)
	if err != nil {
		return nil, err
	}
	// One profile's figures are used as they are; several are merged
	// into new figures. Binge sessions never join two profiles, so they
	// are found per profile and added up.
	fig := &chosen[0].fig
	if len(chosen) > 1 {
		fig = &figures{titles: titleTable{combined: true}}
		for _, p := range chosen {
			fig.merge(&p.fig)
		}
	}
	if err := checkReadable(fig); err != nil {
		return nil, err
	}
	var binge Binge
	for _, p := range chosen {
		bingeSessions(&p.fig.titles, &binge)
	}
	s = a.summary(fig, binge)
	s.Profiles = Profiles{Count: int64(len(a.profiles)), Selected: int64(len(chosen))}
	if a.account != nil {
		names := make(map[string]bool, len(chosen))
		for _, p := range chosen {
			names[csvscan.Text([]byte(p.name))] = true
		}
		all := len(chosen) == len(a.profiles)
		// The chosen profiles' newest view, not the household's: a
		// figure must not move when a profile that was not chosen watched.
		var newest latest
		for _, p := range chosen {
			newest.merge(&p.fig.newest)
		}
		s.Account = a.account.account(func(name string) bool { return all || (name != "" && names[name]) }, newest, a.cfg.loc)
	}
	return s, nil
}

// choose returns the chosen profiles in order of first appearance.
func (a *Aggregates) choose(names []string) ([]*profileAgg, error) {
	if len(names) == 0 || len(names) == 1 && names[0] == "all" {
		return a.profiles, nil
	}
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	var out []*profileAgg
	for _, p := range a.profiles {
		// Names are compared as Profiles shows them.
		if want[csvscan.Text([]byte(p.name))] {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, codes.New(codes.BadOptions, "none of the chosen profiles has rows in ViewingActivity.csv")
	}
	return out, nil
}

// summary assembles the Summary of fig.
func (a *Aggregates) summary(fig *figures, binge Binge) *Summary {
	s := &Summary{
		Schema: SchemaVersion,
		Totals: Totals{
			Views: int64(fig.views), Seconds: int64(fig.seconds), ActiveDays: int64(len(fig.days)),
			HiddenViews: int64(fig.hiddenViews), AutoplayViews: int64(fig.autoplayViews), AutoplaySeconds: int64(fig.autoplaySeconds),
		},
		ByMonth:            make([]MonthStat, len(fig.months.buckets)),
		WeekdayHourSeconds: fig.hours,
		ByDevice:           make([]DeviceStat, numDeviceClasses),
		Binge:              binge,
		Excluded:           fig.excluded(),
		RowsTotal:          int64(fig.rows),
		LenientRows:        int64(fig.lenient),
		Source:             a.source,
		Options:            a.optionsUsed(),
	}
	if s.Source.Files == nil {
		s.Source.Files = []string{}
	}
	s.Source.DateOrder, s.Source.DateOrderAssumed = a.dateOrderUsed(fig)
	if fig.newest.ok {
		s.Source.NewestDay = formatDay(a.clock.day(fig.newest.v))
	}
	if fig.viewDays.ok {
		s.Totals.FirstDay, s.Totals.LastDay = formatDay(fig.viewDays.first), formatDay(fig.viewDays.last)
	}
	for i, m := range fig.months.buckets {
		s.ByMonth[i] = MonthStat{Month: formatMonth(fig.months.base + int64(i)), Views: m.views, Seconds: m.seconds}
	}
	for i, c := range deviceOrder() {
		s.ByDevice[i] = DeviceStat{Class: c, Views: fig.devices[i].views, Seconds: fig.devices[i].seconds}
	}
	s.Totals.Titles = int64(len(fig.titles.stats))
	for _, st := range fig.titles.stats {
		if st.key.kind == KindSeries {
			s.Totals.Series++
		} else {
			s.Totals.Movies++
		}
	}
	s.Titles = a.titleList(&fig.titles)
	return s
}

// titleList returns the titles per Options.Titles, by seconds descending,
// then name and kind ascending so that the order is total.
func (a *Aggregates) titleList(t *titleTable) []TitleStat {
	if a.cfg.titles == TitlesNone {
		return []TitleStat{}
	}
	order := make([]int, len(t.stats))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		sx, sy := &t.stats[x], &t.stats[y]
		if c := cmp.Compare(sy.seconds, sx.seconds); c != 0 {
			return c
		}
		if c := cmp.Compare(sx.key.name, sy.key.name); c != 0 {
			return c
		}
		return cmp.Compare(sx.key.kind, sy.key.kind)
	})
	if a.cfg.titles == TitlesTop && len(order) > a.cfg.top {
		order = order[:a.cfg.top]
	}
	out := make([]TitleStat, len(order))
	for i, j := range order {
		st := &t.stats[j]
		out[i] = TitleStat{
			Name: st.key.name, Kind: st.key.kind,
			Views: st.views, Seconds: st.seconds, Episodes: int64(len(st.episodes)),
			FirstMonth: formatMonth(st.firstMonth), LastMonth: formatMonth(st.lastMonth),
		}
	}
	return out
}

// optionsUsed records the options.
func (a *Aggregates) optionsUsed() OptionsUsed {
	o := a.cfg.opts
	return OptionsUsed{
		TimeZone: a.cfg.zoneName, MinSeconds: o.MinSeconds,
		From: o.From, To: o.To, Titles: o.Titles, Top: o.Top,
	}
}

// pseudonym names the i-th profile (0-based) P1, P2, ...
func pseudonym(i int) string {
	return "P" + strconv.Itoa(i+1)
}
