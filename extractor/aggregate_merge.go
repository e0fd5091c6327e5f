package extractor

// merge adds the aggregates of b, which read the rows that follow a's in
// the table, to a. The result is what one aggregator reading a's rows and
// then b's would hold: profiles, titles and binge groups of b that a has
// not seen are appended in b's order (which is their order of first
// appearance), and b's views of a series follow a's in its binge group,
// so sorting and the sessions come out the same.
//
// Only what the summary is built from is merged; the per-row caches
// (raw titles, device strings, the previous row's values) are not, so a
// merged aggregator must not be given more rows.
func (a *aggregator) merge(b *aggregator) {
	a.rowsTotal += b.rowsTotal
	a.lenientRows += b.lenientRows
	a.dayMonthRows += b.dayMonthRows
	a.excluded.Malformed += b.excluded.Malformed
	a.excluded.OutsidePeriod += b.excluded.OutsidePeriod
	a.excluded.Supplemental += b.excluded.Supplemental
	a.excluded.Short += b.excluded.Short
	if b.haveNewest && (!a.haveNewest || b.newest > a.newest) {
		a.newest, a.haveNewest = b.newest, true
	}

	profiles := make([]int, len(b.profiles)) // b's profile index -> a's
	for i, p := range b.profiles {
		j, ok := a.profileIdx[p.name]
		if !ok {
			j = len(a.profiles)
			a.profiles = append(a.profiles, profileAgg{name: p.name, selected: p.selected})
			a.profileIdx[p.name] = j
		}
		a.profiles[j].rows += p.rows
		profiles[i] = j
	}

	at, bt := &a.totals, &b.totals
	if bt.Views > 0 {
		if at.Views == 0 || b.firstDay < a.firstDay {
			a.firstDay = b.firstDay
		}
		if at.Views == 0 || b.lastDay > a.lastDay {
			a.lastDay = b.lastDay
		}
	}
	at.Views += bt.Views
	at.Seconds += bt.Seconds
	at.HiddenViews += bt.HiddenViews
	at.AutoplayViews += bt.AutoplayViews
	at.AutoplaySeconds += bt.AutoplaySeconds
	for d := range b.activeDays {
		a.activeDays[d] = struct{}{}
	}
	for i, m := range b.months {
		if m == (bucket{}) {
			continue // a gap: a's range need not grow for it
		}
		t := a.month(b.monthBase + int64(i))
		t.views += m.views
		t.seconds += m.seconds
	}
	for d := range a.weekdayHour {
		for h := range a.weekdayHour[d] {
			a.weekdayHour[d][h] += b.weekdayHour[d][h]
		}
	}
	for i := range a.devices {
		a.devices[i].views += b.devices[i].views
		a.devices[i].seconds += b.devices[i].seconds
	}

	stats := make([]int, len(b.stats)) // b's stat index -> a's
	for i := range b.stats {
		s := &b.stats[i]
		j, ok := a.statIdx[s.key]
		if !ok {
			j = len(a.stats)
			a.stats = append(a.stats, titleAgg{key: s.key})
			a.statIdx[s.key] = j
		}
		t := &a.stats[j]
		if s.views > 0 {
			if t.views == 0 || s.firstMonth < t.firstMonth {
				t.firstMonth = s.firstMonth
			}
			if t.views == 0 || s.lastMonth > t.lastMonth {
				t.lastMonth = s.lastMonth
			}
		}
		t.views += s.views
		t.seconds += s.seconds
		stats[i] = j
	}
	for k := range b.episodes {
		k.stat = stats[k.stat]
		if _, ok := a.episodes[k]; !ok {
			a.episodes[k] = struct{}{}
			a.stats[k.stat].episodes++
		}
	}

	for g, k := range b.binge.keys {
		p, stat := unpackBingeKey(k)
		a.binge.addViews(bingeKey(profiles[p], stats[stat]), b.binge.groups[g])
	}
}
