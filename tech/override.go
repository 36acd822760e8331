package tech

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/logsim/logsim/internal/suggest"
)

// LoadOverrides reads a YAML override file and applies it to base (see the
// package doc). Apply it after ForCorner and Scaled: the file's numbers are
// used verbatim, whatever the node and corner.
func LoadOverrides(path string, base Table) (Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Table{}, fmt.Errorf("technology override file: %w", err)
	}
	return ApplyOverrides(path, data, base)
}

// ApplyOverrides applies YAML override text (named name in errors) to base.
func ApplyOverrides(name string, data []byte, base Table) (Table, error) {
	t := base.clone()
	if len(bytes.TrimSpace(data)) == 0 {
		return t, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Table{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return t, nil
	}
	o := overrider{file: name}
	if err := o.apply(doc.Content[0], reflect.ValueOf(&t).Elem(), ""); err != nil {
		return Table{}, err
	}
	if err := t.SRAM.validate(); err != nil {
		return Table{}, fmt.Errorf("%s:%d: %w", name, o.sramLine, err)
	}
	t.Overrides = name
	return t, nil
}

type overrider struct {
	file     string
	sramLine int
}

func (o *overrider) errf(n *yaml.Node, key, format string, args ...any) error {
	return fmt.Errorf("%s:%d: key %q: %s", o.file, n.Line, key, fmt.Sprintf(format, args...))
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// apply writes node into v (a struct, slice, map or scalar) at key path.
func (o *overrider) apply(n *yaml.Node, v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Struct:
		return o.applyStruct(n, v, path)
	case reflect.Slice:
		return o.applySlice(n, v, path)
	case reflect.Map:
		return o.applyMap(n, v, path)
	}
	return o.applyScalar(n, v, path)
}

func yamlName(f reflect.StructField) string {
	return strings.Split(f.Tag.Get("yaml"), ",")[0]
}

func (o *overrider) applyStruct(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.MappingNode {
		return o.errf(n, path, "want a mapping of keys")
	}
	fields := map[string]int{}
	for i := 0; i < v.NumField(); i++ {
		if name := yamlName(v.Type().Field(i)); name != "" && name != "-" {
			fields[name] = i
		}
	}
	if err := o.noDuplicates(n, path); err != nil {
		return err
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := join(path, k.Value)
		idx, ok := fields[k.Value]
		if !ok && key == "dram_pj_per_bit" {
			return o.errf(k, key, "the DRAM's energy per bit is a DRAM preset parameter: use --dram-set EnergyPJPerBit=… (and EnergyLowScale, EnergyHighScale for the corners)")
		}
		if !ok {
			return o.errf(k, key, "unknown key%s", suggestKey(k.Value, fields))
		}
		if key == "sram" {
			o.sramLine = k.Line
		}
		if err := o.apply(val, v.Field(idx), key); err != nil {
			return err
		}
	}
	return nil
}

// noDuplicates rejects a mapping that gives one key twice (case-insensitive,
// as map keys are stored lower-case).
func (o *overrider) noDuplicates(n *yaml.Node, path string) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if line, dup := seen[strings.ToLower(k.Value)]; dup {
			return o.errf(k, join(path, k.Value), "given twice (first on line %d)", line)
		}
		seen[strings.ToLower(k.Value)] = k.Line
	}
	return nil
}

// suggestKey names the closest known key, if any is close, else lists them.
func suggestKey(key string, fields map[string]int) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return suggest.DidYouMean(key, names)
}

func (o *overrider) applySlice(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.SequenceNode {
		return o.errf(n, path, "want a list")
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, el := range n.Content {
		if err := o.apply(el, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	v.Set(s)
	return nil
}

func (o *overrider) applyMap(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.MappingNode {
		return o.errf(n, path, "want a mapping")
	}
	if err := o.noDuplicates(n, path); err != nil {
		return err
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		elem := reflect.New(v.Type().Elem()).Elem()
		if err := o.applyScalar(val, elem, join(path, k.Value)); err != nil {
			return err
		}
		v.SetMapIndex(reflect.ValueOf(strings.ToLower(k.Value)), elem)
	}
	return nil
}

// MaxConstant is the largest number an override file may give any
// constant of the table, in the constant's own unit (pJ, µm², mW, KiB,
// bits, an exponent): 10⁶, a million times the largest constant of the
// built-in tables' per-bit and per-gate figures, and beyond any SRAM macro
// the tables list. It keeps every energy and area computed from the table
// finite (1e308 would price a run at +Inf µJ).
const MaxConstant = 1e6

// applyScalar decodes a number or a boolean. Every number in the table is a
// non-negative finite quantity of at most MaxConstant.
func (o *overrider) applyScalar(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.ScalarNode {
		return o.errf(n, path, "want a single value")
	}
	tmp := reflect.New(v.Type())
	if err := n.Decode(tmp.Interface()); err != nil {
		return o.errf(n, path, "bad value %q: want a %s", n.Value, v.Type())
	}
	switch x := tmp.Elem(); x.Kind() {
	case reflect.Float64:
		if f := x.Float(); math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > MaxConstant {
			return o.errf(n, path, "bad value %q: want a finite number from 0 to %g (README: Limits)", n.Value, float64(MaxConstant))
		}
	case reflect.Int:
		if x.Int() < 0 || x.Int() > MaxConstant {
			return o.errf(n, path, "bad value %q: want an integer from 0 to %d (README: Limits)", n.Value, int(MaxConstant))
		}
	}
	v.Set(tmp.Elem())
	return nil
}
