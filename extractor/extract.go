package extractor

import (
	"context"
	"fmt"
	"io"
	"path"
	"strings"
)

// ProfileInfo names one profile, for the participant's own choice on
// screen. It is never part of a Summary.
type ProfileInfo struct {
	Pseudonym string `json:"pseudonym"` // P1, P2, ... in order of first appearance
	Name      string `json:"name"`
	Rows      int64  `json:"rows"`
}

// checkEvery is how many rows pass between two looks at the context.
const checkEvery = 4096

// progressEvery is how many input bytes pass between two Progress calls.
const progressEvery = 64 << 10

// Extract reads ViewingActivity.csv from files and returns the summary.
//
// It streams the table once, classifying each row into exactly one bucket
// (see Excluded), so memory does not grow with the number of rows beyond
// 16 bytes per series view. Every failure is an *Error with a stable Code;
// a panic inside is recovered as CodeInternal.
func Extract(ctx context.Context, files FileSet, opts Options) (s *Summary, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, internalError(r)
		}
	}()
	cfg, err := validateOptions(opts)
	if err != nil {
		return nil, err
	}
	v, rc, total, err := openViewingActivity(files, opts.Limits)
	if err != nil {
		return nil, err
	}
	defer rc.Close()

	agg := newAggregator(cfg)
	agg.reserve(total)
	var reported int64
	for {
		rec, err := v.nextRecord()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readError(files, err)
		}
		agg.addRecord(rec, &v.cols)
		if agg.rowsTotal%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, wrapError(CodeAborted, err, "the extraction was cancelled")
			}
		}
		if opts.Progress != nil && rc.n-reported >= progressEvery {
			reported = rc.n
			opts.Progress(rc.n, total)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, wrapError(CodeAborted, err, "the extraction was cancelled")
	}
	if agg.rowsTotal == 0 {
		return nil, newError(CodeEmpty, "ViewingActivity.csv has a header but no rows")
	}
	if opts.Progress != nil {
		opts.Progress(rc.n, total)
	}

	s = agg.summary(files.Kind(), KnownFiles(files))
	if len(opts.Account) > 0 {
		acc, err := readAccount(ctx, files, opts.Account, cfg.loc)
		if err != nil {
			return nil, err
		}
		s.Account = acc
	}
	return s, nil
}

// ListProfiles returns the profiles of the export in order of first
// appearance, with their real names (for the participant's choice on
// screen only) and row counts. It reads only the Profile Name column.
func ListProfiles(ctx context.Context, files FileSet) (list []ProfileInfo, err error) {
	defer func() {
		if r := recover(); r != nil {
			list, err = nil, internalError(r)
		}
	}()
	v, rc, _, err := openViewingActivity(files, Limits{})
	if err != nil {
		return nil, err
	}
	defer rc.Close()

	index := make(map[string]int)
	last := -1
	var rows int64
	for {
		rec, err := v.nextRecord()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readError(files, err)
		}
		rows++
		if rows%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, wrapError(CodeAborted, err, "reading the profiles was cancelled")
			}
		}
		name := v.cols.get(rec, colProfile)
		if last < 0 || list[last].Name != string(name) {
			i, ok := index[string(name)]
			if !ok {
				i = len(list)
				n := validString(name)
				list = append(list, ProfileInfo{Pseudonym: pseudonym(i), Name: n})
				index[string(name)] = i
			}
			last = i
		}
		list[last].Rows++
	}
	if err := ctx.Err(); err != nil {
		return nil, wrapError(CodeAborted, err, "reading the profiles was cancelled")
	}
	if rows == 0 {
		return nil, newError(CodeEmpty, "ViewingActivity.csv has a header but no rows")
	}
	return list, nil
}

// openViewingActivity finds ViewingActivity in files and opens it past its
// header. When it is missing, the error says what the input is instead:
// the quick viewing-history download, an archive inside the archive (too
// large to look into), or something else.
func openViewingActivity(files FileSet, lim Limits) (*viewingReader, *progressReader, int64, error) {
	name, ok := FindFile(files, "ViewingActivity")
	if !ok {
		if _, ok := FindFile(files, "NetflixViewingHistory.csv"); ok {
			return nil, nil, 0, newError(CodeViewingHistoryOnly,
				"this is the viewing-history download (Title, Date); the full export from Account > Download your personal information is needed")
		}
		if HasNestedZip(files) {
			return nil, nil, 0, newError(CodeTooLarge, "the archive holds another archive, which is not opened")
		}
		return nil, nil, 0, newError(CodeNoViewingActivity, "the input holds no ViewingActivity.csv")
	}
	if strings.EqualFold(path.Ext(name), ".txt") && files.Kind() != "csv" {
		return nil, nil, 0, newError(CodeEmpty, "ViewingActivity has no rows (Netflix found no information for this table)")
	}
	r, size, err := files.Open(name)
	if err != nil {
		return nil, nil, 0, readError(files, err)
	}
	pr := &progressReader{rc: r}
	v, err := openViewing(pr, lim.withDefaults().MaxLineBytes)
	if err != nil {
		r.Close()
		return nil, nil, 0, readError(files, err)
	}
	return v, pr, size, nil
}

// progressReader counts the bytes of ViewingActivity.csv read so far.
type progressReader struct {
	rc io.ReadCloser
	n  int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.rc.Read(b)
	p.n += int64(n)
	return n, err
}

func (p *progressReader) Close() error { return p.rc.Close() }

// readError gives a read failure a code: errors of this package keep
// theirs; anything else (an I/O error of the underlying input) is a
// damaged input, corrupt_zip for a ZIP.
func readError(files FileSet, err error) error {
	if _, ok := err.(*Error); ok {
		return err
	}
	if c := CodeOf(err); c != CodeInternal {
		return err
	}
	if files.Kind() == "zip" {
		return wrapError(CodeCorruptZip, err, "ViewingActivity.csv cannot be read from the ZIP")
	}
	return wrapError(CodeNotZipOrCSV, err, "ViewingActivity.csv cannot be read")
}

// internalError describes a recovered panic. The panic value stays in
// the cause, never in the message, which may be shown and logged.
func internalError(r any) *Error {
	return &Error{Code: CodeInternal, Msg: "unexpected failure inside the extractor", Err: fmt.Errorf("panic: %v", r)}
}
