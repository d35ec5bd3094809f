import { describe, expect, it } from 'vitest';
import { ms } from '../src/sim/engine/units';
import {
  SIP_TRANSPORTS,
  T1,
  T2,
  T4,
  nextCappedInterval,
  nextTimerA,
  sipTimers,
} from '../src/sim/sip/timers';

describe('RFC 3261 Table 4 timers', () => {
  it('has T1 0.5 s, T2 4 s, T4 5 s', () => {
    expect([T1, T2, T4]).toEqual([ms(500), ms(4000), ms(5000)]);
  });

  it('over UDP: A, E, G = T1; B, F, H, J = 64·T1; D = 32 s; I, K = T4', () => {
    const u = sipTimers('udp');
    expect(u.retransmits).toBe(true);
    expect([u.a, u.e, u.g]).toEqual([T1, T1, T1]);
    expect([u.b, u.f, u.h, u.j]).toEqual([ms(32_000), ms(32_000), ms(32_000), ms(32_000)]);
    expect(u.d).toBe(ms(32_000));
    expect([u.i, u.k]).toEqual([T4, T4]);
  });

  it('over TCP (either way): no retransmissions, D, I, J, K zero, B, F, H still 64·T1', () => {
    for (const kind of ['tcp', 'tcp-per-transaction'] as const) {
      const t = sipTimers(kind);
      expect(t.retransmits).toBe(false);
      expect([t.d, t.i, t.j, t.k]).toEqual([0, 0, 0, 0]);
      expect([t.b, t.f, t.h]).toEqual([ms(32_000), ms(32_000), ms(32_000)]);
    }
    expect(SIP_TRANSPORTS).toHaveLength(3);
  });

  it('64·T1 follows a changed T1, Timer D does not', () => {
    const t = sipTimers('udp', ms(100));
    expect([t.b, t.f, t.h, t.j]).toEqual([ms(6400), ms(6400), ms(6400), ms(6400)]);
    expect(t.d).toBe(ms(32_000));
  });

  it('A doubles without a cap; E and G double up to T2', () => {
    const a = [T1];
    const e = [T1];
    for (let i = 0; i < 6; i++) {
      a.push(nextTimerA(a[i] as typeof T1));
      e.push(nextCappedInterval(e[i] as typeof T1, T2));
    }
    expect(a.map((x) => x / 1e6)).toEqual([0.5, 1, 2, 4, 8, 16, 32]);
    expect(e.map((x) => x / 1e6)).toEqual([0.5, 1, 2, 4, 4, 4, 4]);
  });
});
