import { describe, expect, it } from 'vitest';
import type { Bytes, Micros } from '../src/sim/engine/units';
import { PacketKind, PacketLedger, type Packet } from '../src/sim/net/packet';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';
import { KERNEL_SEGMENT_US, Seg, TcpListener } from '../src/sim/workloads/tcp-listener';
import { workloadClient } from '../src/sim/workloads/slots';

const ledger = new PacketLedger();
const seg = (flow: number, seq: number): Packet =>
  ledger.create({
    kind: PacketKind.HttpRequest,
    bytes: 60 as Bytes,
    tcp: true,
    vm: 1,
    client: workloadClient(1),
    flow,
    seq,
    sentAt: 0 as Micros,
  });

describe('accept queue (Linux sk_acceptq_is_full: backlog + 1 places)', () => {
  it('answers SYNs while places are free, drops the rest, and frees a place per request served', () => {
    const l = new TcpListener(ledger, 2, 1024, 100);
    // backlog 2 holds 3 connections (the test is `>`, include/net/sock.h).
    for (const c of [0, 1, 2]) expect(l.handle(seg(c, Seg.Syn), 1)?.seq).toBe(Seg.SynAck);
    expect(l.handle(seg(3, Seg.Syn), 1)).toBeUndefined();
    expect(l.stats.synDrops).toBe(1);
    // A retransmitted SYN of a queued connection is answered again without a new place.
    expect(l.handle(seg(1, Seg.Syn), 1)?.seq).toBe(Seg.SynAck);
    expect(l.stats.accepted).toBe(3);
    // The application serves connection 0: its response, and a place for the next SYN.
    const resp = l.handle(seg(0, Seg.Request), 1);
    expect(resp?.seq).toBe(Seg.Request);
    expect(resp?.bytes).toBe(1024 + 52);
    expect(l.handle(seg(3, Seg.Syn), 1)?.seq).toBe(Seg.SynAck);
    // A client's RST frees a place without a response.
    expect(l.handle(seg(2, Seg.Abort), 1)).toBeUndefined();
    expect(l.handle(seg(4, Seg.Syn), 1)?.seq).toBe(Seg.SynAck);
    expect(l.stats.maxQueued).toBe(3);
    expect(l.costOf(seg(5, Seg.Request))).toBe(100);
    expect(l.costOf(seg(5, Seg.Syn))).toBe(KERNEL_SEGMENT_US);
  });
});

/** A web server on vm1 (unbuffered standby), httperf clients at `rate` conn/s; `burners` CPU hogs beside it on one core. */
function web(rate: number, opts: { burners?: number; durationS?: number } = {}) {
  const burners = opts.burners ?? 0;
  const vms: Record<string, unknown> = { vm1: { protection: 'standby' } };
  for (let k = 2; k < 2 + burners; k++) vms[`vm${k}`] = { enabled: true, burnPct: 100 };
  const { scenario, issues } = validateScenario({
    durationS: opts.durationS ?? 12,
    telephony: { calls: 0 },
    host: { cores: burners > 0 ? 1 : 2 },
    vms,
    workloads: {
      w1: { kind: 'web', costUs: COST_US, rate, backlog: 128, timeoutS: 3, replyKB: 1, startS: 0 },
    },
  });
  expect(issues).toEqual([]);
  const w = runToEnd(scenario).summary.workloads?.[0]?.web;
  expect(w).toBeDefined();
  return w as NonNullable<typeof w>;
}

/** Guest CPU per request; with a SYN's kernel share, the CPU bound is 1e6 / (1000 + 1) ≈ 999 replies/s. */
const COST_US = 1000;
const BOUND = 1e6 / (COST_US + KERNEL_SEGMENT_US);

describe('web server with an accept backlog, httperf clients', () => {
  it('below the CPU bound every connection is answered: reply rate = connection rate, no drops', () => {
    const w = web(500);
    expect(w.synDrops).toBe(0);
    expect(w.timeouts).toBe(0);
    expect(w.synRetransmits).toBe(0);
    // Replies over the 11.8 s the clients ran (they start at 200 ms), ±1 connection in flight.
    expect(Math.abs(w.replyRate - 500)).toBeLessThan(1);
    expect(w.connectMsMean).toBeLessThan(5);
  });

  it('at twice the bound the reply rate saturates at the CPU bound; a full backlog drops SYNs and clients time out', () => {
    const w = web(2000);
    // Saturated: the mean over the run is the bound within 3 % and never above it, half the offer.
    expect(w.replyRate).toBeGreaterThan(0.97 * BOUND);
    expect(w.replyRate).toBeLessThan(BOUND);
    // The busiest one-second bin at the clients: the bound within 2 % either way (responses leave
    // in batches — a netback poll carries up to 64 frames — so a bin edge can shift a few replies).
    expect(w.replyRateMax).toBeLessThan(1.02 * BOUND);
    expect(w.replyRateMax).toBeGreaterThan(0.98 * BOUND);
    // The accept queue filled (backlog + 1) and SYNs were dropped there, in the thousands.
    expect(w.maxQueued).toBe(129);
    expect(w.synDrops).toBeGreaterThan(1000);
    expect(w.synRetransmits).toBeGreaterThan(1000);
    // Errors past the bound: connections without a reply at the 3 s time-out.
    expect(w.timeouts).toBeGreaterThan(1000);
    // A connection waits for its place: the connect time includes SYN retransmissions (≥ 1 s for some).
    expect(w.connectMsMean).toBeGreaterThan(100);
  });

  it('a scheduler that starves the server VM lowers its throughput, not only its response time', () => {
    // Same offered load (600/s, below the bound when the VM has a core to itself); two CPU hogs on
    // a one-core host leave the server about a third of the core under credit's equal weights.
    const alone = web(600, { durationS: 8 });
    const starved = web(600, { burners: 2, durationS: 8 });
    expect(alone.synDrops).toBe(0);
    expect(alone.replyRate).toBeGreaterThan(590);
    expect(starved.replyRate).toBeLessThan(0.6 * alone.replyRate);
    expect(starved.synDrops).toBeGreaterThan(0);
    expect(starved.timeouts).toBeGreaterThan(0);
  });
});
