import type { Workload } from './workload';

/** Credit priorities, lower runs first: BOOST > UNDER > OVER (sched_credit.c). */
export const Prio = { Boost: 0, Under: 1, Over: 2 } as const;
export type Prio = (typeof Prio)[keyof typeof Prio];

export type VcpuState = 'blocked' | 'runnable' | 'running' | 'paused' | 'offline';

/** A virtual CPU (one per VM in this model) and its scheduler bookkeeping. */
export class Vcpu {
  state: VcpuState = 'blocked';
  /** Credits, 10 per ms of CPU (CSCHED_CREDITS_PER_MSEC). */
  credit = 0;
  prio: Prio = Prio.Under;
  /** CPU time received, µs. */
  runTime = 0;
  /** Times it was switched in after another vCPU. */
  switches = 0;
  /** On the credit scheduler's active list: earns credits at accounting (csched_vcpu_acct_start/stop). */
  active = false;
  /** Parked by its cap until its credit is back to ≥ 0. */
  parked = false;

  constructor(
    /** VM id: 0 is dom0, then guests. Also the colour key in the timelines. */
    readonly vm: number,
    readonly name: string,
    readonly weight: number,
    /** Core it is on (it may move when not pinned). */
    public core: number,
    readonly workload: Workload,
    /** Scheduler traits: cap (% of one pCPU, 0 = none), hard pin, vSlicer class. */
    readonly traits: { readonly capPct: number; readonly pinned: boolean; lsvm: boolean } = {
      capPct: 0,
      pinned: true,
      lsvm: false,
    },
  ) {}
}
