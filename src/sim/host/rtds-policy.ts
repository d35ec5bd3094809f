import { TraceFlag } from '../engine/trace';
import type { Micros } from '../engine/units';
import type { Pick, PolicyControl, SchedPolicy } from './policy';
import type { Vcpu } from './vcpu';

/** RTDS defaults (xen/common/sched/rt.c: RTDS_DEFAULT_PERIOD, RTDS_DEFAULT_BUDGET; extratime on). */
export const RTDS_DEFAULTS = { periodMs: 10, budgetMs: 4, extratime: true } as const;

/** A vCPU's RTDS server state (struct rt_unit). */
interface Server {
  period: number;
  /** Budget per period (µs). */
  full: number;
  deadline: number;
  budget: number;
  /** 0 while within its budget; +1 each time extratime refills it (lower priority). */
  level: number;
  depleted: boolean;
  /** Bumped to cancel a pending replenishment. */
  token: number;
}

/**
 * Xen's RTDS scheduler (xen/common/sched/rt.c, Xen 4.17), the real-time successor of SEDF, which
 * Xen removed in 4.6: preemptive global EDF over the pool's pCPUs. Each vCPU is a deferrable
 * server with a period and a budget: its budget is refilled and its deadline moved one period on
 * at each deadline (rt_update_deadline); while it runs the budget burns (burn_budget); a blocked
 * vCPU keeps what is left, and one that wakes after its deadline starts a new period
 * (rt_unit_wake). Priority: a lower level first, then the earlier deadline
 * (compare_unit_priority). With extratime, a vCPU that spends its budget goes one level down and
 * gets a new budget, so it can use idle time; without, it waits for its next period
 * (non-work-conserving). A waiter of higher priority preempts at once: RTDS has no rate limit.
 */
export class RtdsPolicy implements SchedPolicy {
  /** The pool's run queue, highest priority first (one for all cores: global EDF). */
  private readonly runq: Vcpu[] = [];
  private readonly servers = new Map<Vcpu, Server>();
  private ctl: PolicyControl | null = null;

  constructor(
    private readonly period: number,
    private readonly fullBudget: number,
    private readonly extratime: boolean,
    /** Cores each unpinned vCPU may use. */
    private readonly allowed: (v: Vcpu) => readonly number[],
  ) {}

  attach(ctl: PolicyControl): void {
    this.ctl = ctl;
  }

  /**
   * Registers a vCPU (rt_unit_insert: its first deadline is one period after it first runs), with
   * its own period and budget (µs) or the host's.
   */
  add(v: Vcpu, own?: { period: number; budget: number }): void {
    const period = own?.period ?? this.period;
    const full = own?.budget ?? this.fullBudget;
    this.servers.set(v, {
      period,
      full,
      deadline: 0,
      budget: full,
      level: 0,
      depleted: false,
      token: 0,
    });
  }

  /** The server state of a vCPU, for tests and the timeline. */
  server(v: Vcpu): Readonly<Server> | undefined {
    return this.servers.get(v);
  }

  enqueue(v: Vcpu, reason: 'wake' | 'preempted' | 'expired', now: Micros): void {
    const s = this.serverOf(v);
    // A deadline that passed while the vCPU slept (or before it first ran) starts a new period.
    if (reason === 'wake' && now >= s.deadline) this.newPeriod(v, s, now);
    if (s.depleted) return; // waits for its replenishment
    this.insert(v, s);
  }

  remove(v: Vcpu): void {
    const i = this.runq.indexOf(v);
    if (i >= 0) this.runq.splice(i, 1);
  }

  pick(core: number): Pick | null {
    const i = this.runq.findIndex((v) => this.mayRun(v, core));
    if (i < 0) return null;
    const [v] = this.runq.splice(i, 1) as [Vcpu];
    const s = this.serverOf(v);
    // Runs until its budget is spent (rt_schedule: next_time = cur_budget).
    return { v, slice: Math.max(1, s.budget), flags: v.vm === 0 ? TraceFlag.Dom0 : 0 };
  }

  wantsPreempt(core: number, running: Vcpu): boolean {
    const head = this.runq.find((v) => this.mayRun(v, core));
    return head !== undefined && this.before(head, running);
  }

  charged(v: Vcpu, dt: number): void {
    const s = this.serverOf(v);
    s.budget -= dt;
    if (s.budget > 0) return;
    if (this.extratime) {
      s.level++;
      s.budget = s.full;
    } else {
      s.budget = 0;
      s.depleted = true;
    }
  }

  budget(v: Vcpu): number {
    const s = this.serverOf(v);
    return s.depleted ? 0 : Infinity;
  }

  coresFor(v: Vcpu): readonly number[] {
    // Every wake-up asks: a pinned vCPU's answer is made once per core.
    return v.traits.pinned ? (this.ownCore[v.core] ??= [v.core]) : this.allowed(v);
  }

  private readonly ownCore: (readonly number[] | undefined)[] = [];

  tick(): { park: Vcpu[]; unpark: Vcpu[] } {
    return { park: [], unpark: [] };
  }

  /** rt_update_deadline: the first deadline after now on the vCPU's period grid, a full budget. */
  private newPeriod(v: Vcpu, s: Server, now: number): void {
    if (s.deadline <= now) s.deadline += (Math.floor((now - s.deadline) / s.period) + 1) * s.period;
    s.budget = s.full;
    s.level = 0;
    s.depleted = false;
    const token = ++s.token;
    this.ctl?.at(s.deadline as Micros, (t) => {
      if (s.token === token) this.replenish(v, s, t);
    });
  }

  /**
   * repl_timer_handler: a new period; re-sort, and let the cores re-examine their choice. A
   * depleted vCPU (parked by the dispatcher) comes back. One that sleeps has no replenishment
   * event (rt_unit_sleep): its wake-up starts the new period.
   */
  private replenish(v: Vcpu, s: Server, now: Micros): void {
    if (v.state !== 'runnable' && v.state !== 'running' && !v.parked) return;
    // Time run before the new period is the old period's (rt_update_deadline resets last_start).
    if (v.state === 'running') this.ctl?.settle(v);
    const wasDepleted = s.depleted;
    this.newPeriod(v, s, now);
    if (v.state === 'runnable') {
      this.remove(v);
      this.insert(v, s);
    }
    this.ctl?.replenished(v, wasDepleted);
  }

  private insert(v: Vcpu, s: Server): void {
    let i = 0;
    while (i < this.runq.length && !this.beforeServer(s, this.serverOf(this.runq[i] as Vcpu))) i++;
    this.runq.splice(i, 0, v);
  }

  /** compare_unit_priority(a, b) > 0: a lower level, then an earlier deadline; ties keep FIFO. */
  private before(a: Vcpu, b: Vcpu): boolean {
    return this.beforeServer(this.serverOf(a), this.serverOf(b));
  }

  private beforeServer(a: Server, b: Server): boolean {
    return a.level !== b.level ? a.level < b.level : a.deadline < b.deadline;
  }

  private mayRun(v: Vcpu, core: number): boolean {
    return v.traits.pinned ? v.core === core : this.allowed(v).includes(core);
  }

  private serverOf(v: Vcpu): Server {
    const s = this.servers.get(v);
    if (!s) throw new Error(`${v.name} is not registered with RTDS`);
    return s;
  }
}
