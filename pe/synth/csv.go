package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// Columns are the CSV columns of WriteCSV, units in their names.
var Columns = []string{
	"spec", "library", "corner", "fsra", "fsrw", "frac",
	"area_total_um2", "area_comb_um2", "area_seq_um2", "cells",
	"critical_path_ns", "clock_ns", "meets_clock", "max_clock_mhz",
	"fastest_path_ns", "fastest_area_um2", "fastest_max_clock_mhz",
	"energy_per_mac_pj", "comb_pj_per_mac", "seq_pj_per_mac", "clock_pj_per_mac",
	"internal_pj_per_mac", "switching_pj_per_mac",
	"unit_delay_energy_per_mac_pj", "unit_delay_comb_pj_per_mac",
	"leakage_nw", "comb_leakage_nw", "slew_ns", "macs_simulated",
}

// WriteCSV writes one row per result (Columns): areas in µm², times in
// ns, energies per MAC in pJ (dynamic: comb + seq + clock, or internal +
// switching + clock; Energy; and with unit-delay cells, glitches
// included), leakage in nW, the clock the PE meets at
// most in MHz.
func WriteCSV(w io.Writer, rs []Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	f := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	for _, r := range rs {
		per := func(pj float64) string { return f(pj/float64(r.MACs), 5) }
		row := []string{
			r.Spec.String(), r.Library, r.Corner, strconv.Itoa(r.Layer.FSRA), strconv.Itoa(r.Layer.FSRW), strconv.Itoa(r.Layer.Frac),
			f(r.AreaUM2, 4), f(r.CombUM2, 4), f(r.SeqUM2, 4), strconv.Itoa(r.Cells),
			f(r.PathNS, 4), f(r.ClockNS, 4), strconv.FormatBool(r.MeetsClock()), f(1000/r.PathNS, 2),
			f(r.FastPathNS, 4), f(r.FastAreaUM2, 4), f(1000/r.FastPathNS, 2),
			per(r.Energy.TotalPJ()), per(r.Energy.CombPJ), per(r.Energy.SeqPJ), per(r.Energy.ClockPJ),
			per(r.Energy.InternalPJ), per(r.Energy.SwitchingPJ),
			per(r.UnitDelay.TotalPJ()), per(r.UnitDelay.CombPJ),
			f(r.LeakageNW, 5), f(r.CombLeakageNW, 5), f(r.SlewNS, 4), strconv.FormatInt(r.MACs, 10),
		}
		if len(row) != len(Columns) {
			return fmt.Errorf("synth CSV: %d fields for %d columns", len(row), len(Columns))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
