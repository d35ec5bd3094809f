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
 * Credit1's accounting (xen/common/sched/credit.c, Xen 4.17), shared by the credit and vSlicer
 * policies: exact burning, the 10 ms tick that drops BOOST and puts a running vCPU on the active
 * list, and every third tick csched_acct, which pays each cpupool's credits by weight and sets
 * UNDER/OVER. It owns no run queue: the policy re-sorts its own after `tick` reports accounting.
 */
export class CreditAccounting {
  private ticks = 0;
  /** The cpupools, each with its own scheduler instance (csched_private). */
  private readonly pools: Pool[];
  /** Pool of each core. */
  private readonly poolOfCore: Pool[];

  constructor(cores: number, pools: readonly (readonly number[])[]) {
    this.pools = pools.map((c) => ({ cores: c.length, active: [], balance: 0 }));
    this.poolOfCore = Array.from({ length: cores }, (_, core) => {
      const i = pools.findIndex((c) => c.includes(core));
      if (i < 0) throw new RangeError(`core ${core} is in no cpupool`);
      return this.pools[i] as Pool;
    });
  }

  /** burn_credits: 10 credits per ms of CPU. */
  charged(v: Vcpu, dt: number): void {
    v.credit -= (dt * CREDIT.creditsPerMs) / 1000;
  }

  /**
   * csched_tick → csched_unit_acct: a vCPU found running loses BOOST and joins the active list;
   * every third tick, accounting. Returns null between accountings, else what to park and unpark.
   */
  tick(running: readonly (Vcpu | null)[]): { park: Vcpu[]; unpark: Vcpu[] } | null {
    for (const v of running) {
      if (!v) continue;
      if (v.prio === Prio.Boost) v.prio = Prio.Under;
      this.join(v);
    }
    if (++this.ticks % CREDIT.ticksPerAccounting !== 0) return null;
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
}
