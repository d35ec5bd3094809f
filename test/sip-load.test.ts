import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/sim/engine/simulator';
import { sec, type Micros } from '../src/sim/engine/units';
import { LoadGenerator, rateAt, steady, type Ramp } from '../src/sim/sip/load-generator';
import { SipMethod } from '../src/sim/sip/message';
import { SipMetrics, summarizeDelays } from '../src/sim/sip/sip-metrics';

function count(ramp: Ramp, seconds: number, users = 3) {
  const sim = new Simulator();
  const calls: { t: number; aor: number }[] = [];
  const regs: number[] = [];
  new LoadGenerator(
    sim,
    { register: (aor) => regs.push(aor), call: (aor) => calls.push({ t: sim.now, aor }) },
    { users, registrations: steady(2), calls: ramp, start: 0 as Micros, end: sec(seconds) },
  );
  sim.runUntil(sec(seconds + 10));
  return { calls, regs };
}

describe('SIPp-style ramps', () => {
  it('rate = start + increment per period, capped', () => {
    const r: Ramp = { startRate: 5, increment: 5, periodS: 10, maxRate: 20 };
    expect([0, 9.9, 10, 25, 60].map((s) => rateAt(r, sec(s)))).toEqual([5, 5, 10, 15, 20]);
  });

  it('starts rate × period attempts in each step, evenly paced, users in turn', () => {
    const { calls, regs } = count({ startRate: 1, increment: 2, periodS: 10, maxRate: 5 }, 40);
    const inStep = (k: number) =>
      calls.filter((c) => c.t >= sec(10 * k) && c.t < sec(10 * (k + 1))).length;
    expect([0, 1, 2, 3].map(inStep)).toEqual([10, 30, 50, 50]);
    expect(calls.slice(0, 3).map((c) => c.t)).toEqual([0, sec(1), sec(2)]);
    expect(calls.slice(0, 4).map((c) => c.aor)).toEqual([0, 1, 2, 0]);
    expect(regs).toHaveLength(80);
  });

  it('a ramp from zero waits for its first step', () => {
    const { calls } = count({ startRate: 0, increment: 1, periodS: 5, maxRate: 1 }, 10);
    expect(calls.map((c) => c.t)).toEqual([5, 6, 7, 8, 9].map((s) => sec(s)));
  });
});

describe('SIP metrics', () => {
  it('summarises delays in ms: mean, nearest-rank 95th percentile, max', () => {
    const d = summarizeDelays(Array.from({ length: 20 }, (_, i) => (i + 1) * 1000));
    expect(d).toEqual({ count: 20, meanMs: 10.5, p95Ms: 19, maxMs: 20 });
    expect(summarizeDelays([]).count).toBe(0);
    expect(Number.isNaN(summarizeDelays([]).meanMs)).toBe(true);
  });

  it('counts retransmissions per method and snapshots the counters', () => {
    const m = new SipMetrics();
    m.countRetransmission(SipMethod.Invite);
    m.countRetransmission(SipMethod.Register);
    m.countRetransmission(SipMethod.Register);
    m.calls.attempts = 3;
    m.calls.successes = 3;
    m.callsCompleted = 1;
    const s = m.summary();
    expect(m.retransmissions).toEqual({ register: 2, invite: 1, bye: 0 });
    expect([s.requestRetransmissions, s.callsActive]).toEqual([3, 2]);
    m.calls.attempts++;
    expect(s.calls.attempts).toBe(3);
  });
});
