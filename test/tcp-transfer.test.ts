import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/sim/engine/simulator';
import { ms, sec, type Micros } from '../src/sim/engine/units';
import { DropReason, PacketKind, PacketLedger, type Packet } from '../src/sim/net/packet';
import { TCP_MSS } from '../src/sim/probes/tcp-bulk';
import { INITIAL_CWND, RTO_MIN, TcpTransfer } from '../src/sim/probes/tcp-transfer';

/**
 * A transfer over a path of fixed one-way delay `oneWay` with no rate limit: the receiver answers
 * each segment at once. `lose(seq, attempt, now)` drops a segment's attempt (0 = first transmission).
 */
function transfer(
  kb: number,
  windowKB: number,
  oneWay: Micros,
  lose: (seq: number, attempt: number, now: number) => boolean = () => false,
): TcpTransfer {
  const sim = new Simulator();
  const ledger = new PacketLedger();
  const attempts = new Map<number, number>();
  const box: { t?: TcpTransfer } = {};
  const send = (p: Packet) => {
    const k = attempts.get(p.seq) ?? 0;
    attempts.set(p.seq, k + 1);
    if (lose(p.seq, k, sim.now)) return ledger.drop(p, DropReason.HostDown);
    sim.after(oneWay, () => {
      ledger.deliver(p);
      const ack = ledger.create({ ...p, kind: PacketKind.TcpAck, bytes: p.bytes });
      sim.after(oneWay, (now) => box.t?.onAck(ack, now));
    });
  };
  const t = new TcpTransfer(
    sim,
    ledger,
    { target: 1, windowKB, transferKB: kb },
    0 as Micros,
    sec(1000),
    send,
  );
  box.t = t;
  sim.runUntil(sec(1000));
  return t;
}

/** Round trips a loss-free transfer of `n` segments needs: slow start from IW, doubling, capped at `w`. */
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

describe('TCP transfer of a given size (RFC 5681 slow start, RFC 6298 RTO)', () => {
  const rtt = ms(40);
  const oneWay = (rtt / 2) as Micros;

  it('a transfer that fits the initial window takes one round trip', () => {
    const t = transfer(10, 64, oneWay); // 8 segments ≤ IW 10
    expect(t.segments).toBe(Math.ceil((10 * 1024) / TCP_MSS));
    expect(t.completionUs).toBe(rtt);
    expect(t.stats().timeouts).toBe(0);
  });

  it('slow start doubles the window each round trip until the receive window caps it', () => {
    // 64 KB window = 45 segments: rounds carry 10, 20, 40, then 45 per round trip.
    const w = Math.floor((64 * 1024) / TCP_MSS);
    expect(w).toBe(45);
    for (const kb of [50, 200, 1000, 5000]) {
      const t = transfer(kb, 64, oneWay);
      const n = Math.ceil((kb * 1024) / TCP_MSS);
      expect(t.completionUs).toBe(roundsFor(n, w) * rtt);
    }
    // The long transfer runs at the window-limited rate, window / RTT.
    const long = transfer(20_000, 64, oneWay).stats();
    const windowRateMbps = (w * TCP_MSS * 8) / (rtt / 1e6) / 1e6;
    expect(long.throughputMbps).toBeGreaterThan(0.95 * windowRateMbps);
    expect(long.throughputMbps).toBeLessThanOrEqual(windowRateMbps);
  });

  it('a lost segment costs at least the 1 s minimum RTO, with no RTT sample yet or many', () => {
    const base = transfer(500, 64, oneWay).completionUs;
    // The first segment (no RTT sample yet: the initial RTO of 1 s), and one in mid-transfer
    // (RTO = max(1 s, SRTT + 4·RTTVAR) = 1 s at a 40 ms RTT).
    for (const seq of [0, 200]) {
      const t = transfer(500, 64, oneWay, (s, k) => s === seq && k === 0);
      expect(t.stats().timeouts).toBe(1);
      expect(t.completionUs - base).toBeGreaterThanOrEqual(RTO_MIN);
      expect(t.stats().segments).toBe(t.segments);
    }
  });

  it('losing the retransmission too doubles the timer (RFC 6298 §5.5): ≥ 1 s + 2 s', () => {
    const base = transfer(500, 64, oneWay).completionUs;
    const t = transfer(500, 64, oneWay, (s, k) => s === 100 && k <= 1);
    expect(t.stats().timeouts).toBe(2);
    expect(t.completionUs - base).toBeGreaterThanOrEqual(3 * RTO_MIN);
  });

  it('a window lost in a 200 ms outage costs one timeout: the outage is hidden inside the RTO', () => {
    // Everything sent in [200 ms, 400 ms) is lost, as at a host that is not there.
    const base = transfer(2000, 64, oneWay).completionUs;
    const t = transfer(2000, 64, oneWay, (_s, _k, now) => now >= ms(200) && now < ms(400));
    const st = t.stats();
    expect(st.timeouts).toBe(1);
    // The window in flight when the outage began (45 segments) is sent again.
    expect(st.retransmissions).toBeGreaterThanOrEqual(45);
    expect(t.completionUs - base).toBeGreaterThanOrEqual(RTO_MIN);
    expect(st.segments).toBe(t.segments);
  });
});
