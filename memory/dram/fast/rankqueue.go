package fast

// rankQueue is a transaction or write queue: its bursts in arrival order,
// kept per rank, so that finding the oldest burst whose rank's command
// queue has room does not scan the bursts of full ranks. Each rank's
// bursts are a ring of the queue's depth.
type rankQueue struct {
	rings []ring
	n     int // bursts in all ranks
}

// ring is one rank's bursts, oldest at head.
type ring struct {
	buf        []burst
	head, size int
}

func newRankQueue(ranks, depth int) rankQueue {
	q := rankQueue{rings: make([]ring, ranks)}
	for r := range q.rings {
		q.rings[r].buf = make([]burst, depth)
	}
	return q
}

// len is the number of bursts queued.
func (q *rankQueue) len() int { return q.n }

// push appends b (the caller keeps the queue within its depth).
func (q *rankQueue) push(b burst) {
	g := &q.rings[b.rank]
	g.buf[(g.head+g.size)%len(g.buf)] = b
	g.size++
	q.n++
}

// oldest returns the rank whose oldest burst arrived first among the ranks
// with bursts and fewer than depth bursts in their command queue
// (queued), or −1.
func (q *rankQueue) oldest(queued []int32, depth int) int {
	best := -1
	for r := range q.rings {
		g := &q.rings[r]
		if g.size > 0 && int(queued[r]) < depth && (best < 0 || g.buf[g.head].seq < q.front(best).seq) {
			best = r
		}
	}
	return best
}

// front is rank r's oldest burst.
func (q *rankQueue) front(r int) *burst {
	g := &q.rings[r]
	return &g.buf[g.head]
}

// pop removes and returns rank r's oldest burst.
func (q *rankQueue) pop(r int) burst {
	g := &q.rings[r]
	b := g.buf[g.head]
	g.head = (g.head + 1) % len(g.buf)
	g.size--
	q.n--
	return b
}
