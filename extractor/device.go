package extractor

// ClassifyDevice maps a free-text Device Type to a DeviceClass. (stub: being written)
func ClassifyDevice(raw string) DeviceClass {
	return DeviceOther
}
