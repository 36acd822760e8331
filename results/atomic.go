package results

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// temps are the temporary files and folders of writes in progress, so that
// RemoveTemps can delete them when the process is interrupted (SIGINT,
// SIGTERM). A signal is process-wide, so this one registry is too.
var temps = struct {
	sync.Mutex
	paths map[string]bool
}{paths: map[string]bool{}}

func trackTemp(path string) {
	temps.Lock()
	temps.paths[path] = true
	temps.Unlock()
}

func untrackTemp(path string) {
	temps.Lock()
	delete(temps.paths, path)
	temps.Unlock()
}

// RemoveTemps deletes every temporary file and folder of the writes in
// progress: what cmd/logsim calls when interrupted, before it exits.
func RemoveTemps() {
	temps.Lock()
	defer temps.Unlock()
	for p := range temps.paths {
		os.RemoveAll(p)
		delete(temps.paths, p)
	}
}

// tempName returns a fresh hidden name for base in dir:
// dir/.base.tmpXXXXXXXXXXXXXXXX<suffix>.
func tempName(dir, base, suffix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return filepath.Join(dir, "."+base+".tmp"+hex.EncodeToString(b[:])+suffix)
}

// createTemp creates a new temporary file for path in path's directory,
// with mode 0666 less the umask (0644 by default), as os.Create would give
// path itself; it is tracked until removed or renamed.
func createTemp(path, suffix string) (*os.File, error) {
	for range 100 {
		name := tempName(filepath.Dir(path), filepath.Base(path), suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		trackTemp(name)
		return f, nil
	}
	return nil, fmt.Errorf("no free temporary name for %s", path)
}

// CheckTarget refuses an output path that exists and is not a regular file
// (a device such as /dev/null, a folder, a symbolic link, a pipe): renaming
// a temporary file over it would replace it.
func CheckTarget(path string) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s exists and is not a regular file (%s); refusing to replace it", path, kindOf(st.Mode()))
	}
	return nil
}

// kindOf names a file's type in words.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// CheckWritable checks that files can be created in dir (creating dir if
// needed), by creating and removing a temporary file: what a command
// checks before it simulates, so an unwritable output fails at once.
func CheckWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	f, err := createTemp(filepath.Join(dir, "write-check"), "")
	if err != nil {
		return fmt.Errorf("%s is not writable: %w", dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	untrackTemp(f.Name())
	return nil
}

// WriteFileAtomic writes path through write: the content goes to a
// temporary file in the same directory, which is renamed over path only if
// write and every flush and close succeed. A failed write leaves no partial
// file behind; a path that exists and is not a regular file is refused.
// The file's mode is 0666 less the umask.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	if err := CheckTarget(path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := createTemp(path, "")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		untrackTemp(tmp.Name())
	}()
	bw := bufio.NewWriter(tmp)
	if err = write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// WriteFolderAtomic writes the files of one run into the folder dir as a
// set: each file (name → writer) goes into a temporary folder beside dir,
// renamed to dir only when every file is written. An existing dir is
// replaced only if replace is set (it is moved aside, then removed once
// the new folder is in place). A failure leaves no partial folder.
func WriteFolderAtomic(dir string, names []string, writers map[string]func(io.Writer) error, replace bool) (err error) {
	if err := checkFolderTarget(dir, replace); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	tmp := tempName(parent, filepath.Base(dir), "")
	if err := os.Mkdir(tmp, 0o777); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	trackTemp(tmp)
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
		untrackTemp(tmp)
	}()
	for _, name := range names {
		if err = writeNew(filepath.Join(tmp, name), writers[name]); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
	}
	return swapFolder(tmp, dir, names)
}

func checkFolderTarget(dir string, replace bool) error {
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s exists and is not a folder; refusing to replace it", dir)
	case !replace:
		return fmt.Errorf("%s exists; refusing to replace it", dir)
	}
	return nil
}

// swapFolder renames tmp to dir, moving an existing dir aside first; files
// of the old dir other than names (a trace written there, say) are kept.
func swapFolder(tmp, dir string, names []string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = tempName(filepath.Dir(dir), filepath.Base(dir), ".old")
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if old != "" {
		keepOthers(old, dir, names)
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the replaced %s: %w", old, err)
		}
	}
	return nil
}

// keepOthers moves the entries of old that are not among names into dir.
func keepOthers(old, dir string, names []string) {
	entries, _ := os.ReadDir(old)
	for _, e := range entries {
		if !slices.Contains(names, e.Name()) {
			os.Rename(filepath.Join(old, e.Name()), filepath.Join(dir, e.Name()))
		}
	}
}

// writeNew creates path (mode 0666 less the umask) and writes it through
// write, flushing and closing it.
func writeNew(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
