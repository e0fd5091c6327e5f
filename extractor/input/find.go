package input

import (
	"bytes"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/netflix-donation/widget/extractor/codes"
)

// cleanName turns a raw entry name into the slash-separated relative path a
// FileSet lists, or reports false for a name that must never match: an
// absolute path ("/x", "C:/x", "//host/x"), a path with a ".." element, or
// an empty one. Backslashes count as separators, as Windows tools write
// them; "." and empty elements are dropped. Leaving such names out means a
// crafted archive cannot smuggle in a ViewingActivity.csv from "outside".
func cleanName(raw string) (string, bool) {
	s := strings.ReplaceAll(raw, `\`, "/")
	if strings.HasPrefix(s, "/") || hasDriveLetter(s) || strings.ContainsRune(s, 0) {
		return "", false
	}
	var parts []string
	for _, p := range strings.Split(s, "/") {
		switch p {
		case "", ".":
			continue
		case "..":
			return "", false
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return "", false
	}
	return strings.Join(parts, "/"), true
}

// hasDriveLetter reports whether s starts like "C:", a Windows absolute path.
func hasDriveLetter(s string) bool {
	return len(s) >= 2 && s[1] == ':' && ('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z')
}

// Find finds a file of files by base name, case-insensitively, at any
// depth: exports arrive as "netflix-report/CONTENT_INTERACTION/...", at the
// root, or under an extra folder, and tools change the case of names.
//
// base may carry an extension ("ViewingActivity.csv"), which must then
// match. Without one ("ViewingActivity"), both the table "X.csv" and the
// placeholder "X.txt" that Netflix writes for an empty table match, and
// the .csv wins. When several files match, the shallowest path wins, then
// the lexically smallest, so the answer is deterministic.
//
// A FileSet of Kind CSV holds the one file the participant chose as
// their viewing activity, whatever it is called ("ViewingActivity (1).csv"
// after a second download): asked for "ViewingActivity" it returns that
// file, and its header decides what it really is.
func Find(files FileSet, base string) (name string, ok bool) {
	names := files.Names()
	if files.Kind() == CSV && len(names) == 1 && strings.EqualFold(base, "ViewingActivity") {
		return names[0], true
	}
	best, bestRank := "", -1
	for _, n := range names {
		rank, ok := matchRank(path.Base(n), base)
		if !ok {
			continue
		}
		if bestRank < 0 || better(n, rank, best, bestRank) {
			best, bestRank = n, rank
		}
	}
	return best, bestRank >= 0
}

// matchRank reports whether file name b answers to base and how well: 0
// for an exact match or a .csv, 1 for the .txt placeholder.
func matchRank(b, base string) (rank int, ok bool) {
	if path.Ext(base) != "" {
		return 0, strings.EqualFold(b, base)
	}
	ext := path.Ext(b)
	if !strings.EqualFold(strings.TrimSuffix(b, ext), base) {
		return 0, false
	}
	switch strings.ToLower(ext) {
	case ".csv":
		return 0, true
	case ".txt":
		return 1, true
	}
	return 0, false
}

// better orders two matches: lower rank, then fewer path elements, then
// lexically smaller.
func better(n string, rank int, m string, mrank int) bool {
	if rank != mrank {
		return rank < mrank
	}
	if dn, dm := strings.Count(n, "/"), strings.Count(m, "/"); dn != dm {
		return dn < dm
	}
	return n < m
}

// Tables lists the known Netflix export tables present in files (the
// tables of the "Download your personal information" export, as .csv or
// as the .txt empty-table placeholder), as canonical base names such as
// "Ratings.txt" or "ViewingActivity.csv", sorted and without duplicates.
// It is what a summary reports as source.files: other names are never listed,
// since a file name could carry personal data.
func Tables(files FileSet) []string {
	set := map[string]bool{}
	if files.Kind() == CSV {
		if n, ok := Find(files, "ViewingActivity"); ok {
			ext := ".csv"
			if strings.EqualFold(path.Ext(n), ".txt") {
				ext = ".txt"
			}
			set["ViewingActivity"+ext] = true
		}
	} else {
		for _, n := range files.Names() {
			b := path.Base(n)
			ext := strings.ToLower(path.Ext(b))
			if ext != ".csv" && ext != ".txt" {
				continue
			}
			if canon, ok := knownTable(strings.TrimSuffix(b, path.Ext(b))); ok {
				set[canon+ext] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// knownTable returns the canonical spelling of a table of the Netflix
// export (netflix-format.md §1), matched case-insensitively by its base
// name without extension.
func knownTable(stem string) (string, bool) {
	switch strings.ToLower(stem) {
	// ACCOUNT
	case "accountdetails":
		return "AccountDetails", true
	case "subscriptionhistory":
		return "SubscriptionHistory", true
	case "termsofuse":
		return "TermsOfUse", true
	case "extramembers":
		return "ExtraMembers", true
	case "accessanddevices":
		return "AccessAndDevices", true
	// CLICKSTREAM
	case "clickstream":
		return "Clickstream", true
	// CONTENT_INTERACTION
	case "indicatedpreferences":
		return "IndicatedPreferences", true
	case "interactivetitles":
		return "InteractiveTitles", true
	case "mylist":
		return "MyList", true
	case "playbackrelatedevents":
		return "PlaybackRelatedEvents", true
	case "ratings":
		return "Ratings", true
	case "searchhistory":
		return "SearchHistory", true
	case "tastepreferences":
		return "TastePreferences", true
	case "viewingactivity":
		return "ViewingActivity", true
	// CUSTOMER_SERVICE
	case "cscontact":
		return "CSContact", true
	case "chattranscripts":
		return "ChatTranscripts", true
	// DEVICES
	case "devices":
		return "Devices", true
	// GAMES
	case "gameplaysession":
		return "GamePlaySession", true
	// IP_ADDRESSES
	case "ipaddresses":
		return "IpAddresses", true
	case "ipaddresseslogin":
		return "IpAddressesLogin", true
	case "ipaddressesstreaming":
		return "IpAddressesStreaming", true
	case "ipaddressesaccountcreation":
		return "IpAddressesAccountCreation", true
	// MESSAGES
	case "messagessentbynetflix":
		return "MessagesSentByNetflix", true
	// PAYMENT_AND_BILLING
	case "billinghistory":
		return "BillingHistory", true
	// PROFILES
	case "avatarhistory":
		return "AvatarHistory", true
	case "profiles":
		return "Profiles", true
	case "parentalcontrolsrestrictedtitles":
		return "ParentalControlsRestrictedTitles", true
	// SOCIAL_MEDIA_CONNECTIONS
	case "socialmediaconnections":
		return "SocialMediaConnections", true
	// SURVEYS
	case "productcancellationsurvey":
		return "ProductCancellationSurvey", true
	}
	return "", false
}

// nestedPeeks bounds how many files hasNestedZip opens to look at their
// first bytes, so a ZIP of many small files costs little.
const nestedPeeks = 64

// hasNestedZip reports whether files holds an archive inside the archive
// or folder: a file named *.zip, or one whose first bytes are a ZIP
// signature, other than the junk operating systems add (see nestedZips).
func hasNestedZip(files FileSet) bool {
	return len(nestedZips(files)) > 0
}

// FindViewingActivity returns the name of the export's viewing table,
// ViewingActivity.csv (or its .txt placeholder), as [Find] finds it. When
// files has none, the error says what the input is instead:
// codes.ViewingHistoryOnly for the quick viewing-history download
// (NetflixViewingHistory.csv), codes.NestedZip when it holds archives,
// which are not opened (the Open functions open one that is all an input
// holds), and codes.NoViewingActivity otherwise.
func FindViewingActivity(files FileSet) (string, error) {
	if name, ok := Find(files, "ViewingActivity"); ok {
		return name, nil
	}
	if _, ok := Find(files, "NetflixViewingHistory.csv"); ok {
		return "", codes.New(codes.ViewingHistoryOnly,
			"this is the viewing-history download (Title, Date); the full export from Account > Download your personal information is needed")
	}
	if hasNestedZip(files) {
		return "", codes.New(codes.NestedZip, "the input holds archives but not the export, and archives inside it are not opened")
	}
	return "", codes.New(codes.NoViewingActivity, "the input holds no ViewingActivity.csv")
}

// peek returns up to n first bytes of the named file, or nil if it cannot
// be read.
func peek(files FileSet, name string, n int) []byte {
	rc, _, err := files.Open(name)
	if err != nil {
		return nil
	}
	defer rc.Close()
	b := make([]byte, n)
	k, _ := io.ReadFull(rc, b)
	return b[:k]
}

// isZipPrefix reports whether b starts with a ZIP signature: a local file
// header ("PK\x03\x04") or, for an empty archive, the end of central
// directory record ("PK\x05\x06").
func isZipPrefix(b []byte) bool {
	return bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte("PK\x05\x06"))
}
