// Package requester is a micro-benchmark requester: an Akita component that
// issues a stream of reads and writes to a DRAM model, one per cycle at
// most, with a bound on outstanding requests, and records when each was
// sent and when its response reached it.
package requester

import (
	"fmt"
	"log"
	"reflect"

	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
)

// Record is what the requester saw of one request.
type Record struct {
	// Sent is when the request left the requester, Received when its
	// response reached the requester's port (both in seconds).
	Sent, Received sim.VTimeInSec
	// Bytes is the request size, in bytes.
	Bytes uint64
	// Write tells a write from a read.
	Write bool
}

// Requester issues a pattern of requests, one per cycle at most, keeping at
// most a given number outstanding. It sleeps while it may not send.
type Requester struct {
	*sim.TickingComponent

	memPort sim.Port
	dst     sim.Port
	next    func() (addr uint64, write bool)
	size    uint64
	total   int
	limit   int

	sent        int
	outstanding int
	inflight    map[string]int
	records     []Record
	completions []int // request indices in the order their responses arrived
	zeros       []byte
}

// NewRequester makes a requester named name clocked at freq that will send
// total requests of size bytes, drawn from next, to dst, with at most limit
// outstanding. Connect MemPort to dst and call Start.
func NewRequester(
	name string,
	engine sim.Engine,
	freq sim.Freq,
	dst sim.Port,
	next func() (uint64, bool),
	size uint64,
	total, limit int,
) *Requester {
	r := &Requester{
		dst: dst, next: next, size: size, total: total, limit: limit,
		inflight: make(map[string]int, limit),
		records:  make([]Record, total),
		zeros:    make([]byte, size),
	}
	r.TickingComponent = sim.NewTickingComponent(name, engine, freq, r)
	r.memPort = sim.NewLimitNumMsgPort(r, total+1, name+".MemPort")
	r.AddPort("Mem", r.memPort)
	return r
}

// MemPort is the port that talks to the DRAM model.
func (r *Requester) MemPort() sim.Port { return r.memPort }

// Start makes the requester send its first request at time 0.
func (r *Requester) Start() { r.TickNow(0) }

// Done reports whether every request has been answered.
func (r *Requester) Done() bool { return len(r.completions) == r.total }

// Records returns what was seen of each request, by issue order.
func (r *Requester) Records() []Record { return r.records }

// Completions returns request indices in the order they were answered.
func (r *Requester) Completions() []int { return r.completions }

// Tick takes the responses that arrived, then sends one request if allowed.
func (r *Requester) Tick(now sim.VTimeInSec) bool {
	r.receive()
	return r.send(now)
}

func (r *Requester) receive() {
	for {
		msg := r.memPort.Retrieve(0)
		if msg == nil {
			return
		}
		rsp, ok := msg.(mem.AccessRsp)
		if !ok {
			log.Panicf("requester %s got a message of type %s", r.Name(), reflect.TypeOf(msg))
		}
		i, found := r.inflight[rsp.GetRspTo()]
		if !found {
			log.Panicf("requester %s got a response to an unknown request %s", r.Name(), rsp.GetRspTo())
		}
		delete(r.inflight, rsp.GetRspTo())
		r.records[i].Received = msg.Meta().RecvTime
		r.completions = append(r.completions, i)
		r.outstanding--
	}
}

// send issues the next request and reports whether it may send again next
// cycle.
func (r *Requester) send(now sim.VTimeInSec) bool {
	if r.sent == r.total || r.outstanding == r.limit {
		return false
	}
	addr, write := r.next()
	var req mem.AccessReq
	if write {
		req = mem.WriteReqBuilder{}.WithSendTime(now).WithSrc(r.memPort).WithDst(r.dst).
			WithAddress(addr).WithData(r.zeros).Build()
	} else {
		req = mem.ReadReqBuilder{}.WithSendTime(now).WithSrc(r.memPort).WithDst(r.dst).
			WithAddress(addr).WithByteSize(r.size).Build()
	}
	if err := r.memPort.Send(req); err != nil {
		return true // the connection is full: retry next cycle
	}
	r.inflight[req.Meta().ID] = r.sent
	r.records[r.sent] = Record{Sent: now, Bytes: r.size, Write: write}
	r.sent++
	r.outstanding++
	return r.sent < r.total && r.outstanding < r.limit
}

// Drive connects a new requester (clocked at freq) to dst on engine with a
// direct connection, runs the engine, and returns the requester. It fails
// if the engine stops before every request is answered.
func Drive(
	engine sim.Engine,
	freq sim.Freq,
	dst sim.Port,
	next func() (uint64, bool),
	size uint64,
	total, limit int,
) (*Requester, error) {
	r := NewRequester("Requester", engine, freq, dst, next, size, total, limit)
	conn := sim.NewDirectConnection("RequesterToDRAM", engine, freq)
	conn.PlugIn(r.MemPort(), total+1)
	conn.PlugIn(dst, total+1)
	r.Start()
	if err := engine.Run(); err != nil {
		return nil, err
	}
	if !r.Done() {
		return nil, fmt.Errorf("%d of %d requests answered when the engine stopped", len(r.completions), total)
	}
	return r, nil
}
