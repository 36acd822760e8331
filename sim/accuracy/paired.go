package accuracy

import "math"

// Discordant counts, over the evaluated held-out images, those only a
// classifies correctly and those only b does: the pairs a paired test
// reads (two results of one evaluator, on the same images).
func (e *Evaluator) Discordant(a, b Result) (onlyA, onlyB int) {
	for i := range min(len(a.Predictions), len(b.Predictions)) {
		label := e.data.Labels[e.images[i]]
		ca, cb := a.Predictions[i] == label, b.Predictions[i] == label
		switch {
		case ca && !cb:
			onlyA++
		case cb && !ca:
			onlyB++
		}
	}
	return onlyA, onlyB
}

// McNemar is the exact two-sided p-value of McNemar's test for onlyA and
// onlyB discordant images: under "a and b are equally accurate" each
// discordant image favours either with probability ½, so p = min(1,
// 2·P[X ≤ min(onlyA, onlyB)]) with X ~ Binomial(onlyA + onlyB, ½); 1 when
// there are none. Two classifiers scored on the same images are compared
// far more sharply this way than by their separate intervals.
func McNemar(onlyA, onlyB int) float64 {
	n, k := onlyA+onlyB, min(onlyA, onlyB)
	if n == 0 {
		return 1
	}
	ln := func(x int) float64 { v, _ := math.Lgamma(float64(x + 1)); return v }
	p := 0.0
	for i := 0; i <= k; i++ {
		p += math.Exp(ln(n) - ln(i) - ln(n-i) - float64(n)*math.Ln2)
	}
	return min(1, 2*p)
}
