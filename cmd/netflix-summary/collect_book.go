package main

// What collect writes, table by table and column by column: the one
// description that the writers, the codebook (codebook.md) and the
// Frictionless descriptor (datapackage.json) share.

import (
	"github.com/netflix-donation/widget/donation"
	"github.com/netflix-donation/widget/internal/codebook"
)

// Texts that several columns share.
const (
	noDonation  = "no ok donation"
	notShared   = "no ok donation, or the block was not shared"
	notReported = "no participation status for this respondent"
	idMeaning   = "The respondent's id (see respondents.csv); several rows of the export may share one id (see duplicates.csv), so join on row"
	rowMeaning  = "The respondent's data row in the export (see respondents.csv)"
)

// codeList is the pattern of a space-separated list of codes.
const codeList = `[a-z_]+( [a-z_]+)*`

// statuses are the values of respondents.status, good to bad.
var statuses = []string{"ok", "declined", "error", "missing", "truncated", "invalid"}

// participations are the values of respondents.participation.
var participations = []string{"not_reached", "reached", "file_chosen", "error", "reviewed", "declined", "shared", "unknown"}

func col(name, typ, meaning string) codebook.Column {
	return codebook.Column{Name: name, Type: typ, Meaning: meaning}
}

// count is an integer column of a donation field.
func count(name, field, unit, empty string) codebook.Column {
	return codebook.Column{Name: name, Type: "integer", Field: field, Unit: unit, Empty: empty, Minimum: codebook.Count()}
}

// keys are the two columns every per-respondent table starts with.
func keys() []codebook.Column {
	row := col("row", "integer", rowMeaning)
	row.Minimum = one()
	return []codebook.Column{col("id", "string", idMeaning), row}
}

func one() *int64 { n := int64(1); return &n }

// toRespondents is the foreign key of every per-respondent table.
var toRespondents = []codebook.ForeignKey{{Fields: []string{"row"}, Resource: "respondents", Reference: []string{"row"}}}

// collectBook describes every table collect writes. keep are the survey
// columns carried into respondents.csv with --keep.
func collectBook(keep []string) (*codebook.Book, error) {
	b := &codebook.Book{
		Title: "Codebook: Netflix data donations collected from a survey",
		Intro: bookIntro,
		Tables: []codebook.Table{
			respondentsTable(keep),
			{Name: "months", Title: "Viewing per month", Row: "respondent × month observed",
				Description: "Views and seconds per local calendar month, from the month of the first view to the month of observed_to, months without views included as 0. Each row says how many days of the month the donation observes: a month is partial when the export began or ended within it, or the study's from/to cut it.",
				Columns: append(keys(),
					codebook.Column{Name: "month", Type: "yearmonth", Field: "by_month[].month"},
					count("views", "by_month[].views", "views", ""),
					count("seconds", "by_month[].seconds", "seconds", ""),
					codebook.Column{Name: "days_in_month", Type: "integer", Unit: "days", Minimum: codebook.Count(), Meaning: "Days of the calendar month (28 to 31)"},
					codebook.Column{Name: "days_covered", Type: "integer", Unit: "days", Minimum: codebook.Count(), Empty: "unknown: the donation has no totals block, so the first view's day is not known (the first month then counts as partial)",
						Meaning: "Days of the month inside the observed period observed_from .. observed_to of respondents.csv"},
					codebook.Column{Name: "partial", Type: "boolean", Meaning: "true when days_covered is less than days_in_month: the month was not observed whole, so its figures are not comparable with whole months"},
				),
				PrimaryKey: []string{"row", "month"}, ForeignKeys: toRespondents},
			{Name: "weekday_hour", Title: "Viewing by weekday and hour", Row: "respondent × weekday × hour (168 rows each)",
				Description: "Seconds viewed by local start weekday and hour.",
				Columns: append(keys(),
					codebook.Column{Name: "weekday", Type: "integer", Unit: "ISO weekday", Values: []string{"1", "2", "3", "4", "5", "6", "7"}, Meaning: "Local weekday of the views' start: 1 = Monday … 7 = Sunday"},
					codebook.Column{Name: "hour", Type: "integer", Unit: "hour of the day", Minimum: codebook.Count(), Pattern: `[0-9]|1[0-9]|2[0-3]`, Meaning: "Local hour of the views' start, 0 to 23"},
					codebook.Column{Name: "seconds", Type: "integer", Field: "weekday_hour_seconds", Unit: "seconds", Minimum: codebook.Count(), Meaning: "This row's cell."},
				),
				PrimaryKey: []string{"row", "weekday", "hour"}, ForeignKeys: toRespondents},
			{Name: "devices", Title: "Viewing by device class", Row: "respondent × device class (7 rows each)",
				Description: "Views and seconds by coarse device class.",
				Columns: append(keys(),
					codebook.Column{Name: "class", Type: "string", Field: "by_device[].class"},
					count("views", "by_device[].views", "views", ""),
					count("seconds", "by_device[].seconds", "seconds", ""),
				),
				PrimaryKey: []string{"row", "class"}, ForeignKeys: toRespondents},
			{Name: "titles", Title: "Titles shared", Row: "respondent × title shared",
				Description: "The titles a participant shared, as many as the title detail asked for, less those the participant removed and those dropped to fit the byte budget (see titles_removed and titles_dropped_for_size in respondents.csv).",
				Columns: append(keys(),
					codebook.Column{Name: "rank", Type: "integer", Minimum: one(), Meaning: "Place in the shared list: 1 = most seconds"},
					codebook.Column{Name: "name", Type: "string", Field: "titles[].name", Meaning: "It may start with =, + or -: open the table in R or pandas rather than a spreadsheet, which may take such a cell for a formula."},
					codebook.Column{Name: "kind", Type: "string", Field: "titles[].kind"},
					count("views", "titles[].views", "views", ""),
					count("seconds", "titles[].seconds", "seconds", ""),
					codebook.Column{Name: "episodes", Type: "integer", Field: "titles[].episodes", Unit: "episodes", Minimum: codebook.Count(), Zero: "a movie"},
					codebook.Column{Name: "first_month", Type: "yearmonth", Field: "titles[].first_month", Empty: "not a real month (see warnings.csv, bad_date)"},
					codebook.Column{Name: "last_month", Type: "yearmonth", Field: "titles[].last_month", Empty: "not a real month (see warnings.csv, bad_date)"},
				),
				PrimaryKey: []string{"row", "rank"}, ForeignKeys: toRespondents},
			{Name: "account_profiles", Title: "Profiles of the account", Row: "respondent who shared the account profiles block",
				Columns: append(keys(),
					codebook.Column{Name: "missing", Type: "boolean", Field: "account.profiles.missing", Meaning: "The other columns are then 0."},
					count("count", "account.profiles.count", "profiles", ""),
					count("kids", "account.profiles.kids", "profiles", ""),
					count("unknown_maturity", "account.profiles.unknown_maturity", "profiles", ""),
				),
				PrimaryKey: []string{"row"}, ForeignKeys: toRespondents},
			{Name: "account_totals", Title: "Totals of the account tables", Row: "respondent × account block shared (searches, my_list, ratings)",
				Columns: append(keys(),
					codebook.Column{Name: "block", Type: "string", Values: []string{"searches", "my_list", "ratings"}, Meaning: "The account block"},
					codebook.Column{Name: "missing", Type: "boolean", Field: "account.searches.missing", Meaning: "(The same for each block.)"},
					count("total", "account.searches.total", "rows", ""),
					count("undated", "account.searches.undated", "rows", ""),
					count("thumbs_down", "account.ratings.thumbs_down", "ratings", "not the ratings block"),
					count("thumbs_up", "account.ratings.thumbs_up", "ratings", "not the ratings block"),
					count("two_thumbs_up", "account.ratings.two_thumbs_up", "ratings", "not the ratings block"),
					count("stars", "account.ratings.stars", "ratings", "not the ratings block"),
					count("other", "account.ratings.other", "rows", "not the ratings block"),
				),
				PrimaryKey: []string{"row", "block"}, ForeignKeys: toRespondents},
			accountMonths("account_searches", "Searches per month", "account.searches.by_month[]"),
			accountMonths("account_my_list", "My List additions per month", "account.my_list.by_month[]"),
			{Name: "account_ratings", Title: "Ratings per month", Row: "respondent × month with ratings",
				Description: "Only months with ratings have rows.",
				Columns: append(keys(),
					codebook.Column{Name: "month", Type: "yearmonth", Field: "account.ratings.by_month[].month"},
					count("thumbs_down", "account.ratings.by_month[].thumbs_down", "ratings", ""),
					count("thumbs_up", "account.ratings.by_month[].thumbs_up", "ratings", ""),
					count("two_thumbs_up", "account.ratings.by_month[].two_thumbs_up", "ratings", ""),
					count("stars", "account.ratings.by_month[].stars", "ratings", ""),
				),
				PrimaryKey: []string{"row", "month"}, ForeignKeys: toRespondents},
			{Name: "account_tenure", Title: "Membership length", Row: "respondent who shared the tenure block",
				Columns: append(keys(),
					codebook.Column{Name: "missing", Type: "boolean", Field: "account.tenure.missing"},
					count("months", "account.tenure.months", "months", ""),
					count("subscriptions", "account.tenure.subscriptions", "subscriptions", ""),
					codebook.Column{Name: "open", Type: "boolean", Field: "account.tenure.open"},
				),
				PrimaryKey: []string{"row"}, ForeignKeys: toRespondents},
			{Name: "month_coverage", Title: "Respondents behind each month", Row: "calendar month observed by at least one ok donation",
				Description: "How many respondents stand behind each month, and their sums, so that a mean per month can be taken over whole months only. A month early in the panel or the month of the export stands on few respondents or on partial months: mark or drop it.",
				Columns: []codebook.Column{
					{Name: "month", Type: "yearmonth", Meaning: "Local calendar month (each respondent's own time zone)"},
					{Name: "respondents", Type: "integer", Unit: "respondents", Minimum: one(), Meaning: "Respondents with a row for this month in months.csv"},
					{Name: "respondents_full", Type: "integer", Unit: "respondents", Minimum: codebook.Count(), Meaning: "Of those, respondents who observed the whole month (partial = false)"},
					{Name: "views", Type: "integer", Unit: "views", Minimum: codebook.Count(), Meaning: "Sum of views in months.csv over all respondents"},
					{Name: "seconds", Type: "integer", Unit: "seconds", Minimum: codebook.Count(), Meaning: "Sum of seconds in months.csv over all respondents"},
					{Name: "views_full", Type: "integer", Unit: "views", Minimum: codebook.Count(), Meaning: "Sum of views over respondents_full"},
					{Name: "seconds_full", Type: "integer", Unit: "seconds", Minimum: codebook.Count(), Meaning: "Sum of seconds over respondents_full; seconds_full / respondents_full / 3600 is the mean viewing hours over whole months"},
				},
				PrimaryKey: []string{"month"}},
			{Name: "funnel", Title: "Participation funnel", Row: "stage (and detail)",
				Description: "How far respondents got, for non-response analysis: each stage counts the respondents who reached at least that step; outcome rows split all respondents by where they ended (each respondent once); error_met rows count respondents who met an error code at least once. Without a participation status field only the outcomes that the donation field and the old error field show can be told; the others are unknown.",
				Columns: []codebook.Column{
					{Name: "stage", Type: "string", Values: []string{"respondents", "reached", "file_chosen", "reviewed", "shared", "stored_ok", "outcome", "error_met"}, Meaning: "respondents: rows of the export; reached: reached the widget; file_chosen: chose at least one file; reviewed: saw their summary for review (whether they then shared, declined, or left); shared: pressed Share; stored_ok: the survey holds an ok donation; outcome: where respondents ended (see outcomes below); error_met: met this error code"},
					{Name: "detail", Type: "string", Empty: "a stage without detail", Meaning: "For outcome, the outcome code; for error_met, the error code"},
					{Name: "respondents", Type: "integer", Unit: "respondents", Minimum: codebook.Count(), Meaning: "Respondents at this stage"},
					{Name: "share", Type: "string", Pattern: `[01]\.[0-9]{4}`, Meaning: "respondents divided by all respondents, four decimals"},
				},
				PrimaryKey: []string{"stage", "detail"}},
			{Name: "report", Title: "Donations that are not ok", Row: "respondent whose status is not ok",
				Columns: append(keys(),
					codebook.Column{Name: "status", Type: "string", Values: statuses[1:], Meaning: "As in respondents.csv"},
					codebook.Column{Name: "reason", Type: "string", Meaning: "Why, in English"},
				),
				PrimaryKey: []string{"row"}, ForeignKeys: toRespondents},
			{Name: "warnings", Title: "Doubts about donations", Row: "respondent × warning",
				Description: "Invariants of the format that an ok donation breaks although its checksum matches, and disagreements between the donation and the participation status. The donation's figures stay in the tables; decide whether to use them.",
				Columns: append(keys(),
					codebook.Column{Name: "code", Type: "string", Values: warningCodes(), Meaning: "The warning (see warning codes below)"},
					codebook.Column{Name: "message", Type: "string", Meaning: "What exactly, in English"},
				),
				PrimaryKey: []string{"row", "code"}, ForeignKeys: toRespondents},
			{Name: "duplicates", Title: "Duplicate respondents and donations", Row: "export row that belongs to a duplicate group",
				Description: "Rows that share a respondent id, and rows whose ok donations are identical (the same checksum) under different ids. Every row of a group is listed, the first one too; respondents.csv flags them in its duplicate column.",
				Columns: append([]codebook.Column{
					{Name: "kind", Type: "string", Values: []string{"id", "donation"}, Meaning: "id: the rows share an id; donation: the rows hold the same donation"},
					{Name: "key", Type: "string", Meaning: "What the rows share: the id, or the donation's checksum"},
				}, keys()...),
				PrimaryKey: []string{"kind", "row"}, ForeignKeys: toRespondents},
		},
		Codes: []codebook.Codes{
			{Title: "Statuses", Intro: "respondents.status says what the survey holds for a respondent.", Codes: [][2]string{
				{"ok", "A donation: valid JSON, valid against the schema, checksum matches"},
				{"declined", "The participant chose not to donate; decline_reason says why"},
				{"error", "No donation, and the widget reported an error the participant left at (error says which)"},
				{"missing", "Nothing stored: the participant left before deciding, or the platform lost the field (participation tells which)"},
				{"truncated", "The JSON ends too early: a field limit of the platform cut it off"},
				{"invalid", "Not JSON, not the schema, or altered after sharing (checksum mismatch)"},
			}},
			{Title: "Participation", Intro: "respondents.participation is the furthest step the participant reached, from the participation status field; a stored donation or decline counts as shared or declined even when the status field says less (warning status_behind).", Codes: [][2]string{
				{"not_reached", "The status field is empty: the participant never reached the widget (or left before it loaded)"},
				{"reached", "The widget was shown"},
				{"file_chosen", "A file was chosen and was being read"},
				{"error", "Reading the file failed; the participant stayed at the error"},
				{"reviewed", "The summary was shown for review"},
				{"declined", "The participant chose not to share"},
				{"shared", "The participant pressed Share"},
				{"unknown", "No status was read (the export has no status field, or it holds something unreadable: warning bad_status) and the donation field is empty"},
			}},
			{Title: "Outcomes", Intro: "respondents.outcome and the outcome rows of funnel.csv put each respondent in one group.", Codes: [][2]string{
				{"ok", "Shared, and an ok donation is stored"},
				{"truncated", "Shared, and the stored donation was cut off"},
				{"invalid", "Shared, and the stored donation is invalid"},
				{"shared_not_stored", "The status says shared, but the field is empty"},
				{"declined:REASON", "Declined for REASON (not_wanted, no_file, not_own_account, did_not_work), or declined:no_reason for a widget before reasons"},
				{"error:CODE", "Left at the error CODE"},
				{"left:STEP", "Left at STEP (reached, file_chosen, reviewed) without deciding"},
				{"not_reached", "Never reached the widget"},
				{"unknown", "Nothing tells (no status field, no donation)"},
			}},
			{Title: "Warning codes", Intro: "warnings.csv and respondents.warnings use these codes.", Codes: warningCodeList()},
		},
	}
	return b, b.Resolve()
}

// bookIntro holds the definitions every table relies on.
const bookIntro = `
These tables were written by ` + "`netflix-summary collect`" + ` from a survey
platform's response export. Each respondent's donation was verified
(JSON, the schema docs/netflix-summary.schema.json, its SHA-256 checksum)
before any figure was written. provenance.json records the tool's
version, the schema versions, when it ran and the SHA-256 of the export;
datapackage.json describes the same tables for a Frictionless Data
Package.

Definitions:

- **View**: a row of the participant's Netflix ViewingActivity.csv, of a
  profile the participant chose, whose Start Time and Duration can be
  read, inside the from/to period, that is not supplemental and that
  lasted at least min_seconds.
- **Supplemental**: trailers, teasers, previews, recaps and other
  supplemental videos (Netflix's Supplemental Video Type is not empty);
  they are counted in excluded_supplemental, never as views.
- **min_seconds**: views shorter than this (60 s by default) count as
  short (excluded_short), not as views.
- **Local time**: Netflix writes start times in UTC; every date, month,
  weekday and hour here is in the donation's time_zone (the participant's
  browser's zone, an IANA name).
- **Chosen profiles**: every figure counts only the profiles the
  participant chose; the profiles column counts the account's profiles.
- **Observed period**: from observed_from (the first view's day, or from)
  to observed_to (the day of the newest row of the export, or to). A
  month only partly inside it is partial.
- **Empty cell**: a value that does not exist for this respondent (no
  ok donation, a block not shared, an option not set); 0 is a count of
  nothing. Empty cells read as NA in R and NaN in pandas.
`

// respondentsTable describes respondents.csv; keep columns come after row.
func respondentsTable(keep []string) codebook.Table {
	cols := keys()
	cols[0].Meaning = "The respondent's id: the export's id column (--id, else ResponseId, id or Response ID, or CASE in a SoSci Survey export), else the row number. Not unique when the export holds an id twice (see duplicate)"
	cols[1].Meaning = "The data row of the export, from 1 (header rows not counted); unique: the key of every table"
	for _, k := range keep {
		cols = append(cols, codebook.Column{Name: k, Type: "string", Empty: "empty in the export",
			Meaning: "Carried over unchanged from the survey export's column " + k + " (--keep)"})
	}
	donated := func(c codebook.Column) codebook.Column {
		if c.Empty == "" {
			c.Empty = noDonation
		}
		return c
	}
	str := func(name, field string) codebook.Column {
		return donated(codebook.Column{Name: name, Type: "string", Field: field})
	}
	date := func(name, field, empty string) codebook.Column {
		return codebook.Column{Name: name, Type: "date", Field: field, Empty: empty}
	}
	cols = append(cols,
		codebook.Column{Name: "status", Type: "string", Values: statuses, Meaning: "What the survey holds for this respondent (see statuses below)"},
		codebook.Column{Name: "reason", Type: "string", Empty: "status ok", Meaning: "Why the status is not ok, in English"},
		codebook.Column{Name: "participation", Type: "string", Values: participations, Meaning: "The furthest step the participant reached in the widget (see participation below)"},
		codebook.Column{Name: "outcome", Type: "string", Pattern: `ok|truncated|invalid|shared_not_stored|declined:[a-z_]+|error:[a-z_]+|left:(reached|file_chosen|reviewed)|not_reached|unknown`,
			Meaning: "Where the respondent ended, one group each (see outcomes below); the outcome rows of funnel.csv count them"},
		codebook.Column{Name: "attempts", Type: "integer", Unit: "files", Minimum: codebook.Count(), Empty: notReported, Zero: "no file chosen", Meaning: "Files (or folders) the participant chose, from the participation status"},
		codebook.Column{Name: "errors", Type: "string", Pattern: codeList, Empty: "no error met, or " + notReported, Meaning: "The error codes the participant met, oldest first, space-separated (at most the last 10)"},
		codebook.Column{Name: "error", Type: "string", Pattern: `[a-z_]+`, Empty: "no error", Meaning: "The code of the error the participant left at (status error), or the last error before declining with did_not_work; from the status, the decline, or the old example's error field"},
		codebook.Column{Name: "decline_reason", Type: "string", Values: donation.DeclineReasons(), Empty: "not declined, or declined with a widget before reasons", Meaning: "Why the participant declined: not_wanted, no_file (has no Netflix file, or not yet), not_own_account, did_not_work"},
		codebook.Column{Name: "warnings", Type: "string", Pattern: codeList, Empty: "no warning", Meaning: "Warning codes (see warnings.csv), space-separated"},
		codebook.Column{Name: "duplicate", Type: "string", Pattern: `id|donation|id donation`, Empty: "not a duplicate", Meaning: "id: another row has the same id; donation: another row holds the same donation (see duplicates.csv)"},
		str("checksum", "checksum"),
		donated(codebook.Column{Name: "schema", Type: "string", Values: []string{donation.SchemaV1, donation.SchemaV2}, Meaning: "The format version the donation was stored in; a netflix-summary/1 donation is read as version 2 (rows_total then counts only the chosen profiles)"}),
		donated(codebook.Column{Name: "shared_blocks", Type: "string", Field: "sharing.blocks", Pattern: codeList, Meaning: "Space-separated."}),
		count("views", "totals.views", "views", notShared),
		count("seconds", "totals.seconds", "seconds", notShared),
		count("active_days", "totals.active_days", "days", notShared),
		count("titles", "totals.titles", "titles", notShared),
		count("series", "totals.series", "series", notShared),
		count("movies", "totals.movies", "movies", notShared),
		date("first_day", "totals.first_day", notShared+", no views, or not a real date (see warnings.csv, bad_date)"),
		date("last_day", "totals.last_day", notShared+", no views, or not a real date (see warnings.csv, bad_date)"),
		count("hidden_views", "totals.hidden_views", "views", notShared),
		count("autoplay_views", "totals.autoplay_views", "views", notShared),
		count("autoplay_seconds", "totals.autoplay_seconds", "seconds", notShared),
		count("binge_sessions", "binge.sessions", "sessions", notShared),
		count("binge_views", "binge.views", "views", notShared),
		count("binge_seconds", "binge.seconds", "seconds", notShared),
		count("binge_longest", "binge.longest", "views", notShared),
		count("profiles", "profiles.count", "profiles", notShared),
		count("profiles_selected", "profiles.selected", "profiles", notShared),
		count("rows_total", "rows_total", "rows", noDonation),
		count("lenient_rows", "lenient_rows", "rows", noDonation),
		count("excluded_malformed", "excluded.malformed", "rows", noDonation),
		count("excluded_outside_period", "excluded.outside_period", "rows", noDonation),
		count("excluded_supplemental", "excluded.supplemental", "rows", noDonation),
		count("excluded_short", "excluded.short", "rows", noDonation),
		codebook.Column{Name: "time_zone", Type: "string", Field: "options.time_zone", Empty: noDonation},
		count("min_seconds", "options.min_seconds", "seconds", noDonation),
		date("from", "options.from", noDonation+", no start was set, or not a real date (see warnings.csv, bad_date)"),
		date("to", "options.to", noDonation+", no end was set, or not a real date (see warnings.csv, bad_date)"),
		codebook.Column{Name: "title_detail", Type: "string", Field: "options.titles", Empty: noDonation},
		count("top", "options.top", "titles", noDonation),
		codebook.Column{Name: "source_kind", Type: "string", Field: "source.kind", Empty: noDonation},
		date("newest_day", "source.newest_day", noDonation+", or not a real date (see warnings.csv, bad_date)"),
		count("titles_removed", "sharing.titles_removed", "titles", noDonation),
		count("titles_dropped_for_size", "sharing.titles_dropped_for_size", "titles", noDonation),
		codebook.Column{Name: "max_bytes", Type: "integer", Field: "sharing.max_bytes", Unit: "bytes", Minimum: codebook.Count(), Empty: noDonation, Zero: "no budget"},
		codebook.Column{Name: "observed_from", Type: "date", Empty: "no ok donation with totals, no views", Meaning: "First day of the observed period: the first view's local day, or from when that is later"},
		codebook.Column{Name: "observed_to", Type: "date", Empty: "no ok donation, or no day known", Meaning: "Last day of the observed period: the local day of the export's newest row of the chosen profiles (source.newest_day, else last_day), or to when that is earlier"},
		codebook.Column{Name: "months_observed", Type: "integer", Unit: "months", Minimum: codebook.Count(), Empty: "no ok donation with by_month", Meaning: "Rows of this respondent in months.csv"},
		codebook.Column{Name: "months_full", Type: "integer", Unit: "months", Minimum: codebook.Count(), Empty: "no ok donation with by_month", Meaning: "Of those, months observed whole (partial = false)"},
	)
	return codebook.Table{Name: "respondents", Title: "Respondents", Row: "row of the survey export",
		Description: "Every respondent of the export, with the verdict on the stored donation, how far the participant got, and the donation's headline figures.",
		Columns:     cols, PrimaryKey: []string{"row"}}
}

func accountMonths(name, title, field string) codebook.Table {
	return codebook.Table{Name: name, Title: title, Row: "respondent × month with rows",
		Description: "Only months with rows have rows.",
		Columns: append(keys(),
			codebook.Column{Name: "month", Type: "yearmonth", Field: field + ".month"},
			count("count", field+".count", "rows", ""),
		),
		PrimaryKey: []string{"row", "month"}, ForeignKeys: toRespondents}
}

func warningCodes() []string {
	var out []string
	for _, w := range donation.WarningCodes() {
		out = append(out, w.Code)
	}
	return out
}

func warningCodeList() [][2]string {
	var out [][2]string
	for _, w := range donation.WarningCodes() {
		out = append(out, [2]string{w.Code, w.Meaning})
	}
	return out
}
