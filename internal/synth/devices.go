package synth

// deviceKind groups the Device Type strings so that a household gets a
// plausible mix (one living-room screen, phones, a laptop) and so that
// browser-only attributes land on browsers.
type deviceKind uint8

const (
	kindTV deviceKind = iota
	kindSetTopBox
	kindConsole
	kindComputer
	kindPhone
	kindTablet
)

// device is a ViewingActivity Device Type string.
type device struct {
	name string
	kind deviceKind
}

// devices are real Device Type model strings from exports (they identify
// device models, not people), including the double space and the
// parentheses that real strings contain.
var devices = [...]device{
	{"Samsung 2016 Jazz-L UHD TV Smart TV", kindTV},
	{"Samsung CE 2021 Nike-L UHD TV  Smart TV", kindTV},
	{"LG 2017 RTK K3Lp Standard UHD TV Smart TV", kindTV},
	{"Sony Sony Android TV 2015 4K Smart TV", kindTV},
	{"TCL TV 2018 UHD Android TV Smart TV", kindTV},
	{"Roku 3 Set Top Box", kindSetTopBox},
	{"FireTV Stick 2016", kindSetTopBox},
	{"FireTV 4K Stick 2018", kindSetTopBox},
	{"Amazon FIRETVSTICK2021 Streaming Stick", kindSetTopBox},
	{"Google Chromecast V5 Streaming Stick", kindSetTopBox},
	{"Google Sabrina ATV Set Top Box", kindSetTopBox},
	{"Apple TV 3 (revised)", kindSetTopBox},
	{"Comcast X1 ARM 4K MVPD STB", kindSetTopBox},
	{"Sky UK skytitanuk MVPD STB", kindSetTopBox},
	{"Microsoft Xbox One", kindConsole},
	{"Microsoft Xbox Series X", kindConsole},
	{"Sony PS4", kindConsole},
	{"Sony PS4 Pro", kindConsole},
	{"Sony PS5", kindConsole},
	{"WiiU", kindConsole},
	{"Chrome PC (Cadmium)", kindComputer},
	{"Safari MAC (Cadmium)", kindComputer},
	{"Firefox PC (Cadmium)", kindComputer},
	{"Edge OSS - Windows (Cadmium)", kindComputer},
	{"Netflix Chrome MAC (Cadmium) HTML 5", kindComputer},
	{"Netflix Firefox MAC (Cadmium) HTML 5", kindComputer},
	{"Netflix Windows App - Cadmium Windows Mobile", kindComputer},
	{"Netflix Opera Other", kindComputer},
	{"Android DefaultWidevineL3Phone Android Phone", kindPhone},
	{"DefaultWidevineAndroidPhone", kindPhone},
	{"Android DefaultWidevineL3Phone Android Phone (motorola_Moto G Play)", kindPhone},
	{"Apple iPhone 11", kindPhone},
	{"Apple iPhone 7 Plus (GSM)", kindPhone},
	{"Apple iPhone X (CDMA)", kindPhone},
	{"iPhone 12 Mini", kindPhone},
	{"Apple iPhone 15 Pro iPhone", kindPhone},
	{"Android DefaultWidevineL3Tablet Android Tablet", kindTablet},
	{"iPad Air 2 WiFi", kindTablet},
	{"Apple iPad Pro 12.9 in 5th Gen (Wi-Fi/Cell) iPad", kindTablet},
}

// coarseDevice is the vocabulary SearchHistory and Ratings use instead of
// the model strings.
var coarseDevice = [...]string{
	kindTV:        "Smart TV",
	kindSetTopBox: "Set Top Box",
	kindConsole:   "Ps4_Pro",
	kindComputer:  "Laptop/Desktop",
	kindPhone:     "iPhone",
	kindTablet:    "Tablet",
}

// esnPrefix imitates the prefixes of Netflix ESNs by device kind.
var esnPrefix = [...]string{
	kindTV:        "NFANDROID2-PRV-SMARTTV-",
	kindSetTopBox: "NFANDROID1-PRV-STB-",
	kindConsole:   "NFPS4-001-",
	kindComputer:  "NFCDCH-MC-",
	kindPhone:     "NFAPPL-02-IPHONE",
	kindTablet:    "NFAPPL-02-IPAD",
}
