import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/sim/sweep/aggregate';
import { planSweep } from '../src/sim/sweep/plan';
import { runSweepPoint } from '../src/sim/sweep/row';
import { metricOf } from '../src/sim/sweep/metrics';
import { setPath } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import { metricsIn } from '../src/ui/sweep/sweep-form';

/** A sweep of the workloads' own figures: httperf's reply-rate curve, a transfer against its WAN. */

const base = { sweepVersion: 1, scenario: 'remus-bursts', seeds: 1 };

function sweep(set: Record<string, unknown>, path: string, values: number[], metrics: string[]) {
  const { plan, problems } = planSweep({ ...base, set, vary: [{ path, values }], metrics });
  expect(problems).toEqual([]);
  const rows = (plan?.runs ?? []).map((r) => runSweepPoint(r, plan?.metrics ?? []));
  return (id: string) => aggregate(rows, id).map((p) => p.mean);
}

describe('workload metrics in sweeps', () => {
  it('a spec without metrics reports the slots some run uses, not the empty ones', () => {
    const none = planSweep({ ...base, vary: [{ path: 'durationS', values: [1] }] });
    expect(none.plan?.metrics.some((m) => /^w\d/.test(m))).toBe(false);
    const switched = planSweep({
      ...base,
      vary: [{ path: 'workloads.w2.kind', values: ['none', 'web'] }],
    });
    const ids = switched.plan?.metrics ?? [];
    expect(ids).toContain('w2ReplyRate');
    // Only the kinds the slot has in some run: a web server has no completion time.
    expect(ids).not.toContain('w2CompletionS');
    expect(ids).toContain('lossPct');
    expect(ids.some((m) => m.startsWith('w1'))).toBe(false);
    expect(metricOf('w2ReplyRate')?.unit).toBe('replies/s');
  });

  it('the httperf curve: replies follow the offered rate up to the server’s CPU bound, then flatten', () => {
    // 2 ms of guest CPU a request: at most 500 replies/s from one vCPU (the bound is 1/cost).
    const set = {
      durationS: 6,
      'telephony.calls': 0,
      'telephony.registerRate': 0,
      'vms.vm1.protection': 'standby',
      'workloads.w1.kind': 'web',
      'workloads.w1.costUs': 2000,
      'workloads.w1.replyKB': 1,
    };
    const mean = sweep(set, 'workloads.w1.rate', [100, 250, 1000], ['w1ReplyRate', 'w1ReplyMs']);
    const [r100, r250, r1000] = mean('w1ReplyRate');
    expect(r100).toBeGreaterThan(90);
    expect(r100).toBeLessThan(105);
    expect(r250).toBeGreaterThan(225);
    expect(r250).toBeLessThan(262);
    expect(r1000).toBeGreaterThan(400);
    expect(r1000).toBeLessThan(525);
    // Past the bound the requests queue: reply time grows by orders of magnitude.
    const [t100, , t1000] = mean('w1ReplyMs');
    expect(t1000 ?? 0).toBeGreaterThan(10 * (t100 ?? Infinity));
  });

  it('a window-limited transfer takes longer over a longer WAN (throughput ≤ window / RTT)', () => {
    const set = {
      durationS: 20,
      'telephony.calls': 0,
      'vms.vm1.protection': 'standby',
      'workloads.w1.kind': 'transfer',
      'workloads.w1.sizeKB': 2048,
      'workloads.w1.windowKB': 64,
    };
    const mean = sweep(set, 'workloads.w1.wanDelayMs', [10, 20, 40], ['w1CompletionS', 'w1Mbps']);
    const [c10, c20, c40] = mean('w1CompletionS') as number[];
    expect(c10).toBeLessThan(c20 as number);
    expect(c20).toBeLessThan(c40 as number);
    // 32 windows of 64 KB, one per round trip (2 × 40 ms + the LAN): at least 2.6 s at 40 ms.
    expect(c40).toBeGreaterThan(2.6);
    for (const mbps of mean('w1Mbps')) expect(mbps).toBeLessThan((64 * 1024 * 8) / 0.02 / 1e6);
  });

  it('under Remus Net the VM’s ACKs wait for their epoch: the epoch, not the WAN, sets the pace', () => {
    const set = {
      durationS: 20,
      'telephony.calls': 0,
      'workloads.w1.kind': 'transfer',
      'workloads.w1.sizeKB': 2048,
      'workloads.w1.windowKB': 64,
    };
    const net = sweep(
      set,
      'workloads.w1.wanDelayMs',
      [10, 40],
      ['w1CompletionS'],
    )('w1CompletionS') as number[];
    const [n10, n40] = net;
    // Each window's ACKs leave at the next commit (remus-bursts: 200 ms interval plus the
    // checkpoint): far slower than the 20–80 ms round trips, and nearly the same at both delays.
    expect(n10).toBeGreaterThan(3 * 2.6);
    expect(Math.abs((n40 as number) - (n10 as number))).toBeLessThan(0.1 * (n10 as number));
  });
});

describe('sweep planning validates once per point', () => {
  it('each seed’s scenario is the one validating it on its own gives', () => {
    const { plan } = planSweep({
      ...base,
      set: { durationS: 3 },
      vary: [{ path: 'replication.intervalMs', values: [100, 300] }],
      seeds: 3,
    });
    expect(plan?.runs).toHaveLength(6);
    for (const r of plan?.runs ?? []) {
      const alone = validateScenario(setPath(r.scenario, 'seed', r.seed));
      expect(alone.issues.filter((i) => i.action !== 'warning')).toEqual([]);
      expect(r.scenario).toEqual(alone.scenario);
      expect(r.scenario.seed).toBe(r.seed);
    }
  });

  it('the seed is not an axis (the seeds of each point would overwrite it)', () => {
    const { plan, problems } = planSweep({
      ...base,
      vary: [{ path: 'seed', values: [5, 9] }],
      seeds: 2,
    });
    expect(plan).toBeNull();
    expect(problems[0]).toMatch(/^vary\.0\.path: the seed is not an axis/);
  });

  it('seeds past the seed field’s range are refused, not clamped', () => {
    const { plan, problems } = planSweep({
      ...base,
      set: { seed: 2147483646 },
      vary: [{ path: 'durationS', values: [1] }],
      seeds: 3,
    });
    expect(plan).toBeNull();
    expect(problems[0]).toMatch(/^seeds: .*2147483647/);
  });
});

describe('the sweep panel’s metric list', () => {
  const { scenario } = validateScenario({ workloads: { w1: { kind: 'stream-udp' } } });
  const ids = (paths: string[], current = 'lossPct') =>
    metricsIn(scenario, paths, current).map((m) => m.id);

  it('offers a workload’s metrics of its kind only', () => {
    expect(ids([])).toEqual(
      expect.arrayContaining(['lossPct', 'w1LossPct', 'w1Mbps', 'w1DelayMs']),
    );
    expect(ids([])).not.toContain('w1ReplyRate');
    expect(ids([]).some((m) => m.startsWith('w2'))).toBe(false);
  });

  it('offers a probe’s metrics only where it runs or an axis changes it', () => {
    expect(ids([])).not.toContain('udpLossPct');
    expect(ids([])).not.toContain('pingMeanMs');
    expect(ids(['udp.enabled'])).toContain('udpLossPct');
    expect(ids(['ping.intervalMs'])).not.toContain('pingP95Ms');
    expect(ids(['ping.enabled'])).toContain('pingP95Ms');
    const pinged = metricsIn(setPath(scenario, 'ping.enabled', true), [], 'lossPct');
    expect(pinged.map((m) => m.id)).toContain('pingMeanMs');
    expect(ids([], 'webP95Ms')).toContain('webP95Ms');
  });

  it('offers every kind’s when an axis varies the kind, and keeps the one chosen', () => {
    expect(ids(['workloads.w1.kind'])).toContain('w1ReplyRate');
    expect(ids(['workloads.w3.kind'])).toContain('w3CompletionS');
    expect(ids([], 'w2SynDrops')).toContain('w2SynDrops');
  });
});
