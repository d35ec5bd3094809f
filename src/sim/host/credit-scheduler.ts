import type { Simulator } from '../engine/simulator';
import { TraceFlag, TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import { Prio, type Vcpu } from './vcpu';

/** Xen credit scheduler constants (xen/common/sched/credit.c). */
export const CREDIT = {
  /** 10 ms tick: BOOST ends at the first tick that finds the vCPU running. */
  tick: ms(10),
  /** 30 ms accounting period = 3 ticks. */
  ticksPerAccounting: 3,
  /** CSCHED_CREDITS_PER_MSEC. */
  creditsPerMs: 10,
  /** Credits per pCPU per accounting period (10 × 30 ms). */
  creditsPerPeriod: 300,
  /** Credits are clamped to ±one period's worth. */
  creditClamp: 300,
  /** Scheduler rate limit: a vCPU keeps the CPU until it has run this long (sched_ratelimit_us, Xen ≥ 4.2). */
  rateLimit: ms(1),
} as const;

interface Core {
  readonly index: number;
  runq: Vcpu[];
  current: Vcpu | null;
  /** The vCPU that ran last (a context switch is charged when another one is picked). */
  last: Vcpu | null;
  /** Start of the current slice (after any switch cost). */
  sliceStart: number;
  /** Start of the part of the slice not yet charged to the workload. */
  segStart: number;
  sliceEnd: number;
  sliceFlags: number;
  /** Bumped to invalidate a planned event. */
  token: number;
  kickPending: boolean;
  busy: number;
  switchTime: number;
}

export interface SchedulerOptions {
  readonly cores: number;
  readonly slice: Micros;
  readonly ctxSwitch: Micros;
  /** Host id, recorded with each slice (entity = host · 256 + core). */
  readonly host: number;
}

/**
 * A credit-style proportional-share scheduler: per-pCPU run queues sorted BOOST > UNDER > OVER
 * with round robin among equals, time slices, credits debited by CPU time and re-assigned by
 * weight every accounting period, BOOST on wake-up while UNDER with preemption subject to the
 * rate limit, and a context-switch cost. vCPUs are pinned to one core. Records every slice.
 */
export class CreditScheduler {
  private readonly cores: Core[];
  private readonly vcpus: Vcpu[] = [];
  private alive = true;
  private tickCount = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly opts: SchedulerOptions,
  ) {
    this.cores = Array.from({ length: opts.cores }, (_, index) => ({
      index,
      runq: [],
      current: null,
      last: null,
      sliceStart: 0,
      segStart: 0,
      sliceEnd: 0,
      sliceFlags: 0,
      token: 0,
      kickPending: false,
      busy: 0,
      switchTime: 0,
    }));
    sim.after(CREDIT.tick, (now) => this.onTick(now));
  }

  /** Adds a vCPU (blocked, or offline for a standby VM). */
  add(v: Vcpu, online = true): void {
    if (v.core >= this.cores.length)
      throw new RangeError(`${v.name}: core ${v.core} does not exist`);
    v.state = online ? 'blocked' : 'offline';
    this.vcpus.push(v);
  }

  /** Every vCPU, for statistics. */
  get all(): readonly Vcpu[] {
    return this.vcpus;
  }

  /** CPU time per core spent running vCPUs and switching. */
  coreTimes(): { busy: number; switching: number }[] {
    return this.cores.map((c) => ({ busy: c.busy, switching: c.switchTime }));
  }

  /** The workload of a blocked vCPU has work: it becomes runnable (BOOST if UNDER, csched_unit_wake). */
  wake(v: Vcpu): void {
    if (!this.alive || v.state !== 'blocked') return;
    if (v.workload.remaining() <= 0) return;
    v.prio = v.credit >= 0 ? Prio.Boost : Prio.Over;
    this.enqueue(v);
  }

  /** Pauses a vCPU (checkpoint suspend): it leaves the CPU and the run queue. */
  pause(v: Vcpu): void {
    if (!this.alive) return;
    const core = this.core(v);
    if (v.state === 'running') {
      this.stopCurrent(core, this.sim.now, 'paused');
      this.kick(core);
    } else if (v.state === 'runnable') {
      core.runq.splice(core.runq.indexOf(v), 1);
      v.state = 'paused';
    } else if (v.state === 'blocked') {
      v.state = 'paused';
    }
  }

  /** Resumes a paused or offline vCPU. */
  resume(v: Vcpu): void {
    if (!this.alive || (v.state !== 'paused' && v.state !== 'offline')) return;
    v.state = 'blocked';
    this.wake(v);
  }

  /** The host died: nothing runs any more. Closes the open slices. */
  halt(now: Micros): void {
    for (const c of this.cores) {
      if (c.current) this.stopCurrent(c, now, 'blocked');
      c.token++;
      c.runq = [];
    }
    for (const v of this.vcpus) v.state = 'offline';
    this.alive = false;
  }

  /** Closes open slices at the end of a run so the trace and the counters agree. */
  flush(now: Micros): void {
    if (!this.alive) return;
    for (const c of this.cores) {
      const v = c.current;
      if (!v) continue;
      this.charge(c, now);
      this.recordSlice(c, v, now);
      c.sliceStart = now;
    }
  }

  private core(v: Vcpu): Core {
    return this.cores[v.core] as Core;
  }

  private enqueue(v: Vcpu): void {
    const core = this.core(v);
    v.state = 'runnable';
    // Insert at the tail of its priority class (runq_insert).
    let i = core.runq.length;
    while (i > 0 && (core.runq[i - 1] as Vcpu).prio > v.prio) i--;
    core.runq.splice(i, 0, v);
    this.kick(core);
  }

  /** Re-examines a core after the current handler (avoids re-entering a running workload). */
  private kick(core: Core): void {
    if (core.kickPending) return;
    core.kickPending = true;
    this.sim.after(0, (now) => {
      core.kickPending = false;
      this.reschedule(core, now);
    });
  }

  /** Dispatches on an idle core, or preempts for a higher-priority waiter (tickle), honouring the rate limit. */
  private reschedule(core: Core, now: Micros): void {
    if (!this.alive) return;
    const cur = core.current;
    if (!cur) {
      this.dispatch(core, now);
      return;
    }
    const head = core.runq[0];
    if (!head || head.prio >= cur.prio) return;
    const ranFor = now - core.sliceStart;
    if (ranFor < CREDIT.rateLimit) {
      const token = core.token;
      this.sim.at((core.sliceStart + CREDIT.rateLimit) as Micros, (t) => {
        if (core.token === token) this.reschedule(core, t);
      });
      return;
    }
    this.stopCurrent(core, now, 'runnable');
    this.dispatch(core, now);
  }

  private dispatch(core: Core, now: Micros): void {
    const v = core.runq.shift();
    if (!v) {
      core.current = null;
      return;
    }
    const cost = core.last !== null && core.last !== v ? this.opts.ctxSwitch : 0;
    if (cost > 0) v.switches++;
    core.switchTime += cost;
    core.current = v;
    core.last = v;
    v.state = 'running';
    v.activeThisPeriod = true;
    core.sliceStart = now + cost;
    core.segStart = core.sliceStart;
    core.sliceEnd = core.sliceStart + this.opts.slice;
    core.sliceFlags =
      (v.prio === Prio.Boost ? TraceFlag.Boost : 0) | (v.vm === 0 ? TraceFlag.Dom0 : 0);
    this.plan(core);
  }

  private plan(core: Core): void {
    const v = core.current as Vcpu;
    const next = Math.min(core.sliceEnd, core.segStart + v.workload.remaining());
    const token = ++core.token;
    this.sim.at(Math.ceil(next) as Micros, (now) => {
      if (core.token === token) this.onCoreEvent(core, now);
    });
  }

  private onCoreEvent(core: Core, now: Micros): void {
    const v = core.current as Vcpu;
    this.charge(core, now);
    if (core.current !== v) return; // the workload's effect stopped it (cannot happen with deferred kicks)
    if (v.workload.remaining() <= 0) {
      this.stopCurrent(core, now, 'blocked');
      this.dispatch(core, now);
    } else if (now >= core.sliceEnd) {
      this.stopCurrent(core, now, 'runnable');
      this.dispatch(core, now);
    } else {
      this.plan(core);
    }
  }

  /** Gives the running workload the CPU time since the last charge and debits credits. */
  private charge(core: Core, now: Micros): void {
    const v = core.current;
    if (!v) return;
    const dt = now - core.segStart;
    if (dt <= 0) return;
    core.segStart = now;
    v.runTime += dt;
    core.busy += dt;
    v.credit -= (dt * CREDIT.creditsPerMs) / 1000;
    v.workload.run(now, dt);
  }

  private stopCurrent(core: Core, now: Micros, to: 'blocked' | 'runnable' | 'paused'): void {
    const v = core.current as Vcpu;
    this.charge(core, now);
    this.recordSlice(core, v, now);
    core.current = null;
    core.token++;
    if (to === 'runnable' && v.workload.remaining() > 0) {
      if (v.prio === Prio.Boost) v.prio = v.credit >= 0 ? Prio.Under : Prio.Over;
      this.enqueue(v);
    } else {
      v.state = to === 'paused' ? 'paused' : 'blocked';
    }
  }

  private recordSlice(core: Core, v: Vcpu, now: Micros): void {
    if (now > core.sliceStart)
      this.trace.add(
        core.sliceStart,
        TraceKind.Slice,
        this.opts.host * 256 + core.index,
        now,
        v.vm,
        core.sliceFlags,
      );
  }

  /** 10 ms tick: BOOST ends for running vCPUs; every third tick re-assigns credits by weight. */
  private onTick(_now: Micros): void {
    if (!this.alive) return;
    for (const c of this.cores) {
      const v = c.current;
      if (v && v.prio === Prio.Boost) v.prio = v.credit >= 0 ? Prio.Under : Prio.Over;
    }
    if (++this.tickCount % CREDIT.ticksPerAccounting === 0) this.account();
    this.sim.after(CREDIT.tick, (t) => this.onTick(t));
  }

  /** csched_acct: share one period's credits among the active vCPUs of each core by weight. */
  private account(): void {
    for (const c of this.cores) {
      const active = this.vcpus.filter(
        (v) =>
          v.core === c.index &&
          (v.activeThisPeriod || v.state === 'runnable' || v.state === 'running'),
      );
      const totalWeight = active.reduce((s, v) => s + v.weight, 0);
      for (const v of active) {
        v.credit = Math.min(
          CREDIT.creditClamp,
          Math.max(
            -CREDIT.creditClamp,
            v.credit + (CREDIT.creditsPerPeriod * v.weight) / totalWeight,
          ),
        );
        v.activeThisPeriod = false;
        if (v.prio !== Prio.Boost) v.prio = v.credit >= 0 ? Prio.Under : Prio.Over;
      }
      c.runq.sort((a, b) => a.prio - b.prio);
    }
  }
}
