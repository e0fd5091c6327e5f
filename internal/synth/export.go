package synth

import (
	"archive/zip"
	"io"
	"os"
	"path"
	"path/filepath"
	"time"
)

// EmptyTableText is the exact content of the ".txt" file Netflix writes
// instead of a table that has no data (39 bytes, no newline).
const EmptyTableText = "We found no information for this table."

// ReportFolder is the top folder of a real export.
const ReportFolder = "netflix-report"

// ViewingActivityPath is the path of the viewing table inside the
// report folder.
const ViewingActivityPath = "CONTENT_INTERACTION/ViewingActivity.csv"

// entry is one file of the export. Exactly one of viewing, data and tbl
// says what it holds.
type entry struct {
	name    string // path inside the report folder
	viewing bool   // ViewingActivity.csv, streamed
	tbl     table  // a small generated table
	data    string // fixed content
}

// entries lists the files of an export in their fixed order: the folders
// of a 2023-2024 export, tables with data as .csv, empty ones as .txt
// placeholders, and the two PDFs.
func entries() []entry {
	return []entry{
		{name: "ACCOUNT/AccountDetails.csv", tbl: accountDetailsTable},
		{name: "ACCOUNT/ExtraMembers.txt", data: EmptyTableText},
		{name: "ACCOUNT/SubscriptionHistory.csv", tbl: subscriptionHistoryTable},
		{name: "ACCOUNT/TermsOfUse.csv", tbl: termsOfUseTable},
		{name: "CLICKSTREAM/Clickstream.txt", data: EmptyTableText},
		{name: "CONTENT_INTERACTION/IndicatedPreferences.txt", data: EmptyTableText},
		{name: "CONTENT_INTERACTION/InteractiveTitles.txt", data: EmptyTableText},
		{name: "CONTENT_INTERACTION/MyList.csv", tbl: myListTable},
		{name: "CONTENT_INTERACTION/PlaybackRelatedEvents.txt", data: EmptyTableText},
		{name: "CONTENT_INTERACTION/Ratings.csv", tbl: ratingsTable},
		{name: "CONTENT_INTERACTION/SearchHistory.csv", tbl: searchHistoryTable},
		{name: ViewingActivityPath, viewing: true},
		{name: "CUSTOMER_SERVICE/CSContact.txt", data: EmptyTableText},
		{name: "CUSTOMER_SERVICE/ChatTranscripts.txt", data: EmptyTableText},
		{name: "DEVICES/Devices.csv", tbl: devicesTable},
		{name: "GAMES/GamePlaySession.txt", data: EmptyTableText},
		{name: "IP_ADDRESSES/IpAddressesAccountCreation.txt", data: EmptyTableText},
		{name: "IP_ADDRESSES/IpAddressesLogin.csv", tbl: ipLoginTable},
		{name: "IP_ADDRESSES/IpAddressesStreaming.csv", tbl: ipStreamingTable},
		{name: "MESSAGES/MessagesSentByNetflix.txt", data: EmptyTableText},
		{name: "PAYMENT_AND_BILLING/BillingHistory.txt", data: EmptyTableText},
		{name: "PROFILES/Profiles.csv", tbl: profilesTable},
		{name: "PROFILES/ParentalControlsRestrictedTitles.txt", data: EmptyTableText},
		{name: "SURVEYS/ProductCancellationSurvey.txt", data: EmptyTableText},
		{name: "Cover Sheet.pdf", data: string(placeholderPDF("Synthetic export - Cover Sheet placeholder"))},
		{name: "Additional Information.pdf", data: string(placeholderPDF("Synthetic export - Additional Information placeholder"))},
	}
}

// prefix is the path of the report folder inside the ZIP or folder.
func prefix(cfg Config) string {
	if cfg.TopFolder == "" {
		return ReportFolder
	}
	return path.Join(cfg.TopFolder, ReportFolder)
}

// writeEntry writes the content of e to w; for ViewingActivity it returns
// the Truth.
func (h *household) writeEntry(w io.Writer, e entry) (Truth, error) {
	switch {
	case e.viewing:
		return h.writeViewingActivity(w)
	case e.tbl != nil:
		_, err := w.Write(e.tbl(h))
		return Truth{}, err
	default:
		_, err := io.WriteString(w, e.data)
		return Truth{}, err
	}
}

// WriteZip writes a complete export ZIP (deflate) to w: the report folder
// with ViewingActivity.csv, the smaller tables, ".txt" placeholders for
// empty tables and the two PDFs, under cfg.TopFolder when set. Entries
// have a fixed order and their Modified time is cfg.To, so the bytes
// depend on the Config alone.
func WriteZip(w io.Writer, cfg Config) (Truth, error) {
	rc, err := resolve(cfg)
	if err != nil {
		return Truth{}, err
	}
	h := newHousehold(rc)
	zw := zip.NewWriter(w)
	base := prefix(rc.Config)
	modified := time.Unix(rc.to, 0).UTC()
	var truth Truth
	for _, e := range entries() {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: base + "/" + e.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return truth, err
		}
		t, err := h.writeEntry(fw, e)
		if err != nil {
			return truth, err
		}
		if e.viewing {
			truth = t
		}
	}
	return truth, zw.Close()
}

// WriteFolder writes the export unzipped under dir, as macOS Safari
// leaves a downloaded ZIP: dir/netflix-report/... (or
// dir/<TopFolder>/netflix-report/...), with the same files as WriteZip.
// Directories are created as needed; existing files are overwritten.
func WriteFolder(dir string, cfg Config) (Truth, error) {
	rc, err := resolve(cfg)
	if err != nil {
		return Truth{}, err
	}
	h := newHousehold(rc)
	base := filepath.Join(dir, filepath.FromSlash(prefix(rc.Config)))
	var truth Truth
	for _, e := range entries() {
		name := filepath.Join(base, filepath.FromSlash(e.name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return truth, err
		}
		f, err := os.Create(name)
		if err != nil {
			return truth, err
		}
		t, err := h.writeEntry(f, e)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return truth, err
		}
		if e.viewing {
			truth = t
		}
	}
	return truth, nil
}
