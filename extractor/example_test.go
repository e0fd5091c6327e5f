package extractor_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// Extract reads a lone ViewingActivity.csv (here from a string) and
// returns aggregates only: the trailer is excluded as supplemental, the
// 30-second view as short, and the profile appears only as a count.
func ExampleExtract() {
	const csv = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n" +
		"Anna,2024-03-02 19:30:00,00:42:10,,Smiley: Season 1: When Alex Met Bruno (Episode 1),,Samsung 2016 Jazz-L UHD TV Smart TV,00:42:10,00:42:10,NL (Netherlands)\n" +
		"Anna,2024-03-02 19:29:00,00:00:45,Autoplayed: user action: None; ,Trailer: Smiley,TRAILER,Samsung 2016 Jazz-L UHD TV Smart TV,00:00:45,00:00:45,NL (Netherlands)\n" +
		"Anna,2024-02-10 22:30:00,01:51:20,,Glass Onion: A Knives Out Mystery,,Apple iPhone 11,01:51:20,01:51:20,NL (Netherlands)\n" +
		"Anna,2024-02-10 22:00:00,00:00:30,,Glass Onion: A Knives Out Mystery,,Apple iPhone 11,00:00:30,Not latest view,NL (Netherlands)\n"
	files, err := input.Open(strings.NewReader(csv), int64(len(csv)), "ViewingActivity.csv", input.Options{})
	if err != nil {
		fmt.Println(codes.Of(err))
		return
	}
	opts := extractor.DefaultOptions()
	opts.TimeZone = "Europe/Amsterdam"
	s, err := extractor.Extract(context.Background(), files, opts)
	if err != nil {
		fmt.Println(codes.Of(err))
		return
	}
	fmt.Println("views:", s.Totals.Views, "seconds:", s.Totals.Seconds, "days:", s.Totals.FirstDay, "to", s.Totals.LastDay)
	fmt.Printf("excluded: %+v\n", s.Excluded)
	for _, m := range s.ByMonth {
		fmt.Println(m.Month, m.Views, m.Seconds)
	}
	for _, t := range s.Titles {
		fmt.Println(t.Kind, t.Name, t.Seconds)
	}
	fmt.Println("profiles:", s.Profiles.Count, "chosen:", s.Profiles.Selected, "rows:", s.RowsTotal)
	// Output:
	// views: 2 seconds: 9210 days: 2024-02-10 to 2024-03-02
	// excluded: {Malformed:0 OutsidePeriod:0 Supplemental:1 Short:1}
	// 2024-02 1 6680
	// 2024-03 1 2530
	// movie Glass Onion: A Knives Out Mystery 6680
	// series Smiley 2530
	// profiles: 1 chosen: 1 rows: 4
}

// Profiles names the profiles for the participant's own choice; a
// summary only counts them.
func ExampleAggregates_Profiles() {
	const csv = "Profile Name,Start Time,Duration,Title\n" +
		"Mom & Dad,2024-03-02 19:30:00,00:42:10,Glass Onion: A Knives Out Mystery\n" +
		"Kids,2024-03-01 16:00:00,00:20:00,Bluey: Season 1: Magic Xylophone (Episode 1)\n" +
		"Mom & Dad,2024-02-28 20:00:00,01:10:00,The Crown: Season 2: Misadventure (Episode 1)\n"
	files, err := input.Open(strings.NewReader(csv), int64(len(csv)), "ViewingActivity.csv", input.Options{})
	if err != nil {
		fmt.Println(codes.Of(err))
		return
	}
	a, err := extractor.Read(context.Background(), files, extractor.DefaultOptions(), extractor.Range{})
	if err != nil {
		fmt.Println(codes.Of(err))
		return
	}
	list, err := a.Profiles()
	if err != nil {
		fmt.Println(codes.Of(err))
		return
	}
	for _, p := range list {
		fmt.Println(p.Pseudonym, p.Name, p.Rows)
	}
	// Output:
	// P1 Mom & Dad 2
	// P2 Kids 1
}
