package refmodel

import "github.com/logsim/logsim/pe"

// DatapathMAC is the Arithmetic of a pe datapath: operands are codes
// (activation, weight) and sums its accumulator integers, saturating or
// wrapping as the PE does. Counters counts what it did.
type DatapathMAC struct {
	D        *pe.Datapath
	Counters *pe.Counters
}

// MAC is D.MAC of the two codes.
func (m DatapathMAC) MAC(acc, act, wt int64) int64 {
	var c pe.Counters
	if m.Counters == nil {
		return m.D.MAC(acc, uint16(act), uint16(wt), &c)
	}
	return m.D.MAC(acc, uint16(act), uint16(wt), m.Counters)
}
