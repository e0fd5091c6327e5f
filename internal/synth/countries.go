package synth

// country is a ViewingActivity Country value and its parts for the
// other tables (MyList uses the plain name, SearchHistory the code).
type country struct {
	code, name string
}

// String returns the ViewingActivity form "NL (Netherlands)".
func (c country) String() string { return c.code + " (" + c.name + ")" }

// homeCountry is where the default household lives.
var homeCountry = country{"NL", "Netherlands"}

// travelCountries are where viewing happens away from home. Two names
// contain a comma, so the CSV field is quoted, as in real exports; ZZ is
// Netflix's unknown region.
var travelCountries = [...]country{
	{"BE", "Belgium"},
	{"DE", "Germany"},
	{"FR", "France"},
	{"ES", "Spain"},
	{"IT", "Italy"},
	{"GB", "United Kingdom"},
	{"US", "United States"},
	{"PT", "Portugal"},
	{"PL", "Poland"},
	{"AT", "Austria"},
	{"CZ", "Czech Republic"},
	{"TR", "Turkey"},
	{"KR", "Korea, Republic of"},
	{"VG", "Virgin Islands, British"},
	{"ZZ", "Unknown Region"},
}
