package design

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParseOverrides asserts that no DRAM name=value text panics the
// reader and that what it accepts reads back from its canonical text.
func FuzzParseOverrides(f *testing.F) {
	for _, s := range []string{"tRCD=24", "trcd=24; CL = 22", "PagePolicy=close;Refresh=off", "ClockMHz=1600.5", "Channels=2;InterleaveBytes=512"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		o, err := ParseOverrides(text)
		if err != nil {
			return
		}
		back, err := ParseOverrides(FormatOverrides(o))
		require.NoError(t, err, FormatOverrides(o))
		require.Equal(t, FormatOverrides(o), FormatOverrides(back))
	})
}
