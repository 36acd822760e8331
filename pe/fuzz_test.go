package pe

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParse asserts that no spec string panics the parser and that a spec
// it accepts is valid and reads back from its own text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"mult:a8w8", "shift:a8w4,acc=24", "logboth:a4w4,fsr=auto,round=log", "mult:fp16", "shift:as8w3,ovf=sat,base=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(text)
		if err != nil {
			return
		}
		require.NoError(t, s.Validate())
		back, err := Parse(s.String())
		require.NoError(t, err, s.String())
		require.Equal(t, s.String(), back.String())
	})
}

// FuzzParseFile asserts that no PE file panics the reader and that a spec
// it reads is valid.
func FuzzParseFile(f *testing.F) {
	for _, name := range []string{"testdata/pe_mapping.yaml", "testdata/pe_badkey.yaml"} {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte("pe: shift:a8w4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseFile("fuzz.yaml", data)
		if err != nil {
			return
		}
		require.NoError(t, s.Validate())
	})
}
