package extractor

import "strings"

// classifyDevice maps a free-text ViewingActivity Device Type to a
// DeviceClass.
//
// Netflix writes a maker/model string, usually followed by its own coarse
// category ("Samsung 2016 Jazz-L UHD TV Smart TV", "Roku 3 Set Top Box",
// "Android DefaultWidevineL3Phone Android Phone (motorola_Moto G Play)").
// The string is matched case-insensitively against keyword rules in this
// precedence order; the first rule that matches wins:
//
//  1. other: VR headsets ("Oculus", "VR"). Netflix labels the Oculus app
//     "Android Phone", but a headset is none of the classes.
//  2. tablet: "iPad", "Tablet", "Galaxy Tab", "Kindle". Before phone
//     because tablets run the same apps as phones.
//  3. phone: "Phone" anywhere (iPhone, Android Phone,
//     DefaultWidevineAndroidPhone). Before the TV makers, because Android
//     phone strings carry a maker in parentheses ("(samsung_SM-G930F)").
//  4. console: Xbox, PlayStation, PS3/PS4/PS5/PS Vita, Wii (incl. WiiU),
//     Nintendo.
//  5. set_top_box by Netflix's own category: "Set Top Box", "STB",
//     "MVPD", "Streaming Stick". Before the TV rules, because stick names
//     contain "TV" ("Amazon Fire TV Stick 2020 + Streaming Stick").
//  6. tv by Netflix's own category: "Smart TV". Before the box brands,
//     because TVs with a built-in box platform ("Amazon FTVET... Smart
//     TV", a Fire TV Edition set) are TVs.
//  7. set_top_box by product: Roku, Fire TV, Chromecast, Apple TV, YouView,
//     TiVo, NVIDIA Shield, Mi Box. Apple TV and Chromecast are boxes
//     plugged into a TV, so they count as set-top boxes, not TVs.
//  8. tv: a "TV" or "DTV" word ("Android TV", "TCL TV 2018 ...") or a
//     known TV maker (Samsung, LG, Sony, Panasonic, Philips, TCL, Hisense,
//     Vizio, Sharp, Toshiba, Vestel, AOC, Compal, MStar, ...).
//  9. computer: Cadmium (Netflix's web player), PC, Mac, Windows, Linux,
//     Chromebook, browsers (Chrome, Firefox, Safari, Edge, Opera,
//     Internet Explorer), HTML 5, Laptop/Desktop. "Netflix Windows App -
//     Cadmium Windows Mobile" is the Windows Store app, so a computer.
//  10. phone: the bare word "Mobile" (seen alone as a Device Type; Netflix
//     uses it for phones), after the computer rule for the reason above.
//  11. other: everything else, including the empty string.
//
// Words are matched on letter/digit boundaries ("TV" does not match
// "FireTV" or "ATV"); fragments such as "phone" or "cadmium" are matched
// anywhere.
func classifyDevice(raw string) DeviceClass {
	s := strings.ToLower(raw)
	for _, r := range deviceRules {
		if r.matches(s) {
			return r.class
		}
	}
	return DeviceOther
}

// deviceRule is one step of the classifyDevice precedence list: it matches
// when s contains any of the fragments anywhere or any of the words as a
// whole word. Patterns are lower case.
type deviceRule struct {
	class     DeviceClass
	fragments []string
	words     []string
}

func (r deviceRule) matches(s string) bool {
	for _, f := range r.fragments {
		if strings.Contains(s, f) {
			return true
		}
	}
	for _, w := range r.words {
		if containsWord(s, w) {
			return true
		}
	}
	return false
}

// deviceRules is the read-only precedence list documented on
// classifyDevice. Multi-word patterns are written with single spaces;
// the Device Type is not space-normalised, so "Smart  TV" would fall
// through to the "TV" word rule, which gives the same class.
var deviceRules = [...]deviceRule{
	{class: DeviceOther, fragments: []string{"oculus"}, words: []string{"vr"}},
	{class: DeviceTablet, fragments: []string{"ipad", "tablet", "galaxy tab", "kindle"}},
	{class: DevicePhone, fragments: []string{"phone"}},
	{class: DeviceConsole, fragments: []string{"xbox", "playstation", "wii", "nintendo"},
		words: []string{"ps3", "ps4", "ps5", "ps vita", "psvita"}},
	{class: DeviceSetTopBox, fragments: []string{"set top box", "set-top box", "settopbox", "streaming stick", "mvpd"},
		words: []string{"stb"}},
	{class: DeviceTV, fragments: []string{"smart tv", "smarttv"}},
	{class: DeviceSetTopBox, fragments: []string{"roku", "firetv", "fire tv", "chromecast", "apple tv", "appletv",
		"youview", "tivo", "shield", "mibox", "mi box"}},
	{class: DeviceTV, fragments: []string{"android tv"},
		words: []string{"tv", "dtv", "samsung", "lg", "sony", "panasonic", "philips", "tcl", "hisense", "vizio",
			"sharp", "toshiba", "vestel", "aoc", "compal", "mstar", "grundig", "loewe", "skyworth", "hitachi",
			"insignia", "funai", "metz", "thomson", "telefunken", "jvc", "haier", "xiaomi"}},
	{class: DeviceComputer, fragments: []string{"cadmium", "windows", "linux", "chromebook", "chrome", "firefox",
		"safari", "opera", "internet explorer", "html 5", "html5", "laptop", "desktop", "macbook", "imac"},
		words: []string{"pc", "mac", "macos", "edge"}},
	{class: DevicePhone, words: []string{"mobile"}},
}

// containsWord reports whether s contains w with no letter or digit
// directly before or after it.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		if (start == 0 || !isAlnum(s[start-1])) && (end == len(s) || !isAlnum(s[end])) {
			return true
		}
		i = start + 1
	}
}

// isAlnum reports whether c is an ASCII letter or digit, or any byte of a
// multi-byte UTF-8 sequence (non-ASCII letters also glue words together).
func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}
