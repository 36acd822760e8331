package plots

import (
	"strings"
	"testing"
)

// FuzzFigures feeds any text to the CSV reader and, when it reads, to
// every plot: no input may panic, and every error names the file.
func FuzzFigures(f *testing.F) {
	net := csvText(networkHeader(), point("a", "n", "mult:a8w8", "16", 10, 20), point("b", "n", "shift:a8w4", "32", 12, 15))
	f.Add(net)
	f.Add(csvText(layerHeader(), layer("a", "c1", 100, 10, 1), layer("a", "c2", 0, 0, 0)))
	f.Add(strings.Replace(net, "20", "-3", 1))
	f.Add(strings.Replace(net, "25.6", "+Inf", 1))
	f.Add(strings.Replace(net, "25.6", "0", 1))
	f.Add("design,role,point_id,network,energy_total_uj_ratio\nx,baseline,a,n,1\n")
	f.Add("point_id,layer_index,total_cycles\na,0,\"\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		tb, err := ParseTable("f.csv", strings.NewReader(text))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		d, err := FromTables(tb)
		if err == nil {
			_, err = Figures(d, Options{Style: DefaultStyle, AllPoints: true})
		}
		if err != nil && !strings.Contains(err.Error(), "f.csv") && !strings.Contains(err.Error(), "no rows") {
			t.Fatalf("error does not say where: %v", err)
		}
	})
}
