package reply

import (
	"testing"

	"github.com/sarchlab/akita/v3/mem/mem"
	"github.com/sarchlab/akita/v3/sim"
	"github.com/stretchr/testify/require"
)

// fakePort records what is sent and refuses sends while full.
type fakePort struct {
	sim.Port
	full bool
	sent []sim.Msg
}

func (p *fakePort) Send(msg sim.Msg) *sim.SendError {
	if p.full {
		return sim.NewSendError()
	}
	p.sent = append(p.sent, msg)
	return nil
}

func TestQueueSendsInDueOrderAndRetries(t *testing.T) {
	port := &fakePort{}
	q := NewQueue(port)
	r1 := mem.ReadReqBuilder{}.WithByteSize(64).Build()
	w := mem.WriteReqBuilder{}.WithData(make([]byte, 32)).Build()
	r2 := mem.ReadReqBuilder{}.WithByteSize(64).Build()
	q.Push(3e-9, r1)
	q.Push(2e-9, w)
	q.Push(3e-9, r2)
	at, ok := q.NextDue()
	require.True(t, ok)
	require.Equal(t, sim.VTimeInSec(2e-9), at)

	port.full = true
	require.False(t, q.SendDue(5e-9, nil))
	require.Equal(t, 3, q.Len())

	port.full = false
	var answered []mem.AccessReq
	require.True(t, q.SendDue(5e-9, func(r mem.AccessReq) { answered = append(answered, r) }))
	require.Equal(t, []mem.AccessReq{w, r1, r2}, answered) // by due time, then push order
	require.Equal(t, w.ID, port.sent[0].(*mem.WriteDoneRsp).RespondTo)
	require.Equal(t, r1.ID, port.sent[1].(*mem.DataReadyRsp).RespondTo)
	require.Nil(t, port.sent[1].(*mem.DataReadyRsp).Data)
	require.Equal(t, sim.VTimeInSec(5e-9), port.sent[2].Meta().SendTime)
	_, ok = q.NextDue()
	require.False(t, ok)
}

func TestQueueKeepsWhatIsNotDue(t *testing.T) {
	q := NewQueue(&fakePort{})
	q.Push(4e-9, mem.ReadReqBuilder{}.Build())
	require.False(t, q.SendDue(3e-9, nil))
	require.Equal(t, 1, q.Len())
}

func TestCycleTimeMatchesAkitasTicks(t *testing.T) {
	f := 1600 * sim.MHz
	var now sim.VTimeInSec
	for c := uint64(1); c < 5000; c++ {
		now = f.NextTick(now)
		require.Equal(t, now, CycleTime(f, c))
		require.Equal(t, c, f.Cycle(now))
	}
}
