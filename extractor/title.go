package extractor

// Title is a parsed ViewingActivity title.
type Title struct {
	Name    string    // series or movie name, normalised (NBSP, TAB, spaces)
	Kind    TitleKind // KindSeries or KindMovie
	Season  string    // season label as written ("Season 2", "Seizoen 2", "Limited Series"), "" for movies
	Episode string    // episode name or number as written, "" for movies
}

// ParseTitle parses a ViewingActivity title from the right. (stub: being written)
func ParseTitle(raw string) Title {
	return Title{Name: raw, Kind: KindMovie}
}
