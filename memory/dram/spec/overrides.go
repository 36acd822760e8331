package spec

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/logsim/logsim/internal/suggest"
)

// paramField names one overridable field of Params.
type paramField struct {
	name   string
	unit   string
	ptr    any // *int, *float64, *bool or *string
	timing bool
	lower  bool // a keyword: stored in lower case
}

// fields lists every overridable parameter of p, by the name Set accepts.
func (p *Params) fields() []paramField {
	return append(p.organisationFields(), append(p.timingFields(), p.policyFields()...)...)
}

func (p *Params) organisationFields() []paramField {
	return []paramField{
		{name: "MemoryType", unit: "name", ptr: &p.MemoryType},
		{name: "EnergyPJPerBit", unit: "pJ/bit", ptr: &p.EnergyPJPerBit},
		{name: "EnergyLowScale", unit: "× EnergyPJPerBit at the low corner", ptr: &p.EnergyLowScale},
		{name: "EnergyHighScale", unit: "× EnergyPJPerBit at the high corner", ptr: &p.EnergyHighScale},
		{name: "Channels", unit: "count", ptr: &p.Channels},
		{name: "Ranks", unit: "per channel", ptr: &p.Ranks},
		{name: "BankGroups", unit: "per rank", ptr: &p.BankGroups},
		{name: "BanksPerGroup", unit: "per bank group", ptr: &p.BanksPerGroup},
		{name: "Rows", unit: "per bank", ptr: &p.Rows},
		{name: "Columns", unit: "per row of a device", ptr: &p.Columns},
		{name: "DeviceWidthBits", unit: "bits", ptr: &p.DeviceWidthBits},
		{name: "BusWidthBits", unit: "bits", ptr: &p.BusWidthBits},
		{name: "BurstLength", unit: "beats", ptr: &p.BurstLength},
		{name: "DataRate", unit: "beats/cycle", ptr: &p.DataRate},
		{name: "ClockMHz", unit: "MHz", ptr: &p.ClockMHz},
	}
}

func (p *Params) timingFields() []paramField {
	f := func(name string, ptr *int) paramField {
		return paramField{name: name, unit: "cycles", ptr: ptr, timing: true}
	}
	return []paramField{
		f("CL", &p.CL), f("CWL", &p.CWL), f("tRCD", &p.TRCD), f("tRP", &p.TRP),
		f("tRAS", &p.TRAS), f("tRRD_L", &p.TRRDL), f("tRRD_S", &p.TRRDS),
		f("tCCD_L", &p.TCCDL), f("tCCD_S", &p.TCCDS), f("tWTR_L", &p.TWTRL),
		f("tWTR_S", &p.TWTRS), f("tWR", &p.TWR), f("tRTP", &p.TRTP),
		f("tFAW", &p.TFAW), f("tRTRS", &p.TRTRS), f("tPPD", &p.TPPD),
		f("tRPRE", &p.TRPRE), f("tWPRE", &p.TWPRE), f("tREFI", &p.TREFI),
		f("tRFC", &p.TRFC),
	}
}

func (p *Params) policyFields() []paramField {
	return []paramField{
		{name: "PagePolicy", unit: "open|close", ptr: &p.PagePolicy, lower: true},
		{name: "AddressMapping", unit: "fields high to low", ptr: &p.AddressMapping, lower: true},
		{name: "InterleaveBytes", unit: "bytes", ptr: &p.InterleaveBytes},
		{name: "Refresh", unit: "bool", ptr: &p.Refresh},
		{name: "TransactionQueueDepth", unit: "bursts", ptr: &p.TransactionQueueDepth},
		{name: "CommandQueueDepth", unit: "bursts per rank", ptr: &p.CommandQueueDepth},
		{name: "WritePolicy", unit: "drain|inorder", ptr: &p.WritePolicy, lower: true},
		{name: "WriteQueueDepth", unit: "bursts", ptr: &p.WriteQueueDepth},
		{name: "WriteHighWatermark", unit: "bursts", ptr: &p.WriteHighWatermark},
		{name: "WriteLowWatermark", unit: "bursts", ptr: &p.WriteLowWatermark},
		{name: "FrontendCycles", unit: "cycles", ptr: &p.FrontendCycles},
		{name: "BackendCycles", unit: "cycles", ptr: &p.BackendCycles},
		{name: "DualCommandBus", unit: "bool", ptr: &p.DualCommandBus},
	}
}

// ParamNames returns the names Set accepts, in documentation order.
func ParamNames() []string {
	var p Params
	fields := p.fields()
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}

// CanonicalName returns the parameter name Set accepts for name, in its
// documented spelling ("trcd" → "tRCD"); an unknown name is an error that
// suggests the nearest valid one.
func CanonicalName(name string) (string, error) {
	for _, n := range ParamNames() {
		if strings.EqualFold(n, strings.TrimSpace(name)) {
			return n, nil
		}
	}
	return "", fmt.Errorf("unknown DRAM parameter %q%s (valid: %s)",
		name, suggest.Hint(name, ParamNames()), strings.Join(ParamNames(), ", "))
}

// CanonicalValue checks value for the parameter called name and returns
// it in canonical form: the name's documented spelling is CanonicalName's,
// numbers in Go's shortest form, keywords in lower case, booleans as true
// or false.
func CanonicalValue(name, value string) (string, error) {
	var p Params
	if err := p.Set(name, value); err != nil {
		return "", err
	}
	for _, f := range p.fields() {
		if strings.EqualFold(f.name, strings.TrimSpace(name)) {
			return fmt.Sprint(deref(f.ptr)), nil
		}
	}
	return "", fmt.Errorf("unknown DRAM parameter %q", name)
}

// Set assigns the parameter called name (case-insensitive, e.g. "tRCD",
// "PagePolicy") from its text form. An unknown name or a malformed value
// gives an error that names the parameter and lists or suggests valid names.
func (p *Params) Set(name, value string) error {
	for _, f := range p.fields() {
		if strings.EqualFold(f.name, name) {
			text := strings.TrimSpace(value)
			if f.lower {
				text = strings.ToLower(text)
			}
			if err := assign(f.ptr, text); err != nil {
				return fmt.Errorf("DRAM parameter %s (%s) = %q: %w", f.name, f.unit, value, err)
			}
			return nil
		}
	}
	return fmt.Errorf("unknown DRAM parameter %q%s (valid: %s)",
		name, suggest.Hint(name, ParamNames()), strings.Join(ParamNames(), ", "))
}

// Apply sets every parameter of overrides, in sorted name order so that the
// result and the first error reported do not depend on map order.
func (p *Params) Apply(overrides map[string]string) error {
	names := make([]string, 0, len(overrides))
	for name := range overrides {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := p.Set(name, overrides[name]); err != nil {
			return err
		}
	}
	return nil
}

// Describe returns "name = value unit" lines for every parameter of p.
func (p Params) Describe() []string {
	fields := p.fields()
	lines := make([]string, len(fields))
	for i, f := range fields {
		lines[i] = fmt.Sprintf("%s = %v (%s)", f.name, deref(f.ptr), f.unit)
	}
	return lines
}

func assign(ptr any, value string) error {
	switch v := ptr.(type) {
	case *int:
		n, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("not an integer")
		}
		*v = n
	case *float64:
		x, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return fmt.Errorf("not a number")
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("not a finite number")
		}
		*v = x
	case *bool:
		b, err := parseBool(value)
		if err != nil {
			return err
		}
		*v = b
	case *string:
		*v = value
	}
	return nil
}

func parseBool(value string) (bool, error) {
	switch strings.ToLower(value) {
	case "1", "true", "on", "yes":
		return true, nil
	case "0", "false", "off", "no":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean (want on/off, true/false, 1/0)")
}

func deref(ptr any) any {
	switch v := ptr.(type) {
	case *int:
		return *v
	case *float64:
		return *v
	case *bool:
		return *v
	case *string:
		return *v
	}
	return nil
}
