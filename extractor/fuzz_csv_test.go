package extractor

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/netflix-donation/widget/extractor/codes"
	"github.com/netflix-donation/widget/extractor/input"
)

// csvFuzzSeeds are small hand-made inputs covering the shapes the
// decoder distinguishes.
var csvFuzzSeeds = []string{
	"",
	"\n",
	vaHeader,
	vaHeader + "P,2023-01-01 10:00:00,01:00:00,,Show: Season 1: A (Episode 1),,Sony PS4,01:00:00,01:00:00,NL (Netherlands)\n",
	vaHeader + "P,2023-01-01 10:00:00,00:00:08,Autoplayed: user action: None; ,X_hook_primary_16x9,HOOK,PC,,,\n",
	vaHeader + "P,2020-07-29 17:54:49,00:01:37,View was hidden; ,HIDDEN TITLE(user hid title at this time): B,,DefaultWidevineAndroidPhone,,,BR (Brazil)\n",
	vaHeader + "P,12/28/2021 13:02,0:45:00,,\"Love, Death & Robots: Volume 3: X (Episode 4)\",,Apple iPhone 11,,,\"KR (Korea, Republic of)\"\n",
	"\uFEFFProfile Name;Start Time;Duration;Title\r\nA;2023-01-01 10:00:00;01:00:00;M\r\n",
	"\xFF\xFEP\x00,\x00",
	"Profile Name,Start Time,Duration,Title;;\nA,2023-01-01 10:00:00,00:10:00,\"\"\"q\"\"\";;\n",
	"Title,Date\n\"A\",\"1/2/23\"\n",
	"Start Time,Duration,Title\n\"2023-01-01 10:00:00\",\"01:00:00\",\"unterminated\n",
	"Start Time,Duration,Title,Start Time\n",
	emptyTableText,
	vaHeader + "P,2023-01-01 10:00:00,9999:59:59,,M\xff\xfe,,,,,\n",
	"Profile Name;Start Time;Duration;Title\r\nA;29-10-2023 18:36;0:08:30;Caf\xe9\r\nA;1-2-2023 9:05;1:00:00;T\r\n",
	"Profile Name,Start Time,Duration,Title\nA,10/29/2023 6:36 PM,0:08:30,T\nA,soon,0:08:30,T\n",
	"Profile Name,Sent Utc Ts,Message Name,Channel\nA,2023-01-01 10:00:00,X,EMAIL\n",
	"<!DOCTYPE html><html></html>\n",
}

// knownCodes are the codes Extract may return on any input.
var knownCodes = map[codes.Code]bool{
	codes.NotZipOrCSV: true, codes.CorruptZip: true, codes.UnsupportedZip: true, codes.NoViewingActivity: true,
	codes.ViewingHistoryOnly: true, codes.BadHeader: true, codes.Empty: true, codes.TooLarge: true,
	codes.EmptyFile: true, codes.OtherNetflixFile: true, codes.UnreadableRows: true, codes.NestedZip: true,
}

// FuzzExtractCSV feeds arbitrary bytes as a lone CSV to Extract and
// listProfiles with small limits: never a panic (which Extract would
// report as codes.Internal), only known codes, and on success the row
// invariant, valid JSON and agreement with listProfiles.
func FuzzExtractCSV(f *testing.F) {
	for _, s := range csvFuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		o := optionsWith(func(o *Options) {
			o.Titles = TitlesAll
			o.TimeZone = "Europe/Amsterdam"
			o.Limits = input.Limits{MaxLineBytes: 4096}
		})
		files := loneCSV(string(in))
		s, err := Extract(context.Background(), files, o)
		if err != nil {
			var e *codes.Error
			if !errors.As(err, &e) || !knownCodes[e.Code] {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		if s.RowsTotal != s.Totals.Views+s.Excluded.Sum() {
			t.Fatalf("rows_total %d != views %d + excluded %d", s.RowsTotal, s.Totals.Views, s.Excluded.Sum())
		}
		if s.Totals.Views == 0 && s.Excluded.Malformed > 0 || 2*s.Excluded.Malformed > s.RowsTotal {
			t.Fatalf("a summary of %d views with %d of %d rows unreadable", s.Totals.Views, s.Excluded.Malformed, s.RowsTotal)
		}
		b, err := json.Marshal(s)
		if err != nil || !utf8.Valid(b) || strings.Contains(string(b), "null") {
			t.Fatalf("JSON %v: %s", err, b)
		}
		list, err := listProfiles(context.Background(), files)
		if err != nil && codes.Of(err) != codes.TooLarge {
			// listProfiles uses the default line limit, so it may accept
			// more; it must not fail where Extract succeeded otherwise.
			t.Fatalf("profiles: %v", err)
		}
		if err == nil {
			var rows int64
			for _, p := range list {
				rows += p.Rows
			}
			if rows != s.RowsTotal || int64(len(list)) != s.Profiles.Count || s.Profiles.Selected != s.Profiles.Count {
				t.Fatalf("listProfiles %d profiles, %d rows; Extract %+v, %d rows", len(list), rows, s.Profiles, s.RowsTotal)
			}
		}
	})
}
