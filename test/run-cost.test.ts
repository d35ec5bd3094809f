import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { describeRunCost, estimateRunCost } from '../src/sim/run-cost';
import { validateScenario } from '../src/sim/scenario/validate';
import type { Scenario } from '../src/sim/scenario/scenario';
import { preset } from './support/presets';

/** A scenario that must validate with no issues. */
function scenario(input: Record<string, unknown>): Scenario {
  const { scenario: s, issues } = validateScenario(input);
  expect(issues).toEqual([]);
  return s;
}

describe('run cost estimate', () => {
  it.each([
    ['preset primary-fails', () => preset('primary-fails')],
    ['preset net-vs-nonet-media', () => preset('net-vs-nonet-media')],
    ['preset r1-credit', () => preset('r1-credit')],
    ['preset r4-native-1500', () => preset('r4-native-1500')],
    ['60 calls, 4 s', () => scenario({ durationS: 4, telephony: { calls: 60 } })],
    // Past the relay's capacity most packets are dropped early, at few events each.
    ['300 calls, 4 s', () => scenario({ durationS: 4, telephony: { calls: 300 } })],
    ['1000 calls, 4 s', () => scenario({ durationS: 4, telephony: { calls: 1000 } })],
    ['2000 calls, 2 s', () => scenario({ durationS: 2, telephony: { calls: 2000 } })],
    [
      '500 REGISTER/s and ping every 10 ms, 4 s',
      () =>
        scenario({
          durationS: 4,
          telephony: { calls: 0, registerRate: 500 },
          ping: { enabled: true, intervalMs: 10, count: 1000 },
        }),
    ],
    [
      'workloads on an unbuffered VM: a UDP stream, a TCP stream, a web server ramp and a transfer, 4 s',
      () =>
        scenario({
          durationS: 4,
          telephony: { calls: 0 },
          vms: { vm1: { protection: 'standby' } },
          workloads: {
            w1: { kind: 'stream-udp', rate: 500, direction: 'from-vm' },
            w2: { kind: 'stream-tcp', rate: 300 },
            w3: { kind: 'web', rate: 100, rateEnd: 800 },
            w4: { kind: 'transfer', sizeKB: 5000 },
          },
        }),
    ],
  ])('%s: within a factor of two of the events the run fires', (_name, make) => {
    const s = make();
    const actual = runToEnd(s).summary.events;
    const est = estimateRunCost(s).events;
    expect(est / actual).toBeGreaterThan(0.5);
    expect(est / actual).toBeLessThan(2);
  });

  it('warns for 200 calls over 10 minutes and names the fields that drive it', () => {
    const c = estimateRunCost(scenario({ durationS: 600, telephony: { calls: 200 } }));
    expect(c.verdict).toBe('warn');
    expect(c.parts[0]?.fields).toContain('telephony.calls');
    expect(describeRunCost(c)).toMatch(/telephony\.calls, durationS/);
  });

  it('never costs less for more calls', () => {
    let last = 0;
    for (let calls = 0; calls <= 2000; calls += 25) {
      const e = estimateRunCost(scenario({ durationS: 60, telephony: { calls } })).events;
      expect(e).toBeGreaterThanOrEqual(last);
      last = e;
    }
  });

  it('passes the presets without a word', () => {
    for (const id of ['primary-fails', 'remus-bursts', 'r4-native-64', 'r3-credit'])
      expect(estimateRunCost(preset(id)).verdict).toBe('ok');
  });

  it('refuses the heaviest combination (2000 calls, 10 000 REGISTER/s, eight 10 Gb/s senders, 1 hour)', () => {
    const vms = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7, 8].map((k) => [
        `vm${k}`,
        { ...(k > 1 ? { enabled: true } : {}), txMbps: 10000, burnPct: 0 },
      ]),
    );
    const c = estimateRunCost(
      scenario({ durationS: 3600, telephony: { calls: 2000, registerRate: 10000 }, vms }),
    );
    expect(c.verdict).toBe('refuse');
    expect(c.parts.map((p) => p.what)).toEqual(
      expect.arrayContaining(['RTP media', 'SIP REGISTER', 'bulk transmit']),
    );
  });

  it('refuses 2000 calls for an hour and lets 2000 calls run for a minute with a warning at most', () => {
    expect(estimateRunCost(scenario({ durationS: 3600, telephony: { calls: 2000 } })).verdict).toBe(
      'refuse',
    );
    expect(
      estimateRunCost(scenario({ durationS: 60, telephony: { calls: 2000 } })).verdict,
    ).not.toBe('refuse');
  });
});
