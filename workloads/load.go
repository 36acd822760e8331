package workloads

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Format is the layout of a network file.
type Format int

// The network file formats LoadFile reads.
const (
	// FormatAuto picks the format by extension: .csv is a SCALE-Sim conv
	// topology, .yaml and .yml logsim's YAML (a SCALE-Sim GEMM file needs
	// FormatSCALESimGEMM, as SCALE-Sim needs -i gemm).
	FormatAuto Format = iota
	// FormatSCALESimConv is SCALE-Sim's conv topology CSV.
	FormatSCALESimConv
	// FormatSCALESimGEMM is SCALE-Sim's GEMM topology CSV (name, M, N, K).
	FormatSCALESimGEMM
	// FormatYAML is logsim's YAML network format (see ParseYAML).
	FormatYAML
)

// formatNames maps each Format to the name ParseFormat accepts.
func formatNames() map[Format]string {
	return map[Format]string{
		FormatAuto:         "auto",
		FormatSCALESimConv: "scalesim-conv",
		FormatSCALESimGEMM: "scalesim-gemm",
		FormatYAML:         "yaml",
	}
}

// String returns the format's name as ParseFormat accepts it.
func (f Format) String() string {
	if s, ok := formatNames()[f]; ok {
		return s
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat reads a format name: auto, scalesim-conv, scalesim-gemm or
// yaml (case-insensitive).
func ParseFormat(s string) (Format, error) {
	var known []string
	for f := FormatAuto; f <= FormatYAML; f++ {
		if strings.EqualFold(s, f.String()) {
			return f, nil
		}
		known = append(known, f.String())
	}
	return FormatAuto, fmt.Errorf("%s", unknownMsg("network file format", s, known))
}

// LoadFile reads and validates a network file in the given format.
func LoadFile(path string, format Format) (Network, error) {
	if format == FormatAuto {
		var err error
		if format, err = formatByExtension(path); err != nil {
			return Network{}, err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Network{}, fmt.Errorf("reading network file: %w", err)
	}
	switch format {
	case FormatSCALESimConv:
		return ParseSCALESimConv(path, data)
	case FormatSCALESimGEMM:
		return ParseSCALESimGEMM(path, data)
	case FormatYAML:
		return ParseYAML(path, data)
	}
	return Network{}, fmt.Errorf("%s: unknown network file format %v", path, format)
}

// formatByExtension picks a format from the file's extension.
func formatByExtension(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return FormatSCALESimConv, nil
	case ".yaml", ".yml":
		return FormatYAML, nil
	}
	return FormatAuto, &ParseError{File: path,
		Msg: "cannot tell the format from the extension: use .csv (SCALE-Sim conv topology), .yaml or .yml (logsim YAML), or name the format"}
}

// nameFromFile names a network after its file: the base name without the
// extension ("nets/alexnet.csv" → "alexnet"), as SCALE-Sim names a
// topology; for a name with several dots SCALE-Sim keeps only the part
// between the last two ("my.net.csv" → "net"), logsim keeps "my.net".
func nameFromFile(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
