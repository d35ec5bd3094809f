import { TraceFlag } from '../engine/trace';
import type { Micros } from '../engine/units';
import type { Pick, SchedPolicy } from './policy';
import { CreditAccounting } from './credit-accounting';
import { Prio, type Vcpu } from './vcpu';

/** CSCHED_PRI_IDLE: below OVER (an idle pCPU steals anything). */
const IDLE = Prio.Over + 1;

/**
 * The Xen credit scheduler, checked line by line against xen/common/sched/credit.c of Xen 4.17
 * (Debian bookworm's source package):
 * - per-pCPU run queues sorted BOOST > UNDER > OVER, FIFO within a priority (__runq_insert);
 * - a fixed time slice; credits debited by exact CPU time (burn_credits);
 * - every 30 ms, csched_acct shares 300 credits per pCPU of the pool among the active list by
 *   weight (`account`); a vCPU joins the list when a tick finds it running (csched_unit_acct) and
 *   leaves it, keeping half its credit, when accounting finds it above +300; debt is clamped at −300;
 * - BOOST on wake-up while UNDER (csched_unit_wake), ending at the first tick that finds the vCPU
 *   running (one that always blocks between ticks keeps it: credit1's tick-dodging weakness);
 * - priorities change only at accounting; only a wake-up preempts, when the woken vCPU's priority
 *   beats the running one's (__runq_tickle; the dispatcher applies the 1 ms rate limit);
 * - a capped vCPU earns at most (cap·300 + 99)/100 credits a period and is parked when its credit
 *   falls below minus that, until it is back to ≥ 0 (non-work-conserving);
 * - a pCPU whose best waiter is OVER, or that would idle, steals a strictly better waiter that may
 *   run there from another pCPU's queue (csched_load_balance, csched_runq_steal).
 */
export class CreditPolicy implements SchedPolicy {
  private readonly runq: Vcpu[][];
  private readonly accounting: CreditAccounting;
  /** Per core, the best vCPU woken there since the core last picked (__runq_tickle's "new"). */
  private readonly woken: (Vcpu | null)[];

  constructor(
    cores: number,
    private readonly slice: number,
    /** Cores each unpinned vCPU may use (guest cores). */
    private readonly allowed: (v: Vcpu) => readonly number[],
    /** The cores of each cpupool; one pool of every core by default (Xen's Pool-0). */
    pools: readonly (readonly number[])[] = [Array.from({ length: cores }, (_, i) => i)],
  ) {
    this.runq = Array.from({ length: cores }, () => []);
    this.accounting = new CreditAccounting(cores, pools);
    this.woken = Array.from({ length: cores }, () => null);
  }

  /** Registers a vCPU (nothing to do: it joins the active list when a tick finds it running). */
  add(_v: Vcpu): void {}

  enqueue(v: Vcpu, reason: 'wake' | 'preempted' | 'expired'): void {
    // csched_unit_wake: only a vCPU UNDER at its last accounting is boosted; priorities are
    // otherwise recomputed from credit at accounting alone, not when a slice ends.
    if (reason === 'wake' && v.prio === Prio.Under && !v.parked) v.prio = Prio.Boost;
    // __runq_insert: after every waiter of the same or a better priority.
    const q = this.runq[v.core] as Vcpu[];
    // Behind every waiter of its priority or better: the worse ones move up one (no splice).
    let i = q.length;
    while (i > 0 && (q[i - 1] as Vcpu).prio > v.prio) {
      q[i] = q[i - 1] as Vcpu;
      i--;
    }
    q[i] = v;
    const w = this.woken[v.core];
    if (reason === 'wake' && (!w || v.prio < w.prio)) this.woken[v.core] = v;
  }

  remove(v: Vcpu): void {
    for (const q of this.runq) {
      const i = q.indexOf(v);
      if (i >= 0) takeAt(q, i);
    }
  }

  pick(core: number): Pick | null {
    this.woken[core] = null;
    const q = this.runq[core] as Vcpu[];
    const head = q[0];
    // csched_schedule: a local BOOST or UNDER runs; when the best local waiter is OVER, or there is
    // none, csched_load_balance first looks for strictly better work on the other pCPUs.
    const v =
      head !== undefined && head.prio < Prio.Over
        ? q.shift()
        : (this.steal(core, head?.prio ?? IDLE) ?? q.shift());
    if (!v) return null;
    const flags = (v.prio === Prio.Boost ? TraceFlag.Boost : 0) | (v.vm === 0 ? TraceFlag.Dom0 : 0);
    // One answer object, refilled: the dispatcher reads it at once (a pick per dispatch).
    const picked = this.picked;
    picked.v = v;
    picked.slice = this.slice;
    picked.flags = flags;
    return picked;
  }

  private readonly picked: { v: Vcpu; slice: number; flags: number } = {
    v: undefined as unknown as Vcpu,
    slice: 0,
    flags: 0,
  };

  /**
   * Only a wake-up preempts (csched_unit_wake → __runq_tickle), and only when the woken vCPU has
   * a better priority than the running one; a queue re-sorted at accounting waits for the slice end.
   */
  wantsPreempt(core: number, running: Vcpu): boolean {
    const w = this.woken[core];
    return w !== null && w !== undefined && w.state === 'runnable' && w.prio < running.prio;
  }

  charged(v: Vcpu, dt: number): void {
    this.accounting.charged(v, dt);
  }

  budget(v: Vcpu): number {
    return v.parked ? 0 : Infinity;
  }

  coresFor(v: Vcpu): readonly number[] {
    // Every wake-up asks, so the answers are made once per core and allowed set (`allowed` gives
    // the same array for the same cores: scheduler-policy.ts). Keyed by the set, not just the
    // last one asked for: dom0's and the guests' wake-ups alternate.
    if (v.traits.pinned) return (this.ownCore[v.core] ??= [v.core]);
    const allowed = this.allowed(v);
    let orders = this.orders.get(allowed);
    if (!orders) this.orders.set(allowed, (orders = []));
    // Its own core, plus idle allowed cores that could steal it.
    return (orders[v.core] ??= [v.core, ...allowed.filter((c) => c !== v.core)]);
  }

  /** `coresFor`'s answers: a pinned vCPU's own core, and per allowed set the order per core. */
  private readonly ownCore: (readonly number[] | undefined)[] = [];
  private readonly orders = new Map<readonly number[], (readonly number[] | undefined)[]>();

  tick(_now: Micros, running: readonly (Vcpu | null)[]): { park: Vcpu[]; unpark: Vcpu[] } {
    const acct = this.accounting.tick(running);
    if (!acct) return { park: [], unpark: [] };
    // csched_tick → csched_runq_sort: each pCPU moves its UNDER (and BOOST) waiters ahead of the OVER ones.
    for (const q of this.runq) q.sort((a, b) => a.prio - b.prio);
    return acct;
  }

  /**
   * csched_runq_steal over the peers in turn: in each peer's queue, the first waiter that may run
   * here, as long as the waiters are of strictly better priority than `pri` (ours).
   */
  private steal(core: number, pri: number): Vcpu | undefined {
    const n = this.runq.length;
    for (let k = 1; k < n; k++) {
      const q = this.runq[(core + k) % n] as Vcpu[];
      for (let i = 0; i < q.length; i++) {
        const v = q[i] as Vcpu;
        if (v.prio >= pri) break;
        if (v.traits.pinned || !this.allowed(v).includes(core)) continue;
        return takeAt(q, i);
      }
    }
    return undefined;
  }
}

/**
 * Removes and returns `q[i]`, moving the later waiters up. Not `splice`, which allocates the
 * array of what it removed (a steal per dispatch on an idle core); not `length = n - 1`, which
 * drops V8's backing store when the queue empties (measured with the sampling heap profiler).
 */
function takeAt(q: Vcpu[], i: number): Vcpu | undefined {
  const n = q.length;
  if (i >= n) return undefined;
  const v = q[i];
  for (let j = i + 1; j < n; j++) q[j - 1] = q[j] as Vcpu;
  q.pop();
  return v;
}
