// Package donation is both ends of a donation: sharing a summary in the
// participant's browser, and reading what a survey platform stored.
//
// [Share] applies the participant's and the study's choices to an
// extractor.Summary (blocks, removed titles, a byte budget) and adds a
// checksum over the canonical form of the JSON ([Checksum],
// [VerifyChecksum]). That is all the WebAssembly engine links.
//
// A [Verifier] reads the donations a survey platform stored
// ([FindColumns] joins one split over several columns): it tells a
// declined, missing, truncated or invalid donation from a good one, and
// decodes the good ones after checking them against the published schema
// (docs/netflix-summary.schema.json) and their checksum. A declined
// donation is {"declined":true} with the participant's reason. Donations
// of both versions of the format are read: netflix-summary/2 (the current
// one) and netflix-summary/1, which is converted to version 2 (see
// Donation.Version). A good donation whose figures contradict each other
// carries Warnings; [Verifier.CheckStatus] reads the participation status
// a survey stores beside the donation. The reading side is built
// natively only.
package donation
