package onnx

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/logsim/logsim/workloads/onnx/onnxpb"
)

// maxElements bounds a constant tensor's size (2^28 values, 2 GiB as
// float64): far above any network logsim imports, low enough that a
// malformed file cannot ask for more memory than the machine has.
const maxElements = 1 << 28

// constant is a tensor whose value is known at import: an initializer, a
// Constant node's output or a cast of one. Values is nil for a weight whose
// shape is known but whose data is not in the file (a shape-only export).
type constant struct {
	Dims   []int
	Values []float64
}

// size is the number of elements of dims, or an error when a dimension is
// negative or the product exceeds maxElements.
func size(dims []int64) (int, []int, error) {
	n := int64(1)
	out := make([]int, len(dims))
	for i, d := range dims {
		if d < 0 || d > maxElements {
			return 0, nil, fmt.Errorf("dimension %d is %d", i, d)
		}
		n *= d
		if n > maxElements {
			return 0, nil, fmt.Errorf("more than %d elements", maxElements)
		}
		out[i] = int(d)
	}
	return int(n), out, nil
}

// decodeTensor reads a TensorProto's dimensions and values (float, double,
// the integer types) as float64.
func decodeTensor(t *onnxpb.TensorProto) (constant, error) {
	n, dims, err := size(t.GetDims())
	if err != nil {
		return constant{}, fmt.Errorf("tensor %q: %w", t.GetName(), err)
	}
	if t.GetDataLocation() == onnxpb.TensorProto_EXTERNAL {
		return constant{}, fmt.Errorf("tensor %q: its data is in an external file, which logsim does not read (save the model with its weights inside)", t.GetName())
	}
	vals, err := tensorValues(t, n)
	if err != nil {
		return constant{}, fmt.Errorf("tensor %q: %w", t.GetName(), err)
	}
	if len(vals) != n {
		return constant{}, fmt.Errorf("tensor %q: %d values for dimensions %v", t.GetName(), len(vals), dims)
	}
	for i, v := range vals {
		if math.IsNaN(v) {
			return constant{}, fmt.Errorf("tensor %q: element %d is NaN", t.GetName(), i)
		}
	}
	return constant{Dims: dims, Values: vals}, nil
}

// rawWidth is the bytes per element of the types decodeTensor reads.
var rawWidth = map[onnxpb.TensorProto_DataType]int{
	onnxpb.TensorProto_FLOAT: 4, onnxpb.TensorProto_DOUBLE: 8,
	onnxpb.TensorProto_INT64: 8, onnxpb.TensorProto_INT32: 4,
}

func tensorValues(t *onnxpb.TensorProto, n int) ([]float64, error) {
	dt := onnxpb.TensorProto_DataType(t.GetDataType())
	width, ok := rawWidth[dt]
	if !ok {
		return nil, fmt.Errorf("data type %s: logsim reads float, double, int32 and int64 tensors", dt)
	}
	if raw := t.GetRawData(); raw != nil {
		if len(raw) != n*width {
			return nil, fmt.Errorf("%d bytes of raw data for %d elements of %d bytes", len(raw), n, width)
		}
		return decodeRaw(raw, dt, n), nil
	}
	var out []float64
	switch dt {
	case onnxpb.TensorProto_FLOAT:
		for _, v := range t.GetFloatData() {
			out = append(out, float64(v))
		}
	case onnxpb.TensorProto_DOUBLE:
		out = append(out, t.GetDoubleData()...)
	case onnxpb.TensorProto_INT64:
		for _, v := range t.GetInt64Data() {
			out = append(out, float64(v))
		}
	case onnxpb.TensorProto_INT32:
		for _, v := range t.GetInt32Data() {
			out = append(out, float64(v))
		}
	}
	return out, nil
}

func decodeRaw(raw []byte, dt onnxpb.TensorProto_DataType, n int) []float64 {
	out := make([]float64, n)
	le := binary.LittleEndian
	for i := range out {
		switch dt {
		case onnxpb.TensorProto_FLOAT:
			out[i] = float64(math.Float32frombits(le.Uint32(raw[4*i:])))
		case onnxpb.TensorProto_DOUBLE:
			out[i] = math.Float64frombits(le.Uint64(raw[8*i:]))
		case onnxpb.TensorProto_INT64:
			out[i] = float64(int64(le.Uint64(raw[8*i:])))
		case onnxpb.TensorProto_INT32:
			out[i] = float64(int32(le.Uint32(raw[4*i:])))
		}
	}
	return out
}

// valueInfoShape reads a graph input's shape; a symbolic or missing
// dimension is -1.
func valueInfoShape(v *onnxpb.ValueInfoProto) []int {
	dims := v.GetType().GetTensorType().GetShape().GetDim()
	out := make([]int, len(dims))
	for i, d := range dims {
		out[i] = -1
		if dv, ok := d.GetValue().(*onnxpb.TensorShapeProto_Dimension_DimValue); ok && dv.DimValue > 0 && dv.DimValue <= workloadsMaxDim {
			out[i] = int(dv.DimValue)
		}
	}
	return out
}
