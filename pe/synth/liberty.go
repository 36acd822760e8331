package synth

import (
	"fmt"
	"strconv"
	"strings"
)

// group is one Liberty group, `name (args) { … }`, with its simple
// attributes (`name : value ;`), complex attributes (`name (v, …) ;`) and
// subgroups.
type group struct {
	name     string
	args     []string
	simple   map[string]string
	complex  map[string][][]string
	children []*group
}

// libToken is one token of a Liberty file: a word, a quoted string (its
// text without the quotes) or one of ( ) { } : ; ,.
type libToken struct {
	text   string
	quoted bool
	line   int
}

func (t libToken) is(p string) bool { return !t.quoted && t.text == p }

// tokenize splits Liberty text into tokens, dropping comments and line
// continuations.
func tokenize(src string) ([]libToken, error) {
	var toks []libToken
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\\':
			i++
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated comment", line)
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 4
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"':
			end := strings.IndexByte(src[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated string", line)
			}
			text := src[i+1 : i+1+end]
			toks = append(toks, libToken{text: text, quoted: true, line: line})
			line += strings.Count(text, "\n")
			i += end + 2
		case strings.ContainsRune("(){}:;,", rune(c)):
			toks = append(toks, libToken{text: string(c), line: line})
			i++
		default:
			j := i
			for j < len(src) && !strings.ContainsRune("(){}:;,\" \t\r\n\\", rune(src[j])) {
				j++
			}
			toks = append(toks, libToken{text: src[i:j], line: line})
			i = j
		}
	}
	return toks, nil
}

// libParser reads tokens into groups.
type libParser struct {
	toks []libToken
	pos  int
}

func (p *libParser) next() (libToken, error) {
	if p.pos >= len(p.toks) {
		return libToken{}, fmt.Errorf("unexpected end of file")
	}
	t := p.toks[p.pos]
	p.pos++
	return t, nil
}

func (p *libParser) expect(s string) error {
	t, err := p.next()
	if err != nil {
		return err
	}
	if !t.is(s) {
		return fmt.Errorf("line %d: want %q, got %q", t.line, s, t.text)
	}
	return nil
}

// parseLiberty parses a Liberty file's text into its top group.
func parseLiberty(src string) (*group, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &libParser{toks: toks}
	root := &group{simple: map[string]string{}, complex: map[string][][]string{}}
	if err := p.body(root, true); err != nil {
		return nil, err
	}
	if len(root.children) != 1 {
		return nil, fmt.Errorf("want one library group, got %d", len(root.children))
	}
	return root.children[0], nil
}

// body reads statements into g until '}' (or the end of the file at top).
func (p *libParser) body(g *group, top bool) error {
	for {
		if p.pos >= len(p.toks) {
			if top {
				return nil
			}
			return fmt.Errorf("unexpected end of file in group %s", g.name)
		}
		t, _ := p.next()
		if t.is("}") {
			if top {
				return fmt.Errorf("line %d: unbalanced }", t.line)
			}
			return nil
		}
		if t.is(";") {
			continue
		}
		if err := p.statement(g, t); err != nil {
			return err
		}
	}
}

// statement reads one attribute or subgroup whose name is t.
func (p *libParser) statement(g *group, t libToken) error {
	sep, err := p.next()
	if err != nil {
		return err
	}
	switch {
	case sep.is(":"):
		v, err := p.next()
		if err != nil {
			return err
		}
		g.simple[t.text] = v.text
		return nil
	case sep.is("("):
		args, err := p.args()
		if err != nil {
			return err
		}
		if p.pos < len(p.toks) && p.toks[p.pos].is("{") {
			p.pos++
			child := &group{name: t.text, args: args, simple: map[string]string{}, complex: map[string][][]string{}}
			g.children = append(g.children, child)
			return p.body(child, false)
		}
		g.complex[t.text] = append(g.complex[t.text], args)
		return nil
	}
	return fmt.Errorf("line %d: after %q want : or (, got %q", t.line, t.text, sep.text)
}

// args reads comma-separated values up to ')'.
func (p *libParser) args() ([]string, error) {
	var args []string
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		switch {
		case t.is(")"):
			return args, nil
		case t.is(","):
		default:
			args = append(args, t.text)
		}
	}
}

// floats parses a Liberty number list ("0.1, 0.2" or several such strings).
func floats(parts []string) ([]float64, error) {
	var out []float64
	for _, part := range parts {
		for _, f := range strings.Split(part, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return nil, fmt.Errorf("number %q: %w", f, err)
			}
			out = append(out, v)
		}
	}
	return out, nil
}
