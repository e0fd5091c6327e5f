package extractor_test

import (
	"context"

	"github.com/netflix-donation/widget/extractor"
	"github.com/netflix-donation/widget/extractor/input"
)

// listProfiles is what the widget shows for the participant's choice:
// the profiles of a whole-table Read under the default options.
func listProfiles(files input.FileSet) ([]extractor.ProfileInfo, error) {
	a, err := extractor.Read(context.Background(), files, extractor.DefaultOptions(), extractor.Range{})
	if err != nil {
		return nil, err
	}
	return a.Profiles()
}
