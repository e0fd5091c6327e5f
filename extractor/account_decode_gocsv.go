//go:build !(js && wasm)

package extractor

import "github.com/gocarina/gocsv"

// decodeAccountBatch maps one batch of an account table onto rows of T
// with gocsv, the project's CSV-to-struct mapper: the csv tags of T are
// the schema. The browser engine uses decodeAccountBatchTags instead
// (account_decode_js.go), which gives the same rows without gocsv.
func decodeAccountBatch[T any](p *accountProjection, rows *[]T) error {
	return gocsv.UnmarshalCSV(p, rows)
}
