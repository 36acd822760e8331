package workloads

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SCALE-Sim v2 topology CSVs (scalesim/topology_utils.py, load_arrays_conv
// and load_arrays_gemm), read with SCALE-Sim's own rules:
//
//   - the first line is a header and is skipped, whatever it holds; blank
//     lines are skipped; lines end in "\n", "\r\n" or "\r" (Python's
//     universal newlines);
//   - each line is stripped of surrounding white space and split on ",",
//     and the last field is dropped, so every row must end with a comma.
//     SCALE-Sim silently loses a value written after the last comma;
//     logsim rejects such a row instead;
//   - conv rows are name, IFMAP Height, IFMAP Width, Filter Height, Filter
//     Width, Channels, Num Filter, Strides [, Stride Width]: one stride
//     serves both directions; further columns must be integers and are
//     ignored. The IFMAP is already padded, the batch is 1, and the output
//     size follows SCALE-Sim's CeilRule ⌈(H − Fh + S)/S⌉;
//   - a conv row whose name contains "DP" is depthwise: it becomes Channels
//     layers named <name>Channel_<i> (i from 0), each with one channel and
//     Num Filter as written;
//   - GEMM rows (scale.py -i gemm) are name, M, N, K (note the order):
//     a KindFC layer (M×K)·(K×N); further columns are ignored unread, as
//     SCALE-Sim does.
//
// Integers are read as Python's int() reads them (optional sign, ASCII
// digits, single underscores between digits). Unlike SCALE-Sim, logsim
// rejects a zero or negative size, a filter larger than the IFMAP and a
// file without layer rows, with an error naming the file, line, column and
// field.

// Limits that keep a hostile or mistyped file from exhausting memory.
const (
	// MaxDepthwiseChannels is the most channels a "DP" row may expand to.
	MaxDepthwiseChannels = 1 << 16
	// MaxImportedLayers is the most layers an imported network may have.
	MaxImportedLayers = 1 << 18
)

// scaleSimConvColumns names the conv format's columns, as in SCALE-Sim's
// shipped headers; index 8 is the optional stride width.
func scaleSimConvColumns() []string {
	return []string{
		"Layer name", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width",
		"Channels", "Num Filter", "Strides", "Stride Width",
	}
}

// scaleSimGEMMColumns names the GEMM format's columns.
func scaleSimGEMMColumns() []string { return []string{"Layer", "M", "N", "K"} }

// csvField is one comma-separated field of a row: its trimmed text and the
// 1-based character column where it starts.
type csvField struct {
	text   string
	column int
}

// csvRow is one non-blank data row, its trailing empty field dropped.
type csvRow struct {
	line   int
	end    int // column just past the row's last character
	fields []csvField
}

// ParseSCALESimConv reads a SCALE-Sim conv topology CSV. file names the
// input in errors; the network is named after its base name without
// extension.
func ParseSCALESimConv(file string, data []byte) (Network, error) {
	return parseSCALESim(file, data, false)
}

// ParseSCALESimGEMM reads a SCALE-Sim GEMM topology CSV (name, M, N, K).
func ParseSCALESimGEMM(file string, data []byte) (Network, error) {
	return parseSCALESim(file, data, true)
}

func parseSCALESim(file string, data []byte, gemm bool) (Network, error) {
	format, parse, columns := "conv", scaleSimConvRow, scaleSimConvColumns()
	if gemm {
		format, parse, columns = "GEMM", scaleSimGEMMRow, scaleSimGEMMColumns()
	}
	rows, err := scaleSimRows(file, string(data), columns)
	if err != nil {
		return Network{}, err
	}
	if header := strings.ToLower(splitLines(string(data))[0]); gemm && strings.Contains(header, "ifmap height") {
		return Network{}, &ParseError{File: file, Line: 1, Column: 1, Field: "header",
			Msg: "the header names a conv topology's columns (IFMAP Height, …), not a GEMM's (name, M, N, K); read it without --gemm"}
	}
	net := Network{
		Name:   nameFromFile(file),
		Batch:  1,
		Source: fmt.Sprintf("SCALE-Sim v2 %s topology %s", format, file),
	}
	for _, r := range rows {
		layers, err := parse(file, r)
		if err != nil {
			return Network{}, err
		}
		if len(net.Layers)+len(layers) > MaxImportedLayers {
			return Network{}, &ParseError{File: file, Line: r.line, Column: 1,
				Msg: fmt.Sprintf("the network has more than %d layers", MaxImportedLayers)}
		}
		net.Layers = append(net.Layers, layers...)
	}
	return net, nil
}

// scaleSimRows splits the file into data rows, skipping the header and
// blank lines and checking every row's trailing comma; columns name the
// format's columns for errors.
func scaleSimRows(file, data string, columns []string) ([]csvRow, error) {
	lines := splitLines(data)
	if len(lines) == 0 {
		return nil, &ParseError{File: file, Line: 1, Column: 1, Field: "header",
			Msg: "the file is empty; expected a header line and layer rows"}
	}
	var rows []csvRow
	for i, line := range lines[1:] {
		if strings.TrimSpace(line) == "" {
			continue
		}
		r, err := splitRow(file, i+2, line, columns)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, &ParseError{File: file, Line: len(lines), Column: 1,
			Msg: "no layer rows after the header line"}
	}
	return rows, nil
}

// splitLines splits on "\n", "\r\n" and "\r"; a last line without a line
// end is kept, a final line end does not start an empty line.
func splitLines(data string) []string {
	var lines []string
	for data != "" {
		i := strings.IndexAny(data, "\r\n")
		if i < 0 {
			return append(lines, data)
		}
		lines = append(lines, data[:i])
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
	return lines
}

// splitRow strips the line, splits it on commas and drops the last field,
// which must be empty.
func splitRow(file string, lineNo int, line string, columns []string) (csvRow, error) {
	if !utf8.ValidString(line) {
		return csvRow{}, &ParseError{File: file, Line: lineNo, Column: 1, Msg: "the line is not valid UTF-8"}
	}
	stripped := strings.TrimRightFunc(line, unicode.IsSpace)
	start := len(stripped) - len(strings.TrimLeftFunc(stripped, unicode.IsSpace))
	parts := strings.Split(stripped[start:], ",")
	r := csvRow{line: lineNo, end: utf8.RuneCountInString(stripped) + 1}
	offset := start
	for _, p := range parts {
		lead := len(p) - len(strings.TrimLeftFunc(p, unicode.IsSpace))
		col := utf8.RuneCountInString(line[:offset+lead]) + 1
		r.fields = append(r.fields, csvField{text: strings.TrimSpace(p), column: col})
		offset += len(p) + 1
	}
	last := r.fields[len(r.fields)-1]
	r.fields = r.fields[:len(r.fields)-1]
	if last.text != "" {
		return csvRow{}, &ParseError{File: file, Line: lineNo, Column: last.column,
			Field: columnName(columns, len(r.fields)),
			Msg:   fmt.Sprintf("the row does not end with a comma: SCALE-Sim drops the field after the last comma, so %q would be lost; end the row with a comma", last.text)}
	}
	return r, nil
}

// columnName names field i (0-based) of a row.
func columnName(columns []string, i int) string {
	if i < len(columns) {
		return columns[i]
	}
	return fmt.Sprintf("extra column %d", i+1)
}

// isPythonInt reports whether Python's int() reads s in base 10: an
// optional sign, then ASCII digits with single underscores between them.
func isPythonInt(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return false
	}
	return strings.Trim(s, "0123456789_") == ""
}

// ints reads fields [1, n) of the row as integers. Fields past the known
// columns are only checked to be integers, as SCALE-Sim ignores their value.
func (r csvRow) ints(file string, n int, columns []string) ([]int, error) {
	vals := make([]int, n)
	for i := 1; i < n; i++ {
		f, name := r.fields[i], columnName(columns, i)
		bad := &ParseError{File: file, Line: r.line, Column: f.column, Field: name,
			Msg: fmt.Sprintf("%q is not an integer", f.text)}
		if f.text == "" {
			bad.Msg = "the field is empty; expected an integer"
		}
		if !isPythonInt(f.text) {
			return nil, bad
		}
		v, err := strconv.Atoi(strings.ReplaceAll(f.text, "_", ""))
		if err != nil && i < len(columns) { // beyond int64
			bad.Msg = fmt.Sprintf("%s is too large (at most %d)", f.text, MaxDim)
			if strings.HasPrefix(f.text, "-") {
				bad.Msg = "must be positive, got " + f.text
			}
			return nil, bad
		}
		vals[i] = v
	}
	return vals, nil
}

// needFields checks that the row has at least n fields before the trailing
// comma; hint, if not empty, ends the error message.
func (r csvRow) needFields(file string, n int, columns []string, hint string) error {
	if len(r.fields) >= n {
		return nil
	}
	msg := fmt.Sprintf("missing: the row has %d fields before its trailing comma, a row needs %d (%s)",
		len(r.fields), n, strings.Join(columns[:n], ", "))
	if hint != "" {
		msg += "; " + hint
	}
	return &ParseError{File: file, Line: r.line, Column: r.end, Field: columns[len(r.fields)], Msg: msg}
}

// fieldError places a layer validation error at the row's column for it
// (columnOf maps Conv2D/MatMul field names to field indices; unmapped
// fields point at the layer name).
func (r csvRow) fieldError(file string, err error, columns []string, columnOf map[string]int) error {
	var fe *FieldError
	if !errors.As(err, &fe) {
		return &ParseError{File: file, Line: r.line, Column: r.fields[0].column, Msg: err.Error()}
	}
	i := columnOf[fe.Field]
	return &ParseError{File: file, Line: r.line, Column: r.fields[i].column, Field: columns[i], Msg: fe.Msg}
}

// scaleSimConvRow turns a conv row into its layer, or one layer per
// channel for a "DP" row.
func scaleSimConvRow(file string, r csvRow) ([]Layer, error) {
	cols := scaleSimConvColumns()
	hint := ""
	if len(r.fields) == len(scaleSimGEMMColumns()) {
		hint = "if this is a GEMM topology (name, M, N, K), read it in the GEMM format (SCALE-Sim's -i gemm)"
	}
	if err := r.needFields(file, 8, cols, hint); err != nil {
		return nil, err
	}
	v, err := r.ints(file, len(r.fields), cols)
	if err != nil {
		return nil, err
	}
	strideW, strideWCol := v[7], 7
	if len(v) > 8 {
		strideW, strideWCol = v[8], 8
	}
	c := Conv2D{Batch: 1, H: v[1], W: v[2], Kh: v[3], Kw: v[4], Cin: v[5], Cout: v[6],
		StrideH: v[7], StrideW: strideW, Groups: 1, Rule: CeilRule}
	columnOf := map[string]int{"H": 1, "W": 2, "Kh": 3, "Kw": 4, "Cin": 5, "Cout": 6,
		"stride_h": 7, "stride_w": strideWCol}
	name := r.fields[0].text
	if !strings.Contains(name, "DP") {
		l := Layer{Name: name, Kind: KindConv, Conv: c}
		if err := l.Conv.Validate(); err != nil {
			return nil, r.fieldError(file, err, cols, columnOf)
		}
		return []Layer{l}, nil
	}
	return depthwiseLayers(file, r, c, columnOf)
}

// depthwiseLayers expands a "DP" row as SCALE-Sim does: Channels layers of
// one channel each, named <name>Channel_<i>.
func depthwiseLayers(file string, r csvRow, c Conv2D, columnOf map[string]int) ([]Layer, error) {
	cols := scaleSimConvColumns()
	channels := namedInt{"Cin", c.Cin}
	if err := channels.checkSize(1); err != nil {
		return nil, r.fieldError(file, err, cols, columnOf)
	}
	if c.Cin > MaxDepthwiseChannels {
		return nil, r.fieldError(file, fieldErrorf("Cin", "a DP row expands to one layer per channel: at most %d, got %d", MaxDepthwiseChannels, c.Cin), cols, columnOf)
	}
	n := c.Cin
	c.Cin = 1
	if err := c.Validate(); err != nil {
		return nil, r.fieldError(file, err, cols, columnOf)
	}
	layers := make([]Layer, n)
	prefix := r.fields[0].text + "Channel_"
	for i := range layers {
		layers[i] = Layer{Name: prefix + strconv.Itoa(i), Kind: KindConv, Conv: c}
	}
	return layers, nil
}

// scaleSimGEMMRow turns a GEMM row (name, M, N, K) into a KindFC layer.
func scaleSimGEMMRow(file string, r csvRow) ([]Layer, error) {
	cols := scaleSimGEMMColumns()
	if err := r.needFields(file, len(cols), cols, ""); err != nil {
		return nil, err
	}
	v, err := r.ints(file, 4, cols)
	if err != nil {
		return nil, err
	}
	m := MatMul{M: v[1], N: v[2], K: v[3], Count: 1}
	if err := m.Validate(); err != nil {
		return nil, r.fieldError(file, err, cols, map[string]int{"M": 1, "N": 2, "K": 3})
	}
	return []Layer{{Name: r.fields[0].text, Kind: KindFC, MatMul: m}}, nil
}
