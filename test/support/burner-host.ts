import { Simulator } from '../../src/sim/engine/simulator';
import { TraceRecorder } from '../../src/sim/engine/trace';
import { ms, sec, us } from '../../src/sim/engine/units';
import { CreditPolicy } from '../../src/sim/host/credit-policy';
import type { SchedPolicy } from '../../src/sim/host/policy';
import { CpuScheduler } from '../../src/sim/host/scheduler';
import { Vcpu } from '../../src/sim/host/vcpu';
import { RtdsPolicy } from '../../src/sim/host/rtds-policy';
import { VSlicerPolicy } from '../../src/sim/host/vslicer-policy';
import { Burner } from '../../src/sim/host/workload';

export interface VmSpec {
  weight?: number;
  capPct?: number;
  core?: number;
  pinned?: boolean;
  lsvm?: boolean;
}

/** One host with always-busy burners per spec, under a policy, run for `seconds`. */
export function burnerHost(
  specs: VmSpec[],
  seconds: number,
  opts: {
    cores?: number;
    policy?: 'credit' | 'vslicer' | 'rtds';
    sliceMs?: number;
    tmMs?: number;
    /** RTDS period, budget (ms) and extratime. */
    rtds?: { periodMs: number; budgetMs: number; extratime: boolean };
  } = {},
) {
  const sim = new Simulator();
  const trace = new TraceRecorder();
  const cores = opts.cores ?? 1;
  const slice = ms(opts.sliceMs ?? 30);
  const allCores = (): number[] => Array.from({ length: cores }, (_, i) => i);
  const rt = opts.rtds ?? { periodMs: 10, budgetMs: 4, extratime: true };
  const policy: SchedPolicy & { add(v: Vcpu): void } =
    opts.policy === 'vslicer'
      ? new VSlicerPolicy(cores, slice, ms(opts.tmMs ?? 5))
      : opts.policy === 'rtds'
        ? new RtdsPolicy(ms(rt.periodMs), ms(rt.budgetMs), rt.extratime, allCores)
        : new CreditPolicy(cores, slice, allCores);
  const sched = new CpuScheduler(sim, trace, policy, {
    cores,
    ctxSwitch: us(0),
    rateLimit: opts.policy === 'rtds' ? us(0) : ms(1),
    host: 0,
  });
  const vs = specs.map((s, i) => {
    const b = new Burner(1);
    b.accrue(sec(seconds));
    const v = new Vcpu(i + 1, `vm${i + 1}`, s.weight ?? 256, s.core ?? 0, b, {
      capPct: s.capPct ?? 0,
      pinned: s.pinned ?? true,
      lsvm: s.lsvm ?? false,
    });
    sched.add(v);
    policy.add(v);
    return v;
  });
  if (policy instanceof VSlicerPolicy) policy.finalize(vs);
  for (const v of vs) sched.wake(v);
  sim.runUntil(sec(seconds));
  sched.flush(sec(seconds));
  return { vs, trace: trace.drain(), sim, sched };
}
