package extractor

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
	"github.com/netflix-donation/widget/internal/testutil"

	"github.com/netflix-donation/widget/internal/synth"
)

// accountFiles is an in-memory input.FileSet for the account tests.
type accountFiles map[string]string

func (f accountFiles) Kind() input.Kind { return "folder" }

func (f accountFiles) Names() []string {
	names := make([]string, 0, len(f))
	for n := range f {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func (f accountFiles) Open(name string) (io.ReadCloser, int64, error) {
	s, ok := f[name]
	if !ok {
		return nil, 0, errors.New("no such file")
	}
	return io.NopCloser(strings.NewReader(s)), int64(len(s)), nil
}

const placeholderText = "We found no information for this table."

func TestAccountProfiles(t *testing.T) {
	tests := []struct {
		name  string
		files accountFiles
		want  AccountProfiles
	}{
		{
			name: "2021 header, numeric levels, CRLF, quoted",
			files: accountFiles{"netflix-report/PROFILES/Profiles.csv": "\"Profile Name\",\"Email Address\",\"Profile Creation Time\",\"Maturity Level\",\"Primary Lang\",\"Has Auto Playback\",\"Max Stream Quality\",\"Profile Lock Enabled\"\r\n" +
				"\"Anna\",\"a@example.org\",\"2021-11-18T20:37:14Z\",\"1000000\",\"en\",\"true\",\"UNSPECIFIED\",\"false\"\r\n" +
				"\"Kids\",\"\",\"2021-11-18T20:37:14Z\",\"70\",\"en\",\"true\",\"UNSPECIFIED\",\"false\"\r\n"},
			want: AccountProfiles{Count: 2, Kids: 0, UnknownMaturity: 2},
		},
		{
			name: "2023 header with BOM, padded and lower-case names",
			files: accountFiles{"PROFILES/Profiles.csv": "\xEF\xBB\xBF\"Profile Name\",\"Email Address\",\"Game Handle\",\"Profile Creation Time\",\" maturity level \",\"Primary Lang\"\r\n" +
				"\"A\",\"x@y.z\",\"\",\"2024-02-13 07:09:17\",\"ADULTS\",\"nl\"\r\n" +
				"\"B\",\"\",\"\",\"2024-02-13 07:09:17\",\"OLDER_KIDS\",\"nl\"\r\n" +
				"\"C\",\"\",\"\",\"2024-02-13 07:09:17\",\"LITTLE_KIDS\",\"nl\"\r\n" +
				"\"D\",\"\",\"\",\"2024-02-13 07:09:17\",\"TEENS\",\"nl\"\r\n" +
				"\"E\",\"\",\"\",\"2024-02-13 07:09:17\",\"\",\"nl\"\r\n"},
			want: AccountProfiles{Count: 5, Kids: 2, UnknownMaturity: 1},
		},
		{
			name:  "an Is Kids flag decides over the level",
			files: accountFiles{"Profiles.csv": "Profile Name,Is Kids,Maturity Level\nA,1,1000000\nB,0,OLDER_KIDS\nC,,OLDER_KIDS\nD,true,\n"},
			want:  AccountProfiles{Count: 4, Kids: 3, UnknownMaturity: 0},
		},
		{
			name:  "placeholder is an empty table",
			files: accountFiles{"netflix-report/PROFILES/Profiles.txt": placeholderText},
			want:  AccountProfiles{},
		},
		{
			name:  "header only",
			files: accountFiles{"PROFILES/Profiles.csv": "\"Profile Name\",\"Maturity Level\"\r\n"},
			want:  AccountProfiles{},
		},
		{
			name:  "missing table",
			files: accountFiles{"CONTENT_INTERACTION/ViewingActivity.csv": "Profile Name,Start Time,Duration,Title\n"},
			want:  AccountProfiles{Missing: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := readAccount(context.Background(), tt.files, []string{"profiles"}, everyProfile(time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if a.Profiles == nil || *a.Profiles != tt.want {
				t.Errorf("got %+v, want %+v", a.Profiles, tt.want)
			}
			if a.Searches != nil || a.Ratings != nil || a.MyList != nil || a.Tenure != nil {
				t.Errorf("blocks not asked for are present: %+v", a)
			}
		})
	}
}

const searchHeader = "Profile Name,Country Iso codes.Code,Device,Is Kids,Query Typed,Displayed Name,Action,Section,Utc Timestamp\n"

func TestAccountSearches(t *testing.T) {
	csvText := searchHeader +
		"Anna,NL,Smart TV,0,secret query,,play,title_results,2022-01-31 23:30:00\n" + // February in Amsterdam
		"Anna,NL,Smart TV,0,\"a, b\",Some Title,select,,2022-01-31 22:59:59\n" + // still January
		"Kids,NL,iPhone,1,x,,play,,2021-12-01 10:00:00\n" +
		"Kids,NL,iPhone,1,y,,play,,\n" + // empty timestamp, seen in Dec 2023
		"Kids,NL,iPhone,1,z,,play,,not a time\n"
	files := accountFiles{"netflix-report/CONTENT_INTERACTION/SearchHistory.csv": csvText}
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	tests := []struct {
		loc  *time.Location
		want AccountCounts
	}{
		{time.UTC, AccountCounts{Total: 5, Undated: 2, ByMonth: []MonthCount{{"2021-12", 1}, {"2022-01", 2}}}},
		{ams, AccountCounts{Total: 5, Undated: 2, ByMonth: []MonthCount{{"2021-12", 1}, {"2022-01", 1}, {"2022-02", 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.loc.String(), func(t *testing.T) {
			a, err := readAccount(context.Background(), files, []string{"searches"}, everyProfile(tt.loc))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*a.Searches, tt.want) {
				t.Errorf("got %+v, want %+v", *a.Searches, tt.want)
			}
		})
	}
}

func TestAccountRatings(t *testing.T) {
	csvText := "Profile Name,Title Name,Rating Type,Star Value,Thumbs Value,Device Model,Event Utc Ts,Region View Date\n" +
		"A,T1,thumb,,1,Smart TV,2023-05-01 10:00:00,\n" +
		"A,T2,thumb,,2,Smart TV,2023-05-02 10:00:00,\n" +
		"A,T3,thumb,,2,Smart TV,2023-06-02 10:00:00,\n" +
		"A,T4,thumb,,3,Smart TV,2023-06-03 10:00:00,\n" +
		"A,T5,thumb,,0,Smart TV,2023-06-03 10:00:00,\n" + // not rated: other
		"A,T6,star,5,2,Xbox One,2017-03-19 21:42:22,2017-03-19\n" + // thumbs value on a star row is ignored
		"A,T7,star,1,1,Xbox One,2017-03-20 21:42:22,2017-03-20\n" +
		"A,T8,star,-1,,Xbox One,2017-03-20 21:42:22,2017-03-20\n" + // not interested: other
		"A,T9,star,0,,Xbox One,2017-03-20 21:42:22,2017-03-20\n" + // deleted: other
		"A,T10,thumb,,2,Smart TV,,\n" + // undated thumbs up
		"A,T11,heart,,,Smart TV,2023-06-03 10:00:00,\n" // unknown type: other
	files := accountFiles{"CONTENT_INTERACTION/Ratings.csv": csvText}
	a, err := readAccount(context.Background(), files, []string{"ratings"}, everyProfile(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	want := AccountRatings{Total: 11, ThumbsDown: 1, ThumbsUp: 3, TwoThumbsUp: 1, Stars: 2, Other: 4, Undated: 1,
		ByMonth: []RatingMonth{
			{Month: "2017-03", Stars: 2},
			{Month: "2023-05", ThumbsDown: 1, ThumbsUp: 1},
			{Month: "2023-06", ThumbsUp: 1, TwoThumbsUp: 1},
		}}
	if !reflect.DeepEqual(*a.Ratings, want) {
		t.Errorf("got %+v\nwant %+v", *a.Ratings, want)
	}
}

func TestAccountMyList(t *testing.T) {
	files := accountFiles{"CONTENT_INTERACTION/MyList.csv": "Profile Name,Title Name,Country,Utc Title Add Date\n" +
		"A,\"tick, tick...BOOM!\",United Kingdom,2022-01-25\n" +
		"A,B,United Kingdom,2022-01-01\n" +
		"A,C,United Kingdom,2021-11-30\n"}
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	if ams == nil {
		ams = time.UTC
	}
	// A date without a time stays in its month whatever the zone.
	a, err := readAccount(context.Background(), files, []string{"my_list"}, everyProfile(ams))
	if err != nil {
		t.Fatal(err)
	}
	want := AccountCounts{Total: 3, ByMonth: []MonthCount{{"2021-11", 1}, {"2022-01", 2}}}
	if !reflect.DeepEqual(*a.MyList, want) {
		t.Errorf("got %+v, want %+v", *a.MyList, want)
	}
}

const subscriptionHeader = "Subscription Opened Ts,Is Free Trial At Signup,Subscription Closed Ts,Is Customer Initiated Cancel,Signup Plan Category,Signup Max Concurrent Streams,Signup Max Streaming Quality,Plan Change Date,Plan Change Old Category,Plan Change Old Max Concurrent Streams,Plan Change Old Max Streaming Quality,Plan Change New Category,Plan Change New Max Concurrent Streams,Plan Change New Max Streaming Quality,Cancellation Reason\n"

func TestAccountTenure(t *testing.T) {
	va := "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n" +
		"A,2022-01-20 20:00:00,00:40:00,,X,,TV,00:40:00,00:40:00,NL (Netherlands)\n" +
		"B,2022-03-10 20:00:00,00:40:00,,X,,TV,00:40:00,00:40:00,NL (Netherlands)\n" +
		"B,2021-03-10 20:00:00,00:40:00,,X,,TV,00:40:00,00:40:00,NL (Netherlands)\n"
	tests := []struct {
		name  string
		files accountFiles
		want  AccountTenure
	}{
		{
			name: "open: to the newest view",
			files: accountFiles{
				"ACCOUNT/SubscriptionHistory.csv":         subscriptionHeader + "2013-07-28 19:40:08.133+0000,true,,,STREAMING ONLY,2,HD,20181116,,,,,,,\n",
				"CONTENT_INTERACTION/ViewingActivity.csv": va,
			},
			// 2013-07-28 .. 2022-03-10: 8 years and 7 months, the 28th not reached.
			want: AccountTenure{Months: 8*12 + 7, Subscriptions: 1, Open: true},
		},
		{
			name: "closed, rejoined, closed again",
			files: accountFiles{
				"ACCOUNT/SubscriptionHistory.csv": subscriptionHeader +
					"2015-01-10 00:00:00.000+0000,false,2016-01-10 00:00:00.000,true,STREAMING ONLY,1,SD,,,,,,,,\n" +
					"2018-05-01 12:00:00.000+0000,false,2020-05-01 11:00:00.000,true,STREAMING ONLY,1,SD,,,,,,,,other\n",
				"CONTENT_INTERACTION/ViewingActivity.csv": va,
			},
			// 2015-01-10 .. 2020-05-01 11:00: 5 years and 3 months, then 21 days short.
			want: AccountTenure{Months: 5*12 + 3, Subscriptions: 2},
		},
		{
			name: "open without ViewingActivity: to the newest date of the history",
			files: accountFiles{
				"ACCOUNT/SubscriptionHistory.csv": subscriptionHeader +
					"2015-01-10 00:00:00.000+0000,false,2016-01-10 00:00:00.000,true,STREAMING ONLY,1,SD,,,,,,,,\n" +
					"2016-02-10 00:00:00.000+0000,false,,,STREAMING ONLY,1,SD,,,,,,,,\n",
			},
			want: AccountTenure{Months: 13, Subscriptions: 2, Open: true},
		},
		{
			name:  "placeholder",
			files: accountFiles{"ACCOUNT/SubscriptionHistory.txt": placeholderText},
			want:  AccountTenure{},
		},
		{
			name:  "missing",
			files: accountFiles{},
			want:  AccountTenure{Missing: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := readAccount(context.Background(), tt.files, []string{"tenure"}, everyProfile(time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if *a.Tenure != tt.want {
				t.Errorf("got %+v, want %+v", *a.Tenure, tt.want)
			}
		})
	}
}

func TestAccountMonthsBetween(t *testing.T) {
	tests := []struct {
		a, b string
		want int64
	}{
		{"2020-01-31 10:00:00", "2020-02-29 10:00:00", 0},
		{"2020-01-15 10:00:00", "2020-02-15 10:00:00", 1},
		{"2020-01-15 10:00:00", "2020-02-15 09:59:59", 0},
		{"2020-03-01 00:00:00", "2020-02-01 00:00:00", 0},
		{"2019-12-31 00:00:00", "2021-01-01 00:00:00", 12},
	}
	for _, tt := range tests {
		a, _ := accountTime(tt.a)
		b, _ := accountTime(tt.b)
		if got := accountMonthsBetween(a, b); got != tt.want {
			t.Errorf("%s .. %s: got %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAccountErrors(t *testing.T) {
	long := searchHeader + "A,NL,TV,0," + strings.Repeat("q", input.DefaultLimits().MaxLineBytes+10) + ",,play,,2022-01-01 00:00:00\n"
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		files  accountFiles
		blocks []string
		want   codes.Code
	}{
		{"unknown block", context.Background(), accountFiles{}, []string{"searches", "emails"}, codes.BadOptions},
		{"endless line", context.Background(), accountFiles{"SearchHistory.csv": long}, []string{"searches"}, codes.TooLarge},
		{"cancelled", cancelled, accountFiles{"SearchHistory.csv": searchHeader}, []string{"searches"}, codes.Aborted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := readAccount(tt.ctx, tt.files, tt.blocks, everyProfile(time.UTC))
			if codes.Of(err) != tt.want {
				t.Errorf("got %v (%v), want code %s", a, err, tt.want)
			}
		})
	}
	if a, err := readAccount(context.Background(), accountFiles{}, nil, everyProfile(time.UTC)); a != nil || err != nil {
		t.Errorf("no blocks: got %v, %v; want nil, nil", a, err)
	}
}

func TestAccountSemicolonTable(t *testing.T) {
	files := accountFiles{"MyList.csv": "Profile Name;Title Name;Country;Utc Title Add Date\r\nA;B;Netherlands;2022-01-25\r\nA;C;Netherlands;2022-02-25\r\n"}
	a, err := readAccount(context.Background(), files, []string{"my_list"}, everyProfile(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	want := AccountCounts{Total: 2, ByMonth: []MonthCount{{"2022-01", 1}, {"2022-02", 1}}}
	if !reflect.DeepEqual(*a.MyList, want) {
		t.Errorf("got %+v, want %+v", *a.MyList, want)
	}
}

// TestAccountBatches crosses several gocsv batches: every row must be
// counted exactly once.
func TestAccountBatches(t *testing.T) {
	const n = 3*accountBatchRows + 17
	var b strings.Builder
	b.WriteString(searchHeader)
	perMonth := map[string]int64{}
	for i := range n {
		month := 1 + i%12
		fmt.Fprintf(&b, "P,NL,TV,0,q%d,,play,,2020-%02d-15 12:00:00\n", i, month)
		perMonth[fmt.Sprintf("2020-%02d", month)]++
	}
	a, err := readAccount(context.Background(), accountFiles{"SearchHistory.csv": b.String()}, []string{"searches"}, everyProfile(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if a.Searches.Total != n || len(a.Searches.ByMonth) != 12 {
		t.Fatalf("total %d, %d months; want %d, 12", a.Searches.Total, len(a.Searches.ByMonth), n)
	}
	for _, m := range a.Searches.ByMonth {
		if m.Count != perMonth[m.Month] {
			t.Errorf("%s: %d, want %d", m.Month, m.Count, perMonth[m.Month])
		}
	}
}

// TestAccountPrivacy puts a canary into every column the summary must
// not read and checks that the account JSON never carries it.
func TestAccountPrivacy(t *testing.T) {
	const c = "CANARY-acct"
	files := accountFiles{
		"PROFILES/Profiles.csv":                 "\"Profile Name\",\"Email Address\",\"Maturity Level\",\"Date Of Birth\"\r\n\"" + c + "\",\"" + c + "@example.org\",\"ADULTS\",\"" + c + "\"\r\n",
		"CONTENT_INTERACTION/SearchHistory.csv": searchHeader + c + ",NL," + c + ",0," + c + "," + c + ",play," + c + ",2022-01-01 00:00:00\n",
		"CONTENT_INTERACTION/Ratings.csv":       "Profile Name,Title Name,Rating Type,Star Value,Thumbs Value,Device Model,Event Utc Ts,Region View Date\n" + c + "," + c + ",thumb,,2," + c + ",2022-01-01 00:00:00,\n",
		"CONTENT_INTERACTION/MyList.csv":        "Profile Name,Title Name,Country,Utc Title Add Date\n" + c + "," + c + "," + c + ",2022-01-01\n",
		"ACCOUNT/SubscriptionHistory.csv":       subscriptionHeader + "2020-01-01 00:00:00.000+0000,false,2021-01-01 00:00:00.000,true," + c + ",1," + c + ",,,,,,,," + c + "\n",
	}
	a, err := readAccount(context.Background(), files, AccountBlocks(), everyProfile(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("CANARY")) || bytes.Contains(out, []byte("@")) {
		t.Errorf("account JSON leaks: %s", out)
	}
	if a.Profiles.Count != 1 || a.Searches.Total != 1 || a.Ratings.ThumbsUp != 1 || a.MyList.Total != 1 || a.Tenure.Months != 12 {
		t.Errorf("counts wrong: %s", out)
	}
}

// TestAccountRealSamples reads the real account tables of the samples
// folder and compares with an independent count written here with
// encoding/csv and time.Parse.
func TestAccountRealSamples(t *testing.T) {
	dir := filepath.Join(testutil.RepoRoot(t), "..", "shared", "netflix-samples", "wolfboyjan__datasets", "netflix-report")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("real samples absent:", err)
	}
	files := accountFiles{}
	for _, name := range []string{"CONTENT_INTERACTION/SearchHistory.csv", "CONTENT_INTERACTION/Ratings.csv", "CONTENT_INTERACTION/MyList.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Skip(err)
		}
		files["netflix-report/"+name] = string(b)
	}
	a, err := readAccount(context.Background(), files, []string{"searches", "ratings", "my_list"}, everyProfile(time.UTC))
	if err != nil {
		t.Fatal(err)
	}

	records := func(name string) [][]string {
		r := csv.NewReader(strings.NewReader(files["netflix-report/"+name]))
		r.FieldsPerRecord = -1
		rec, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	month := func(layout, v string) string {
		tm, err := time.Parse(layout, v)
		if err != nil {
			return ""
		}
		return tm.Format("2006-01")
	}
	count := func(name, layout string, col int) map[string]int64 {
		m := map[string]int64{}
		for _, rec := range records(name)[1:] {
			m[month(layout, rec[col])]++
		}
		return m
	}
	check := func(block string, got *AccountCounts, want map[string]int64) {
		var total int64
		for _, n := range want {
			total += n
		}
		if got.Total != total || got.Undated != want[""] {
			t.Errorf("%s: total %d undated %d, want %d %d", block, got.Total, got.Undated, total, want[""])
		}
		for _, m := range got.ByMonth {
			if m.Count != want[m.Month] {
				t.Errorf("%s %s: %d, want %d", block, m.Month, m.Count, want[m.Month])
			}
		}
		months := len(want)
		if _, ok := want[""]; ok {
			months--
		}
		if len(got.ByMonth) != months {
			t.Errorf("%s: %d months, want %d", block, len(got.ByMonth), months)
		}
	}
	check("searches", a.Searches, count("CONTENT_INTERACTION/SearchHistory.csv", "2006-01-02 15:04:05", 8))
	check("my_list", a.MyList, count("CONTENT_INTERACTION/MyList.csv", "2006-01-02", 3))

	var up, down, stars, other int64
	for _, rec := range records("CONTENT_INTERACTION/Ratings.csv")[1:] {
		switch {
		case rec[2] == "star" && rec[3] >= "1" && rec[3] <= "5" && len(rec[3]) == 1:
			stars++
		case rec[2] == "thumb" && rec[4] == "1":
			down++
		case rec[2] == "thumb" && rec[4] == "2":
			up++
		default:
			other++
		}
	}
	r := a.Ratings
	if r.Stars != stars || r.ThumbsUp != up || r.ThumbsDown != down || r.Other != other || r.Total != stars+up+down+other {
		t.Errorf("ratings %+v, want stars %d up %d down %d other %d", *r, stars, up, down, other)
	}
}

// TestAccountCanary extracts a generated export whose profile names,
// titles, devices, countries, e-mails, phones, IPs and device serials
// carry a canary, with every account block and no titles, and checks that
// the JSON holds no canary, no '@' and nothing like an IP address.
func TestAccountCanary(t *testing.T) {
	const canary = "CANARY-xyz"
	var buf bytes.Buffer
	if _, err := synth.WriteZip(&buf, synth.Config{Rows: 2000, Seed: 3, Canary: canary}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(canary)) && !zipHolds(t, buf.Bytes(), canary) {
		t.Fatal("the generated export holds no canary: the test would prove nothing")
	}
	files, err := input.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "export.zip", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.Titles = TitlesNone
	opts.Account = AccountBlocks()
	s, err := Extract(context.Background(), files, opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	ipLike := regexp.MustCompile(`\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b|[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:`)
	switch {
	case bytes.Contains(bytes.ToLower(out), bytes.ToLower([]byte("CANARY"))):
		t.Errorf("the summary holds the canary: %s", out)
	case bytes.ContainsRune(out, '@'):
		t.Errorf("the summary holds an '@': %s", out)
	case ipLike.Match(out):
		t.Errorf("the summary holds something like an IP address: %s", ipLike.Find(out))
	}
	a := s.Account
	if a == nil || a.Profiles == nil || a.Searches == nil || a.Ratings == nil || a.MyList == nil || a.Tenure == nil {
		t.Fatalf("account blocks missing: %s", out)
	}
	if a.Profiles.Count == 0 || a.Searches.Total == 0 || a.Ratings.Total == 0 || a.MyList.Total == 0 || a.Tenure.Subscriptions == 0 {
		t.Errorf("account blocks read nothing, the canary check proves little: %+v", *a)
	}
}

// zipHolds reports whether an entry of the ZIP holds s once inflated.
func zipHolds(t *testing.T, b []byte, s string) bool {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(s)) {
			return true
		}
	}
	return false
}

// BenchmarkReadAccount reads every account block of a generated export.
// The tenure block of an open subscription also scans the Start Time
// column of ViewingActivity.csv, which dominates for large exports.
func BenchmarkReadAccount(b *testing.B) {
	for _, rows := range []int{10_000, 100_000} {
		b.Run("rows="+strconv.Itoa(rows), func(b *testing.B) {
			var buf bytes.Buffer
			if _, err := synth.WriteZip(&buf, synth.Config{Rows: rows, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			files, err := input.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "export.zip", input.Options{})
			if err != nil {
				b.Fatal(err)
			}
			for _, blocks := range [][]string{{"profiles", "searches", "ratings", "my_list"}, {"tenure"}} {
				b.Run(strings.Join(blocks, "+"), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if _, err := readAccount(context.Background(), files, blocks, everyProfile(time.UTC)); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// everyProfile is the configuration of a read that selects every profile,
// with local months in loc.
func everyProfile(loc *time.Location) *config {
	return &config{loc: loc}
}

// readAccount reads the account blocks of files as a summary of every
// profile has them: tenure ends an open membership at the
// newest Start Time of ViewingActivity.csv when files hold one.
func readAccount(ctx context.Context, files input.FileSet, blocks []string, cfg *config) (*Account, error) {
	if len(blocks) == 0 {
		return nil, nil
	}
	f, err := readAccountFigures(ctx, files, blocks, cfg.loc)
	if err != nil {
		return nil, err
	}
	var newest latest
	if a, err := Read(ctx, files, DefaultOptions(), Range{}); err == nil {
		for _, p := range a.profiles {
			newest.merge(&p.fig.newest)
		}
	}
	return f.account(func(string) bool { return true }, newest, cfg.loc), nil
}
