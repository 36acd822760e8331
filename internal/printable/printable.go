// Package printable makes user strings (layer names, file contents quoted
// in errors) safe to print on a terminal: control characters, which could
// move the cursor, recolour or retitle the terminal, or break one line in
// two, are shown as Go escapes instead.
package printable

import (
	"strconv"
	"strings"
	"unicode"
)

// String returns s with every control character (C0, DEL, C1: newline,
// carriage return and escape among them) written as its Go escape, e.g.
// "\x1b[31m" → `\x1b[31m`, "a\nb" → `a\nb`. Other text is unchanged.
func String(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
