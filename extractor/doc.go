// Package extractor turns a Netflix "Download your personal information"
// export into an aggregated, privacy-preserving viewing summary.
//
// The package is pure Go: it runs natively (the netflix-summary CLI, tests,
// benchmarks) and, unchanged, inside a browser as WebAssembly (see ../wasm).
// Raw rows never leave it: [Extract] returns only aggregates, and profile
// names are replaced by pseudonyms (P1, P2, ...).
//
// The flow is: a [input.FileSet] (a ZIP, a folder or a lone ViewingActivity.csv)
// -> ViewingActivity.csv streamed row by row -> per-row classification into
// exactly one bucket (a view or one of the excluded counters) -> aggregates
// -> [Summary]. [Share] then applies the participant's choices (blocks,
// removed titles, byte budget) and adds a checksum.
//
// A large table can be read by several engines at once: [ExtractPart]
// aggregates one part of it (cut at a line end) into an encoded partial,
// and [ExtractMerged] reads part 0 itself and merges the others. The
// merged summary is exactly what [Extract] gives; a table whose cut falls inside a record is reported as
// [ErrSplitMisaligned], and the caller reads it whole.
package extractor
