package fast

import "github.com/sarchlab/akita/v3/mem/mem"

// slotTable tracks the requests whose bursts are still in the controller:
// how many bursts of each have not issued and when the data of those that
// did ends. The counters are checkpointed with the channel states.
type slotTable struct {
	reqs      []mem.AccessReq
	remaining []int32
	doneAt    []int64
	free      []int32
}

// alloc records req, which has n bursts, and returns its slot.
func (t *slotTable) alloc(req mem.AccessReq, n int32) int32 {
	if len(t.free) == 0 {
		t.reqs = append(t.reqs, nil)
		t.remaining = append(t.remaining, 0)
		t.doneAt = append(t.doneAt, 0)
		t.free = append(t.free, int32(len(t.reqs)-1))
	}
	slot := t.free[len(t.free)-1]
	t.free = t.free[:len(t.free)-1]
	t.reqs[slot], t.remaining[slot], t.doneAt[slot] = req, n, never
	return slot
}

// done records a burst of slot whose data ends at cycle end, and reports
// whether it was the request's last.
func (t *slotTable) done(slot int32, end int64) bool {
	t.remaining[slot]--
	t.doneAt[slot] = max(t.doneAt[slot], end)
	return t.remaining[slot] == 0
}

// release makes slot available again.
func (t *slotTable) release(slot int32) {
	t.reqs[slot] = nil
	t.free = append(t.free, slot)
}
