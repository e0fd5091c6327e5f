// Package docs holds the project's documentation for survey authors and
// researchers. It embeds the output schema, netflix-summary.schema.json,
// so that tools (netflix-summary collect) validate donations against the
// very file the documentation describes.
package docs

import _ "embed"

//go:embed netflix-summary.schema.json
var summarySchema string

//go:embed netflix-summary-v1.schema.json
var summarySchemaV1 string

//go:embed participation-status.schema.json
var statusSchema string

// SummarySchema returns the JSON Schema (draft 2020-12) of a summary, a
// shared donation and a declined donation, in the current version of the
// format.
func SummarySchema() []byte { return []byte(summarySchema) }

// SummarySchemaV1 returns the JSON Schema of version 1 of the format
// (netflix-summary/1), frozen, so that donations stored by earlier
// releases of the widget can still be verified.
func SummarySchemaV1() []byte { return []byte(summarySchemaV1) }

// StatusSchema returns the JSON Schema of the participation status the
// widget reports at every step (how far a participant got, with error
// codes and decline reasons).
func StatusSchema() []byte { return []byte(statusSchema) }
