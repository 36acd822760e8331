package design

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// layer_pe reads from a flag (merged, repeatable), from a design file's
// mapping (short specs or pe mappings) and back from its text; a bad
// spec names the layer.
func TestLayerPE(t *testing.T) {
	pr, ok := ParamByKey("layer_pe")
	require.True(t, ok)
	p := Default()
	require.NoError(t, pr.Set(&p, "conv1=mult:a8w8"))
	require.NoError(t, pr.Set(&p, "fc2 = shift:a8w4,base=sqrt2"))
	require.Equal(t, "conv1=mult:a8w8;fc2=shift:a8w4,base=sqrt2", pr.Get(p))
	require.Equal(t, "shift:a8w4,base=sqrt2", p.SpecFor("fc2").String())
	require.Equal(t, p.PE, p.SpecFor("conv2"))
	require.Equal(t, 4, p.OperandBitsFor("fc2").Filter)

	file := filepath.Join(t.TempDir(), "d.yaml")
	require.NoError(t, os.WriteFile(file, []byte("pe: logboth:a4w4\nlayer_pe:\n  conv1: mult:a8w8\n  fc2: {kind: mult, operands: a8w8, acc_bits: 40}\n"), 0o644))
	q, err := Load(file, Default())
	require.NoError(t, err)
	require.Equal(t, "conv1=mult:a8w8;fc2=mult:a8w8,acc=40", pr.Get(q))
	back := Default()
	require.NoError(t, pr.Set(&back, pr.Get(q)))
	require.Equal(t, q.LayerPE, back.LayerPE)

	require.ErrorContains(t, pr.Set(&p, "conv1=mult:a99w8"), "layer conv1: PE spec")
	require.ErrorContains(t, pr.Set(&p, "mult:a8w8"), "want layer=spec")
	require.ErrorContains(t, p.CheckLayerPE("net", []string{"conv1", "conv2"}), `network "net" has no array layer "fc2"`)
}
