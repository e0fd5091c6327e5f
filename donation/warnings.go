//go:build !(js && wasm)

// Donations are read on the researcher's machine (netflix-summary
// collect), never in the participant's browser: leaving this file out of
// the WebAssembly engine keeps the JSON Schema validator out of its
// download.

package donation

import (
	"cmp"
	"fmt"
	"time"

	"github.com/netflix-donation/widget/extractor"
	// Time zone names are checked against the IANA database the
	// extractor embeds, not against the machine's.
	_ "time/tzdata"
)

// Warning is one invariant of the format that a donation breaks although
// its checksum matches: the widget never writes such a donation, so it
// was made or edited by something else and then checksummed again, or a
// widget had a bug. Its figures may still be usable; a researcher
// decides.
type Warning struct {
	Code string // one of WarningCodes
	Msg  string // what exactly, in English
}

// WarningCodes returns every warning code with what it means, in the
// order the checks run. The codebook lists them.
func WarningCodes() []struct{ Code, Meaning string } {
	return []struct{ Code, Meaning string }{
		{"rows_total", "rows_total is not totals.views plus the sum of excluded"},
		{"titles_total", "totals.titles is not totals.series plus totals.movies"},
		{"totals", "a part of the totals exceeds its whole (hidden or autoplayed views above views, active days above views), or views and first_day/last_day disagree"},
		{"months_total", "the months of by_month do not sum to totals.views and totals.seconds"},
		{"months_range", "by_month is not every month from the month of first_day to that of last_day, ascending"},
		{"weekday_hour_total", "weekday_hour_seconds does not sum to totals.seconds"},
		{"devices_total", "by_device does not list each device class once, in order, summing to totals.views and totals.seconds"},
		{"titles_list", "the title list disagrees with the totals and the options: more rows than the title detail allows, rows plus titles_removed plus titles_dropped_for_size not the titles asked for, out of order, or a title's months outside the views' months"},
		{"binge", "binge figures exceed the views they are part of"},
		{"profiles", "profiles.selected is not between 1 and profiles.count"},
		{"account", "an account block's parts do not sum to its total"},
		{"block_missing", "sharing.blocks lists a block the donation does not hold"},
		{"block_unlisted", "the donation holds a block sharing.blocks does not list"},
		{"time_zone", "options.time_zone is not an IANA time zone name"},
		{"bad_date", "a date or month does not exist on the calendar (such as 2023-02-30)"},
		{"date_order", "dates are out of order: first_day after last_day, last_day after source.newest_day, from after to, or views outside from..to"},
		{"over_budget", "the stored JSON is longer than sharing.max_bytes"},
		{"not_stored", "the participation status says the participant shared or declined, but the survey field holds no donation"},
		{"status_behind", "the survey field holds a donation or a decline, but the participation status stops at an earlier step"},
		{"bad_status", "the participation status field holds something that is not a valid status"},
	}
}

// Warnings checks the invariants the format's documentation states
// (docs/netflix-summary.schema.json) between the blocks the donation
// holds, and returns what they contradict, in WarningCodes order with
// one warning per code. A block that was not shared is not checked.
func (d *Donation) Warnings() []Warning {
	var out []Warning
	warn := func(code, format string, args ...any) {
		if len(out) > 0 && out[len(out)-1].Code == code {
			return
		}
		out = append(out, Warning{Code: code, Msg: fmt.Sprintf(format, args...)})
	}
	t := d.Totals
	if t != nil {
		if want := t.Views + d.Excluded.Sum(); d.RowsTotal != want {
			warn("rows_total", "rows_total is %d, views plus excluded %d", d.RowsTotal, want)
		}
		if t.Titles != t.Series+t.Movies {
			warn("titles_total", "titles is %d, series plus movies %d", t.Titles, t.Series+t.Movies)
		}
		if t.HiddenViews > t.Views || t.AutoplayViews > t.Views || t.AutoplaySeconds > t.Seconds || t.ActiveDays > t.Views ||
			(t.Views > 0) != (t.FirstDay != "") || (t.Views > 0) != (t.LastDay != "") || (t.Views > 0) != (t.ActiveDays > 0) {
			warn("totals", "totals contradict themselves")
		}
	}
	d.checkMonths(warn)
	if t != nil && d.WeekdayHourSeconds != nil {
		var sum int64
		for _, day := range d.WeekdayHourSeconds {
			for _, s := range day {
				sum += s
			}
		}
		if sum != t.Seconds {
			warn("weekday_hour_total", "weekday_hour_seconds sums to %d, totals.seconds is %d", sum, t.Seconds)
		}
	}
	if d.ByDevice != nil {
		var views, seconds int64
		classes := extractor.DeviceClasses()
		ok := len(d.ByDevice) == len(classes)
		for i, dv := range d.ByDevice {
			ok = ok && dv.Class == classes[i]
			views += dv.Views
			seconds += dv.Seconds
		}
		if !ok || (t != nil && (views != t.Views || seconds != t.Seconds)) {
			warn("devices_total", "by_device sums to %d views and %d seconds", views, seconds)
		}
	}
	d.checkTitles(warn)
	if b := d.Binge; b != nil {
		if b.Sessions*3 > b.Views || b.Longest > b.Views || (b.Sessions > 0 && b.Longest < 3) || (b.Sessions == 0) != (b.Views == 0) ||
			b.Seconds < 0 || (t != nil && (b.Views > t.Views || b.Seconds > t.Seconds)) || (b.Views == 0 && b.Seconds != 0) {
			warn("binge", "binge figures contradict each other or the totals")
		}
	}
	if p := d.Profiles; p != nil && (p.Selected < 1 || p.Selected > p.Count) {
		warn("profiles", "%d of %d profiles selected", p.Selected, p.Count)
	}
	d.checkAccount(warn)
	d.checkBlocks(warn)
	if _, err := loadZone(d.Options.TimeZone); err != nil {
		warn("time_zone", "time zone %q is not an IANA name", d.Options.TimeZone)
	}
	d.checkDates(warn)
	if m := d.Sharing.MaxBytes; m > 0 && d.Size > m {
		warn("over_budget", "%d bytes stored, max_bytes %d", d.Size, m)
	}
	return out
}

// loadZone loads an IANA zone as the extractor does: not "Local" (the
// machine's), and not "" (the extractor records UTC).
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("no zone")
	}
	return time.LoadLocation(name)
}

func (d *Donation) checkMonths(warn func(code, format string, args ...any)) {
	if d.ByMonth == nil {
		return
	}
	var views, seconds int64
	for _, m := range d.ByMonth {
		views += m.Views
		seconds += m.Seconds
	}
	t := d.Totals
	if t != nil && (views != t.Views || seconds != t.Seconds) {
		warn("months_total", "by_month sums to %d views and %d seconds, totals say %d and %d", views, seconds, t.Views, t.Seconds)
	}
	contiguous := true
	for i := 1; i < len(d.ByMonth); i++ {
		a, okA := parseMonth(d.ByMonth[i-1].Month)
		b, okB := parseMonth(d.ByMonth[i].Month)
		contiguous = contiguous && okA && okB && a.AddDate(0, 1, 0).Equal(b)
	}
	if t != nil && len(d.ByMonth) > 0 && t.FirstDay != "" && t.LastDay != "" {
		contiguous = contiguous && d.ByMonth[0].Month == monthOf(t.FirstDay) && d.ByMonth[len(d.ByMonth)-1].Month == monthOf(t.LastDay)
	}
	if t != nil && (len(d.ByMonth) == 0) != (t.Views == 0) {
		contiguous = false
	}
	if !contiguous {
		warn("months_range", "by_month is not every month from the first view's to the last view's")
	}
}

func (d *Donation) checkTitles(warn func(code, format string, args ...any)) {
	if d.Titles == nil {
		return
	}
	o, sh, t := d.Options, d.Sharing, d.Totals
	listed := int64(len(d.Titles) + sh.TitlesRemoved + sh.TitlesDroppedForSize)
	bad := false
	switch o.Titles {
	case extractor.TitlesNone:
		bad = listed != 0
	case extractor.TitlesTop:
		bad = listed > int64(o.Top) || (t != nil && listed != min(int64(o.Top), t.Titles))
	case extractor.TitlesAll:
		bad = t != nil && listed != t.Titles
	}
	var views int64
	for i, ti := range d.Titles {
		views += ti.Views
		if i > 0 {
			p := d.Titles[i-1]
			if c := cmp.Or(cmp.Compare(ti.Seconds, p.Seconds), cmp.Compare(p.Name, ti.Name), cmp.Compare(p.Kind, ti.Kind)); c > 0 {
				bad = true
			}
		}
		if ti.FirstMonth > ti.LastMonth || (ti.Kind == extractor.KindMovie && ti.Episodes != 0) || ti.Views < 1 {
			bad = true
		}
		if len(d.ByMonth) > 0 && (ti.FirstMonth < d.ByMonth[0].Month || ti.LastMonth > d.ByMonth[len(d.ByMonth)-1].Month) {
			bad = true
		}
	}
	if t != nil && views > t.Views-t.HiddenViews {
		bad = true
	}
	if bad {
		warn("titles_list", "the title list (%d rows, %d removed, %d dropped) disagrees with title detail %q and the totals", len(d.Titles), sh.TitlesRemoved, sh.TitlesDroppedForSize, o.Titles)
	}
}

func (d *Donation) checkAccount(warn func(code, format string, args ...any)) {
	a := d.Account
	if a == nil {
		return
	}
	bad := false
	counts := func(c *extractor.AccountCounts) {
		if c == nil {
			return
		}
		var n int64
		for _, m := range c.ByMonth {
			n += m.Count
		}
		bad = bad || n != c.Total-c.Undated || c.Undated > c.Total || (c.Missing && c.Total != 0)
	}
	counts(a.Searches)
	counts(a.MyList)
	if r := a.Ratings; r != nil {
		var n int64
		for _, m := range r.ByMonth {
			n += m.ThumbsDown + m.ThumbsUp + m.TwoThumbsUp + m.Stars
		}
		kinds := r.ThumbsDown + r.ThumbsUp + r.TwoThumbsUp + r.Stars
		bad = bad || r.Total != kinds+r.Other || n != kinds-r.Undated || (r.Missing && r.Total != 0)
	}
	if p := a.Profiles; p != nil {
		bad = bad || p.Kids+p.UnknownMaturity > p.Count
	}
	if bad {
		warn("account", "account figures do not sum")
	}
}

// blockPresent reports whether the donation holds a block of
// ShareBlocks.
func (d *Donation) blockPresent(b string) bool {
	switch b {
	case "totals":
		return d.Totals != nil
	case "by_month":
		return d.ByMonth != nil
	case "weekday_hour_seconds":
		return d.WeekdayHourSeconds != nil
	case "by_device":
		return d.ByDevice != nil
	case "titles":
		return d.Titles != nil
	case "binge":
		return d.Binge != nil
	case "profiles":
		return d.Profiles != nil
	case "account":
		return d.Account != nil
	}
	return false
}

func (d *Donation) checkBlocks(warn func(code, format string, args ...any)) {
	for _, b := range d.Sharing.Blocks {
		if !d.blockPresent(b) {
			warn("block_missing", "%s is listed in sharing.blocks but not there", b)
		}
	}
	for _, b := range ShareBlocks() {
		if d.blockPresent(b) && !d.Shared(b) {
			warn("block_unlisted", "%s is there but not listed in sharing.blocks", b)
		}
	}
}

func (d *Donation) checkDates(warn func(code, format string, args ...any)) {
	days := []string{d.Source.NewestDay, d.Options.From, d.Options.To}
	if t := d.Totals; t != nil {
		days = append(days, t.FirstDay, t.LastDay)
	}
	valid := true
	for _, day := range days {
		if _, ok := parseDay(day); day != "" && !ok {
			valid = false
		}
	}
	months := []string{}
	for _, m := range d.ByMonth {
		months = append(months, m.Month)
	}
	for _, ti := range d.Titles {
		months = append(months, ti.FirstMonth, ti.LastMonth)
	}
	for _, m := range months {
		if _, ok := parseMonth(m); !ok {
			valid = false
		}
	}
	if !valid {
		warn("bad_date", "a date or month does not exist")
		return
	}
	o := d.Options
	bad := o.From != "" && o.To != "" && o.From > o.To
	if t := d.Totals; t != nil && t.FirstDay != "" {
		bad = bad || t.FirstDay > t.LastDay || (d.Source.NewestDay != "" && t.LastDay > d.Source.NewestDay) ||
			(o.From != "" && t.FirstDay < o.From) || (o.To != "" && t.LastDay > o.To)
	}
	if bad {
		warn("date_order", "dates are out of order")
	}
}

// parseDay parses a YYYY-MM-DD date that exists on the calendar.
func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// parseMonth parses a YYYY-MM month.
func parseMonth(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", s)
	return t, err == nil
}

// monthOf is the YYYY-MM of a YYYY-MM-DD date.
func monthOf(day string) string {
	if len(day) < 7 {
		return ""
	}
	return day[:7]
}
