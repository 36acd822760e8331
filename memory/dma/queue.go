package dma

import "github.com/sarchlab/akita/v3/sim"

// queue is the DMA's accepted transfers not yet fully issued, in the order
// it serves them. The event DMA (Comp) and its transfer-level model
// (Timing) share it, so both serve transfers in the same order.
type queue []*transfer

// add keeps the queue in NotBefore order (stable: equal times keep their
// arrival order); a transfer already started keeps its place.
func (q *queue) add(t *transfer) {
	i := len(*q)
	for i > 0 && (*q)[i-1].issued == 0 && (*q)[i-1].req.NotBefore > t.req.NotBefore {
		i--
	}
	*q = append(*q, nil)
	copy((*q)[i+1:], (*q)[i:])
	(*q)[i] = t
}

// pick returns the index of the transfer to serve now: the first ready one
// that is not a prefetch (any more), else the first ready prefetch; or -1
// and the earliest time one becomes ready.
func (q queue) pick(now sim.VTimeInSec) (int, sim.VTimeInSec) {
	prefetch, wake := -1, sim.VTimeInSec(0)
	for i, t := range q {
		switch {
		case t.req.NotBefore > now:
			if wake == 0 || t.req.NotBefore < wake {
				wake = t.req.NotBefore
			}
		case now >= t.req.PrefetchUntil:
			return i, 0
		case prefetch < 0:
			prefetch = i
		}
	}
	return prefetch, wake
}

// remove drops the transfer at index i.
func (q *queue) remove(i int) { *q = append((*q)[:i], (*q)[i+1:]...) }
