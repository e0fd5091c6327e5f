//go:build !(js && wasm)

// Donations are read on the researcher's machine (netflix-summary
// collect), never in the participant's browser: leaving this file out of
// the WebAssembly engine keeps the JSON Schema validator out of its
// download.

package donation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// The checksum is the SHA-256 of the donation re-encoded by
// encoding/json (ChecksumObject). Re-encoding through
// reflection is a fifth of collect's time, so the decoded tree is written
// here directly, byte for byte as encoding/json writes it: object keys
// sorted, numbers as written, and strings as they are when they need no
// escape, which almost all do. A string that needs one is handed to
// encoding/json itself, so the rare escapes cannot differ.

// checksumOf returns "sha256:" and the hex digest of obj's canonical
// form without its "checksum" member.
func checksumOf(obj map[string]any) (string, error) {
	b, err := appendCanonicalObject(make([]byte, 0, 16<<10), obj, "checksum")
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(h[:]), nil
}

// appendCanonical appends v (decoded with UseNumber) as encoding/json
// with SetEscapeHTML(false) encodes it.
func appendCanonical(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		if x {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	case string:
		return appendString(b, x)
	case json.Number:
		if x == "" {
			return append(b, '0'), nil
		}
		return append(b, x...), nil
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendCanonical(b, e); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case map[string]any:
		return appendCanonicalObject(b, x, "")
	}
	return nil, fmt.Errorf("cannot encode %T", v)
}

// appendCanonicalObject appends an object with sorted keys, leaving out
// the key skip.
func appendCanonicalObject(b []byte, m map[string]any, skip string) ([]byte, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != skip || skip == "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendString(b, k); err != nil {
			return nil, err
		}
		b = append(b, ':')
		if b, err = appendCanonical(b, m[k]); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendString appends s quoted. Printable ASCII other than " and \, and
// valid UTF-8 other than U+2028 and U+2029, stand as they are; anything
// else goes through encoding/json.
func appendString(b []byte, s string) ([]byte, error) {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if !plain && utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029") {
		plain = true
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
				plain = false
				break
			}
		}
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"'), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}
