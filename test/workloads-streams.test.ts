import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';
import { TCP_MSS } from '../src/sim/probes/tcp-bulk';
import { INITIAL_CWND } from '../src/sim/probes/tcp-transfer';
import type { WorkloadSummary } from '../src/sim/workloads/in-world';

function run(extra: Record<string, unknown>, workloads: Record<string, unknown>) {
  const { scenario, issues } = validateScenario({
    durationS: 10,
    telephony: { calls: 0 },
    vms: { vm1: { protection: 'standby' } },
    ...extra,
    workloads,
  });
  expect(issues).toEqual([]);
  const r = runToEnd(scenario);
  return r.summary.workloads as WorkloadSummary[];
}

describe('media streams (UDP and TCP, either way)', () => {
  it('a clean path carries rate × payload with no loss, both ways', () => {
    // 200 pkt/s of 1000 B payload = 1.6 Mb/s of payload (iperf's arithmetic), from 1 s to 10 s.
    const [to, from] = run(
      {},
      {
        w1: { kind: 'stream-udp', direction: 'to-vm', rate: 200, bytes: 1000 },
        w2: { kind: 'stream-udp', direction: 'from-vm', rate: 200, bytes: 1000, costUs: 20 },
      },
    );
    for (const w of [to, from]) {
      const st = w?.stream;
      expect(st?.sent).toBe(9 * 200);
      expect(st?.lost).toBe(0);
      expect(Math.abs((st?.received ?? 0) - 1800)).toBeLessThanOrEqual(1);
      expect(st?.mbps).toBeCloseTo(1.6, 2);
      // LAN 0.1 ms one way plus the guest's read or send: well under a millisecond on an idle VM.
      expect(st?.delayMeanMs).toBeGreaterThan(0.1);
      expect(st?.delayMeanMs).toBeLessThan(1);
    }
  });

  it('an outage: UDP loses the packets of the outage, TCP loses none and delivers them late (RTO, head-of-line)', () => {
    // Host 1 crashes at 3 s; Heartbeat (dead time 2.5 s) moves vm1 to its standby on host 2.
    const [udp, tcp] = run(
      {
        durationS: 20,
        failure: { detector: 'heartbeat', deadMs: 2500, warnMs: 1500 },
        failures: { f1: { kind: 'host-crash', atS: 3, target: 1 } },
      },
      {
        w1: { kind: 'stream-udp', direction: 'from-vm', rate: 50, bytes: 160, costUs: 20 },
        w2: { kind: 'stream-tcp', direction: 'from-vm', rate: 50, bytes: 160, costUs: 20 },
      },
    );
    const u = udp?.stream;
    const t = tcp?.stream;
    expect(u?.lost).toBeGreaterThan(10);
    // The UDP stream's longest silence is its outage: the lost packets cover it at 50 pkt/s.
    const outageS = (u?.lost ?? 0) / 50;
    expect(t?.lost).toBe(0);
    expect(t?.retransmissions).toBeGreaterThan(0);
    expect(outageS).toBeGreaterThan(0.5);
    // The segment sent as the VM died waits out the outage, rounded up to an RTO expiry: RFC 6298's
    // 1 s, doubled at each expiry, puts its tries at 1, 3, 7 … s after the first send.
    const d = t?.delayMaxMs ?? 0;
    expect(d).toBeGreaterThan(outageS * 1000);
    const expiry = [1000, 3000, 7000].find((x) => x >= outageS * 1000) as number;
    expect(d - expiry).toBeGreaterThanOrEqual(0);
    expect(d - expiry).toBeLessThan(5);
    // Every segment sent arrives (the last ones may still be on their way at the end).
    expect(t?.received).toBeGreaterThanOrEqual((t?.sent ?? 0) - 1);
  });

  it('TCP to the VM (RTSP RECORD): the guest reads every segment in order; an outage becomes delay by the RTO', () => {
    const clean = run(
      {},
      { w1: { kind: 'stream-tcp', direction: 'to-vm', rate: 200, bytes: 1000, costUs: 20 } },
    )[0]?.stream;
    expect(clean?.sent).toBe(9 * 200);
    expect(Math.abs((clean?.received ?? 0) - 1800)).toBeLessThanOrEqual(1);
    expect(clean?.retransmissions).toBe(0);
    expect(clean?.mbps).toBeCloseTo(1.6, 2);
    expect(clean?.delayMeanMs).toBeLessThan(1);
    // The same crash as above: the client's segments sent into the dead host are sent again at
    // their RTO expiries (1, 3, 7 … s after the first send) until the standby answers.
    const [udp, tcp] = run(
      {
        durationS: 20,
        failure: { detector: 'heartbeat', deadMs: 2500, warnMs: 1500 },
        failures: { f1: { kind: 'host-crash', atS: 3, target: 1 } },
      },
      {
        w1: { kind: 'stream-udp', direction: 'to-vm', rate: 50, bytes: 160 },
        w2: { kind: 'stream-tcp', direction: 'to-vm', rate: 50, bytes: 160, costUs: 20 },
      },
    );
    const outageS = (udp?.stream?.lost ?? 0) / 50;
    expect(outageS).toBeGreaterThan(0.5);
    const t = tcp?.stream;
    expect(t?.lost).toBe(0);
    expect(t?.retransmissions).toBeGreaterThan(0);
    const d = t?.delayMaxMs ?? 0;
    const expiry = [1000, 3000, 7000].find((x) => x >= outageS * 1000) as number;
    expect(d - expiry).toBeGreaterThanOrEqual(0);
    expect(d - expiry).toBeLessThan(5);
    expect(t?.received).toBeGreaterThanOrEqual((t?.sent ?? 0) - 1);
  });
});

/** Round trips a loss-free transfer of `n` segments needs: slow start from IW 10, doubling, capped at `w`. */
function roundsFor(n: number, w: number): number {
  let sent = 0;
  let window = INITIAL_CWND;
  let rounds = 0;
  while (sent < n) {
    sent += Math.min(window, w);
    window *= 2;
    rounds++;
  }
  return rounds;
}

describe('bulk TCP transfers as workloads (RFC 5681 slow start, window / RTT)', () => {
  it('completion time = round trips × RTT: the WAN delay scales it, the rounds come from the window', () => {
    const w = Math.floor((64 * 1024) / TCP_MSS); // 45 segments
    const [short, long, small] = run(
      {},
      {
        w1: { kind: 'transfer', sizeKB: 1000, windowKB: 64, wanDelayMs: 20 },
        w2: { kind: 'transfer', sizeKB: 1000, windowKB: 64, wanDelayMs: 50 },
        w3: { kind: 'transfer', sizeKB: 100, windowKB: 64, wanDelayMs: 50 },
      },
    );
    const n = Math.ceil((1000 * 1024) / TCP_MSS); // 708 segments
    const rounds = roundsFor(n, w); // 10 + 20 + 40 + 45·14 … = 18
    expect(rounds).toBe(18);
    const rttMs = (wanMs: number) => 2 * (wanMs + 0.1); // WAN + LAN, both ways
    for (const [x, wan] of [
      [short, 20],
      [long, 50],
    ] as const) {
      const t = x?.transfer;
      expect(t?.segments).toBe(n);
      expect(t?.timeouts).toBe(0);
      // The guest's CPU and the wire add a little to every round trip: at most 5 %.
      expect(t?.completionMs).toBeGreaterThanOrEqual(rounds * rttMs(wan));
      expect(t?.completionMs).toBeLessThan(1.05 * rounds * rttMs(wan));
    }
    // The difference between the two WANs is exactly rounds × ΔRTT (the per-round extra cancels).
    const diff = (long?.transfer?.completionMs ?? 0) - (short?.transfer?.completionMs ?? 0);
    expect(diff).toBeCloseTo(rounds * (rttMs(50) - rttMs(20)), 0);
    // 100 KB = 71 segments: slow start alone, 10 + 20 + 40 + 1 → 4 round trips (⌈log2(71/10 + 1)⌉).
    const n3 = Math.ceil((100 * 1024) / TCP_MSS);
    expect(roundsFor(n3, w)).toBe(Math.ceil(Math.log2(n3 / INITIAL_CWND + 1)));
    expect(small?.transfer?.completionMs).toBeGreaterThanOrEqual(4 * rttMs(50));
    expect(small?.transfer?.completionMs).toBeLessThan(1.05 * 4 * rttMs(50));
  });
});

describe('workload validation', () => {
  it('warns of a target VM not in the deployment and of a workload that starts after the end', () => {
    const { issues } = validateScenario({
      durationS: 10,
      workloads: {
        w1: { kind: 'stream-udp', target: 5 },
        w3: { kind: 'web', startS: 12 },
      },
    });
    expect(issues.map((i) => [i.path, i.action])).toEqual([
      ['workloads.w1.target', 'warning'],
      ['workloads.w3.startS', 'warning'],
    ]);
  });
});
