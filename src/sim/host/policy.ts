import type { Micros } from '../engine/units';
import type { Vcpu } from './vcpu';

/**
 * What a policy picked for a core: the vCPU, how long it may run, and slice flags for the trace.
 * The dispatcher reads it at once, so a policy may hand out the same object refilled.
 */
export interface Pick {
  readonly v: Vcpu;
  readonly slice: number;
  readonly flags: number;
}

/** What the dispatcher offers a policy that keeps timers of its own (RTDS replenishments). */
export interface PolicyControl {
  /** Runs `fn` at time `t`. */
  at(t: Micros, fn: (now: Micros) => void): void;
  /** Charges a running vCPU's CPU time up to now (before its budget is reset). */
  settle(v: Vcpu): void;
  /** `v` got a new period: bring it back if it was depleted (parked) and let the cores re-examine. */
  replenished(v: Vcpu, wasDepleted: boolean): void;
}

/**
 * A scheduling policy: which runnable vCPU a core runs next and for how long. The dispatcher
 * (scheduler.ts) owns the mechanics — running, charging, switching, pausing, tracing — and asks
 * the policy at each decision.
 */
export interface SchedPolicy {
  /** A vCPU became runnable (woke, was preempted, or its slice expired). */
  enqueue(v: Vcpu, reason: 'wake' | 'preempted' | 'expired', now: Micros): void;
  /** A runnable vCPU leaves the queues (paused). */
  remove(v: Vcpu): void;
  /** The next vCPU for `core`, or null to idle. May take work from another core (load balancing). */
  pick(core: number, now: Micros): Pick | null;
  /** Whether a waiter should preempt `running` on `core` now. */
  wantsPreempt(core: number, running: Vcpu): boolean;
  /** CPU time `dt` was given to `v`. */
  charged(v: Vcpu, dt: number): void;
  /** µs `v` may still run before its cap parks it (Infinity when uncapped). */
  budget(v: Vcpu): number;
  /** Cores that should re-examine their queues after a change (idle cores that could take `v`). */
  coresFor(v: Vcpu): readonly number[];
  /** Called once by the dispatcher, for policies with timers of their own. */
  attach?(ctl: PolicyControl): void;
  /** The 10 ms tick. Returns vCPUs to park now (over their cap) and to unpark (credit recovered). */
  tick(now: Micros, running: readonly (Vcpu | null)[]): { park: Vcpu[]; unpark: Vcpu[] };
}
