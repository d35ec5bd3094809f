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

/**
 * The Xen credit scheduler: per-pCPU run queues sorted BOOST > UNDER > OVER, FIFO within a
 * priority (round robin among equals), a fixed time slice, credits debited by exact CPU time
 * (Xen ≥ 4.0) and re-assigned every 30 ms among the active list in proportion to weight (a vCPU
 * joins it when a tick finds it running, and leaves it, keeping half its credit, when accounting
 * finds it above +300; it is clamped at −300); BOOST on wake-up while UNDER (csched_unit_wake),
 * ending at the first tick that finds the vCPU running (one that always blocks between ticks
 * keeps it: credit1's tick-dodging weakness); priorities change only at accounting; a
 * waking higher priority preempts (the dispatcher applies the rate limit); a capped vCPU earns at
 * most (cap·300 + 99)/100 credits a period (the rest goes to the others) and is parked when its
 * credit falls below minus that, until it is back to ≥ 0 (csched_acct; non-work-conserving); an
 * idle pCPU steals the best runnable unpinned vCPU from another queue (csched_load_balance).
 */
export class CreditPolicy implements SchedPolicy {
  private readonly runq: Vcpu[][];
  private readonly vcpus: Vcpu[] = [];
  private ticks = 0;

  constructor(
    cores: number,
    private readonly slice: number,
    /** Cores each unpinned vCPU may use (guest cores). */
    private readonly allowed: (v: Vcpu) => readonly number[],
  ) {
    this.runq = Array.from({ length: cores }, () => []);
  }

  /** Registers a vCPU (needed for accounting). */
  add(v: Vcpu): void {
    this.vcpus.push(v);
  }

  enqueue(v: Vcpu, reason: 'wake' | 'preempted' | 'expired'): void {
    // csched_unit_wake: only a vCPU UNDER at its last accounting is boosted; priorities are
    // otherwise recomputed from credit at accounting alone, not when a slice ends.
    if (reason === 'wake' && v.prio === Prio.Under && !v.parked) v.prio = Prio.Boost;
    const q = this.runq[v.core] as Vcpu[];
    let i = q.length;
    while (i > 0 && (q[i - 1] as Vcpu).prio > v.prio) i--;
    q.splice(i, 0, v);
  }

  remove(v: Vcpu): void {
    for (const q of this.runq) {
      const i = q.indexOf(v);
      if (i >= 0) q.splice(i, 1);
    }
  }

  pick(core: number): Pick | null {
    let v = (this.runq[core] as Vcpu[]).shift();
    if (!v) v = this.steal(core);
    if (!v) return null;
    const flags = (v.prio === Prio.Boost ? TraceFlag.Boost : 0) | (v.vm === 0 ? TraceFlag.Dom0 : 0);
    return { v, slice: this.slice, flags };
  }

  wantsPreempt(core: number, running: Vcpu): boolean {
    const head = (this.runq[core] as Vcpu[])[0];
    return head !== undefined && head.prio < running.prio;
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
      v.active = true;
    }
    if (++this.ticks % CREDIT.ticksPerAccounting !== 0) return { park: [], unpark: [] };
    return this.account();
  }

  /** csched_acct: share one period's credits per pCPU among the active vCPUs of its queue by weight. */
  private account(): { park: Vcpu[]; unpark: Vcpu[] } {
    const park: Vcpu[] = [];
    const unpark: Vcpu[] = [];
    for (let c = 0; c < this.runq.length; c++) {
      // Only the active list earns (csched_acct); a vCPU joins it when a tick finds it running.
      const active = this.vcpus.filter((v) => v.core === c && v.active);
      // Capped vCPUs earn at most their cap; what they cannot take goes to the others by weight.
      let total = CREDIT.creditsPerPeriod;
      const weightOf = (vs: Vcpu[]) => vs.reduce((s, v) => s + v.weight, 0);
      const income = new Map<Vcpu, number>();
      let open = active;
      for (;;) {
        const w = weightOf(open);
        const over = open.filter(
          (v) => v.traits.capPct > 0 && (total * v.weight) / w > capCredits(v),
        );
        if (over.length === 0) {
          for (const v of open) income.set(v, w > 0 ? (total * v.weight) / w : 0);
          break;
        }
        for (const v of over) {
          income.set(v, capCredits(v));
          total -= capCredits(v);
        }
        open = open.filter((v) => !over.includes(v));
      }
      for (const v of active) {
        v.credit += income.get(v) ?? 0;
        if (v.credit < 0) {
          v.prio = Prio.Over;
          if (v.traits.capPct > 0 && !v.parked && v.credit < -capCredits(v)) park.push(v);
          // Lower bound: debt beyond one time slice's worth is forgiven.
          v.credit = Math.max(v.credit, -CREDIT.creditClamp);
        } else {
          v.prio = Prio.Under;
          if (v.parked) unpark.push(v);
          // Upper bound: the vCPU stops earning (leaves the active list) and keeps half, "so that
          // when it starts accounting again, it starts a little bit ahead".
          if (v.credit > CREDIT.creditClamp) {
            v.active = false;
            v.credit = Math.trunc(v.credit / 2);
          }
        }
      }
      (this.runq[c] as Vcpu[]).sort((a, b) => a.prio - b.prio);
    }
    return { park, unpark };
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
