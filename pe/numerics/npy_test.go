package numerics

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// npyBytes builds a version-1 .npy file: header text padded as numpy pads
// it, then data.
func npyBytes(header string, data []byte) []byte {
	var b bytes.Buffer
	b.Write(npyMagic)
	b.Write([]byte{1, 0})
	h := header
	for (10+len(h)+1)%64 != 0 {
		h += " "
	}
	h += "\n"
	_ = binary.Write(&b, binary.LittleEndian, uint16(len(h)))
	b.WriteString(h)
	b.Write(data)
	return b.Bytes()
}

func f64s(v ...float64) []byte {
	var b bytes.Buffer
	_ = binary.Write(&b, binary.LittleEndian, v)
	return b.Bytes()
}

// TestNPYHeaderRefusals: every malformed or lying header is a one-line
// error, found before any allocation sized by the header.
func TestNPYHeaderRefusals(t *testing.T) {
	ok := "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }"
	for _, c := range []struct {
		name string
		file []byte
		want string
	}{
		{"13 bytes", []byte("\x93NUMPY\x01\x00\x05\x00{'d"), "header of 5 bytes in a file of 13"},
		{"magic only", []byte("\x93NUMPY"), "no NUMPY magic"},
		{"no magic", []byte("PK\x03\x04 zip"), "no NUMPY magic"},
		{"version 9", []byte("\x93NUMPY\x09\x00\x05\x00"), "format version 9"},
		{"header claims 100000×100000", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", f64s(1, 2)),
			"shape (100000, 100000) needs 80000000000 data bytes, the file holds 16"},
		{"header length beyond file", append([]byte("\x93NUMPY\x02\x00\xff\xff\xff\x7f"), "{}"...), "header of 2147483647 bytes"},
		{"short data", npyBytes(ok, f64s(1)), "needs 16 data bytes, the file holds 8"},
		{"long data", npyBytes(ok, f64s(1, 2, 3)), "needs 16 data bytes, the file holds 24"},
		{"3-D", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 1), }", f64s(1, 2)), "want a 2-D matrix"},
		{"zero dim", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 2), }", nil), "want a 2-D matrix"},
		{"negative dim", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 2), }", nil), `dimension "-1"`},
		{"big endian", npyBytes("{'descr': '>f8', 'fortran_order': False, 'shape': (2, 1), }", f64s(1, 2)), "want little-endian float32 or float64"},
		{"int64", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 1), }", f64s(1, 2)), `dtype "<i8"`},
		{"duplicate key", npyBytes("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", f64s(1, 2)), `key "descr" given twice`},
		{"unknown key", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), 'x': 1}", f64s(1, 2)), `unknown key "x"`},
		{"missing key", npyBytes("{'descr': '<f8', 'shape': (2, 1), }", f64s(1, 2)), `key "fortran_order" missing`},
		{"not a dict", npyBytes("descr", nil), "want a {…} dictionary"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadNPYHeader(bytes.NewReader(c.file), int64(len(c.file)))
			require.ErrorContains(t, err, c.want)
		})
	}
}

func TestNPYDecode(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	// Column-major 2×3 [[1 2 3] [4 5 6]] is stored 1 4 2 5 3 6.
	f := write("f.npy", npyBytes("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", f64s(1, 4, 2, 5, 3, 6)))
	d, err := LoadNPY(f)
	require.NoError(t, err)
	require.Equal(t, []float64{1, 2, 3, 4, 5, 6}, d.Data)

	var b bytes.Buffer
	_ = binary.Write(&b, binary.LittleEndian, []float32{0.5, -2})
	d, err = LoadNPY(write("f4.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", b.Bytes())))
	require.NoError(t, err)
	require.Equal(t, []float64{0.5, -2}, d.Data)

	_, err = LoadNPY(write("nan.npy", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", f64s(1, math.NaN()))))
	require.ErrorContains(t, err, "nan.npy: element 1 is NaN: want finite values")

	_, err = LoadNPY(dir)
	require.ErrorContains(t, err, "not a regular file")
}
