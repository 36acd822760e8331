package compare

import (
	"sync"
	"sync/atomic"
)

// forEach calls f(i) for i = 0…n−1 on up to workers goroutines, which take
// indices in order, and returns the error of the lowest i that failed.
// Once some i has failed no larger index is started; every smaller one has
// been and finishes, so the error returned does not depend on the number
// of workers or on timing.
func forEach(n, workers int, f func(i int) error) error {
	errs := make([]error, n)
	var next, failed atomic.Int64
	failed.Store(int64(n))
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < failed.Load(); i = next.Add(1) - 1 {
				if errs[i] = f(int(i)); errs[i] != nil {
					lowerTo(&failed, i)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// lowerTo sets v to x if x is lower.
func lowerTo(v *atomic.Int64, x int64) {
	for {
		cur := v.Load()
		if x >= cur || v.CompareAndSwap(cur, x) {
			return
		}
	}
}
