package rtl

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// MissingTools returns the named programs that are not on PATH.
func MissingTools(names ...string) []string {
	var missing []string
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			missing = append(missing, n)
		}
	}
	return missing
}

// WriteFiles writes files into dir and returns their paths in order.
func WriteFiles(dir string, files []File) ([]string, error) {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, f.Name)
		if err := os.WriteFile(paths[i], []byte(f.Text), 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.Name, err)
		}
	}
	return paths, nil
}

// Simulate writes files into dir, compiles them with Icarus Verilog
// (iverilog -g2012; the .v files) with top as the root module and runs the simulation
// (vvp) in dir. It returns what the simulation printed.
func Simulate(dir string, files []File, top string) (string, error) {
	paths, err := WriteFiles(dir, files)
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, top+".vvp")
	args := []string{"-g2012", "-o", out, "-s", top}
	for _, p := range paths {
		if strings.HasSuffix(p, ".v") {
			args = append(args, p)
		}
	}
	if _, err := Run(dir, "iverilog", args...); err != nil {
		return "", err
	}
	return Run(dir, "vvp", "-n", out)
}

// Run runs a program in dir and returns its standard output; a failure
// reports the command and the end of its standard error.
func Run(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%s: %w: %s", name, err, tail(stderr.String()+stdout.String(), 2000))
	}
	return stdout.String(), nil
}

func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
