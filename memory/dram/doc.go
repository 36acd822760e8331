// Package dram gives logsim's DRAM models one interface and one factory.
//
// Every model is an Akita component on a given engine with a port
// registered as "Top". It accepts *mem.ReadReq and *mem.WriteReq (Akita
// mem/mem) of any size (a write's size is len(Data); share one zero buffer
// rather than allocate payloads: logsim models timing only) and answers each
// with *mem.DataReadyRsp (without data) or *mem.WriteDoneRsp whose
// RespondTo is the request's ID. Responses may come back out of order.
// Models sleep while idle; `ideal`, `bandwidth` and `fast` cost a bounded
// number of engine events per request.
//
// The models (Config.Model):
//   - "ideal": fixed latency (default 0 ns), unlimited bandwidth (package
//     bandwidth with an infinite bandwidth);
//   - "bandwidth": fixed latency (default 100 ns) after FIFO service on one
//     bus at a peak bandwidth (default: the preset's peak) — the roofline
//     (package bandwidth);
//   - "fast": logsim's event-driven bank-level model with JEDEC timings,
//     refresh, open/close page, address mapping, queues and write drain
//     (package fast) — the default;
//   - "akita": Akita v3.1.0's command-level mem/dram behind an address-
//     spreading front end (package akitadram): close page only, no refresh,
//     no tFAW, 10–19 µs of host time per busy DRAM cycle.
//
// Presets (Config.Preset): DDR4-3200 (default), LPDDR4-4266, HBM2; any
// parameter can be overridden by name (spec.ParamNames).
package dram
