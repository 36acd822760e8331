package cost

// Metrics are the figures derived from one run's activity, energy and area.
// A figure whose denominator is zero (no cycles, no MACs, no energy, no
// area) is 0.
type Metrics struct {
	ElapsedNs      float64 // elapsed time: cycles × 1000 / clock MHz (ns)
	PJPerMAC       float64 // total energy per MAC (pJ/MAC)
	PowerMW        float64 // average power: pJ / ns (mW)
	GMACPerS       float64 // throughput at the clock: MACs / ns (GMAC/s)
	GMACPerSPerW   float64 // throughput per watt (GMAC/s/W = GMAC/J): 1000 · MACs / pJ
	GMACPerSPerMM2 float64 // throughput per area (GMAC/s/mm²)
}

// MetricsOf derives the metrics of activity a priced as energy e on a
// design of area ar clocked at clockMHz (MHz).
func MetricsOf(a Activity, e Energy, ar Area, clockMHz float64) Metrics {
	m := Metrics{ElapsedNs: elapsedNs(a.Cycles, clockMHz)}
	macs := float64(a.MACs)
	m.PJPerMAC = ratio(e.Total(), macs)
	m.PowerMW = ratio(e.Total(), m.ElapsedNs)          // pJ/ns = mW
	m.GMACPerS = ratio(macs, m.ElapsedNs)              // MAC/ns = GMAC/s
	m.GMACPerSPerW = ratio(m.GMACPerS, m.PowerMW/1000) // mW → W
	m.GMACPerSPerMM2 = ratio(m.GMACPerS, ar.Total())
	return m
}

// ratio is x/y, or 0 when y is not positive.
func ratio(x, y float64) float64 {
	if y > 0 {
		return x / y
	}
	return 0
}
