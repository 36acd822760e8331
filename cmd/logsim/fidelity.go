package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/logsim/logsim/sim"
)

// fidelityUsage is the --fidelity flag's help.
const fidelityUsage = "event: the Akita simulation, every DRAM request an event (the reference); analytic: the same components tile by tile, " +
	"DMA transfers timed from the DRAM's bandwidth and latency — equal to event with ideal and bandwidth DRAM, within a few % with fast DRAM, " +
	"about 2× (ideal DRAM) to 11× (fast DRAM) faster for one ResNet-50 point, more within a sweep (README: fidelity levels)"

// registerFidelity adds --fidelity to a command's flags.
func registerFidelity(f *pflag.FlagSet, p *string, def string) {
	f.StringVar(p, "fidelity", def, fidelityUsage)
}

// checkFidelity checks a --fidelity value against the levels a command
// takes.
func checkFidelity(v string, valid ...string) error {
	if len(valid) == 0 {
		valid = sim.FidelityNames()
	}
	for _, ok := range valid {
		if v == ok {
			return nil
		}
	}
	return fmt.Errorf("--fidelity: unknown level %q (valid: %s)", v, strings.Join(valid, ", "))
}
