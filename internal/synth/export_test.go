package synth

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// wantEntries are the files of a generated export, in order, relative to
// the report folder.
var wantEntries = []string{
	"ACCOUNT/AccountDetails.csv",
	"ACCOUNT/ExtraMembers.txt",
	"ACCOUNT/SubscriptionHistory.csv",
	"ACCOUNT/TermsOfUse.csv",
	"CLICKSTREAM/Clickstream.txt",
	"CONTENT_INTERACTION/IndicatedPreferences.txt",
	"CONTENT_INTERACTION/InteractiveTitles.txt",
	"CONTENT_INTERACTION/MyList.csv",
	"CONTENT_INTERACTION/PlaybackRelatedEvents.txt",
	"CONTENT_INTERACTION/Ratings.csv",
	"CONTENT_INTERACTION/SearchHistory.csv",
	"CONTENT_INTERACTION/ViewingActivity.csv",
	"CUSTOMER_SERVICE/CSContact.txt",
	"CUSTOMER_SERVICE/ChatTranscripts.txt",
	"DEVICES/Devices.csv",
	"GAMES/GamePlaySession.txt",
	"IP_ADDRESSES/IpAddressesAccountCreation.txt",
	"IP_ADDRESSES/IpAddressesLogin.csv",
	"IP_ADDRESSES/IpAddressesStreaming.csv",
	"MESSAGES/MessagesSentByNetflix.txt",
	"PAYMENT_AND_BILLING/BillingHistory.txt",
	"PROFILES/Profiles.csv",
	"PROFILES/ParentalControlsRestrictedTitles.txt",
	"SURVEYS/ProductCancellationSurvey.txt",
	"Cover Sheet.pdf",
	"Additional Information.pdf",
}

// wantHeaders are the exact first lines of the tables, from the format
// notes §4 (Profiles: Jun 2023+; AccountDetails: 2023; IpAddressesStreaming:
// Jun 2023+).
var wantHeaders = map[string]string{
	"CONTENT_INTERACTION/SearchHistory.csv": "Profile Name,Country Iso Code,Device,Is Kids,Query Typed,Displayed Name,Action,Section,Utc Timestamp\n",
	"CONTENT_INTERACTION/Ratings.csv":       "Profile Name,Title Name,Rating Type,Star Value,Thumbs Value,Device Model,Event Utc Ts,Region View Date\n",
	"CONTENT_INTERACTION/MyList.csv":        "Profile Name,Title Name,Country,Utc Title Add Date\n",
	"DEVICES/Devices.csv":                   "Profile Name,Esn,Device Type,Acct First Playback Date,Acct Last Playback Date,Acct First Playback Date For User Generated Plays,Acct Last Playback Date For User Generated Plays,Profile First Playback Date,Profile Last Playback Date,Profile First Playback Date For User Generated Plays,Profile Last Playback Date For User Generated Plays,Deactivation Time\n",
	"ACCOUNT/SubscriptionHistory.csv":       "Subscription Opened Ts,Is Free Trial At Signup,Subscription Closed Ts,Is Customer Initiated Cancel,Signup Plan Category,Signup Max Concurrent Streams,Signup Max Streaming Quality,Plan Change Date,Plan Change Old Category,Plan Change Old Max Concurrent Streams,Plan Change Old Max Streaming Quality,Plan Change New Category,Plan Change New Max Concurrent Streams,Plan Change New Max Streaming Quality,Cancellation Reason\n",
	"ACCOUNT/TermsOfUse.csv":                "Tou Accepted Date\n",
	"IP_ADDRESSES/IpAddressesStreaming.csv": "Esn,Localized Device Description,Device Description,Ip,Country,Region Code Display Name,Near Location,Ts\n",
	"IP_ADDRESSES/IpAddressesLogin.csv":     "Esn,Country,Region Code,Device Description,Ip,Ts\n",
	"PROFILES/Profiles.csv":                 `"Profile Name","Email Address","Game Handle","Profile Creation Time","Maturity Level","Primary Lang","Has Auto Playback","Max Stream Quality","Profile Lock Enabled","Profile Transferred","Profile Transfer Time","Profile Transferred From Account","Profile Transferred To Account","Privacy And Data Settings","Date Of Birth","Gender"` + "\r\n",
	"ACCOUNT/AccountDetails.csv":            `"First Name","Last Name","Email Address","Phone Number","Country Of Registration","Country Of Signup","Primary Lang","Cookie Disclosure","Membership Status","Customer Creation Timestamp","Profile Transfer Setting","Has Rejoined","Netflix Updates","Now On Netflix","Netflix Offers","Netflix Surveys","Netflix Kids And Family","Sms Account Related","Sms Content Updates And Special Offers","Test Participation","Whats App","Marketing Communications Matched Identifiers","Extra Member Account","Extra Member Primary Account Owner"` + "\r\n",
}

// zipFiles generates a ZIP and returns its entries' names in order and
// their contents, checking the entry headers on the way.
func zipFiles(t *testing.T, cfg Config) ([]string, map[string][]byte, Truth) {
	t.Helper()
	var buf bytes.Buffer
	truth, err := WriteZip(&buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("archive/zip cannot open the ZIP: %v", err)
	}
	to := cfg.To
	if to.IsZero() {
		to = time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		if !f.Modified.Equal(to) {
			t.Errorf("%s: modified %s, want %s", f.Name, f.Modified, to)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		files[f.Name] = data
	}
	return names, files, truth
}

func TestZipLayout(t *testing.T) {
	tests := []struct {
		top, prefix string
	}{
		{"", "netflix-report/"},
		{"Download", "Download/netflix-report/"},
		{"Users/x/Downloads/export", "Users/x/Downloads/export/netflix-report/"},
	}
	for _, tc := range tests {
		cfg := Config{Rows: 1500, Seed: 6, TopFolder: tc.top}
		names, files, truth := zipFiles(t, cfg)
		var want []string
		for _, e := range wantEntries {
			want = append(want, tc.prefix+e)
		}
		if !reflect.DeepEqual(names, want) {
			t.Fatalf("TopFolder %q: entries\n%q\nwant\n%q", tc.top, names, want)
		}
		// The ViewingActivity entry is what WriteViewingActivity writes.
		csvBytes, csvTruth := generate(t, cfg)
		if !bytes.Equal(files[tc.prefix+ViewingActivityPath], csvBytes) {
			t.Error("ZIP ViewingActivity.csv differs from WriteViewingActivity's output")
		}
		if !reflect.DeepEqual(truth, csvTruth) {
			t.Errorf("WriteZip Truth %+v != WriteViewingActivity Truth %+v", truth, csvTruth)
		}
		for name, data := range files {
			rel := strings.TrimPrefix(name, tc.prefix)
			switch {
			case strings.HasSuffix(name, ".txt"):
				if string(data) != "We found no information for this table." || len(data) != 39 {
					t.Errorf("%s: %q (%d bytes), want the 39-byte placeholder", name, data, len(data))
				}
			case strings.HasSuffix(name, ".pdf"):
				if !bytes.HasPrefix(data, []byte("%PDF-1.")) || !bytes.HasSuffix(data, []byte("%%EOF\n")) {
					t.Errorf("%s does not look like a PDF", name)
				}
			case wantHeaders[rel] != "":
				if !strings.HasPrefix(string(data), wantHeaders[rel]) {
					t.Errorf("%s: header\n%q\nwant\n%q", name, strings.SplitN(string(data), "\n", 2)[0], wantHeaders[rel])
				}
			}
		}
	}
}

func TestQuotedCRLFTables(t *testing.T) {
	_, files, _ := zipFiles(t, Config{Rows: 100, Seed: 2, Canary: `CAN"ARY`})
	for _, name := range []string{"netflix-report/PROFILES/Profiles.csv", "netflix-report/ACCOUNT/AccountDetails.csv"} {
		data := string(files[name])
		if !strings.HasSuffix(data, "\r\n") || strings.Count(data, "\n") != strings.Count(data, "\r\n") {
			t.Errorf("%s: not CRLF throughout", name)
		}
		recs := csvReadAll(t, data)
		for i, line := range strings.Split(strings.TrimSuffix(data, "\r\n"), "\r\n") {
			// Fully quoted: rebuild the line with every field quoted.
			var parts []string
			for _, f := range recs[i] {
				parts = append(parts, `"`+strings.ReplaceAll(f, `"`, `""`)+`"`)
			}
			if want := strings.Join(parts, ","); line != want {
				t.Errorf("%s line %d not fully quoted:\n got %s\nwant %s", name, i+1, line, want)
			}
		}
	}
	// A Kids profile with a kids maturity level.
	recs := csvReadAll(t, string(files["netflix-report/PROFILES/Profiles.csv"]))
	if len(recs) != 5 {
		t.Fatalf("Profiles.csv: %d records, want header + 4", len(recs))
	}
	if recs[3][0] != `Kids CAN"ARY` || recs[3][4] != "OLDER_KIDS" || recs[1][4] != "ADULTS" {
		t.Errorf("Profiles.csv rows: %q", recs[1:])
	}
}

func TestSmallTablesParse(t *testing.T) {
	_, files, _ := zipFiles(t, Config{Rows: 100, Seed: 2})
	profiles := map[string]bool{"Anna": true, "Bram": true, "Kids": true, "Oma & Opa": true}
	for name, data := range files {
		if !strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ViewingActivityPath) {
			continue
		}
		recs := csvReadAll(t, string(data))
		if len(recs) < 2 {
			t.Errorf("%s: no data rows", name)
			continue
		}
		for _, rec := range recs[1:] {
			if len(rec) != len(recs[0]) {
				t.Errorf("%s: row with %d fields, header has %d", name, len(rec), len(recs[0]))
			}
			if recs[0][0] == "Profile Name" && !profiles[rec[0]] {
				t.Errorf("%s: unknown profile %q", name, rec[0])
			}
		}
	}
}

func TestWriteFolderMatchesZip(t *testing.T) {
	for _, top := range []string{"", "Download"} {
		cfg := Config{Rows: 2000, Seed: 12, TopFolder: top, Canary: "CANARY-folder"}
		_, files, zipTruth := zipFiles(t, cfg)
		dir := t.TempDir()
		truth, err := WriteFolder(dir, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(truth, zipTruth) {
			t.Errorf("WriteFolder Truth %+v != WriteZip Truth %+v", truth, zipTruth)
		}
		got := map[string][]byte{}
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			data, err := os.ReadFile(p)
			got[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, files) {
			var g, w []string
			for k := range got {
				g = append(g, k)
			}
			for k := range files {
				w = append(w, k)
			}
			t.Errorf("TopFolder %q: folder files differ from the ZIP's\nfolder %q\nzip    %q", top, g, w)
		}
	}
}

func TestZipDeterminism(t *testing.T) {
	cfg := Config{Rows: 3000, Seed: 21, Canary: "C-1"}
	var a, b, c bytes.Buffer
	if _, err := WriteZip(&a, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteZip(&b, cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Seed++
	if _, err := WriteZip(&c, cfg); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same Config gave different ZIP bytes")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds gave the same ZIP bytes")
	}
}

func TestCanary(t *testing.T) {
	const canary = "CANARY-7f3a"
	names, files, _ := zipFiles(t, Config{Rows: 4000, Seed: 3, Canary: canary})
	va := readRecords(t, files["netflix-report/"+ViewingActivityPath])[1:]
	var titles, devices, countries int
	for i, rec := range va {
		if !strings.Contains(rec[colProfile], canary) {
			t.Fatalf("row %d: profile %q without the canary", i+2, rec[colProfile])
		}
		if strings.Contains(rec[colTitle], canary) {
			titles++
		}
		if strings.Contains(rec[colDevice], canary) {
			devices++
		}
		if strings.Contains(rec[colCountry], canary) {
			countries++
		}
	}
	for what, n := range map[string]int{"titles": titles, "devices": devices, "countries": countries} {
		// "A share": present, but not everywhere.
		if n == 0 || n == len(va) {
			t.Errorf("%d of %d rows have the canary in %s, want a share", n, len(va), what)
		}
	}
	for _, name := range []string{"ACCOUNT/AccountDetails.csv", "IP_ADDRESSES/IpAddressesStreaming.csv", "DEVICES/Devices.csv", "PROFILES/Profiles.csv", "CONTENT_INTERACTION/SearchHistory.csv"} {
		if !bytes.Contains(files["netflix-report/"+name], []byte(canary)) {
			t.Errorf("%s has no canary", name)
		}
	}
	acct := csvReadAll(t, string(files["netflix-report/ACCOUNT/AccountDetails.csv"]))
	if email, phone := acct[1][2], acct[1][3]; !strings.Contains(email, canary) || !strings.Contains(email, "@") || !strings.Contains(phone, canary) {
		t.Errorf("AccountDetails e-mail %q / phone %q lack the canary", email, phone)
	}
	// Without a canary the string appears nowhere.
	_, plain, _ := zipFiles(t, Config{Rows: 4000, Seed: 3})
	for _, n := range names {
		n = strings.TrimPrefix(n, "netflix-report/")
		if bytes.Contains(plain["netflix-report/"+n], []byte("CANARY")) {
			t.Errorf("%s contains CANARY without a canary", n)
		}
	}
}
