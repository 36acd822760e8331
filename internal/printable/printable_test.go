package printable

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"conv1":              "conv1",
		"µ-layer ×2":         "µ-layer ×2",
		"a\nb":               `a\nb`,
		"\x1b[31mred\x1b[0m": `\x1b[31mred\x1b[0m`,
		"tab\there":          `tab\there`,
		"cr\r":               `cr\r`,
		"c1\u009b2J":         `c1\u009b2J`,
	} {
		require.Equal(t, want, String(in), "%q", in)
	}
}
