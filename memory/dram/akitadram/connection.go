package akitadram

import "github.com/sarchlab/akita/v3/sim"

// syncConn links the front end with the controllers. It delivers a message
// inside Send, at its send time, instead of in a later connection tick.
//
// Why not a DirectConnection: the front end forwards a request in the
// instant the requester's connection delivers it, which is a secondary
// event; a DirectConnection that has already ticked at that instant
// ignores the send's TickNow (TickScheduler deduplicates by time), and the
// piece would wait for an unrelated event. Delivering synchronously has no
// such window: the controller still takes the piece in its next cycle
// (NotifyRecv → TickLater), as it would behind a DirectConnection, and its
// responses reach the front end inside the controller's own (primary) tick
// event, before the requester's connection ticks at that instant.
type syncConn struct {
	sim.HookableBase
	refused []sim.Port // senders whose message a full port refused
}

// PlugIn attaches port; the buffer size is irrelevant (nothing is queued).
func (c *syncConn) PlugIn(port sim.Port, _ int) { port.SetConnection(c) }

// Unplug is not supported, as in Akita's DirectConnection.
func (c *syncConn) Unplug(sim.Port) { panic("akita DRAM: unplugging is not supported") }

// CanSend is always true: a refused Send reports itself.
func (c *syncConn) CanSend(sim.Port) bool { return true }

// Send delivers msg to its destination now, or reports that the
// destination's buffer is full.
func (c *syncConn) Send(msg sim.Msg) *sim.SendError {
	meta := msg.Meta()
	meta.RecvTime = meta.SendTime
	if err := meta.Dst.Recv(msg); err != nil {
		c.refused = append(c.refused, meta.Src)
		return err
	}
	return nil
}

// NotifyAvailable tells every refused sender, in refusal order, that a
// destination has room again.
func (c *syncConn) NotifyAvailable(now sim.VTimeInSec, _ sim.Port) {
	refused := c.refused
	c.refused = nil
	for _, p := range refused {
		p.NotifyAvailable(now)
	}
}
