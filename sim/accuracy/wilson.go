package accuracy

import "math"

// Wilson is the Wilson score interval of k successes in n trials at
// normal quantile z (1.96 for 95 %): the fractions p with |p̂ − p| ≤
// z·√(p(1 − p)/n), p̂ = k/n, i.e. (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n +
// z²/4n²)) / (1 + z²/n). n = 0 gives [0, 1].
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return max(0, center-half), min(1, center+half)
}
