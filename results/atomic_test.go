package results

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/sarchlab/akita/v3/sim"
	"github.com/sarchlab/akita/v3/tracing"
	"github.com/stretchr/testify/require"
)

func TestTargetsThatAreNotRegularFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink("/dev/null", link))
	for _, p := range []string{"/dev/null", "/dev/full", dir, link} {
		err := WriteFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
		require.ErrorContains(t, err, "is not a regular file", p)
		_, err = NewTraceFile(p)
		require.ErrorContains(t, err, "is not a regular file", p)
	}
	st, err := os.Lstat("/dev/null")
	require.NoError(t, err)
	require.NotZero(t, st.Mode()&os.ModeDevice, "/dev/null is untouched")
}

func TestFolderIsCommittedWholeOrNotAtAll(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "run")
	ok := func(w io.Writer) error { _, err := io.WriteString(w, "a,b\n"); return err }
	bad := func(io.Writer) error { return errors.New("disk full") }
	err := WriteFolderAtomic(dir, []string{"a.csv", "b.csv"}, map[string]func(io.Writer) error{"a.csv": ok, "b.csv": bad}, true)
	require.ErrorContains(t, err, "b.csv: disk full")
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	require.Empty(t, entries, "no folder and no temporary folder after a failure")

	require.NoError(t, WriteFolderAtomic(dir, []string{"a.csv"}, map[string]func(io.Writer) error{"a.csv": ok}, false))
	require.ErrorContains(t, WriteFolderAtomic(dir, []string{"a.csv"}, map[string]func(io.Writer) error{"a.csv": ok}, false), "exists; refusing to replace it")
}

func TestRemoveTempsDeletesWritesInProgress(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace.csv")
	tf, err := NewTraceFile(path)
	require.NoError(t, err)
	tmp := tf.f.Name()
	_, err = os.Stat(tmp)
	require.NoError(t, err)
	RemoveTemps() // what an interrupt does
	_, err = os.Stat(tmp)
	require.True(t, os.IsNotExist(err), "the temporary trace is gone")
	_, err = os.Stat(path)
	require.True(t, os.IsNotExist(err), "and no trace appeared")
}

// A layer name with a comma, a quote and a newline stays one field that
// Akita's own reader reads back.
func TestTraceQuotesUserStrings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace.csv")
	tf, err := NewTraceFile(path)
	require.NoError(t, err)
	name := "conv,1 \"x\"\nnext"
	tf.Write(tracing.Task{ID: "1", Kind: "layer", What: name, Where: "array", StartTime: sim.VTimeInSec(1e-9), EndTime: sim.VTimeInSec(2e-9)})
	require.NoError(t, tf.Commit())
	tasks := tracing.NewCSVTraceReader(path).ListTasks(tracing.TaskQuery{})
	require.Len(t, tasks, 1)
	require.Equal(t, name, tasks[0].What)
	require.InDelta(t, 2e-9, float64(tasks[0].EndTime), 1e-15)
}
