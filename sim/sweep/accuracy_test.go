package sweep

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The accuracy section and {model: F} networks: paths joined to the
// spec's folder, defaults filled, data required; a plan scores the ONNX
// network and leaves the others without an evaluator.
func TestAccuracySection(t *testing.T) {
	spec, err := Parse(filepath.Join("..", "..", "examples", "sweep", "x.yaml"), []byte(`
networks:
  - {model: ../mnist/mnist_cnn.onnx}
  - alexnet
accuracy: {data: ../mnist/mnist10k.bin.gz, limit: 20}
`))
	require.NoError(t, err)
	require.True(t, spec.Networks[0].Model)
	require.Equal(t, AccuracySpec{Data: "../mnist/mnist10k.bin.gz", Calibration: 1000, Limit: 20,
		dataPath: filepath.Join("..", "..", "examples", "mnist", "mnist10k.bin.gz")}, *spec.Accuracy)
	spec.Accuracy.Calibration = 20
	plan, err := spec.Plan()
	require.NoError(t, err)
	require.NotNil(t, plan.Accuracy[0])
	require.Nil(t, plan.Accuracy[1])
	require.Equal(t, "mnist_cnn", plan.Networks[0].Name)

	_, err = Parse("s.yaml", []byte("networks: [alexnet]\naccuracy: {limit: 5}\n"))
	require.ErrorContains(t, err, "s.yaml:2: accuracy: data is missing")
	_, err = Parse("s.yaml", []byte("networks: [alexnet]\naccuracy: {data: d, images: 5}\n"))
	require.ErrorContains(t, err, `images`)
}
