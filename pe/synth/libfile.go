package synth

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// ReadLibertyText returns a Liberty file's text, decompressing .gz files.
func ReadLibertyText(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
	}
	return string(b), nil
}

// dontUse matches the cells the flow must not map logic to: sky130's
// low-power cells (isolation, keep-alive, bleeder, power gating) and the
// physical-only cells (probe, tap, fill, decap). Left in, abc picks
// isolation buffers as logic.
var dontUse = regexp.MustCompile(`__(lpflow_|probe_|tap|fill|decap)`)

var cellStart = regexp.MustCompile(`(?m)^[ \t]*cell[ \t]*\([ \t]*"?([A-Za-z0-9_]+)"?[ \t]*\)[ \t]*\{`)

// WithoutDontUse returns the Liberty text without the cell groups dontUse
// matches, and the names of the cells it removed.
func WithoutDontUse(src string) (string, []string, error) {
	var b strings.Builder
	var removed []string
	last := 0
	for _, m := range cellStart.FindAllStringSubmatchIndex(src, -1) {
		if m[0] < last {
			continue
		}
		name := src[m[2]:m[3]]
		if !dontUse.MatchString(name) {
			continue
		}
		end, err := groupEnd(src, m[1]-1)
		if err != nil {
			return "", nil, fmt.Errorf("cell %s: %w", name, err)
		}
		b.WriteString(src[last:m[0]])
		last = end
		removed = append(removed, name)
	}
	b.WriteString(src[last:])
	return b.String(), removed, nil
}

// groupEnd returns the index just past the '}' matching the '{' at open.
func groupEnd(src string, open int) (int, error) {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case '"':
			j := strings.IndexByte(src[i+1:], '"')
			if j < 0 {
				return 0, fmt.Errorf("unterminated string")
			}
			i += j + 1
		}
	}
	return 0, fmt.Errorf("unbalanced braces")
}
