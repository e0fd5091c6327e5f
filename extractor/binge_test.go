package extractor

import (
	"fmt"
	"strings"
	"testing"
)

// TestBingeSessions checks the session rule on views given as
// (start "HH:MM" on 2023-05-06 UTC, duration in minutes), all of one
// series and profile unless said otherwise. Expected values by hand.
func TestBingeSessions(t *testing.T) {
	type view struct {
		profile, title, start string
		minutes               int
	}
	ep := func(n int) string { return fmt.Sprintf("Show: Season 1: Ep %d (Episode %d)", n, n) }
	for _, tc := range []struct {
		name  string
		views []view
		want  Binge
	}{
		{
			name: "gap of exactly 30 minutes continues",
			// 20:00+45 ends 20:45; 21:15 is 30 min later; 21:15+45 ends 22:00; 22:30 is 30 min later.
			views: []view{{"A", ep(1), "20:00", 45}, {"A", ep(2), "21:15", 45}, {"A", ep(3), "22:30", 45}},
			want:  Binge{Sessions: 1, Views: 3, Seconds: 3 * 45 * 60, Longest: 3},
		},
		{
			name:  "gap of 31 minutes breaks",
			views: []view{{"A", ep(1), "20:00", 45}, {"A", ep(2), "21:15", 45}, {"A", ep(3), "22:31", 45}},
			want:  Binge{},
		},
		{
			name:  "two views are not a session",
			views: []view{{"A", ep(1), "20:00", 45}, {"A", ep(2), "20:50", 45}},
			want:  Binge{},
		},
		{
			name: "overlapping views continue; two sessions; longest",
			views: []view{
				{"A", ep(1), "08:00", 60}, {"A", ep(2), "08:30", 60}, {"A", ep(3), "09:00", 60}, {"A", ep(4), "10:30", 10},
				{"A", ep(5), "18:00", 20}, {"A", ep(6), "18:20", 20}, {"A", ep(7), "18:40", 20},
			},
			want: Binge{Sessions: 2, Views: 7, Seconds: (60*3 + 10 + 20*3) * 60, Longest: 4},
		},
		{
			name: "per profile: interleaved profiles do not join",
			views: []view{
				{"A", ep(1), "20:00", 20}, {"B", ep(2), "20:20", 20}, {"A", ep(3), "20:40", 20},
				{"B", ep(4), "21:00", 20},
			},
			want: Binge{},
		},
		{
			name: "per series: another series in between does not break",
			views: []view{
				{"A", ep(1), "20:00", 20}, {"A", "Other: Season 1: X (Episode 1)", "20:20", 20},
				{"A", ep(2), "20:40", 10}, {"A", ep(3), "21:00", 20},
			},
			// Show: 20:00-20:20, 20:40 (gap 20), 20:50 end, 21:00 (gap 10).
			want: Binge{Sessions: 1, Views: 3, Seconds: 50 * 60, Longest: 3},
		},
		{
			name:  "movies never binge",
			views: []view{{"A", "Movie", "20:00", 20}, {"A", "Movie", "20:25", 20}, {"A", "Movie", "20:50", 20}},
			want:  Binge{},
		},
		{
			name: "hidden views are left out",
			views: []view{
				{"A", ep(1), "20:00", 20}, {"A", "HIDDEN TITLE: " + ep(2), "20:20", 20}, {"A", ep(3), "20:40", 20},
			},
			want: Binge{},
		},
	} {
		// Write the rows newest first, as Netflix does, and also oldest
		// first and shuffled: the order must not matter.
		orders := map[string][]int{}
		n := len(tc.views)
		for i := range n {
			orders["oldest first"] = append(orders["oldest first"], i)
			orders["newest first"] = append(orders["newest first"], n-1-i)
			orders["shuffled"] = append(orders["shuffled"], (i*5+2)%n)
		}
		for oname, order := range orders {
			if oname == "shuffled" && n%5 == 0 {
				continue // (i*5+2)%n is not a permutation then
			}
			var b strings.Builder
			b.WriteString(vaHeader)
			for _, i := range order {
				v := tc.views[i]
				attrs := ""
				if strings.HasPrefix(v.title, "HIDDEN") {
					attrs = "View was hidden; "
				}
				fmt.Fprintf(&b, "%s,2023-05-06 %s:00,%02d:%02d:00,%s,%s,,PC,,,\n", v.profile, v.start, v.minutes/60, v.minutes%60, attrs, v.title)
			}
			s := mustExtract(t, loneCSV(b.String()), DefaultOptions())
			if s.Binge != tc.want {
				t.Errorf("%s (%s): binge = %+v, want %+v", tc.name, oname, s.Binge, tc.want)
			}
		}
	}
}

// TestBingeSessionsDirect finds sessions in series logs without the CSV
// path, across midnight: each profile's titles are a table of their own.
func TestBingeSessionsDirect(t *testing.T) {
	day := int64(1_700_000_000) - int64(1_700_000_000)%secondsPerDay
	show := titleKey{name: "Show", kind: KindSeries}
	var p0, p1 titleTable
	// Three views around midnight UTC, 10 minutes apart, for profile 0.
	for _, start := range []int64{day - 1200, day - 600, day} {
		s := p0.view(p0.stat(show), 0, 300)
		s.log = append(s.log, bingeView{start: start, dur: 300})
	}
	// The same series for profile 1: only two views.
	for _, start := range []int64{day, day + 600} {
		s := p1.view(p1.stat(show), 0, 300)
		s.log = append(s.log, bingeView{start: start, dur: 300})
	}
	var got Binge
	bingeSessions(&p0, &got)
	bingeSessions(&p1, &got)
	if want := (Binge{Sessions: 1, Views: 3, Seconds: 900, Longest: 3}); got != want {
		t.Errorf("sessions = %+v, want %+v", got, want)
	}
	var none Binge
	bingeSessions(&titleTable{}, &none)
	if none != (Binge{}) {
		t.Errorf("an empty table has sessions")
	}
}
