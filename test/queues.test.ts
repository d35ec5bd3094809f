import { describe, expect, it } from 'vitest';
import { TraceKind } from '../src/sim/engine/trace';
import type { Bytes, Micros } from '../src/sim/engine/units';
import { onWireBytes } from '../src/sim/net/ethernet';
import { inFlightBound } from '../src/sim/net/in-flight-bound';
import { DROP_REASON_NAMES, DropReason, PacketKind } from '../src/sim/net/packet';
import {
  DEFAULT_TX_QUEUE_LEN,
  GUEST_TX_LIMIT,
  NIC_RX_DESCRIPTORS,
  SOCKET_DATAGRAMS,
  nicTxLimit,
} from '../src/sim/net/queue-limits';
import { RX_RING_SLOTS } from '../src/sim/host/host';
import { summarize } from '../src/sim/results/summary';
import { defaultScenario, setPath, type Scenario } from '../src/sim/scenario/scenario';
import { World } from '../src/sim/world';
import { valid } from './support/presets';

/** The default scenario with `fields` set, validated with no issue. */
function scenario(fields: Record<string, unknown>): Scenario {
  let s = defaultScenario();
  for (const [path, value] of Object.entries(fields)) s = setPath(s, path, value);
  return valid(s);
}

/** Runs `s` in 50 ms steps, noting the most packets in flight at any step and the drops by packet kind and reason. */
function run(s: Scenario): {
  w: World;
  peakInFlight: number;
  /** The most in flight within each simulated second. */
  peakBySecond: number[];
  dropsOf: Map<string, number>;
} {
  const w = new World(s);
  const dropsOf = new Map<string, number>();
  const record = w.ledger.onDrop;
  w.ledger.onDrop = (p, reason) => {
    const key = `${p.kind}:${DROP_REASON_NAMES[reason]}`;
    dropsOf.set(key, (dropsOf.get(key) ?? 0) + 1);
    record(p, reason);
  };
  let peakInFlight = 0;
  const peakBySecond: number[] = [];
  for (let t = 50_000; t <= w.end; t += 50_000) {
    w.advance(t as Micros);
    peakInFlight = Math.max(peakInFlight, w.ledger.inFlight);
    const second = Math.floor((t - 1) / 1_000_000);
    peakBySecond[second] = Math.max(peakBySecond[second] ?? 0, w.ledger.inFlight);
  }
  w.close();
  return { w, peakInFlight, peakBySecond, dropsOf };
}

/** Every queue of both hosts stayed within its limit, and the ledger balances. */
function expectBoundedAndConserved(w: World, peakInFlight: number): void {
  const s = w.scenario;
  for (const h of w.hosts) {
    if (!h) continue;
    expect(h.nicRx.peakQueued).toBeLessThanOrEqual(DEFAULT_TX_QUEUE_LEN);
    expect(h.nicTx.peakQueued).toBeLessThanOrEqual(nicTxLimit(s.nic.qdiscPackets));
    expect(h.peakRxPending).toBeLessThanOrEqual(NIC_RX_DESCRIPTORS);
    for (const v of h.guests()) {
      expect(h.txPendingOf(v.vm)).toBeLessThanOrEqual(GUEST_TX_LIMIT);
      expect(h.workOf(v).packets.length).toBeLessThanOrEqual(RX_RING_SLOTS);
      expect(h.workOf(v).reads.length).toBeLessThanOrEqual(SOCKET_DATAGRAMS);
    }
  }
  expect(peakInFlight).toBeLessThanOrEqual(inFlightBound(s));
  const l = w.ledger;
  expect(l.created).toBe(l.delivered + l.droppedTotal + l.inFlight);
}

const drops = (w: World, reason: DropReason): number => w.ledger.dropped.get(reason) ?? 0;

describe('bounded queues', () => {
  it('1000 Mb/s of UDP into a 10 Mb/s NIC: the LAN queue drops what the line cannot carry, nothing piles up', () => {
    // The run (#durationS=20&udp.enabled=true&udp.rateMbps=1000&network.nicGbps=0.01), shortened.
    const s = scenario({
      durationS: 3,
      'udp.enabled': true,
      'udp.rateMbps': 1000,
      'network.nicGbps': 0.01,
    });
    const { w, peakInFlight, dropsOf } = run(s);
    const u = summarize(w).probes.udp;
    if (!u) throw new Error('udp probe off');
    // The line carries nicGbps of on-wire bits; the sender offers rateMbps of IP bits.
    const linePerS = (s.network.nicGbps * 1e9) / (onWireBytes(s.udp.bytes as Bytes) * 8);
    const offeredPerS = (s.udp.rateMbps * 1e6) / (s.udp.bytes * 8);
    expect(u.lossPct).toBeCloseTo(100 * (1 - linePerS / offeredPerS), 1);
    // Every lost datagram was dropped at the LAN's queue to the NIC, and only there (the
    // scenario's one call loses RTP there too).
    expect([...w.ledger.dropped.keys()].map((r) => DROP_REASON_NAMES[r])).toEqual([
      'lan-queue-full',
    ]);
    expect(dropsOf.get(`${PacketKind.Udp}:lan-queue-full`)).toBe(u.sent - u.received - u.inFlight);
    // What is still in flight is the full queue, not the 250 000 datagrams the run offered.
    expect(u.inFlight).toBeGreaterThanOrEqual(DEFAULT_TX_QUEUE_LEN - 1);
    expect(u.inFlight).toBeLessThanOrEqual(inFlightBound(s));
    expect(w.primary.nicRx.peakQueued).toBe(DEFAULT_TX_QUEUE_LEN);
    expectBoundedAndConserved(w, peakInFlight);
    // The trace counts the drops per 100 ms bin (UDP and the call's RTP), every one of them.
    const trace = w.trace.drain();
    let binned = 0;
    let records = 0;
    for (let i = 0; i < trace.count; i++) {
      // Media drops are binned as RtpLost (by send second), the rest as QueueDrop.
      if (trace.kind[i] !== TraceKind.QueueDrop && trace.kind[i] !== TraceKind.RtpLost) continue;
      binned += trace.b[i] as number;
      records++;
    }
    expect(binned).toBe(w.ledger.droppedTotal);
    expect(records).toBeLessThanOrEqual(2 * 10 * s.durationS);
  });

  it.each([
    {
      name: 'a receiver too slow for its UDP stream fills its socket buffer',
      fields: { 'udp.enabled': true, 'udp.rateMbps': 50, 'udp.costUs': 1000 },
      reasons: [DropReason.SocketBufferFull],
    },
    {
      name: 'a guest waiting for its core behind a burner fills its RX ring',
      fields: {
        'udp.enabled': true,
        'udp.rateMbps': 200,
        'vms.vm1.pin': 1,
        'vms.vm2.enabled': true,
        'vms.vm2.pin': 1,
        'vms.vm2.burnPct': 100,
      },
      reasons: [DropReason.RingFull],
    },
    {
      name: 'a driver domain too slow for the NIC fills the NIC’s RX ring',
      fields: { 'udp.enabled': true, 'udp.rateMbps': 100, 'host.dom0PacketCostUs': 500 },
      reasons: [DropReason.NicRxRingFull],
    },
    {
      name: '200 terminated calls through a 10 Mb/s NIC overflow the LAN queue and the transmit queue',
      fields: { 'telephony.calls': 200, 'telephony.mode': 'endpoint', 'network.nicGbps': 0.01 },
      reasons: [DropReason.LanQueueFull, DropReason.NicQueueFull],
    },
    {
      name: '200 terminated calls with 500 µs of dom0 per packet fill the guest’s TX ring and qdisc',
      fields: {
        'telephony.calls': 200,
        'telephony.mode': 'endpoint',
        'host.dom0PacketCostUs': 500,
      },
      reasons: [DropReason.GuestTxFull, DropReason.NicRxRingFull],
    },
  ])('$name; the ledger still balances', ({ fields, reasons }) => {
    const { w, peakInFlight } = run(scenario({ durationS: 3, ...fields }));
    for (const r of reasons) expect(drops(w, r), DROP_REASON_NAMES[r]).toBeGreaterThan(0);
    expectBoundedAndConserved(w, peakInFlight);
  });

  it.each([
    { name: 'most calls', fields: { 'telephony.calls': 200 } },
    {
      name: 'most REGISTERs',
      fields: { 'telephony.registerRate': 2000, 'telephony.sipClients': 100000 },
    },
    { name: 'fastest UDP stream', fields: { 'udp.enabled': true, 'udp.rateMbps': 1000 } },
    {
      name: 'all of them through the slowest NIC and the longest LAN delays',
      fields: {
        'telephony.calls': 200,
        'telephony.registerRate': 2000,
        'telephony.sipClients': 100000,
        'udp.enabled': true,
        'udp.rateMbps': 1000,
        'ping.enabled': true,
        'network.nicGbps': 0.01,
        'network.lanDelayMs': 200,
        'network.extraDelayMs': 100,
      },
    },
  ])('extreme but valid ($name): packets in flight stay under the bound', ({ fields }) => {
    const { w, peakInFlight, peakBySecond } = run(scenario({ durationS: 2, ...fields }));
    expectBoundedAndConserved(w, peakInFlight);
    // Steady, not growing: a queue without a limit would hold about twice as much in the second
    // second as in the first (sources start at 0.2 s).
    const [first, second] = peakBySecond as [number, number];
    expect(second).toBeLessThanOrEqual(1.1 * first);
  });

  it('an overloaded run holds no more packets after 2 s than after 1 s', () => {
    const fields = { 'udp.enabled': true, 'udp.rateMbps': 1000, 'network.nicGbps': 0.01 };
    const short = run(scenario({ durationS: 1, ...fields }));
    const long = run(scenario({ durationS: 2, ...fields }));
    expect(long.w.ledger.created).toBeGreaterThan(1.9 * short.w.ledger.created);
    expect(long.peakInFlight).toBeLessThanOrEqual(short.peakInFlight + 10);
  });
});
