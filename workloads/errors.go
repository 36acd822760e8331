package workloads

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
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

// nearest returns the candidate closest to word by Levenshtein distance
// (case-insensitive; ties go to the earlier candidate), or "" when even the
// closest differs in more than half of the longer string's characters, so
// that a wild guess is not offered. Failing that, a candidate that word
// starts with, or that starts with word ("convolution" → "conv"), is
// returned.
func nearest(word string, candidates []string) string {
	best, bestDist := "", -1
	w := strings.ToLower(word)
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(w, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist >= 0 && 2*bestDist <= max(len(w), len(best)) {
		return best
	}
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if w != "" && (strings.HasPrefix(w, lc) || strings.HasPrefix(lc, w)) {
			return c
		}
	}
	return ""
}

// unknownMsg formats "unknown <what> "x"; did you mean "y"? (known: a, b, c)".
func unknownMsg(what, word string, known []string) string {
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	msg := fmt.Sprintf("unknown %s %q", what, word)
	if s := nearest(word, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg + " (known: " + strings.Join(sorted, ", ") + ")"
}
