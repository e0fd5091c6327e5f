package extractor

// parseStartTime parses a Start Time as UTC seconds since the Unix epoch.
// lenient reports a spreadsheet re-save format. (stub: being written)
func parseStartTime(b []byte) (unix int64, lenient bool, ok bool) {
	return 0, false, false
}

// parseClock parses H+:MM:SS into seconds. (stub: being written)
func parseClock(b []byte) (seconds int64, ok bool) {
	return 0, false
}

// parseAttributes reads the ;-separated Attributes items. (stub: being written)
func parseAttributes(b []byte) (hidden, autoplayNone bool) {
	return false, false
}
