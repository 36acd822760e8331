package fifo

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestQueueKeepsOrderAndBoundsItsStorage keeps 100 items queued while
// 100,000 pass through, never emptying it, and checks their order against
// a counter and that the storage stays bounded by what is queued, not by
// what passed (a queue that reused its slice only when empty would grow to
// every push), then empties it.
func TestQueueKeepsOrderAndBoundsItsStorage(t *testing.T) {
	var q Queue[int]
	next, want := 0, 0
	for ; next < 100; next++ {
		q.Push(next)
	}
	for ; next < 100_000; next++ {
		q.Push(next)
		require.Equal(t, want, *q.Front())
		q.Pop()
		want++
		require.Equal(t, 100, q.Len())
		require.LessOrEqual(t, cap(q.items), 4*(100+compactAt), "after %d pushes", next)
	}
	for q.Len() > 0 {
		require.Equal(t, want, *q.Front())
		q.Pop()
		want++
	}
	require.Equal(t, next, want)
	require.Zero(t, q.head)
}
