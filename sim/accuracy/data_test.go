package accuracy

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

// digitsFile writes a digits file of n 2×2 digits, train of them training.
func digitsFile(t testing.TB, n, train int, labels []byte) []byte {
	var raw bytes.Buffer
	raw.WriteString(mnistMagic)
	for _, v := range []uint32{uint32(n), 2, 2, uint32(train)} {
		require.NoError(t, binary.Write(&raw, binary.LittleEndian, v))
	}
	raw.Write(labels)
	for i := range 4 * n {
		raw.WriteByte(byte(i * 17))
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err := zw.Write(raw.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return z.Bytes()
}

// readMNIST reads labels, pixels (byte/255) and the split; a bad label, a
// short file or a header out of range is an error.
func TestReadMNIST(t *testing.T) {
	d, err := readMNIST(bytes.NewReader(digitsFile(t, 3, 2, []byte{7, 0, 9})))
	require.NoError(t, err)
	require.Equal(t, []int{7, 0, 9}, d.Labels)
	require.Equal(t, []int{2}, d.Heldout())
	require.InDelta(t, 17.0/255, d.Images[0][1], 1e-15)
	_, err = readMNIST(bytes.NewReader(digitsFile(t, 3, 2, []byte{7, 10, 9})))
	require.ErrorContains(t, err, "label 10")
	_, err = readMNIST(bytes.NewReader(digitsFile(t, 3, 4, []byte{7, 1, 9})))
	require.ErrorContains(t, err, "out of range")
	full := digitsFile(t, 3, 2, []byte{7, 0, 9})
	_, err = readMNIST(bytes.NewReader(full[:len(full)-12]))
	require.Error(t, err)
}

// FuzzReadMNIST: any bytes give a data set or an error, never a panic.
func FuzzReadMNIST(f *testing.F) {
	f.Add(digitsFile(f, 3, 2, []byte{7, 0, 9}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readMNIST(bytes.NewReader(data))
		if err == nil {
			require.Len(t, d.Images, len(d.Labels))
		}
	})
}
