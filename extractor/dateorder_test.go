package extractor

import (
	"strings"
	"testing"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/internal/resave"
	"github.com/netflix-donation/widget/internal/synth"
)

func TestSplitDayMonth(t *testing.T) {
	tests := []struct {
		in                  string
		first, second, year int
		sep                 byte
		rest                string
		ok                  bool
	}{
		{"29-10-2023 18:36", 29, 10, 2023, '-', " 18:36", true},
		{"1.2.23 9:05", 1, 2, 2023, '.', " 9:05", true},
		{"10/29/2023", 10, 29, 2023, '/', "", true},
		{"01/02/99 x", 1, 2, 2099, '/', " x", true},
		{"29-10/2023 1:00", 0, 0, 0, 0, "", false},
		{"29-10-202 1:00", 0, 0, 0, 0, "", false},
		{"29-10-20231 1:00", 0, 0, 0, 0, "", false},
		{"2023-10-29 18:36", 0, 0, 0, 0, "", false},
		{"123-1-2023", 0, 0, 0, 0, "", false},
		{"a-1-2023", 0, 0, 0, 0, "", false},
		{"1-", 0, 0, 0, 0, "", false},
		{"", 0, 0, 0, 0, "", false},
	}
	for _, tt := range tests {
		first, second, year, sep, rest, ok := splitDayMonth([]byte(tt.in))
		if ok != tt.ok || ok && (first != tt.first || second != tt.second || year != tt.year || sep != tt.sep || string(rest) != tt.rest) {
			t.Errorf("splitDayMonth(%q) = %d %d %d %q %q %v", tt.in, first, second, year, sep, rest, ok)
		}
	}
}

// TestDateEvidence decides the order of whole columns of dates.
func TestDateEvidence(t *testing.T) {
	tests := []struct {
		name    string
		dates   []string
		comma   byte
		order   dateOrder
		assumed bool
	}{
		{"a day above 12 first", []string{"1-2-2023 1:00", "13-2-2023 1:00"}, ',', dayFirst, false},
		{"a day above 12 second", []string{"1/2/2023 1:00", "2/13/2023 1:00"}, ';', monthFirst, false},
		{"more evidence wins", []string{"13/1/2023 1:00", "1/13/2023 1:00", "1/14/2023 1:00"}, ';', monthFirst, false},
		{"a tie is no evidence", []string{"13/1/2023 1:00", "1/13/2023 1:00"}, ',', monthFirst, true},
		{"dashes, no evidence", []string{"1-2-2023 1:00", "3-4-2023 1:00"}, ',', dayFirst, true},
		{"dots, no evidence", []string{"1.2.2023 1:00"}, ',', dayFirst, true},
		{"slashes and semicolons", []string{"1/2/2023 1:00"}, ';', dayFirst, true},
		{"slashes and commas", []string{"1/2/2023 1:00"}, ',', monthFirst, true},
		{"slashes and tabs", []string{"1/2/2023 1:00"}, '\t', monthFirst, true},
		{"ISO only", []string{"2023-01-02 01:00:00", ""}, ';', dayFirst, true},
		{"numbers above 31 prove nothing", []string{"40/2/2023 1:00", "2/40/2023 1:00"}, ',', monthFirst, true},
	}
	for _, tt := range tests {
		var e dateEvidence
		for _, d := range tt.dates {
			e.add([]byte(d))
		}
		order, assumed := e.decide(tt.comma)
		if order != tt.order || assumed != tt.assumed {
			t.Errorf("%s: %v, assumed %v; want %v, %v", tt.name, order, assumed, tt.order, tt.assumed)
		}
	}
}

// TestOtherNetflixTables gives each header of netflix-format.md §4, as
// written there, to the reader as if it were ViewingActivity.csv.
func TestOtherNetflixTables(t *testing.T) {
	headers := map[string][]string{
		"SearchHistory":         {"Profile Name,Country Iso codes.Code,Device,Is Kids,Query Typed,Displayed Name,Action,Section,Utc Timestamp"},
		"Ratings":               {"Profile Name,Title Name,Rating Type,Star Value,Thumbs Value,Device Model,Event Utc Ts,Region View Date"},
		"MyList":                {"Profile Name,Title Name,Country,Utc Title Add Date"},
		"PlaybackRelatedEvents": {"Profile Name,Title Description,Device,Playback Start Utc Ts,Country,Playtraces"},
		"IndicatedPreferences":  {"Profile Name,Show,Has Watched,Is Interested,Event Date"},
		"InteractiveTitles":     {"Profile Name,Title Desc,Selection Type,Choice Segment Id,Has Watched,Source,Utc Timestamp"},
		"Clickstream":           {"Profile Name,Source,Navigation Level,Referrer Url,Webpage Url,Click Utc Ts"},
		"Devices": {"Profile Name,Esn,Device Type,Acct First Playback Date,Acct Last Playback Date,Acct First Playback Date For User Generated Plays," +
			"Acct Last Playback Date For User Generated Plays,Profile First Playback Date,Profile Last Playback Date,Profile First Playback Date For User Generated Plays," +
			"Profile Last Playback Date For User Generated Plays,Deactivation Time"},
		"AccountDetails": {
			`"First Name","Last Name","Email Address","Phone Number","Country Of Registration","Country Of Signup","Primary Lang","Cookie Disclosure","In Free Trial","Membership Status","Customer Creation Timestamp"`,
			`"Email Address","Cookie Disclosure","Membership Status","Customer Creation Timestamp","Profile Transfer Setting","Has Rejoined"`,
		},
		"SubscriptionHistory": {"Subscription Opened Ts,Is Free Trial At Signup,Subscription Closed Ts,Is Customer Initiated Cancel,Signup Plan Category"},
		"TermsOfUse":          {"Tou Accepted Date"},
		"AccessAndDevices":    {"Devices,Date,Esn,Part Of Netflix Household"},
		"IpAddresses": {
			"Esn,Country,Localized Device Description,Device Description,Ip,Region codes.Code Display Name,Ts",
			"Esn,Country,Region codes.Code,Device Description,Ip,Ts",
			"Esn,Localized Device Description,Device Description,Ip,Country,Region codes.Code Display Name,Near Location,Ts",
		},
		"MessagesSentByNetflix":            {"Profile Name,Sent Utc Ts,Message Name,Channel,Country Iso codes.Code,Account Locale,Email Locale,Title Name,Email Domain Name,Link Url,Click Utc Ts,Device Model,Click Cnt"},
		"BillingHistory":                   {"Transaction Date,Service Period Start Date,Service Period End Date,Description,Payment Type,Mop Last 4,Mop Creation Date"},
		"CSContact":                        {"Contact Start Utc Ts,Contact End Utc Ts,Negative Survey Response Count,Survey Response Count,Language,End State,Cancel Reason,Cancel Reason Explained"},
		"ChatTranscripts":                  {"Contact Start Utc Ts,User Type,Customer Message,Language,End State,Survey Response Count"},
		"GamePlaySession":                  {"Profile Name,Start Time,Duration,Game Title,Game Version,Platform,Device Type,Country,Esn,Ip"},
		"ProductCancellationSurvey":        {"Question Name,Question Current Txt,Answer Name,Answer Current Text,Answer Response Text,Locale codes.Code,Event Utc Date"},
		"AvatarHistory":                    {"Profile Name,Icons"},
		"ParentalControlsRestrictedTitles": {"Profile Name,Show Desc"},
		"Profiles": {
			`"Profile Name","Email Address","Profile Creation Time","Maturity Level","Primary Lang","Has Auto Playback","Max Stream Quality","Profile Lock Enabled"`,
		},
		"ExtraMembers":      {"Extra Member Slot, Extra Member Purchase Time, Extra Member, Extra Member Activation Time"},
		"GiftSubscriptions": {"expirationDate, offerDescription, redemptionDate, redeemerName, giftCode, purchaseDate"},
	}
	for table, hs := range headers {
		for _, h := range hs {
			for _, eol := range []string{"\n", "\r\n"} {
				_, err := Extract(t.Context(), loneCSV(h+eol+strings.Repeat("x,", 3)+"y"+eol), DefaultOptions())
				if codes.Of(err) != codes.OtherNetflixFile || !strings.Contains(err.Error(), table+".csv") {
					t.Errorf("%s (%.40s): %v", table, h, err)
				}
			}
		}
	}
	// ViewingActivity itself, with columns a re-export dropped, reordered
	// or re-cased, still binds.
	for _, h := range []string{
		strings.TrimSuffix(vaHeader, "\n"),
		"Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark",
		`"Duration","Start Time","Profile Name","Title"`,
		"start time;DURATION;Title",
	} {
		_, err := Extract(t.Context(), loneCSV(h+"\n"), DefaultOptions())
		if codes.Of(err) != codes.Empty {
			t.Errorf("%q: %v, want empty (a viewing header without rows)", h, err)
		}
	}
}

// TestReadableSelection checks the half rule over the whole table and the
// rule that a selection none of whose rows can be read is refused.
func TestReadableSelection(t *testing.T) {
	rows := func(profile string, n int, start string) string {
		return strings.Repeat(profile+","+start+",00:30:00,,Film,,PC,,,\n", n)
	}
	good, bad := "2023-01-01 10:00:00", "soon"
	tests := []struct {
		name     string
		csv      string
		profiles []string
		want     codes.Code
		unread   int64
	}{
		{"exactly half readable", vaHeader + rows("A", 2, good) + rows("A", 2, bad), nil, "", 2},
		{"fewer than half readable", vaHeader + rows("A", 2, good) + rows("A", 3, bad), nil, codes.UnreadableRows, 0},
		{"unreadable rows of a profile not chosen are not read", vaHeader + rows("A", 2, good) + rows("B", 3, bad), []string{"A"}, "", 0},
		{"a selection without one readable row", vaHeader + rows("A", 1, bad) + rows("B", 5, good), []string{"A"}, codes.UnreadableRows, 0},
		{"the readable profile of the same table", vaHeader + rows("A", 1, bad) + rows("B", 5, good), []string{"B"}, "", 0},
		{"no view, and some rows unreadable", vaHeader + rows("A", 1, bad) + strings.Repeat("A,"+good+",00:00:30,,Film,,PC,,,\n", 3), nil, codes.UnreadableRows, 0},
		{"all readable", vaHeader + rows("A", 3, good), nil, "", 0},
	}
	for _, tt := range tests {
		s, err := Extract(t.Context(), loneCSV(tt.csv), optionsWith(func(o *Options) { o.Profiles = tt.profiles }))
		if codes.Of(err) != tt.want {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
			continue
		}
		if err == nil && s.Excluded.Malformed != tt.unread {
			t.Errorf("%s: malformed %d, want %d", tt.name, s.Excluded.Malformed, tt.unread)
		}
		// listProfiles knows no options: it applies the half rule only.
		if tt.profiles == nil && !strings.HasPrefix(tt.name, "no view") {
			if _, err := listProfiles(t.Context(), loneCSV(tt.csv)); codes.Of(err) != tt.want {
				t.Errorf("%s: listProfiles %v, want %q", tt.name, err, tt.want)
			}
		}
	}
}

// TestResavedNotSplit: a re-saved table is read whole by the range that
// begins at the first row, the other ranges read nothing, and the merged
// summary is Extract's.
func TestResavedNotSplit(t *testing.T) {
	pristine, _ := synthCSV(t, synth.Config{Rows: 12000, Seed: 9})
	data, err := resave.Shapes()[0].Resave(pristine)
	if err != nil {
		t.Fatal(err)
	}
	o := optionsWith(func(o *Options) { o.Titles = TitlesAll })
	want := summaryText(t, mustExtract(t, loneCSV(string(data)), o))
	for _, count := range []int{2, 3} {
		s, err := readRanges(loneCSV(string(data)), o, equalCuts(count))
		if err != nil {
			t.Fatal(err)
		}
		if got := summaryText(t, s); got != want {
			t.Errorf("%d ranges: the merged summary differs", count)
		}
		last, err := Read(t.Context(), loneCSV(string(data)), o, Range{From: float64(count-1) / float64(count), To: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(last.profiles) != 0 {
			t.Errorf("%d ranges: the last range read rows", count)
		}
	}
}
