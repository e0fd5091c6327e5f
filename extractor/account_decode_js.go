//go:build js && wasm

package extractor

// decodeAccountBatch maps one batch of an account table onto rows of T. In
// the WebAssembly engine it is decodeAccountBatchTags: gocsv would bring
// net, crypto/rand and mime/multipart into the participant's download
// (about 0.9 MB of the raw .wasm) for five small tables. A native test
// (TestAccountDecodersAgree) checks that both decoders give the same rows.
func decodeAccountBatch[T any](p *accountProjection, rows *[]T) error {
	return decodeAccountBatchTags(p, rows)
}
