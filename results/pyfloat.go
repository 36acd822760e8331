package results

import (
	"math"
	"strconv"
	"strings"
)

// PyFloat formats v as Python's repr(float) does — the shortest string that
// reads back as v, in fixed notation when the decimal exponent is in
// [−4, 16) and scientific notation ("1e-05", "1.5e+16") otherwise — so that
// COMPUTE_REPORT.csv matches SCALE-Sim's text.
func PyFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	case v == 0:
		if math.Signbit(v) {
			return "-0.0"
		}
		return "0.0"
	}
	sci := strconv.FormatFloat(v, 'e', -1, 64) // e.g. "-1.2345e+02"
	mant, expStr, _ := strings.Cut(sci, "e")
	exp, _ := strconv.Atoi(expStr)
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	if exp < -4 || exp >= 16 {
		return sign + pyScientific(digits, exp)
	}
	return sign + pyFixed(digits, exp)
}

func pyScientific(digits string, exp int) string {
	m := digits[:1]
	if len(digits) > 1 {
		m += "." + digits[1:]
	}
	es := "+"
	if exp < 0 {
		es, exp = "-", -exp
	}
	e := strconv.Itoa(exp)
	if len(e) < 2 {
		e = "0" + e
	}
	return m + "e" + es + e
}

func pyFixed(digits string, exp int) string {
	point := exp + 1 // digits before the decimal point
	switch {
	case point <= 0:
		return "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		return digits + strings.Repeat("0", point-len(digits)) + ".0"
	}
	return digits[:point] + "." + digits[point:]
}
