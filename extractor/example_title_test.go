package extractor_test

import (
	"fmt"

	"github.com/netflix-donation/widget/extractor"
)

func ExampleParseTitle() {
	for _, raw := range []string{
		"Smiley: Season 1: When Alex Met Bruno (Episode 1)",
		"Undercover: Seizoen 2: De kraai (Aflevering 3)",
		"Stranger Things: Stranger Things 2: Chapter Eight: The Mind Flayer (Episode 8)",
		"Glass Onion: A Knives Out Mystery",
	} {
		t := extractor.ParseTitle(raw)
		fmt.Printf("%s | %s | %s | %s\n", t.Kind, t.Name, t.Season, t.Episode)
	}
	// Output:
	// series | Smiley | Season 1 | When Alex Met Bruno
	// series | Undercover | Seizoen 2 | De kraai
	// series | Stranger Things | Stranger Things 2 | Chapter Eight: The Mind Flayer
	// movie | Glass Onion: A Knives Out Mystery |  |
}

func ExampleParseTitle_hidden() {
	t := extractor.ParseTitle("HIDDEN TITLE(user hid title at this time): Sex Education: Season 1: Episode 1")
	fmt.Printf("%q %q %q\n", t.Name, t.Season, t.Episode)
	// Output: "Sex Education" "Season 1" "Episode 1"
}

func ExampleClassifyDevice() {
	for _, raw := range []string{
		"Samsung CE 2021 Nike-L UHD TV  Smart TV",
		"Amazon Fire TV Stick 2020 + Streaming Stick",
		"Apple TV 3 (revised)",
		"Sony PS4",
		"Netflix Chrome MAC (Cadmium) HTML 5",
		"Android DefaultWidevineL3Phone Android Phone (motorola_Moto G Play)",
		"Apple iPad Air 4th Gen Wi-Fi iPad",
	} {
		fmt.Println(extractor.ClassifyDevice(raw))
	}
	// Output:
	// tv
	// set_top_box
	// set_top_box
	// console
	// computer
	// phone
	// tablet
}
