// Package extractor turns a Netflix "Download your personal information"
// export into an aggregated, privacy-preserving viewing summary.
//
// The package is pure Go: it runs natively (the netflix-summary CLI, tests,
// benchmarks) and, unchanged, inside a browser as WebAssembly (see ../wasm).
// Raw rows never leave it: only aggregates come out, and profile names are
// replaced by pseudonyms (P1, P2, ...).
//
// The flow is [Read] -> [Aggregates] -> [Aggregates.Merge] -> [Aggregates.Summary]:
//
//   - Read streams ViewingActivity.csv of an [input.FileSet] (a ZIP, a folder
//     or the lone table) once, puts every row in exactly one bucket (a view
//     or one of the excluded counters) and keeps per-profile aggregates.
//     A [Range] lets several engines read consecutive parts of one table at
//     the same time.
//   - Merge joins the aggregates of consecutive ranges into exactly what one
//     pass over the whole table gives; MarshalBinary and UnmarshalAggregates
//     carry them between engines.
//   - [Aggregates.Profiles] lists the profiles for the participant to choose
//     from, and Summary builds the [Summary] of the chosen ones, as often as
//     needed, without reading the file again.
//
// [Extract] is the one-call form: Read of the whole table, then Summary.
//
// The sibling packages each do one job: [input] opens ZIPs, folders and
// lone tables within limits and finds the export's tables; csvscan reads
// CSV text in the encodings and shapes spreadsheets leave behind; [codes]
// holds the stable error codes every failure carries. What is shared, and
// how a researcher reads it back, is package donation at the module root.
package extractor
