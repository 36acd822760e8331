package main

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/logsim/logsim/results/plots"
)

// studyDir runs a small study into a folder: the sweep tests' 24 points
// with per-layer rows, and a comparison on the tiny network.
func studyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sweepInto(t, sweepSpec, dir, exitOK)
	require.NoError(t, os.Remove(filepath.Join(dir, "sweep.jsonl")))
	status, _, stderr := runCLI(t, "compare", "--pe", "mult:a8w8", "--pe", "shift:a8w4", "--network", filepath.Join("testdata", "sweep", "tiny-net.yaml"),
		"--dram", "bandwidth", "--csv", filepath.Join(dir, "compare.csv"))
	require.Equal(t, exitOK, status, stderr)
	return dir
}

// chromium returns Debian's chromium, or skips the test when it is not
// installed (and fails it in CI, whose .ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium): the report is not checked in a browser")
	return ""
}

// browserLog collects what the page reports: console errors, uncaught
// exceptions, error log entries, and every URL it requests.
type browserLog struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (b *browserLog) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		switch e.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
			var args []string
			for _, a := range e.Args {
				args = append(args, a.Description+string(a.Value))
			}
			b.errors = append(b.errors, "console "+string(e.Type)+": "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		b.errors = append(b.errors, "exception: "+e.ExceptionDetails.Text)
	case *cdplog.EventEntryAdded:
		if e.Entry.Level == cdplog.EntryLevelError {
			b.errors = append(b.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, e.Request.URL)
	}
}

// TestReportInChromium writes the HTML report of a small study and opens
// it in headless Chromium: no console error, no request but the file
// itself, every plot drawn with a size, the tables there and sortable,
// and a screenshot that is not blank.
func TestReportInChromium(t *testing.T) {
	browser := chromium(t)
	dir := studyDir(t)
	status, _, stderr := runCLI(t, "report", dir, "--quiet")
	require.Equal(t, exitOK, status, stderr)
	plotsDir := t.TempDir()
	status, _, stderr = runCLI(t, "plot", dir, "--out", plotsDir, "--format", "svg", "--quiet")
	require.Equal(t, exitOK, status, stderr)
	svgs, err := filepath.Glob(filepath.Join(plotsDir, "*.svg"))
	require.NoError(t, err)

	page, err := filepath.Abs(filepath.Join(dir, "report.html"))
	require.NoError(t, err)
	ctx, log := openInChromium(t, browser)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitReady(chromedp.CSS("body"))))
	figures := evaluate[int](t, ctx, `document.querySelectorAll("figure svg").length`)
	sized := evaluate[int](t, ctx, `Array.from(document.querySelectorAll("figure svg")).filter(s => { const r = s.getBoundingClientRect(); return r.width > 200 && r.height > 150 }).length`)
	pointRows := evaluate[int](t, ctx, `document.querySelector("table.sortable").tBodies[0].rows.length`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`table.sortable th:nth-child(`+energyColumn+`)`))))
	sortedAsc := evaluate[bool](t, ctx, sortedCheck)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.Len(t, svgs, figures, "every plot of logsim plot is in the report")
	require.Equal(t, figures, sized, "every plot is drawn with a size")
	require.Equal(t, 24, pointRows, "the points table has the sweep's 24 points")
	require.True(t, sortedAsc, "clicking energy_total_uj sorts the table by it")
	log.mu.Lock()
	defer log.mu.Unlock()
	require.Empty(t, log.errors, "the page logs no error")
	for _, u := range log.requests {
		require.True(t, strings.HasPrefix(u, "file://"), "the page fetches only itself, not %s", u)
	}
	requireNotBlank(t, shot)
}

// energyColumn is the 1-based index of energy_total_uj in the points
// table (design, network, pe, rows, cols, ifmap_kib, time_us,
// total_cycles, utilisation_pct, energy_total_uj), found by the page
// itself in sortedCheck.
const energyColumn = `10`

// sortedCheck says whether the first sortable table's energy_total_uj
// column is in ascending order and is the column the test clicked.
const sortedCheck = `(() => {
  const t = document.querySelector("table.sortable");
  const names = Array.from(t.tHead.rows[0].cells).map(c => c.textContent.replace(/[ ▲▼]/g, ""));
  const i = names.indexOf("energy_total_uj");
  if (i !== ` + energyColumn + ` - 1) return false;
  const v = Array.from(t.tBodies[0].rows).map(r => parseFloat(r.cells[i].textContent));
  return v.every((x, k) => k === 0 || v[k-1] <= x) && v[0] < v[v.length-1];
})()`

// openInChromium starts headless Chromium (as root it needs
// --no-sandbox) and listens to the page.
func openInChromium(t *testing.T, browser string) (context.Context, *browserLog) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 1000),
		chromedp.Flag("allow-file-access-from-files", false))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	log := &browserLog{}
	require.NoError(t, chromedp.Listen(ctx, log.listen)) // chromedp enables the runtime, log and network domains
	return ctx, log
}

// evaluate runs a JavaScript expression in the page and returns its value.
func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}

// requireNotBlank decodes a screenshot and requires that more than 2 %
// of its pixels are not white and that it has more than 16 colours (the
// plots' palette and text): a blank or unstyled page fails.
func requireNotBlank(t *testing.T, shot []byte) {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	b := img.Bounds()
	colours := map[[3]uint32]bool{}
	inked := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	require.Greater(t, inked, total/50, "screenshot %dx%d is nearly blank", b.Dx(), b.Dy())
	require.Greater(t, len(colours), 16, "screenshot has too few colours to hold the plots")
}

// TestLayersUnderTheComputeRoof: on every point of a sweep, no array
// layer's achieved MAC/s (MACs over its time, as the roofline plots it)
// is above the array's peak (R·C MACs a cycle): a layer cannot do more
// MACs than the PEs exist for its cycles.
func TestLayersUnderTheComputeRoof(t *testing.T) {
	dir := t.TempDir()
	f := sweepInto(t, sweepSpec, dir, exitOK)
	d, err := plots.Load(f.csv, f.layers)
	require.NoError(t, err)
	checked := 0
	for _, p := range d.Points {
		roof, err := plots.RoofOf(p)
		require.NoError(t, err)
		li, _, err := plots.Intensities(d.LayersOf(p.ID))
		require.NoError(t, err)
		for _, l := range li {
			require.LessOrEqual(t, l.GMACPerS, roof.PeakGMACPerS*(1+1e-12), "%s:%d", l.File, l.Line)
			checked++
		}
	}
	require.Greater(t, checked, 50)
}
