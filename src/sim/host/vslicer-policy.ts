import { TraceFlag } from '../engine/trace';
import type { Micros } from '../engine/units';
import type { Pick, SchedPolicy } from './policy';
import { vslicerPlan, type VSlicerPlan } from './vslicer-math';
import { CreditAccounting } from './credit-accounting';
import { Prio, type Vcpu } from './vcpu';

interface CoreState {
  /** Woken vCPUs boosted by credit1 (csched_unit_wake), served before the pattern, FIFO. */
  boosted: Vcpu[];
  /** The best vCPU woken since the core last picked (__runq_tickle's "new"). */
  woken: Vcpu | null;
  /** Runnable NLSVMs, round robin. */
  nl: Vcpu[];
  /** LSVMs on this core, in slot order (runnable or not). */
  ls: Vcpu[];
  /** Micro-slices each LSVM has left in the current round (its micro credits). */
  micro: Map<Vcpu, number>;
  inRound: boolean;
  /** Next LSVM to consider in the round (round robin). */
  cursor: number;
  plan: VSlicerPlan | null;
}

/**
 * vSlicer's differentiated-frequency slicing (the paper's Algorithm 1): NLSVMs run full slices in
 * round robin; after every NLSVM slice, one round of LSVMs runs, each LSVM taking micro-slices of
 * T_m in turn until its micro credits (r per round) are spent — an LSVM is inserted before the
 * next NLSVM while it has credits, re-inserted after each micro-slice, and goes to the tail when
 * they run out. Work-conserving: an empty phase is skipped. A VM's class can change during a run
 * (`setLsvm`).
 *
 * vSlicer is a change to credit1, so credit1's accounting runs underneath (credit-accounting.ts):
 * a vCPU that wakes while UNDER is BOOSTed and preempts, as in credit1, until a tick finds it
 * running. A busy VM never blocks and so never wakes: for the busy VMs of R1–R3 the schedule is
 * the pattern alone. UNDER and OVER do not reorder the pattern: with them, an LSVM whose
 * micro-slices dodge the 10 ms tick never joins the active list, sinks to −300 and waits a whole
 * round of NLSVMs, which breaks the paper's 35 ms bound (docs/adr/0008).
 */
export class VSlicerPolicy implements SchedPolicy {
  private readonly cores: CoreState[];
  private readonly accounting: CreditAccounting;

  constructor(
    cores: number,
    private readonly tNlsvm: number,
    private readonly tM: number,
    /** credit1's cpupools (for the accounting underneath); one pool of every core by default. */
    pools: readonly (readonly number[])[] = [Array.from({ length: cores }, (_, i) => i)],
  ) {
    this.accounting = new CreditAccounting(cores, pools);
    this.cores = Array.from({ length: cores }, () => ({
      boosted: [],
      woken: null,
      nl: [],
      ls: [],
      micro: new Map(),
      inRound: false,
      cursor: 0,
      plan: null,
    }));
  }

  /** Registers a vCPU on its core (call `finalize` once all are added). */
  add(v: Vcpu): void {
    const c = this.cores[v.core] as CoreState;
    if (v.traits.lsvm) c.ls.push(v);
  }

  /** Fixes each core's plan from the vCPUs on it: m LSVMs, n others (NLSVMs, dom0 included). */
  finalize(all: readonly Vcpu[]): void {
    this.cores.forEach((c, i) => {
      const here = all.filter((v) => v.core === i);
      c.ls = here.filter((v) => v.traits.lsvm);
      const m = c.ls.length;
      c.plan = m > 0 ? vslicerPlan(m, here.length - m, this.tNlsvm, this.tM) : null;
    });
  }

  /** Moves a VM between LSVM and NLSVM (changeable during a run). Throws if the new mix is impossible. */
  setLsvm(v: Vcpu, lsvm: boolean, all: readonly Vcpu[]): void {
    if (v.traits.lsvm === lsvm) return;
    v.traits.lsvm = lsvm;
    const c = this.cores[v.core] as CoreState;
    c.nl = c.nl.filter((x) => x !== v);
    if (!lsvm && v.state === 'runnable') c.nl.push(v);
    c.micro.delete(v);
    this.finalize(all);
  }

  /** The current plan of a core (null: no LSVM there, plain round robin). */
  planOf(core: number): VSlicerPlan | null {
    return (this.cores[core] as CoreState).plan;
  }

  enqueue(v: Vcpu, reason: 'wake' | 'preempted' | 'expired'): void {
    const c = this.cores[v.core] as CoreState;
    // csched_unit_wake: a vCPU UNDER at its last accounting is boosted and may preempt.
    if (reason === 'wake' && v.prio === Prio.Under && !v.parked) v.prio = Prio.Boost;
    if (v.prio === Prio.Boost) {
      if (!c.boosted.includes(v)) c.boosted.push(v);
      if (reason === 'wake') c.woken = v;
      return;
    }
    if (!v.traits.lsvm && !c.nl.includes(v)) c.nl.push(v);
  }

  remove(v: Vcpu): void {
    const c = this.cores[v.core] as CoreState;
    c.nl = c.nl.filter((x) => x !== v);
    c.boosted = c.boosted.filter((x) => x !== v);
  }

  pick(core: number): Pick | null {
    const c = this.cores[core] as CoreState;
    c.woken = null;
    const b = c.boosted.shift();
    if (b) {
      const micro = b.traits.lsvm ? TraceFlag.Micro : 0;
      return { v: b, slice: b.traits.lsvm ? this.tM : this.tNlsvm, flags: TraceFlag.Boost | micro };
    }
    if (c.inRound) {
      const v = this.nextLsvm(c);
      if (v) return { v, slice: this.tM, flags: TraceFlag.Micro };
      c.inRound = false;
    }
    const nl = c.nl.shift();
    if (nl) {
      // The round that follows this NLSVM slice gets fresh micro credits.
      this.startRound(c);
      return { v: nl, slice: this.tNlsvm, flags: nl.vm === 0 ? TraceFlag.Dom0 : 0 };
    }
    // No NLSVM wants the CPU: LSVMs keep going in new rounds (work-conserving).
    this.startRound(c);
    const v = this.nextLsvm(c);
    if (v) return { v, slice: this.tM, flags: TraceFlag.Micro };
    c.inRound = false;
    return null;
  }

  /** Only a woken BOOST preempts (__runq_tickle), and not another BOOST. */
  wantsPreempt(core: number, running: Vcpu): boolean {
    const w = (this.cores[core] as CoreState).woken;
    return (
      w !== null && w.state === 'runnable' && w.prio === Prio.Boost && running.prio !== Prio.Boost
    );
  }

  charged(v: Vcpu, dt: number): void {
    this.accounting.charged(v, dt);
  }

  budget(v: Vcpu): number {
    return v.parked ? 0 : Infinity;
  }

  coresFor(v: Vcpu): readonly number[] {
    // Every wake-up asks: one answer per core, made once.
    return (this.ownCore[v.core] ??= [v.core]);
  }

  private readonly ownCore: (readonly number[] | undefined)[] = [];

  tick(_now: Micros, running: readonly (Vcpu | null)[]): { park: Vcpu[]; unpark: Vcpu[] } {
    const acct = this.accounting.tick(running);
    if (!acct) return { park: [], unpark: [] };
    // Accounting set UNDER/OVER on waiting boosted vCPUs too: they rejoin the pattern.
    for (const c of this.cores) {
      const still = c.boosted.filter((v) => v.prio === Prio.Boost);
      for (const v of c.boosted)
        if (v.prio !== Prio.Boost && !v.traits.lsvm && !c.nl.includes(v)) c.nl.push(v);
      c.boosted = still;
    }
    return acct;
  }

  private startRound(c: CoreState): void {
    c.inRound = true;
    const r = c.plan?.r ?? 1;
    for (const v of c.ls) c.micro.set(v, r);
  }

  /** The next runnable LSVM with micro credits left, round robin; spends one credit. */
  private nextLsvm(c: CoreState): Vcpu | undefined {
    const n = c.ls.length;
    for (let k = 0; k < n; k++) {
      const v = c.ls[(c.cursor + k) % n] as Vcpu;
      const left = c.micro.get(v) ?? 0;
      if (left > 0 && v.state === 'runnable' && v.prio !== Prio.Boost) {
        c.micro.set(v, left - 1);
        c.cursor = (c.cursor + k + 1) % n;
        return v;
      }
    }
    return undefined;
  }
}
