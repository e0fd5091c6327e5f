package resave

import (
	"bytes"
	"testing"
)

// pristine is a small ViewingActivity.csv as Netflix writes it: a name and
// titles with characters Windows-1252 has (ë, é, curly quotes) and lacks
// (Korean), an Attributes value with ";", a Country with ",", a Bookmark
// above 24 hours and "Not latest view".
const pristine = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n" +
	"Zoë,2023-10-29 18:36:45,00:08:30,Autoplayed: user action: None; ,Café Society,,Chrome PC (Cadmium),404:10:36,Not latest view,\"KR (Korea, Republic of)\"\n" +
	"Zoë,2023-02-01 09:05:07,01:51:20,,기상청 “Days”: Season 1,TRAILER,Sony PS4,01:51:20,01:51:20,NL (Netherlands)\n"

// TestShapes compares each shape with the bytes its program writes,
// written out by hand.
func TestShapes(t *testing.T) {
	const (
		headerSemi  = "Profile Name;Start Time;Duration;Attributes;Title;Supplemental Video Type;Device Type;Bookmark;Latest Bookmark;Country"
		headerComma = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country"
	)
	want := map[string]string{
		"excel-nl": headerSemi + "\r\n" +
			"Zo\xeb;29-10-2023 18:36;0:08:30;\"Autoplayed: user action: None; \";Caf\xe9 Society;;Chrome PC (Cadmium);404:10:36;Not latest view;KR (Korea, Republic of)\r\n" +
			"Zo\xeb;1-2-2023 9:05;1:51:20;;??? \x93Days\x94: Season 1;TRAILER;Sony PS4;1:51:20;1:51:20;NL (Netherlands)\r\n",
		"excel-nl-utf8": "\xEF\xBB\xBF" + headerSemi + "\r\n" +
			"Zoë;29-10-2023 18:36;0:08:30;\"Autoplayed: user action: None; \";Café Society;;Chrome PC (Cadmium);404:10:36;Not latest view;KR (Korea, Republic of)\r\n" +
			"Zoë;1-2-2023 9:05;1:51:20;;기상청 “Days”: Season 1;TRAILER;Sony PS4;1:51:20;1:51:20;NL (Netherlands)\r\n",
		"excel-de": headerSemi + "\r\n" +
			"Zo\xeb;29.10.2023 18:36;0:08:30;\"Autoplayed: user action: None; \";Caf\xe9 Society;;Chrome PC (Cadmium);404:10:36;Not latest view;KR (Korea, Republic of)\r\n" +
			"Zo\xeb;01.02.2023 09:05;1:51:20;;??? \x93Days\x94: Season 1;TRAILER;Sony PS4;1:51:20;1:51:20;NL (Netherlands)\r\n",
		"excel-uk": headerComma + "\r\n" +
			"Zo\xeb,29/10/2023 18:36,0:08:30,Autoplayed: user action: None; ,Caf\xe9 Society,,Chrome PC (Cadmium),404:10:36,Not latest view,\"KR (Korea, Republic of)\"\r\n" +
			"Zo\xeb,01/02/2023 09:05,1:51:20,,??? \x93Days\x94: Season 1,TRAILER,Sony PS4,1:51:20,1:51:20,NL (Netherlands)\r\n",
		"excel-us": headerComma + "\r\n" +
			"Zo\xeb,10/29/2023 18:36,0:08:30,Autoplayed: user action: None; ,Caf\xe9 Society,,Chrome PC (Cadmium),404:10:36,Not latest view,\"KR (Korea, Republic of)\"\r\n" +
			"Zo\xeb,2/1/2023 9:05,1:51:20,,??? \x93Days\x94: Season 1,TRAILER,Sony PS4,1:51:20,1:51:20,NL (Netherlands)\r\n",
		"libreoffice-nl": headerComma + "\n" +
			"Zoë,29-10-23 18:36,00:08:30,Autoplayed: user action: None; ,Café Society,,Chrome PC (Cadmium),404:10:36,Not latest view,\"KR (Korea, Republic of)\"\n" +
			"Zoë,01-02-23 09:05,01:51:20,,기상청 “Days”: Season 1,TRAILER,Sony PS4,01:51:20,01:51:20,NL (Netherlands)\n",
		"numbers-nl": headerSemi + "\n" +
			"Zoë;29-10-2023 18:36;0:08:30;\"Autoplayed: user action: None; \";Café Society;;Chrome PC (Cadmium);404:10:36;Not latest view;KR (Korea, Republic of)\n" +
			"Zoë;01-02-2023 09:05;1:51:20;;기상청 “Days”: Season 1;TRAILER;Sony PS4;1:51:20;1:51:20;NL (Netherlands)\n",
	}
	shapes := Shapes()
	if len(shapes) != len(want) {
		t.Fatalf("%d shapes, %d expected texts", len(shapes), len(want))
	}
	for _, s := range shapes {
		got, err := s.Resave([]byte(pristine))
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if w, ok := want[s.Name]; !ok || !bytes.Equal(got, []byte(w)) {
			t.Errorf("%s:\n got %q\nwant %q", s.Name, got, w)
		}
	}
}

// TestResaveRefuses checks that a table that is not pristine is refused
// rather than re-saved wrongly.
func TestResaveRefuses(t *testing.T) {
	for _, in := range []string{
		"",
		"Profile Name,Duration\nP,00:01:00\n",
		"Profile Name,Start Time\nP,29-10-2023 18:36\n",
		"Start Time\n\"unterminated\n",
	} {
		if _, err := Shapes()[0].Resave([]byte(in)); err == nil {
			t.Errorf("Resave(%q) succeeded", in)
		}
	}
}

func TestEncodeWindows1252(t *testing.T) {
	for in, want := range map[string]string{
		"abc":           "abc",
		"é ë ÿ":         "\xe9 \xeb \xff",
		"€ “ ” – ™":     "\x80 \x93 \x94 \x96 \x99",
		"ę ś 기 😀":       "? ? ? ?",
		"\u00a0x\u00ad": "\xa0x\xad",
	} {
		if got := string(EncodeWindows1252(in)); got != want {
			t.Errorf("EncodeWindows1252(%q) = %q, want %q", in, got, want)
		}
	}
}
