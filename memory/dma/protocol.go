package dma

import (
	"github.com/sarchlab/akita/v3/sim"

	"github.com/logsim/logsim/memory"
)

// Direction says which way a transfer moves data.
type Direction int

// Transfer directions.
const (
	Load  Direction = iota // DRAM → buffer
	Store                  // buffer → DRAM
)

// TransferReq asks the DMA to move Bytes bytes between DRAM address Addr
// and Buffer.
type TransferReq struct {
	sim.MsgMeta
	Dir       Direction
	Buffer    *memory.Buffer
	Addr      uint64
	Bytes     int64
	NotBefore sim.VTimeInSec // the DMA sends no request for it earlier
	// PrefetchUntil, if set, makes the transfer a prefetch until then (the
	// next layer's data, before that layer starts): the DMA sends its
	// requests only while no other transfer is ready. From then on it is
	// an ordinary transfer.
	PrefetchUntil sim.VTimeInSec
	Tag           int    // the requester's own label, returned in the response
	What          string // what is moved, for the trace (e.g. "ifmap L3 T5")
	Info          any    // the requester's detail, passed to the trace
}

// Meta returns the message meta.
func (r *TransferReq) Meta() *sim.MsgMeta { return &r.MsgMeta }

// TransferRsp reports a finished transfer.
type TransferRsp struct {
	sim.MsgMeta
	RespondTo string
	Tag       int
	StartedAt sim.VTimeInSec // when the DMA sent the transfer's first DRAM request
	DoneAt    sim.VTimeInSec // when the DMA handled the last response: the data is in place
}

// Meta returns the message meta.
func (r *TransferRsp) Meta() *sim.MsgMeta { return &r.MsgMeta }

// GetRspTo returns the ID of the request answered.
func (r *TransferRsp) GetRspTo() string { return r.RespondTo }

// TransferReqBuilder builds transfer requests; the zero value is usable.
type TransferReqBuilder struct {
	sendTime  sim.VTimeInSec
	src, dst  sim.Port
	dir       Direction
	buffer    *memory.Buffer
	addr      uint64
	bytes     int64
	notBefore sim.VTimeInSec
	prefetch  sim.VTimeInSec
	tag       int
	what      string
	info      any
}

// WithSendTime sets the send time.
func (b TransferReqBuilder) WithSendTime(t sim.VTimeInSec) TransferReqBuilder {
	b.sendTime = t
	return b
}

// WithSrc sets the sending port.
func (b TransferReqBuilder) WithSrc(p sim.Port) TransferReqBuilder {
	b.src = p
	return b
}

// WithDst sets the DMA's control port.
func (b TransferReqBuilder) WithDst(p sim.Port) TransferReqBuilder {
	b.dst = p
	return b
}

// WithLoad makes a DRAM → buffer transfer of bytes bytes at addr.
func (b TransferReqBuilder) WithLoad(buf *memory.Buffer, addr uint64, bytes int64) TransferReqBuilder {
	b.dir, b.buffer, b.addr, b.bytes = Load, buf, addr, bytes
	return b
}

// WithStore makes a buffer → DRAM transfer of bytes bytes at addr.
func (b TransferReqBuilder) WithStore(buf *memory.Buffer, addr uint64, bytes int64) TransferReqBuilder {
	b.dir, b.buffer, b.addr, b.bytes = Store, buf, addr, bytes
	return b
}

// WithNotBefore sets the earliest time the transfer may start.
func (b TransferReqBuilder) WithNotBefore(t sim.VTimeInSec) TransferReqBuilder {
	b.notBefore = t
	return b
}

// WithPrefetchUntil makes the transfer a prefetch until t
// (TransferReq.PrefetchUntil).
func (b TransferReqBuilder) WithPrefetchUntil(t sim.VTimeInSec) TransferReqBuilder {
	b.prefetch = t
	return b
}

// WithTag sets the requester's label.
func (b TransferReqBuilder) WithTag(tag int) TransferReqBuilder {
	b.tag = tag
	return b
}

// WithWhat describes the transfer for the trace, with a detail.
func (b TransferReqBuilder) WithWhat(what string, info any) TransferReqBuilder {
	b.what, b.info = what, info
	return b
}

// Build creates the request.
func (b TransferReqBuilder) Build() *TransferReq {
	r := &TransferReq{Dir: b.dir, Buffer: b.buffer, Addr: b.addr, Bytes: b.bytes, NotBefore: b.notBefore,
		PrefetchUntil: b.prefetch, Tag: b.tag, What: b.what, Info: b.info}
	r.ID = sim.GetIDGenerator().Generate()
	r.Src, r.Dst, r.SendTime = b.src, b.dst, b.sendTime
	return r
}
