package synth

// autoplay is the "Autoplayed: user action: X" item of Attributes.
type autoplay uint8

const (
	autoplayNone autoplay = iota // no autoplay item
	autoplayActionNone
	autoplayUnspecified
	autoplayUserInteraction
	autoplayVisibilityTimeout
)

// autoplayItems are the Attributes items, each ending in "; " as Netflix
// writes them.
var autoplayItems = [...]string{
	autoplayNone:              "",
	autoplayActionNone:        "Autoplayed: user action: None; ",
	autoplayUnspecified:       "Autoplayed: user action: Unspecified; ",
	autoplayUserInteraction:   "Autoplayed: user action: User_Interaction; ",
	autoplayVisibilityTimeout: "Autoplayed: user action: Visibility_Timeout; ",
}

// Title prefixes Netflix puts on hidden views.
const (
	hiddenPrefix      = "HIDDEN TITLE(user hid title at this time): "
	hiddenPrefixShort = "HIDDEN TITLE: "
)

// Special Latest Bookmark value.
const notLatestView = "Not latest view"

// row is one ViewingActivity row before it is written. Rows of one
// session are built in time order and written in reverse.
type row struct {
	start    int64 // Unix seconds, UTC
	dur      int64 // seconds, >= 1
	bookmark int64 // seconds
	svt      int   // index into supplementalTypes, or -1
	auto     autoplay
	hidden   bool
	branched bool
	device   int // index into household.devices
	country  []byte
	title    []byte // reused between sessions
}

// appendAttributes appends the Attributes field: "Has branched playback; "
// or "View was hidden; " first, then the autoplay item, as in real files.
func appendAttributes(b []byte, r *row) []byte {
	if r.branched {
		b = append(b, "Has branched playback; "...)
	}
	if r.hidden {
		b = append(b, "View was hidden; "...)
	}
	return append(b, autoplayItems[r.auto]...)
}
