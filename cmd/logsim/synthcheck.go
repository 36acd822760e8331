package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/logsim/logsim/dataflow"
	"github.com/logsim/logsim/pe"
	"github.com/logsim/logsim/sim/cost"
	"github.com/logsim/logsim/sim/design"
	"github.com/logsim/logsim/tech"
)

// synthRow is what the cross-check reads from a logsim synth CSV row.
type synthRow struct {
	spec                     pe.Spec
	areaUM2, combUM2, pathNS float64
	fastNS, fastUM2          float64 // the delay-oriented mapping's path and area
	energyPJ, combPJ         float64
	unitPJ, unitCombPJ       float64 // unit-delay simulation: glitches included
}

// readSynthRows reads a logsim synth CSV, checking each value it uses.
func readSynthRows(path string) ([]synthRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []synthRow
	for i, r := range rows[1:] {
		line := i + 2
		get := func(h string) (float64, error) {
			k, ok := col[h]
			if !ok || k >= len(r) {
				return 0, fmt.Errorf("%s line %d: no column %s", path, line, h)
			}
			v, err := strconv.ParseFloat(r[k], 64)
			if err != nil || v < 0 {
				return 0, fmt.Errorf("%s line %d, %s: want a non-negative number, got %q", path, line, h, r[k])
			}
			return v, nil
		}
		var sr synthRow
		if sr.spec, err = pe.Parse(r[col["spec"]]); err != nil {
			return nil, fmt.Errorf("%s line %d, spec: %w", path, line, err)
		}
		for _, x := range []struct {
			h   string
			dst *float64
		}{{"area_total_um2", &sr.areaUM2}, {"area_comb_um2", &sr.combUM2}, {"critical_path_ns", &sr.pathNS},
			{"fastest_path_ns", &sr.fastNS}, {"fastest_area_um2", &sr.fastUM2},
			{"energy_per_mac_pj", &sr.energyPJ}, {"comb_pj_per_mac", &sr.combPJ},
			{"unit_delay_energy_per_mac_pj", &sr.unitPJ}, {"unit_delay_comb_pj_per_mac", &sr.unitCombPJ}} {
			if *x.dst, err = get(x.h); err != nil {
				return nil, err
			}
		}
		out = append(out, sr)
	}
	return out, nil
}

// tablePE is logsim's own pricing of a PE like the synthesized one: an OS
// PE without the output shadow register (activation, weight and
// accumulator registers), register toggle rates measured on the numerics
// stream the gate-level simulation used.
type tablePE struct {
	areaUM2, arithUM2, energyPJ, arithPJ, pathNS float64
}

func tablePEOf(s pe.Spec, src tech.Source, node int) (tablePE, error) {
	t45, err := tech.ForSource(src, tech.Nominal)
	if err != nil {
		return tablePE{}, err
	}
	t, err := t45.Scaled(node)
	if err != nil {
		return tablePE{}, err
	}
	act, err := cost.ActivityFor(design.ActivityMeasured, s, true)
	if err != nil {
		return tablePE{}, err
	}
	c, err := cost.PEOfWith(s, t, dataflow.OS, dataflow.ScaleSim, act)
	if err != nil {
		return tablePE{}, err
	}
	tm, err := cost.TimingOf(s, t)
	if err != nil {
		return tablePE{}, err
	}
	return tablePE{areaUM2: c.Area.TotalUM2(), arithUM2: c.Area.ArithmeticUM2(), energyPJ: c.PerMAC.TotalPJ(),
		arithPJ: c.PerMAC.ArithmeticPJ(), pathNS: tm.PathNS(false)}, nil
}

// writeCrossCheck prints the cross-check tables (Markdown): absolute at
// 130 nm, then ratios to the first row's spec at 130 and 45 nm.
func writeCrossCheck(w io.Writer, rows []synthRow) error {
	srcs := []tech.Source{tech.Aladdin, tech.Horowitz}
	table := map[string]tablePE{} // source/node/spec
	key := func(src tech.Source, node int, s pe.Spec) string { return fmt.Sprintf("%s/%d/%s", src, node, s) }
	for _, r := range rows {
		for _, src := range srcs {
			for _, node := range []int{130, 45} {
				p, err := tablePEOf(r.spec, src, node)
				if err != nil {
					return err
				}
				table[key(src, node, r.spec)] = p
			}
		}
	}
	fmt.Fprintf(w, "Absolute, 130 nm (synth: sky130 at 1.80 V; logsim: its 45 nm table scaled to 130 nm, 1.80 V). Area µm², energy pJ per MAC, total (logic only):\n\n")
	fmt.Fprintf(w, "| PE | synth area | aladdin area | horowitz area | synth energy | synth energy, unit delay | aladdin energy | horowitz energy | synth path ns | fastest path ns (area) | model path ns |\n")
	fmt.Fprintf(w, "|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		al, ho := table[key(tech.Aladdin, 130, r.spec)], table[key(tech.Horowitz, 130, r.spec)]
		fmt.Fprintf(w, "| %s | %.0f (%.0f) | %.0f (%.0f) | %.0f (%.0f) | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.2f | %.2f (%.0f) | %.2f |\n",
			r.spec, r.areaUM2, r.combUM2, al.areaUM2, al.arithUM2, ho.areaUM2, ho.arithUM2,
			r.energyPJ, r.combPJ, r.unitPJ, r.unitCombPJ, al.energyPJ, al.arithPJ, ho.energyPJ, ho.arithPJ, r.pathNS, r.fastNS, r.fastUM2, al.pathNS)
	}
	base := rows[0]
	for _, node := range []int{130, 45} {
		fmt.Fprintf(w, "\nRatios to %s at %d nm, total (logic only); synth's are the same at every node (one scaling factor for all PEs):\n\n", base.spec, node)
		fmt.Fprintf(w, "| PE | area synth | area aladdin | area horowitz | energy synth | energy synth, unit delay | energy aladdin | energy horowitz |\n|---|---|---|---|---|---|---|---|\n")
		for _, r := range rows {
			al, ho := table[key(tech.Aladdin, node, r.spec)], table[key(tech.Horowitz, node, r.spec)]
			alb, hob := table[key(tech.Aladdin, node, base.spec)], table[key(tech.Horowitz, node, base.spec)]
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", r.spec,
				ratio(r.areaUM2, base.areaUM2, r.combUM2, base.combUM2),
				ratio(al.areaUM2, alb.areaUM2, al.arithUM2, alb.arithUM2),
				ratio(ho.areaUM2, hob.areaUM2, ho.arithUM2, hob.arithUM2),
				ratio(r.energyPJ, base.energyPJ, r.combPJ, base.combPJ),
				ratio(r.unitPJ, base.unitPJ, r.unitCombPJ, base.unitCombPJ),
				ratio(al.energyPJ, alb.energyPJ, al.arithPJ, alb.arithPJ),
				ratio(ho.energyPJ, hob.energyPJ, ho.arithPJ, hob.arithPJ))
		}
	}
	return nil
}

func ratio(v, base, logic, logicBase float64) string {
	return fmt.Sprintf("%.2f (%.2f)", v/base, logic/logicBase)
}

func newSynthCheckCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "check [FILE.csv]",
		Short: "Print the cross-check of synthesized PEs against logsim's table-based PE costs",
		Long: `Reads a logsim synth CSV (default tech/synth_pes.csv, relative to the
repository root) and prints, as Markdown tables, each PE's synthesized area,
energy per MAC and critical path beside logsim's own pricing of the same PE
with the aladdin and horowitz sources (an OS PE without the output shadow
register: activation, weight and accumulator registers, toggle rates
measured on the numerics stream the gate-level simulation used; gate-delay
model path): absolute at 130 nm, and as ratios to the first row's PE at 130
and 45 nm. In parentheses: the logic alone (combinational cells; logsim's
arithmetic without registers). The synthesized energy is given from the
zero-delay simulation (no glitches) and from the unit-delay one (glitches of
unequal path depths, each priced as full transitions: an overestimate).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "tech/synth_pes.csv"
			if len(args) == 1 {
				path = args[0]
			}
			rows, err := readSynthRows(path)
			if err != nil {
				return err
			}
			var b strings.Builder
			if err := writeCrossCheck(&b, rows); err != nil {
				return err
			}
			_, err = io.WriteString(cmd.OutOrStdout(), b.String())
			return err
		},
	}
}
