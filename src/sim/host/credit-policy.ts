import { TraceFlag } from '../engine/trace';
import type { Micros } from '../engine/units';
import type { Pick, SchedPolicy } from './policy';
import { Prio, type Vcpu } from './vcpu';

/** Xen credit scheduler constants (xen/common/sched/credit.c). */
export const CREDIT = {
  /** 30 ms accounting period = 3 ticks of 10 ms. */
  ticksPerAccounting: 3,
  /** CSCHED_CREDITS_PER_MSEC. */
  creditsPerMs: 10,
  /** Credits per pCPU per accounting period (10 × 30 ms). */
  creditsPerPeriod: 300,
  /** credits_per_tslice: the lower bound on credit, and the upper bound above which a vCPU leaves the active list. */
  creditClamp: 300,
} as const;

/** Credits a capped vCPU may earn per period, and its parking threshold: (cap·300 + 99)/100 (csched_acct). */
const capCredits = (v: Vcpu): number =>
  Math.floor((v.traits.capPct * CREDIT.creditsPerPeriod + 99) / 100);

/** A cpupool's accounting state (one csched_private per pool). */
interface Pool {
  /** pCPUs in the pool (prv->ncpus): it pays 300 credits per pCPU per period. */
  readonly cores: number;
  /** The active list, in Xen's order (joiners and peaked vCPUs at the head). */
  readonly active: Vcpu[];
  /** Credits of the active vCPUs summed after the last accounting (prv->credit_balance). */
  balance: number;
}

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
 * - an idle pCPU steals the best runnable unpinned vCPU from another queue (csched_load_balance).
 */
export class CreditPolicy implements SchedPolicy {
  private readonly runq: Vcpu[][];
  private readonly vcpus: Vcpu[] = [];
  private ticks = 0;
  /** The cpupools, each with its own scheduler instance (csched_private). */
  private readonly pools: Pool[];
  /** Pool of each core. */
  private readonly poolOfCore: Pool[];
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
    this.pools = pools.map((c) => ({ cores: c.length, active: [], balance: 0 }));
    this.poolOfCore = Array.from({ length: cores }, (_, core) => {
      const i = pools.findIndex((c) => c.includes(core));
      if (i < 0) throw new RangeError(`core ${core} is in no cpupool`);
      return this.pools[i] as Pool;
    });
    this.woken = Array.from({ length: cores }, () => null);
  }

  /** Registers a vCPU (needed for accounting). */
  add(v: Vcpu): void {
    this.vcpus.push(v);
  }

  enqueue(v: Vcpu, reason: 'wake' | 'preempted' | 'expired'): void {
    // csched_unit_wake: only a vCPU UNDER at its last accounting is boosted; priorities are
    // otherwise recomputed from credit at accounting alone, not when a slice ends.
    if (reason === 'wake' && v.prio === Prio.Under && !v.parked) v.prio = Prio.Boost;
    // __runq_insert: after every waiter of the same or a better priority.
    const q = this.runq[v.core] as Vcpu[];
    let i = q.length;
    while (i > 0 && (q[i - 1] as Vcpu).prio > v.prio) i--;
    q.splice(i, 0, v);
    const w = this.woken[v.core];
    if (reason === 'wake' && (!w || v.prio < w.prio)) this.woken[v.core] = v;
  }

  remove(v: Vcpu): void {
    for (const q of this.runq) {
      const i = q.indexOf(v);
      if (i >= 0) q.splice(i, 1);
    }
  }

  pick(core: number): Pick | null {
    this.woken[core] = null;
    let v = (this.runq[core] as Vcpu[]).shift();
    if (!v) v = this.steal(core);
    if (!v) return null;
    const flags = (v.prio === Prio.Boost ? TraceFlag.Boost : 0) | (v.vm === 0 ? TraceFlag.Dom0 : 0);
    return { v, slice: this.slice, flags };
  }

  /**
   * Only a wake-up preempts (csched_unit_wake → __runq_tickle), and only when the woken vCPU has
   * a better priority than the running one; a queue re-sorted at accounting waits for the slice end.
   */
  wantsPreempt(core: number, running: Vcpu): boolean {
    const w = this.woken[core];
    return w !== null && w !== undefined && w.state === 'runnable' && w.prio < running.prio;
  }

  charged(v: Vcpu, dt: number): void {
    v.credit -= (dt * CREDIT.creditsPerMs) / 1000;
  }

  budget(v: Vcpu): number {
    return v.parked ? 0 : Infinity;
  }

  coresFor(v: Vcpu): readonly number[] {
    // Its own core, plus idle allowed cores that could steal it.
    return v.traits.pinned ? [v.core] : [v.core, ...this.allowed(v).filter((c) => c !== v.core)];
  }

  tick(_now: Micros, running: readonly (Vcpu | null)[]): { park: Vcpu[]; unpark: Vcpu[] } {
    // csched_tick → csched_vcpu_acct: a vCPU found running loses BOOST and joins the active list.
    for (const v of running) {
      if (!v) continue;
      if (v.prio === Prio.Boost) v.prio = Prio.Under;
      this.join(v);
    }
    if (++this.ticks % CREDIT.ticksPerAccounting !== 0) return { park: [], unpark: [] };
    return this.account();
  }

  /**
   * csched_acct, as Xen has it: one pool-wide share of 300 credits per pCPU per period, split
   * among the active vCPUs by weight in active-list order. A vCPU may earn at most one slice's
   * worth (credit_peak = 300), or its cap; what a peaked vCPU cannot take goes to the ones after it
   * in the list, and the peaked one moves to the head of the list for the next period. While the
   * pool's credit balance is negative, the income grows to pay it back (credit_balance).
   * The share is pool-wide, not per core: vCPUs pinned to one core while another idles earn
   * more than that core can give, and all stay UNDER — credit1's known blind spot with pinning.
   */
  private account(): { park: Vcpu[]; unpark: Vcpu[] } {
    const park: Vcpu[] = [];
    const unpark: Vcpu[] = [];
    for (const pool of this.pools) this.accountPool(pool, park, unpark);
    // csched_tick → csched_runq_sort: each pCPU moves its UNDER (and BOOST) waiters ahead of the OVER ones.
    for (const q of this.runq) q.sort((a, b) => a.prio - b.prio);
    return { park, unpark };
  }

  private accountPool(pool: Pool, park: Vcpu[], unpark: Vcpu[]): void {
    const weightTotal = pool.active.reduce((s, v) => s + v.weight, 0);
    let creditTotal = CREDIT.creditsPerPeriod * pool.cores;
    if (pool.balance < 0) creditTotal -= pool.balance;
    if (weightTotal === 0) {
      pool.balance = 0;
      return;
    }
    let weightLeft = weightTotal;
    let balance = 0;
    let xtra = false;
    for (const v of [...pool.active]) {
      weightLeft -= v.weight;
      let peak: number = CREDIT.creditClamp;
      if (pool.balance < 0)
        peak += Math.floor((-pool.balance * v.weight + weightTotal - 1) / weightTotal);
      let capLimit = 0;
      if (v.traits.capPct > 0) {
        capLimit = capCredits(v);
        peak = Math.min(peak, capLimit);
      }
      let fair = Math.floor((creditTotal * v.weight + weightTotal - 1) / weightTotal);
      if (fair < peak) xtra = true;
      else {
        // Give the vCPUs after it a chance at what it cannot use.
        if (weightLeft !== 0)
          creditTotal += Math.floor(((fair - peak) * weightTotal + weightLeft - 1) / weightLeft);
        if (xtra) this.moveToHead(pool, v);
        fair = peak;
      }
      v.credit += fair;
      if (v.credit < 0) {
        v.prio = Prio.Over;
        if (capLimit > 0 && !v.parked && v.credit < -capLimit) park.push(v);
        // Lower bound: debt beyond one time slice's worth is forgiven.
        v.credit = Math.max(v.credit, -CREDIT.creditClamp);
      } else {
        v.prio = Prio.Under;
        if (v.parked) unpark.push(v);
        // Upper bound: the vCPU stops earning (leaves the active list) and keeps half, "so that
        // when it starts accounting again, it starts a little bit ahead".
        if (v.credit > CREDIT.creditClamp) {
          this.leave(pool, v);
          v.credit = Math.trunc(v.credit / 2);
        }
      }
      balance += v.credit;
    }
    pool.balance = balance;
  }

  /** __csched_vcpu_acct_start: joins the head of the active list. */
  private join(v: Vcpu): void {
    if (v.active) return;
    v.active = true;
    (this.poolOfCore[v.core] as Pool).active.unshift(v);
  }

  /** __csched_vcpu_acct_stop_locked: leaves the active list. */
  private leave(pool: Pool, v: Vcpu): void {
    v.active = false;
    pool.active.splice(pool.active.indexOf(v), 1);
  }

  private moveToHead(pool: Pool, v: Vcpu): void {
    pool.active.splice(pool.active.indexOf(v), 1);
    pool.active.unshift(v);
  }

  /** An idle core takes the best-priority unpinned waiter it may run from the other queues. */
  private steal(core: number): Vcpu | undefined {
    let best: { q: Vcpu[]; i: number } | undefined;
    for (let c = 0; c < this.runq.length; c++) {
      if (c === core) continue;
      const q = this.runq[c] as Vcpu[];
      for (let i = 0; i < q.length; i++) {
        const v = q[i] as Vcpu;
        if (v.traits.pinned || !this.allowed(v).includes(core)) continue;
        if (!best || v.prio < (best.q[best.i] as Vcpu).prio) best = { q, i };
        break;
      }
    }
    if (!best) return undefined;
    const [v] = best.q.splice(best.i, 1);
    return v;
  }
}
