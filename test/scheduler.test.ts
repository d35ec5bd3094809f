import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/sim/engine/simulator';
import { TraceKind, TraceRecorder } from '../src/sim/engine/trace';
import { ms, sec } from '../src/sim/engine/units';
import { CreditScheduler } from '../src/sim/host/credit-scheduler';
import { Vcpu } from '../src/sim/host/vcpu';
import { Burner, JobQueue } from '../src/sim/host/workload';

function burners(weights: number[], seconds: number) {
  const sim = new Simulator();
  const trace = new TraceRecorder();
  const sched = new CreditScheduler(sim, trace, {
    cores: 1,
    slice: ms(30),
    ctxSwitch: 0 as never,
    host: 0,
  });
  const vs = weights.map((w, i) => {
    const b = new Burner(1);
    b.accrue(sec(seconds));
    const v = new Vcpu(i + 1, `b${i}`, w, 0, b);
    sched.add(v);
    sched.wake(v);
    return v;
  });
  sim.runUntil(sec(seconds));
  sched.flush(sec(seconds));
  return { vs, trace: trace.drain(), sim };
}

describe('credit-style scheduler', () => {
  it('equal weights share one core equally, in 30 ms slices, round robin', () => {
    const { vs, trace } = burners([256, 256, 256, 256], 30);
    for (const v of vs) expect(v.runTime / sec(30)).toBeCloseTo(0.25, 2);
    const slices: number[] = [];
    for (let i = 0; i < trace.count; i++)
      if (trace.kind[i] === TraceKind.Slice)
        slices.push((trace.a[i] as number) - (trace.t[i] as number));
    const full = slices.filter((d) => d === ms(30)).length;
    expect(full / slices.length).toBeGreaterThan(0.95);
  });

  it('shares follow weights (credits re-assigned every 30 ms in proportion to weight)', () => {
    const { vs } = burners([256, 512, 256], 30);
    const share = vs.map((v) => v.runTime / sec(30));
    expect(share[1]).toBeCloseTo(0.5, 1);
    expect(Math.abs((share[0] as number) - 0.25)).toBeLessThan(0.03);
    expect(Math.abs((share[2] as number) - 0.25)).toBeLessThan(0.03);
  });

  it('a waking UNDER vCPU is BOOSTed and preempts a burner after the rate limit', () => {
    const sim = new Simulator();
    const trace = new TraceRecorder();
    const sched = new CreditScheduler(sim, trace, {
      cores: 1,
      slice: ms(30),
      ctxSwitch: 0 as never,
      host: 0,
    });
    const b = new Burner(1);
    b.accrue(sec(10));
    const hog = new Vcpu(1, 'hog', 256, 0, b);
    const jobs = new JobQueue();
    const io = new Vcpu(2, 'io', 256, 0, jobs);
    sched.add(hog);
    sched.add(io);
    sched.wake(hog);
    let doneAt = -1;
    sim.at(ms(105), () => {
      jobs.push(100, (now) => (doneAt = now));
      sched.wake(io);
    });
    sim.runUntil(sec(1));
    // The hog has run ≥ 1 ms (rate limit) in its slice, so io preempts at once and runs 100 µs.
    expect(doneAt).toBe(ms(105) + 100);
  });
});
