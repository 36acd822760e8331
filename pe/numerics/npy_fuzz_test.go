package numerics

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzReadNPY asserts that no .npy file panics the reader, that a header
// it accepts matches the file's size, and that its data then decodes.
func FuzzReadNPY(f *testing.F) {
	f.Add(npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", f64s(1, 2)))
	f.Add(npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", []byte{0, 0, 128, 63, 0, 0, 0, 64}))
	f.Add([]byte("\x93NUMPY\x01\x00\x05\x00{'d"))
	f.Add([]byte("\x93NUMPY\x02\x00\x10\x00\x00\x00{'shape': (1,1)}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadNPYHeader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		require.Equal(t, int64(len(data))-h.DataOffset, int64(h.Rows)*int64(h.Cols)*int64(h.ElemBytes))
		d, err := DecodeNPY(bytes.NewReader(data[h.DataOffset:]), h)
		if err == nil {
			require.Len(t, d.Data, h.Rows*h.Cols)
		}
	})
}
