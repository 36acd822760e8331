// Package suggest offers the "did you mean" of every logsim error about an
// unknown name (config keys, DRAM parameters, networks, layer kinds): one
// rule, so that every format suggests alike.
package suggest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
)

// Nearest returns the candidate closest to word by Levenshtein distance
// (case-insensitive; ties go to the earlier candidate), or "" when even the
// closest differs in more than half of the longer string's characters, so
// that a wild guess is not offered. Failing that, a candidate that word
// starts with, or that starts with word ("convolution" → "conv"), is
// returned.
func Nearest(word string, candidates []string) string {
	best, bestDist := "", -1
	w := strings.ToLower(word)
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(w, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist >= 0 && 2*bestDist <= max(len(w), len(best)) {
		return best
	}
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if w != "" && (strings.HasPrefix(w, lc) || strings.HasPrefix(lc, w)) {
			return c
		}
	}
	return ""
}

// Hint returns ` (did you mean "x"?)` for the Nearest candidate, or "" when
// none is close.
func Hint(word string, candidates []string) string {
	if s := Nearest(word, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// DidYouMean returns Hint's suggestion, or ` (known: a, b, …)` (sorted)
// when no candidate is close.
func DidYouMean(word string, candidates []string) string {
	if h := Hint(word, candidates); h != "" {
		return h
	}
	return " (known: " + Known(candidates) + ")"
}

// Known lists candidates sorted and comma-separated.
func Known(candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	return strings.Join(sorted, ", ")
}
