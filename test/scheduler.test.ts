import { describe, expect, it } from 'vitest';
import { burnerHost } from './support/burner-host';
import { Simulator } from '../src/sim/engine/simulator';
import { TraceKind, TraceRecorder } from '../src/sim/engine/trace';
import { ms, sec, us } from '../src/sim/engine/units';
import { CreditPolicy } from '../src/sim/host/credit-policy';
import { CpuScheduler } from '../src/sim/host/scheduler';
import { Prio, Vcpu } from '../src/sim/host/vcpu';
import { Burner, JobQueue } from '../src/sim/host/workload';

describe('credit scheduler', () => {
  it('equal weights share one core equally, in 30 ms slices, round robin', () => {
    const { vs, trace } = burnerHost([{}, {}, {}, {}], 30);
    for (const v of vs) expect(v.runTime / sec(30)).toBeCloseTo(0.25, 2);
    const slices: number[] = [];
    for (let i = 0; i < trace.count; i++)
      if (trace.kind[i] === TraceKind.Slice)
        slices.push((trace.a[i] as number) - (trace.t[i] as number));
    expect(slices.filter((d) => d === ms(30)).length / slices.length).toBeGreaterThan(0.95);
  });

  it('shares follow weights (credits re-assigned every 30 ms in proportion to weight)', () => {
    const { vs } = burnerHost([{ weight: 256 }, { weight: 512 }, { weight: 256 }], 30);
    const share = vs.map((v) => v.runTime / sec(30));
    expect(share[1]).toBeCloseTo(0.5, 1);
    expect(Math.abs((share[0] as number) - 0.25)).toBeLessThan(0.03);
  });

  it('a cap limits a VM even when the CPU would be idle (non-work-conserving)', () => {
    const { vs, sched } = burnerHost([{ capPct: 30 }], 10);
    expect((vs[0] as Vcpu).runTime / sec(10)).toBeCloseTo(0.3, 2);
    expect(sched.coreTimes()[0]?.busy).toBeLessThan(sec(10) * 0.31);
  });

  it('idle cores steal unpinned vCPUs; pinned ones stay', () => {
    const free = burnerHost(
      [
        { core: 0, pinned: false },
        { core: 0, pinned: false },
      ],
      10,
      { cores: 2 },
    );
    for (const v of free.vs) expect(v.runTime / sec(10)).toBeGreaterThan(0.95);
    const pinned = burnerHost([{ core: 0 }, { core: 0 }], 10, { cores: 2 });
    for (const v of pinned.vs) expect(v.runTime / sec(10)).toBeCloseTo(0.5, 2);
  });

  it('only the active list earns; above +300 a vCPU leaves it with half its credit (csched_acct)', () => {
    const policy = new CreditPolicy(1, ms(30), () => [0]);
    const a = new Vcpu(1, 'a', 256, 0, new Burner(1));
    const b = new Vcpu(2, 'b', 256, 0, new Burner(1));
    policy.add(a);
    policy.add(b);
    a.credit = 290;
    // Three ticks find `a` running (it joins the active list); `b` never runs, so it earns nothing.
    for (let i = 0; i < 3; i++) policy.tick(ms(10 * (i + 1)), [a]);
    expect(b.active).toBe(false);
    expect(b.credit).toBe(0);
    expect(a.active).toBe(false);
    expect(a.credit).toBe(295); // (290 + 300) / 2
  });

  it('the tick takes BOOST only from a vCPU it finds running; wake boosts only an UNDER vCPU', () => {
    const policy = new CreditPolicy(1, ms(30), () => [0]);
    const v = new Vcpu(1, 'v', 256, 0, new Burner(1));
    policy.add(v);
    policy.enqueue(v, 'wake');
    expect(v.prio).toBe(Prio.Boost);
    policy.remove(v);
    policy.tick(ms(10), [null]); // it blocked before the tick: still BOOST (tick-dodging)
    expect(v.prio).toBe(Prio.Boost);
    policy.tick(ms(20), [v]);
    expect(v.prio).toBe(Prio.Under);
    v.prio = Prio.Over;
    policy.enqueue(v, 'wake');
    expect(v.prio).toBe(Prio.Over);
  });

  it('a waking UNDER vCPU is BOOSTed and preempts a burner once the rate limit allows', () => {
    const sim = new Simulator();
    const trace = new TraceRecorder();
    const policy = new CreditPolicy(1, ms(30), () => [0]);
    const sched = new CpuScheduler(sim, trace, policy, {
      cores: 1,
      ctxSwitch: us(0),
      rateLimit: ms(1),
      host: 0,
    });
    const b = new Burner(1);
    b.accrue(sec(10));
    const hog = new Vcpu(1, 'hog', 256, 0, b);
    const jobs = new JobQueue();
    const io = new Vcpu(2, 'io', 256, 0, jobs);
    for (const v of [hog, io]) {
      sched.add(v);
      policy.add(v);
    }
    sched.wake(hog);
    let doneAt = -1;
    sim.at(ms(105), () => {
      jobs.push(100, (now) => (doneAt = now));
      sched.wake(io);
    });
    sim.runUntil(sec(1));
    expect(doneAt).toBe(ms(105) + 100);
  });
});

describe('vSlicer policy', () => {
  it('gives every VM the same share, LSVM or not (R2 fairness, 30 s)', () => {
    const { vs } = burnerHost([{ lsvm: true }, { lsvm: true }, {}, {}], 30, {
      policy: 'vslicer',
      tmMs: 5,
    });
    for (const v of vs)
      expect(Math.abs(v.runTime / sec(30) - 0.25)).toBeLessThan(0.02 * 0.25 + 0.001);
  });

  it('runs one round of LSVM micro-slices after every NLSVM slice', () => {
    const { trace } = burnerHost([{ lsvm: true }, { lsvm: true }, {}, {}], 0.5, {
      policy: 'vslicer',
      tmMs: 5,
    });
    const seq: string[] = [];
    for (let i = 0; i < trace.count && seq.length < 24; i++) {
      if (trace.kind[i] !== TraceKind.Slice) continue;
      seq.push(
        `${trace.b[i] as number}:${((trace.a[i] as number) - (trace.t[i] as number)) / 1000}`,
      );
    }
    // All four wake at 0 and are BOOSTed (credit1's wake-up, kept by vSlicer): they run once in
    // wake order until the tick ends BOOST. Then the pattern: NLSVM 30 ms, L1, L2 × 3 micro-slices
    // of 5 ms (T_S = 30 ms), the other NLSVM, and again.
    expect(seq.slice(0, 4)).toEqual(['1:5', '2:5', '3:30', '4:30']);
    const steady = seq.slice(seq.indexOf('3:30', 3));
    expect(steady.slice(0, 14)).toEqual([
      '3:30',
      '1:5',
      '2:5',
      '1:5',
      '2:5',
      '1:5',
      '2:5',
      '4:30',
      '1:5',
      '2:5',
      '1:5',
      '2:5',
      '1:5',
      '2:5',
    ]);
  });
});

describe('vSlicer arithmetic', () => {
  it('T_S = m·T/n, T_n = T/n, r = T_n/T_m; worst LSVM wait T + (m−1)·T_m', async () => {
    const { vslicerPlan, vslicerProblem } = await import('../src/sim/host/vslicer-math');
    expect(vslicerPlan(2, 2, 30_000, 5_000)).toMatchObject({
      tS: 30_000,
      tN: 15_000,
      r: 3,
      worstLatency: 35_000,
    });
    expect(vslicerPlan(1, 3, 30_000, 5_000)).toMatchObject({ tS: 10_000, tN: 10_000, r: 2 });
    // Four NLSVMs: T/n = 7.5 ms, so 2.5 ms works and 5 ms does not.
    expect(vslicerProblem(1, 4, 30_000, 2_500)).toBeNull();
    expect(vslicerProblem(1, 4, 30_000, 5_000)).toContain('must divide');
    expect(vslicerProblem(2, 0, 30_000, 5_000)).toContain('n ≥ 1');
    expect(vslicerProblem(1, 1, 30_000, 5_000)).toContain('m + n ≥ 3');
  });
});
