package synth

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/pe/numerics"
	"github.com/logsim/logsim/pe/rtl"
)

// Options configure Synthesize. The zero value of a field is its default.
type Options struct {
	Liberty string  // Liberty file (.lib or .lib.gz); required
	ClockNS float64 // clock period for static timing and leakage (ns); default DefaultClockNS
	SlewNS  float64 // input slew at which internal energy is read (ns); default DefaultSlewNS
	Outputs int     // outputs of the numerics stream simulated for energy (K = 64 MACs each); default DefaultOutputs
	WorkDir string  // scratch folder (kept); default a temporary one, removed
}

// Defaults of Options.
const (
	DefaultClockNS = 5.0 // Aladdin's relaxed-timing rows, which logsim's default table uses, are at 5 ns
	DefaultSlewNS  = 0.1 // mid-range of sky130 hd transitions of the cells' small loads
	DefaultOutputs = 32  // 2048 MACs
)

// Result is one synthesized PE.
type Result struct {
	Spec    pe.Spec
	Layer   rtl.Layer
	Library string // the Liberty library's name
	Corner  string // its operating conditions
	AreaUM2 float64
	CombUM2 float64
	SeqUM2  float64
	Cells   int
	PathNS  float64 // critical path: clock period − worst setup slack (ns)
	// FastPathNS and FastAreaUM2 are the critical path (ns) and area (µm²)
	// of the same PE mapped for delay (abcFastScript): the fastest this
	// flow makes it. Energy and the other areas are the area mapping's.
	FastPathNS, FastAreaUM2 float64
	ClockNS                 float64
	MACs                    int64  // MACs simulated for energy
	Energy                  Energy // over the MACs simulated, zero-delay cells (no glitches)
	// UnitDelay is the same with one time unit of delay per cell: an
	// estimate with the glitches that unequal path depths make.
	UnitDelay     Energy
	LeakageNW     float64 // static power (nW)
	CombLeakageNW float64 // of the combinational cells (nW)
	SlewNS        float64
}

// MeetsClock reports whether the critical path fits the clock period.
func (r Result) MeetsClock() bool { return r.PathNS <= r.ClockNS }

// MACPJ is the dynamic energy per MAC (pJ).
func (r Result) MACPJ() float64 { return r.Energy.TotalPJ() / float64(r.MACs) }

// LeakPJPerMAC is the leakage energy of one clock period (pJ): nW × ns = 1e−6 pJ.
func (r Result) LeakPJPerMAC() float64 { return r.LeakageNW * r.ClockNS * 1e-6 }

func (o Options) withDefaults() Options {
	if o.ClockNS == 0 {
		o.ClockNS = DefaultClockNS
	}
	if o.SlewNS == 0 {
		o.SlewNS = DefaultSlewNS
	}
	if o.Outputs == 0 {
		o.Outputs = DefaultOutputs
	}
	return o
}

// Synthesize synthesizes the PE of spec s (logsim_pe on the numerics
// module's synthetic layer, rtl.DefaultLayer) with yosys and the Liberty
// library, times it with OpenSTA and prices a gate-level simulation of the
// numerics stream (iverilog) with the library's tables. The gate-level
// simulation's sums must equal pe.Datapath's, or it is an error.
func Synthesize(s pe.Spec, opt Options) (Result, error) {
	opt = opt.withDefaults()
	if opt.ClockNS <= 0 || opt.SlewNS <= 0 || opt.Outputs < 1 {
		return Result{}, fmt.Errorf("synth options: clock %g ns, slew %g ns and outputs %d must be positive", opt.ClockNS, opt.SlewNS, opt.Outputs)
	}
	dir := opt.WorkDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "logsim-synth-*")
		if err != nil {
			return Result{}, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return Result{}, err
	}
	r, err := synthesize(s, opt, dir)
	if err != nil {
		return Result{}, fmt.Errorf("synth %s: %w", s, err)
	}
	return r, nil
}

func synthesize(s pe.Spec, opt Options, dir string) (Result, error) {
	stream, err := numerics.NewMACStream(s, numerics.DefaultWeights, numerics.DefaultSeed, opt.Outputs)
	if err != nil {
		return Result{}, err
	}
	lay := rtl.Layer{FSRA: stream.FSRA, FSRW: stream.FSRW, Frac: stream.Frac}
	files, err := rtl.PE(s, lay)
	if err != nil {
		return Result{}, err
	}
	lib, libPath, err := prepareLibrary(opt.Liberty, dir)
	if err != nil {
		return Result{}, err
	}
	top := rtl.TopName(s)
	n, statArea, err := runYosys(dir, files, top, libPath, opt.ClockNS, abcScript)
	if err != nil {
		return Result{}, err
	}
	res := Result{Spec: s, Layer: lay, Library: lib.Name, Corner: lib.Corner, ClockNS: opt.ClockNS, SlewNS: opt.SlewNS, Cells: len(n.Cells)}
	for _, c := range n.Cells {
		cell := lib.Cells[c.Type]
		if cell == nil {
			return Result{}, fmt.Errorf("netlist cell type %s is not in %s", c.Type, lib.Name)
		}
		if cell.Sequential {
			res.SeqUM2 += cell.AreaUM2
		} else {
			res.CombUM2 += cell.AreaUM2
		}
	}
	res.AreaUM2 = res.SeqUM2 + res.CombUM2
	if math.Abs(res.AreaUM2-statArea) > 1e-3 {
		return Result{}, fmt.Errorf("area: cells sum to %.4f µm², yosys stat says %.4f µm²", res.AreaUM2, statArea)
	}
	if res.PathNS, err = runSTA(dir, top, libPath, opt.ClockNS); err != nil {
		return Result{}, err
	}
	if res.FastPathNS, res.FastAreaUM2, err = fastest(dir, files, top, libPath, opt.ClockNS); err != nil {
		return Result{}, err
	}
	if err := simulateEnergy(dir, s, stream, n, lib, libPath, opt, &res); err != nil {
		return Result{}, err
	}
	res.LeakageNW, res.CombLeakageNW = Leakage(n, lib)
	return res, nil
}

// prepareLibrary writes the library without its don't-use cells into dir
// and loads it.
func prepareLibrary(path, dir string) (*Library, string, error) {
	if path == "" {
		return nil, "", fmt.Errorf("no Liberty file given")
	}
	src, err := ReadLibertyText(path)
	if err != nil {
		return nil, "", err
	}
	kept, _, err := WithoutDontUse(src)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	lib, err := LoadLiberty(kept)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	out := filepath.Join(dir, "cells.lib")
	if err := os.WriteFile(out, []byte(kept), 0o644); err != nil {
		return nil, "", err
	}
	return lib, out, nil
}

var chipArea = regexp.MustCompile(`Chip area for module '\\?[^']*': ([0-9.]+)`)

// abcScript is yosys 0.23's ABC script for a Liberty library with a delay
// target ({D}: -D and the clock period in ps, substituted here: yosys does
// not substitute a -script file), followed by ABC's buffering and gate
// sizing (buffer, upsize, dnsize), which yosys leaves out: without them
// high-fanout nets stay on minimum-size cells and the critical path is
// longer by a fifth (mult:a8w8: 8.9 ns against 7.3 ns). For the PEs
// of tech/synth_pes.csv the target changes nothing (5 ns and 1 ns give the
// same netlist): ABC's own delay model sees it met.
const abcScript = "strash; &get -n; &fraig -x; &put; scorr; dc2; dretime; strash; &get -n; &dch -f; &nf {D}; &put; " +
	"buffer -p; upsize {D}; dnsize {D}\n"

// abcFastScript is ABC's delay-oriented mapping (map: the fastest mapping,
// then area recovery that keeps its delay; topo, without which buffer
// fails on some netlists), buffering and sizing, with no
// target: the fastest netlist this flow makes (Result.FastPathNS).
// mult:a8w8 needs 4.6 ns there against 7.3 ns, at 25 % more area.
const abcFastScript = "strash; dch; map; topo; buffer -p; upsize; dnsize\n"

// fastest synthesizes top again in dir/fastest with the delay-oriented ABC
// script and returns its critical path (ns) and area (µm²).
func fastest(dir string, files []rtl.File, top, lib string, clockNS float64) (pathNS, areaUM2 float64, err error) {
	fast := filepath.Join(dir, "fastest")
	if err := os.MkdirAll(fast, 0o755); err != nil {
		return 0, 0, err
	}
	if _, areaUM2, err = runYosys(fast, files, top, lib, clockNS, abcFastScript); err != nil {
		return 0, 0, err
	}
	pathNS, err = runSTA(fast, top, lib, clockNS)
	return pathNS, areaUM2, err
}

// runYosys synthesizes top: synth, dfflibmap, abc (the script, {D} the
// clock period) and stat with the library, private nets renamed so that
// the Verilog and JSON netlists agree. It returns the netlist and stat's
// total area (µm²).
func runYosys(dir string, files []rtl.File, top, lib string, clockNS float64, abc string) (*Netlist, float64, error) {
	paths, err := rtl.WriteFiles(dir, files)
	if err != nil {
		return nil, 0, err
	}
	target := fmt.Sprintf("-D %d", int(math.Round(clockNS*1000)))
	if err := os.WriteFile(filepath.Join(dir, "abc.script"), []byte(strings.ReplaceAll(abc, "{D}", target)), 0o644); err != nil {
		return nil, 0, err
	}
	script := fmt.Sprintf(`read_verilog -sv %s
synth -flatten -top %s
dfflibmap -liberty %s
abc %s -script abc.script -liberty %s
opt_clean
rename -enumerate
stat -liberty %s
write_verilog -noattr netlist.v
write_json netlist.json
`, strings.Join(paths, " "), top, lib, target, lib, lib)
	if err := os.WriteFile(filepath.Join(dir, "synth.ys"), []byte(script), 0o644); err != nil {
		return nil, 0, err
	}
	if _, err := rtl.Run(dir, "yosys", "-q", "-l", "yosys.log", "synth.ys"); err != nil {
		return nil, 0, err
	}
	log, err := os.ReadFile(filepath.Join(dir, "yosys.log"))
	if err != nil {
		return nil, 0, err
	}
	m := chipArea.FindAllSubmatch(log, -1)
	if len(m) == 0 {
		return nil, 0, fmt.Errorf("yosys.log: no chip area")
	}
	area, _ := strconv.ParseFloat(string(m[len(m)-1][1]), 64)
	data, err := os.ReadFile(filepath.Join(dir, "netlist.json"))
	if err != nil {
		return nil, 0, err
	}
	n, err := ParseNetlist(data, top)
	return n, area, err
}

var slackLine = regexp.MustCompile(`(?m)^\s*(-?[0-9.]+)\s+slack \((MET|VIOLATED)\)`)

// runSTA times the netlist with OpenSTA at the clock period (ns): inputs
// and outputs constrained to the clock edge, ideal clock. It returns the
// critical path, clock period − worst setup slack (ns).
func runSTA(dir, top, lib string, clockNS float64) (float64, error) {
	script := fmt.Sprintf(`read_liberty %s
read_verilog netlist.v
link_design %s
create_clock -name clk -period %g [get_ports clk]
set_input_delay 0 -clock clk [delete_from_list [all_inputs] [get_ports clk]]
set_output_delay 0 -clock clk [all_outputs]
report_checks -path_delay max -digits 4
exit
`, lib, top, clockNS)
	if err := os.WriteFile(filepath.Join(dir, "sta.tcl"), []byte(script), 0o644); err != nil {
		return 0, err
	}
	out, err := rtl.Run(dir, "sta", "-no_splash", "-exit", "sta.tcl")
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, "sta.log"), []byte(out), 0o644); err != nil {
		return 0, err
	}
	m := slackLine.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("sta: no slack in its report: %s", out)
	}
	slack, _ := strconv.ParseFloat(m[1], 64)
	return clockNS - slack, nil
}
