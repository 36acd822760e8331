// Package scalecfg reads SCALE-Sim v2 (and v3) configuration files as
// SCALE-Sim does: Python configparser syntax (sections in brackets,
// "key: value" or "key = value", keys case-insensitive, lines starting with
// # or ; are comments). Keys SCALE-Sim ignores (MemoryBanks) are accepted
// and ignored; a key SCALE-Sim requires that is missing or malformed is an
// error naming file, line and key.
//
// SCALE-Sim v3 configs are read too. What v3 adds is accepted while it is
// switched off and rejected by name when it is on, since logsim models none
// of it: [layout] IfmapCustomLayout and FilterCustomLayout (custom SRAM
// layouts and bank conflicts; the bank keys beside them are read only with
// a custom layout), [sparsity] SparsitySupport, and [run_presets]
// UseRamulatorTrace (with ReadRequestBuffer and WriteRequestBuffer, which
// size Ramulator's request queues). Switches are read as configparser's
// getboolean reads them: 1, yes, true, on or 0, no, false, off, any case.
package scalecfg

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/internal/suggest"
)

// Interface bandwidth modes of SCALE-Sim's [run_presets] InterfaceBandwidth.
const (
	ModeCALC = "CALC" // reads never stall; SCALE-Sim estimates the bandwidth needed
	ModeUSER = "USER" // the DRAM interface is limited to Bandwidth words/cycle
)

// Config is what logsim takes from a SCALE-Sim config file.
type Config struct {
	File          string
	RunName       string
	ArrayHeight   int               // R, PE rows
	ArrayWidth    int               // C, PE columns
	IfmapSRAMKiB  int               // IfmapSramSzkB: KiB of 1-byte words
	FilterSRAMKiB int               // FilterSramSzkB
	OfmapSRAMKiB  int               // OfmapSramSzkB
	Dataflow      dataflow.Dataflow // os, ws or is
	Bandwidth     []float64         // words (bytes) per cycle; only the first is used, in USER mode
	InterfaceBW   string            // ModeCALC or ModeUSER
	// Ignored lists, in file order, the keys SCALE-Sim defines that logsim
	// does not use (memory offsets, MemoryBanks, Ramulator's request
	// buffers, the v3 layout and sparsity details, Bandwidth in CALC mode):
	// accepted, and reported by the caller in one warning line.
	Ignored []string
}

// usedKeys are the keys logsim reads, by section (lower case).
var usedKeys = map[string][]string{
	"general":              {"run_name"},
	"architecture_presets": {"ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB", "OfmapSramSzkB", "Dataflow", "Bandwidth"},
	"run_presets":          {"InterfaceBandwidth", "UseRamulatorTrace"},
	"layout":               {"IfmapCustomLayout", "FilterCustomLayout"},
	"sparsity":             {"SparsitySupport"},
}

// scaleSimOnlyKeys are the keys SCALE-Sim v2 and v3 define that logsim
// does not use: accepted with a warning, so SCALE-Sim's own configs run.
var scaleSimOnlyKeys = map[string][]string{
	"general":              {},
	"architecture_presets": {"IfmapOffset", "FilterOffset", "OfmapOffset", "MemoryBanks", "ReadRequestBuffer", "WriteRequestBuffer"},
	"run_presets":          {},
	"layout": {"IfmapSRAMBankBandwidth", "IfmapSRAMBankNum", "IfmapSRAMBankPort",
		"FilterSRAMBankBandwidth", "FilterSRAMBankNum", "FilterSRAMBankPort"},
	"sparsity": {"SparseRep", "OptimizedMapping", "BlockSize", "RandomNumberGeneratorSeed"},
}

// entry is one key's value, its spelling in the file and the line it was
// read from.
type entry struct {
	value string
	key   string
	line  int
}

// ParseFile reads a SCALE-Sim config file.
func ParseFile(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, err
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse reads a SCALE-Sim config from r; name is used in error messages.
func Parse(r io.Reader, name string) (Config, error) {
	sections, err := readSections(r, name)
	if err != nil {
		return Config{}, err
	}
	ignored, err := checkKeys(sections, name) // first: a misspelt key would read as a missing one
	if err != nil {
		return Config{}, err
	}
	p := parser{name: name, sections: sections}
	c := Config{File: name}
	c.RunName = p.str("general", "run_name", strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
	c.ArrayHeight = p.positive("architecture_presets", "ArrayHeight")
	c.ArrayWidth = p.positive("architecture_presets", "ArrayWidth")
	c.IfmapSRAMKiB = p.positive("architecture_presets", "IfmapSramSzkB")
	c.FilterSRAMKiB = p.positive("architecture_presets", "FilterSramSzkB")
	c.OfmapSRAMKiB = p.positive("architecture_presets", "OfmapSramSzkB")
	c.Dataflow = p.dataflow()
	c.InterfaceBW = p.mode()
	c.Bandwidth = p.bandwidth(c.InterfaceBW == ModeUSER)
	for _, f := range v3Features() {
		p.off(f.section, f.key, f.what)
	}
	if p.err != nil {
		return Config{}, p.err
	}
	if e, ok := p.lookup("architecture_presets", "Bandwidth"); ok && c.InterfaceBW == ModeCALC {
		ignored = append(ignored, entryKey{"Bandwidth", e.line})
	}
	sortByLine(ignored)
	for _, k := range ignored {
		c.Ignored = append(c.Ignored, k.name)
	}
	return c, nil
}

// entryKey is a key as spelled in the file, and its line.
type entryKey struct {
	name string
	line int
}

func sortByLine(keys []entryKey) {
	sort.Slice(keys, func(i, j int) bool { return keys[i].line < keys[j].line })
}

// checkKeys rejects an unknown section or key (suggesting the nearest
// known one) and returns the SCALE-Sim keys logsim ignores.
func checkKeys(sections map[string]map[string]entry, name string) ([]entryKey, error) {
	var ignored []entryKey
	for _, sec := range sortedSections(sections) {
		used, known := usedKeys[sec]
		if !known {
			first := firstLine(sections[sec])
			return nil, fmt.Errorf("%s:%d: unknown section [%s]%s", name, first, sec, suggest.DidYouMean(sec, mapKeys(usedKeys)))
		}
		all := append(append([]string(nil), used...), scaleSimOnlyKeys[sec]...)
		for key, e := range sections[sec] {
			k, ok := canonical(key, all)
			switch {
			case !ok:
				return nil, fmt.Errorf("%s:%d: [%s] unknown key %q%s", name, e.line, sec, e.key, suggest.DidYouMean(e.key, all))
			case !slices.Contains(used, k):
				ignored = append(ignored, entryKey{e.key, e.line})
			}
		}
	}
	return ignored, nil
}

func canonical(key string, names []string) (string, bool) {
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return n, true
		}
	}
	return "", false
}

func sortedSections(sections map[string]map[string]entry) []string {
	names := mapKeys(sections)
	sort.Slice(names, func(i, j int) bool { return firstLine(sections[names[i]]) < firstLine(sections[names[j]]) })
	return names
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func firstLine(keys map[string]entry) int {
	first := 0
	for _, e := range keys {
		if first == 0 || e.line < first {
			first = e.line
		}
	}
	return first
}

func readSections(r io.Reader, name string) (map[string]map[string]entry, error) {
	sections := map[string]map[string]entry{}
	current := ""
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		switch {
		case text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, ";"):
			continue
		case strings.HasPrefix(text, "["):
			if !strings.HasSuffix(text, "]") {
				return nil, fmt.Errorf("%s:%d: malformed section header %q", name, line, text)
			}
			current = strings.TrimSpace(text[1 : len(text)-1])
			if sections[current] != nil {
				return nil, fmt.Errorf("%s:%d: section [%s] given twice", name, line, current)
			}
			sections[current] = map[string]entry{}
			continue
		}
		key, value, ok := splitKeyValue(text)
		if !ok {
			return nil, fmt.Errorf("%s:%d: expected \"key: value\" or \"key = value\", got %q", name, line, text)
		}
		if current == "" {
			return nil, fmt.Errorf("%s:%d: key %q appears before any [section]", name, line, key)
		}
		if prev, dup := sections[current][strings.ToLower(key)]; dup {
			return nil, fmt.Errorf("%s:%d: [%s] key %q given twice (first on line %d)", name, line, current, key, prev.line)
		}
		sections[current][strings.ToLower(key)] = entry{value: value, key: key, line: line}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return sections, nil
}

// splitKeyValue splits at the first ':' or '=', as configparser does.
func splitKeyValue(text string) (string, string, bool) {
	i := strings.IndexAny(text, ":=")
	if i <= 0 {
		return "", "", false
	}
	return strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:]), true
}

// parser looks keys up and keeps the first error.
type parser struct {
	name     string
	sections map[string]map[string]entry
	err      error
}

func (p *parser) lookup(section, key string) (entry, bool) {
	e, ok := p.sections[section][strings.ToLower(key)]
	return e, ok
}

func (p *parser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
}

func (p *parser) required(section, key string) (entry, bool) {
	e, ok := p.lookup(section, key)
	if !ok {
		p.fail("%s: [%s] %s is missing (SCALE-Sim requires it)", p.name, section, key)
	}
	return e, ok
}

func (p *parser) str(section, key, fallback string) string {
	if e, ok := p.lookup(section, key); ok && e.value != "" {
		return e.value
	}
	return fallback
}

func (p *parser) positive(section, key string) int {
	e, ok := p.required(section, key)
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(e.value)
	if err != nil || v <= 0 {
		p.fail("%s:%d: [%s] %s must be a positive integer, got %q", p.name, e.line, section, key, e.value)
	}
	return v
}

func (p *parser) dataflow() dataflow.Dataflow {
	e, ok := p.required("architecture_presets", "Dataflow")
	if !ok {
		return 0
	}
	df, err := dataflow.ParseDataflow(e.value)
	if err != nil {
		p.fail("%s:%d: [architecture_presets] Dataflow: %v", p.name, e.line, err)
	}
	return df
}

func (p *parser) mode() string {
	e, ok := p.lookup("run_presets", "InterfaceBandwidth")
	if !ok {
		return ModeCALC // SCALE-Sim's default
	}
	switch m := strings.ToUpper(e.value); m {
	case ModeCALC, ModeUSER:
		return m
	}
	p.fail("%s:%d: [run_presets] InterfaceBandwidth must be CALC or USER, got %q", p.name, e.line, e.value)
	return ""
}

// v3Feature is a switch of SCALE-Sim v3 for something logsim does not model.
type v3Feature struct{ section, key, what string }

func v3Features() []v3Feature {
	return []v3Feature{
		{"layout", "IfmapCustomLayout", "custom SRAM layouts and bank conflicts"},
		{"layout", "FilterCustomLayout", "custom SRAM layouts and bank conflicts"},
		{"sparsity", "SparsitySupport", "sparse operands"},
		{"run_presets", "UseRamulatorTrace", "Ramulator DRAM traces"},
	}
}

// off requires a v3 switch to be absent or off: logsim does not model what
// it turns on.
func (p *parser) off(section, key, what string) {
	e, ok := p.lookup(section, key)
	if !ok {
		return
	}
	switch strings.ToLower(e.value) {
	case "0", "no", "false", "off":
		return
	case "1", "yes", "true", "on":
		p.fail("%s:%d: [%s] %s is on: SCALE-Sim v3's %s are not modelled by logsim; set it to False",
			p.name, e.line, section, key, what)
		return
	}
	p.fail("%s:%d: [%s] %s must be True or False, got %q", p.name, e.line, section, key, e.value)
}

func (p *parser) bandwidth(required bool) []float64 {
	e, ok := p.lookup("architecture_presets", "Bandwidth")
	if !ok {
		if required {
			p.fail("%s: [architecture_presets] Bandwidth is missing (USER mode needs it)", p.name)
		}
		return nil
	}
	var out []float64
	for _, f := range strings.Split(e.value, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || v <= 0 {
			p.fail("%s:%d: [architecture_presets] Bandwidth must be positive words/cycle, got %q", p.name, e.line, f)
			return nil
		}
		out = append(out, v)
	}
	return out
}
