package compare

import (
	"io"
	"strings"
	"unicode/utf8"
)

// mdTable is a Markdown table whose columns are padded to one width, so it
// reads as a table in a terminal too. The first column is left-aligned,
// the others right-aligned.
type mdTable struct {
	rows [][]string // the header first
}

func (t *mdTable) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *mdTable) write(w io.Writer) error {
	width := map[int]int{}
	for _, r := range t.rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c), 3)
		}
	}
	var b strings.Builder
	for k, r := range t.rows {
		writeRow(&b, r, width)
		if k == 0 {
			rule := make([]string, len(r))
			for i := range r {
				rule[i] = strings.Repeat("-", width[i]-1) + ":"
			}
			rule[0] = strings.Repeat("-", width[0])
			writeRow(&b, rule, width)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeRow(b *strings.Builder, cells []string, width map[int]int) {
	for i, c := range cells {
		pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
		if i == 0 {
			b.WriteString("| " + c + pad + " ")
		} else {
			b.WriteString("| " + pad + c + " ")
		}
	}
	b.WriteString("|\n")
}
