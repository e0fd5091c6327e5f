package synth

import "strconv"

// placeholderPDF returns a minimal valid one-page PDF showing text. It
// stands in for the Cover Sheet and Additional Information PDFs that real
// exports contain, so that file lists look real; no parser reads them.
func placeholderPDF(text string) []byte {
	content := "BT /F1 14 Tf 72 720 Td (" + text + ") Tj ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Length " + strconv.Itoa(len(content)) + " >>\nstream\n" + content + "\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	b := []byte("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = len(b)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, " 0 obj\n"...)
		b = append(b, o...)
		b = append(b, "\nendobj\n"...)
	}
	xref := len(b)
	b = append(b, "xref\n0 "...)
	b = strconv.AppendInt(b, int64(len(objects)+1), 10)
	b = append(b, "\n0000000000 65535 f \n"...)
	for _, off := range offsets {
		s := strconv.Itoa(off)
		for range 10 - len(s) {
			b = append(b, '0')
		}
		b = append(b, s...)
		b = append(b, " 00000 n \n"...)
	}
	b = append(b, "trailer\n<< /Size "...)
	b = strconv.AppendInt(b, int64(len(objects)+1), 10)
	b = append(b, " /Root 1 0 R >>\nstartxref\n"...)
	b = strconv.AppendInt(b, int64(xref), 10)
	return append(b, "\n%%EOF\n"...)
}
