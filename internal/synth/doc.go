// Package synth writes deterministic synthetic Netflix "Download your
// personal information" exports for tests, benchmarks and demos.
//
// The output imitates a real export byte for byte in its conventions (see
// the project's format notes): the exact ViewingActivity.csv header, LF
// line endings, quoting only where RFC 4180 needs it, Attributes items
// ending in "; ", hidden titles with their prefix, the "Not latest view"
// rule of Latest Bookmark, countries as "NL (Netherlands)", rows grouped by
// profile with Start Time descending, UTC times that fall mostly in the
// household's local evening, binge runs, every Supplemental Video Type and
// localized titles. The smaller tables of the ZIP hold plausible but
// invented data; no real person's data is ever written.
//
// The same Config always gives the same bytes (the package has its own
// seeded random generator and never reads the clock), and the generator
// streams: a million rows need a few kilobytes of state, not the rows.
//
// Every writer returns a Truth: the counts the generator decided while
// writing. It is an answer key computed independently of any parser, so
// tests can compare an extractor's results with it.
package synth
