package workloads

import (
	"fmt"
	"sort"
	"strings"

	"github.com/logsim/logsim/internal/suggest"
)

// ParseError is a mistake in a network file, located by file, line and
// column (both 1-based; 0 when unknown) and, where it applies, the field.
type ParseError struct {
	File   string // the file name as the user gave it
	Line   int    // 1-based line, 0 if unknown
	Column int    // 1-based column in characters, 0 if unknown
	Field  string // the column or field the error is about, "" if none
	Msg    string
}

// Error formats the error on one line, e.g.
// `alexnet.csv:3:5 (Filter Height): "x" is not an integer`.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if e.Field != "" {
		fmt.Fprintf(&b, " (%s)", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// unknownMsg formats "unknown <what> "x"; did you mean "y"? (known: a, b, c)".
func unknownMsg(what, word string, known []string) string {
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	msg := fmt.Sprintf("unknown %s %q", what, word)
	if s := suggest.Nearest(word, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg + " (known: " + strings.Join(sorted, ", ") + ")"
}
