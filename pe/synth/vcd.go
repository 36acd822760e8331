package synth

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Toggles counts each net bit's rising and falling transitions in a
// window of a zero-delay simulation (one value per time step, so no
// glitches).
type Toggles struct {
	Rise, Fall map[int]int64 // per net bit
}

// vcdVar is one dumped variable: its bits (LSB first) or nil if unmapped.
type vcdVar struct{ bits []int }

// CountToggles reads a VCD whose variables are named like the netlist's
// nets and counts, per net bit, the 0→1 and 1→0 changes between time
// steps after `from` up to and including `to` (x and z are not values: a
// change through them is not counted).
func CountToggles(r io.Reader, n *Netlist, from, to int64) (Toggles, error) {
	t := Toggles{Rise: map[int]int64{}, Fall: map[int]int64{}}
	vars := map[string]vcdVar{}
	seen := map[int]bool{} // a bit already mapped through another name
	value := map[int]byte{}
	pending := map[int]byte{}
	now := int64(0)
	flush := func() {
		for b, v := range pending {
			old := value[b]
			if now > from && now <= to {
				if old == '0' && v == '1' {
					t.Rise[b]++
				} else if old == '1' && v == '0' {
					t.Fall[b]++
				}
			}
			value[b] = v
		}
		clear(pending)
	}
	set := func(id string, bits string) {
		v, ok := vars[id]
		if !ok || v.bits == nil {
			return
		}
		// Vector values are MSB first and may be shorter (left-extended).
		for i, b := range v.bits {
			c := byte('0')
			if k := len(bits) - 1 - i; k >= 0 {
				c = bits[k]
			} else if bits[0] == 'x' || bits[0] == 'z' {
				c = bits[0]
			}
			if b >= 0 {
				pending[b] = c
			}
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		switch c := f[0][0]; {
		case f[0] == "$var":
			if len(f) < 5 {
				return Toggles{}, fmt.Errorf("vcd line %d: short $var", line)
			}
			bits, ok := n.Names[strings.TrimPrefix(f[4], "\\")]
			if !ok {
				continue
			}
			var own []int
			for _, b := range bits {
				if b >= 0 && !seen[b] {
					seen[b] = true
					own = append(own, b)
				} else {
					own = append(own, -1)
				}
			}
			vars[f[3]] = vcdVar{bits: own}
		case c == '#':
			ts, err := strconv.ParseInt(f[0][1:], 10, 64)
			if err != nil {
				return Toggles{}, fmt.Errorf("vcd line %d: time %q", line, f[0])
			}
			flush()
			now = ts
		case c == 'b' || c == 'B':
			if len(f) != 2 {
				return Toggles{}, fmt.Errorf("vcd line %d: vector change", line)
			}
			set(f[1], strings.ToLower(f[0][1:]))
		case c == '0' || c == '1' || c == 'x' || c == 'X' || c == 'z' || c == 'Z':
			set(f[0][1:], strings.ToLower(f[0][:1]))
		}
	}
	flush()
	return t, sc.Err()
}
