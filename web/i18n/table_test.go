package i18n_test

import (
	"fmt"
	"os"
	"strings"
)

// parseTable reads a text table module of the form
//
//	// comments
//	export default {
//	  'key': 'value',
//	  ...
//	};
//
// and returns its entries in order. It accepts only that shape (single or
// double quoted strings, line comments), so a construct it does not know
// fails the tests instead of being skipped silently.
func parseTable(src string) ([][2]string, error) {
	const head = "export default {"
	i := strings.Index(src, head)
	if i < 0 {
		return nil, fmt.Errorf("no %q", head)
	}
	p := &scanner{src: src, pos: i + len(head)}
	var out [][2]string
	for {
		p.skip()
		if p.peek() == '}' {
			p.pos++
			p.skip()
			if p.peek() == ';' {
				p.pos++
			}
			p.skip()
			if p.pos != len(p.src) {
				return nil, fmt.Errorf("text after the table at byte %d", p.pos)
			}
			return out, nil
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.peek() != ':' {
			return nil, fmt.Errorf("want ':' after %q at byte %d", key, p.pos)
		}
		p.pos++
		p.skip()
		val, err := p.str()
		if err != nil {
			return nil, fmt.Errorf("value of %q: %w", key, err)
		}
		out = append(out, [2]string{key, val})
		p.skip()
		if p.peek() == ',' {
			p.pos++
		} else if p.peek() != '}' {
			return nil, fmt.Errorf("want ',' or '}' after %q at byte %d", key, p.pos)
		}
	}
}

type scanner struct {
	src string
	pos int
}

func (s *scanner) peek() byte {
	if s.pos >= len(s.src) {
		return 0
	}
	return s.src[s.pos]
}

// skip passes white space and // comments.
func (s *scanner) skip() {
	for s.pos < len(s.src) {
		switch {
		case strings.ContainsRune(" \t\r\n", rune(s.src[s.pos])):
			s.pos++
		case strings.HasPrefix(s.src[s.pos:], "//"):
			nl := strings.IndexByte(s.src[s.pos:], '\n')
			if nl < 0 {
				s.pos = len(s.src)
			} else {
				s.pos += nl + 1
			}
		default:
			return
		}
	}
}

// str reads a quoted string with backslash escapes \\ \' \" \n.
func (s *scanner) str() (string, error) {
	q := s.peek()
	if q != '\'' && q != '"' {
		return "", fmt.Errorf("want a quoted string at byte %d", s.pos)
	}
	var b strings.Builder
	for i := s.pos + 1; i < len(s.src); i++ {
		c := s.src[i]
		switch {
		case c == q:
			s.pos = i + 1
			return b.String(), nil
		case c == '\n':
			return "", fmt.Errorf("line break inside a string at byte %d", i)
		case c == '\\' && i+1 < len(s.src):
			i++
			switch s.src[i] {
			case 'n':
				b.WriteByte('\n')
			case '\\', '\'', '"':
				b.WriteByte(s.src[i])
			default:
				return "", fmt.Errorf("unsupported escape \\%c at byte %d", s.src[i], i)
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("unterminated string at byte %d", s.pos)
}

// loadTable parses web/i18n/<lang>.js.
func loadTable(lang string) ([][2]string, error) {
	src, err := os.ReadFile(lang + ".js")
	if err != nil {
		return nil, err
	}
	return parseTable(string(src))
}
