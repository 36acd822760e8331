package spec

import (
	"fmt"
	"strings"
)

// maxTiming is the largest value of any timing parameter (cycles of the
// DRAM clock): 2^16, 65 µs at 1 GHz, far beyond any device (DDR4's
// slowest, tREFI, is 12480), so that every command time the models
// compute stays far inside int64 and Akita's float64 time.
const maxTiming = 1 << 16

// upperBounds is the largest value of every bounded parameter other than
// the timings. The organisation bounds keep the models' per-channel,
// per-bank and per-queue state allocatable (the fast and akita models keep
// state per bank and per queue entry); the clock and energy bounds keep
// cycle times and energies finite. No DRAM standard comes near them.
var upperBounds = map[string]float64{
	"EnergyPJPerBit": 1000, "EnergyLowScale": 100, "EnergyHighScale": 100,
	"Channels": 64, "Ranks": 16, "BankGroups": 16, "BanksPerGroup": 64,
	"Rows": 1 << 20, "Columns": 1 << 16, "DeviceWidthBits": 1024, "BusWidthBits": 4096,
	"BurstLength": 256, "DataRate": 16, "ClockMHz": 10000,
	"TransactionQueueDepth": 1 << 16, "CommandQueueDepth": 1 << 16, "WriteQueueDepth": 1 << 16,
	"WriteHighWatermark": 1 << 16, "WriteLowWatermark": 1 << 16,
	"FrontendCycles": maxTiming, "BackendCycles": maxTiming,
}

// minClockMHz is the slowest DRAM clock accepted, in MHz.
const minClockMHz = 1

// Limit is the largest value the parameter called name may take, and
// whether it is bounded (strings and booleans are not).
func Limit(name string) (float64, bool) {
	var p Params
	for _, f := range p.fields() {
		if !strings.EqualFold(f.name, name) {
			continue
		}
		if f.timing {
			return maxTiming, true
		}
		v, ok := upperBounds[f.name]
		return v, ok
	}
	return 0, false
}

// validateBounds checks every number of p against its upper bound and the
// clock against minClockMHz.
func validateBounds(p Params) error {
	for _, f := range p.fields() {
		limit, ok := Limit(f.name)
		if !ok {
			continue
		}
		var v float64
		switch x := f.ptr.(type) {
		case *int:
			v = float64(*x)
		case *float64:
			v = *x
		default:
			continue
		}
		if v > limit {
			return fmt.Errorf("parameter %s = %v %s: must be at most %v (README: Limits)", f.name, deref(f.ptr), f.unit, limit)
		}
	}
	if rc := p.TRCD + p.TRAS + p.TRP + max(p.CL, p.CWL); p.Refresh && p.TREFI > p.TRFC && rc > p.TREFI-p.TRFC {
		// A row cycle longer than the time between refreshes would be
		// interrupted by every refresh and never complete.
		return fmt.Errorf("parameters tRCD + tRAS + tRP + max(CL, CWL) = %d cycles: a row cycle must fit between refreshes (tREFI − tRFC = %d); lower them (or, with the fast model, set Refresh=off)", rc, p.TREFI-p.TRFC)
	}
	if p.ClockMHz > 0 && p.ClockMHz < minClockMHz { // 0 and below: validateCounts
		return fmt.Errorf("parameter ClockMHz = %g MHz: must be at least %d MHz (README: Limits)", p.ClockMHz, minClockMHz)
	}
	return nil
}
