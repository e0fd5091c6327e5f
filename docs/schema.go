// Package docs holds the project's documentation for survey authors and
// researchers. It embeds the output schema, netflix-summary.schema.json,
// so that tools (netflix-summary collect) validate donations against the
// very file the documentation describes.
package docs

import _ "embed"

//go:embed netflix-summary.schema.json
var summarySchema string

// SummarySchema returns the JSON Schema (draft 2020-12) of a summary, a
// shared donation and a declined donation.
func SummarySchema() []byte { return []byte(summarySchema) }
