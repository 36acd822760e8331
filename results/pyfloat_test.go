package results

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Expected strings are what CPython 3.11 prints for repr(x).
func TestPyFloatMatchesPythonRepr(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{100, "100.0"},
		{74.42029479230543, "74.42029479230543"},
		{0.5, "0.5"},
		{0.0001, "0.0001"},
		{0.00001, "1e-05"},
		{1.5e-7, "1.5e-07"},
		{1e16, "1e+16"},
		{1234567890123456.0, "1234567890123456.0"},
		{12.867647058823529, "12.867647058823529"},
		{-2.5, "-2.5"},
		{0, "0.0"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, PyFloat(tc.v), "%v", tc.v)
	}
}
