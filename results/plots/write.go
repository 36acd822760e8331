package plots

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/logsim/logsim/results"
)

// Formats are the image formats Write can write.
func Formats() []string { return []string{"svg", "png"} }

// CheckFormat says whether format is one of Formats.
func CheckFormat(format string) error {
	for _, f := range Formats() {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("image format %q: want one of svg, png", format)
}

// Render returns a figure in a format of Formats.
func (f *Figure) Render(format string) ([]byte, error) {
	if err := CheckFormat(format); err != nil {
		return nil, err
	}
	if format == "png" {
		return f.PNG()
	}
	return f.SVG()
}

// Write renders every figure in every format, then writes the files into
// dir (NAME.FORMAT), each whole or not at all; nothing is written if a
// figure fails to render. It returns the paths written, in order.
func Write(dir string, figs []*Figure, formats []string) ([]string, error) {
	type file struct {
		path string
		data []byte
	}
	var files []file
	for _, f := range figs {
		for _, format := range formats {
			b, err := f.Render(format)
			if err != nil {
				return nil, fmt.Errorf("figure %s: %w", f.Name, err)
			}
			files = append(files, file{filepath.Join(dir, f.Name+"."+format), b})
		}
	}
	var paths []string
	for _, f := range files {
		data := f.data
		if err := results.WriteFileAtomic(f.path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return paths, err
		}
		paths = append(paths, f.path)
	}
	return paths, nil
}
