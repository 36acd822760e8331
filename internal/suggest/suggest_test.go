package suggest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSuggestions(t *testing.T) {
	known := []string{"ArrayHeight", "ArrayWidth", "Dataflow"}
	for _, c := range []struct{ word, hint, dym string }{
		{"ArrayHieght", ` (did you mean "ArrayHeight"?)`, ` (did you mean "ArrayHeight"?)`},
		{"arraywidth", ` (did you mean "ArrayWidth"?)`, ` (did you mean "ArrayWidth"?)`},
		{"Data", ` (did you mean "Dataflow"?)`, ` (did you mean "Dataflow"?)`}, // prefix
		{"zzz", "", " (known: ArrayHeight, ArrayWidth, Dataflow)"},
	} {
		require.Equal(t, c.hint, Hint(c.word, known), c.word)
		require.Equal(t, c.dym, DidYouMean(c.word, known), c.word)
	}
}
