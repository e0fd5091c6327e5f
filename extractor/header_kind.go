package extractor

import (
	"bytes"
	"slices"
	"strings"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/csvscan"
)

// A participant who unzipped the export may choose any of its tables, or
// a file that is not a table at all, instead of ViewingActivity.csv. Each
// needs other advice than a ViewingActivity.csv that a spreadsheet
// damaged (bad_header), so a header that does not bind is looked at once
// more: classifyHeader.

// otherTableSignatures lists the export's tables other than
// ViewingActivity (netflix-format.md §4), one a line: the table's name,
// then, after "|", lower-case columns that together occur in no other
// table. A table whose header changed over the years has a line per
// shape where needed. It is one string rather than a slice of structs,
// which would cost the WebAssembly engine about 7 KB of its download.
const otherTableSignatures = `SearchHistory|query typed|displayed name
Ratings|rating type|thumbs value
MyList|title name|utc title add date
PlaybackRelatedEvents|title description|playtraces
IndicatedPreferences|has watched|is interested
InteractiveTitles|selection type|choice segment id
Clickstream|navigation level|referrer url
Devices|esn|acct first playback date
AccountDetails|first name|last name
AccountDetails|email address|membership status
SubscriptionHistory|subscription opened ts
TermsOfUse|tou accepted date
AccessAndDevices|esn|part of netflix household
IpAddresses|esn|ip|device description
MessagesSentByNetflix|message name|channel
BillingHistory|transaction date|payment type
CSContact|contact start utc ts|contact end utc ts
ChatTranscripts|contact start utc ts|customer message
GamePlaySession|game title|start time
ProductCancellationSurvey|question name|answer name
AvatarHistory|profile name|icons
ParentalControlsRestrictedTitles|profile name|show desc
Profiles|profile name|maturity level
ExtraMembers|extra member slot
GiftSubscriptions|giftcode|redemptiondate`

// otherNetflixTable returns the name of the export table whose header
// header is, when it is one other than ViewingActivity.
func otherNetflixTable(header [][]byte) (string, bool) {
	names := make(map[string]bool, len(header))
	for _, cell := range header {
		names[normalizeHeader(cell)] = true
	}
	for _, line := range strings.Split(otherTableSignatures, "\n") {
		columns := strings.Split(line, "|")
		all := true
		for _, c := range columns[1:] {
			all = all && names[c]
		}
		if all {
			return columns[0], true
		}
	}
	return "", false
}

// classifyHeader gives a header that did not bind (err, codes.BadHeader)
// the code that fits what the file is, judged by the header and head, the
// file's first bytes as decoded: not text in an encoding a spreadsheet
// writes, or a web page, XML or JSON (codes.NotZipOrCSV: a renamed or
// mistaken file); another table of the export (codes.OtherNetflixFile);
// ViewingActivity.csv with a column missing, repeated or renamed, or its
// header line deleted (err: a spreadsheet or a person changed it); or a
// text that is no table of the export at all, a README say
// (codes.NotZipOrCSV).
func classifyHeader(header [][]byte, head []byte, err error) error {
	if codes.Of(err) != codes.BadHeader {
		return err
	}
	if !csvscan.LooksLikeTable(head) {
		return codes.New(codes.NotZipOrCSV, "the file is not a text table")
	}
	if table, ok := otherNetflixTable(header); ok {
		return codes.New(codes.OtherNetflixFile, "this is %s.csv of the Netflix export, not CONTENT_INTERACTION/ViewingActivity.csv", table)
	}
	if hasViewingColumn(header) || looksLikeViewingRow(header) {
		return err
	}
	return codes.New(codes.NotZipOrCSV, "the file is not a table of the Netflix export")
}

// hasViewingColumn reports whether header names a column of
// ViewingActivity.csv: one the extractor reads (viewingRow) or one it
// leaves alone.
func hasViewingColumn(header [][]byte) bool {
	names := []string{"bookmark", "latest bookmark"}
	for _, col := range viewingSchema() {
		names = append(names, strings.ToLower(col.name))
	}
	for _, cell := range header {
		if slices.Contains(names, normalizeHeader(cell)) {
			return true
		}
	}
	return false
}

// looksLikeViewingRow reports whether a record is a row of
// ViewingActivity.csv rather than its header (the header line was
// deleted): it holds a Start Time and a duration.
func looksLikeViewingRow(rec [][]byte) bool {
	start, clock := false, false
	for _, cell := range rec {
		cell = bytes.TrimSpace(cell)
		if _, _, ok := parseStartTime(cell, dayFirst); ok {
			start = true
		} else if _, _, ok := parseStartTime(cell, monthFirst); ok {
			start = true
		}
		if _, ok := parseClock(cell); ok {
			clock = true
		}
	}
	return start && clock
}
