// Package fifo is a first-in first-out queue that reuses its storage: the
// transfer-level DMA (memory/dma.Timing) and the analytic driver's inboxes
// push and pop millions of items a run without allocating for each.
package fifo

// compactAt is how many popped slots the queue keeps before it moves what
// is left to the front (when they are at least half of its slice).
const compactAt = 1024

// Queue is a FIFO of T; the zero value is empty and ready.
type Queue[T any] struct {
	items []T
	head  int // items[:head] have been popped
}

// Push adds x at the back.
func (q *Queue[T]) Push(x T) { q.items = append(q.items, x) }

// Len is the number of items queued.
func (q *Queue[T]) Len() int { return len(q.items) - q.head }

// Front is the oldest item; the queue must not be empty.
func (q *Queue[T]) Front() *T { return &q.items[q.head] }

// Pop removes the oldest item; the queue must not be empty. The slice is
// reused once the queue empties, and its popped part dropped once it is
// half of it, so the storage stays within twice the most items queued.
func (q *Queue[T]) Pop() {
	var zero T
	q.items[q.head] = zero
	q.head++
	switch {
	case q.head == len(q.items):
		q.items, q.head = q.items[:0], 0
	case q.head >= compactAt && 2*q.head >= len(q.items):
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
}
