import type { Simulator } from '../engine/simulator';
import { TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import type { SchedPolicy } from './policy';
import type { Vcpu } from './vcpu';

/** 10 ms scheduler tick (sched_credit.c: CSCHED_TICK). */
export const TICK = ms(10);
/**
 * The tick (and the accounting it triggers) runs before a slice that ends at the same µs is
 * rescheduled: in Xen, due timers run in TIMER_SOFTIRQ (csched_tick, csched_acct) and the slice
 * timer only raises SCHEDULE_SOFTIRQ, which is handled after it (xen/include/xen/softirq.h; s_timer_fn in common/sched/core.c).
 */
const TICK_FIRST = -1;

interface Core {
  readonly index: number;
  current: Vcpu | null;
  /** The vCPU that ran last (a context switch is charged when another one is picked). */
  last: Vcpu | null;
  sliceStart: number;
  /** Start of the part of the slice not yet charged to the workload. */
  segStart: number;
  sliceEnd: number;
  sliceFlags: number;
  /** Bumped to invalidate a planned event. */
  token: number;
  kickPending: boolean;
  /** When the planned event fires (µs; -1 when none is planned). */
  plannedAt: number;
  busy: number;
  switchTime: number;
  /** Its deferred re-examination, made once (a wake-up kicks a core a million times a bench run). */
  rescheduleFn: (now: Micros) => void;
  /** Its re-plan of the running vCPU while `token` is current (the planned event; a deferred re-plan). */
  replanFn: (now: Micros, token: number) => void;
  /**
   * The core's re-armable timer (Simulator.timer) for the planned event: a re-plan moves it, a
   * stop cancels it, so no superseded event is left to fire.
   */
  planned: number;
}

export interface DispatcherOptions {
  readonly cores: number;
  readonly ctxSwitch: Micros;
  readonly rateLimit: Micros;
  /** Host id, recorded with each slice (entity = host · 256 + core). */
  readonly host: number;
}

/**
 * Runs vCPUs on pCPUs under a policy: dispatches what the policy picks, charges CPU time to the
 * workload, ends slices, blocks vCPUs that run out of work, preempts for waiters (subject to the
 * rate limit), pauses and resumes (checkpoints), charges a context-switch cost, counts switches and
 * records every slice. Decisions taken in the middle of a handler are deferred to an event at the
 * same time, so a workload's completion is never re-entered.
 */
export class CpuScheduler {
  private readonly cores: Core[];
  private readonly vcpus: Vcpu[] = [];
  private alive = true;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly policy: SchedPolicy,
    private readonly opts: DispatcherOptions,
  ) {
    this.cores = Array.from({ length: opts.cores }, (_, index) => ({
      index,
      current: null,
      last: null,
      sliceStart: 0,
      segStart: 0,
      sliceEnd: 0,
      sliceFlags: 0,
      token: 0,
      kickPending: false,
      plannedAt: -1,
      busy: 0,
      switchTime: 0,
      rescheduleFn: () => undefined,
      replanFn: () => undefined,
      planned: -1,
    }));
    for (const core of this.cores) {
      core.rescheduleFn = (now) => {
        core.kickPending = false;
        this.reschedule(core, now);
      };
      core.replanFn = (now, token) => {
        if (core.token === token && core.current) {
          this.charge(core, now);
          this.afterCharge(core, now);
        }
      };
      // Every change of the token clears or re-arms the timer, so when it fires the token is current.
      core.planned = sim.timer((now) => core.replanFn(now, core.token));
    }
    sim.after(TICK, (now) => this.onTick(now), TICK_FIRST);
    policy.attach?.({
      at: (t, fn) => sim.at(t, fn),
      settle: (v) => this.settle(v),
      replenished: (v, wasDepleted) => {
        if (wasDepleted && v.parked) {
          v.parked = false;
          this.wake(v);
        }
        for (const c of this.cores) this.kick(c);
      },
    });
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

  /**
   * Charges a running vCPU up to now, before new work is queued on it, so the time already spent
   * goes to the job that used it (not to the packet that just arrived).
   */
  settle(v: Vcpu): void {
    if (v.state !== 'running') return;
    this.charge(this.cores[v.core] as Core, this.sim.now);
  }

  /**
   * Work arrived for `v`: a blocked vCPU wakes; a running one re-plans when its next event moved
   * (packets go before its burner, netback before the checkpoint tool). Work queued behind the
   * job under way (a packet behind packets, the next NAPI poll) leaves the plan as it is, so it
   * costs no event: the caller has settled the vCPU, so the plan is what `plan` would compute.
   */
  workArrived(v: Vcpu): void {
    if (v.state === 'blocked') this.wake(v);
    else if (v.state === 'running') {
      const core = this.cores[v.core] as Core;
      if (core.current === v && core.plannedAt === this.nextEventOf(core)) return;
      this.kick(core, true);
    }
  }

  /** A blocked vCPU with work becomes runnable. */
  wake(v: Vcpu): void {
    if (!this.alive || v.state !== 'blocked' || v.parked) return;
    if (v.workload.remaining() <= 0) return;
    this.makeRunnable(v, 'wake');
  }

  /** Pauses a vCPU (checkpoint suspend): it leaves the CPU and the run queues. */
  pause(v: Vcpu): void {
    if (!this.alive) return;
    const core = this.cores[v.core] as Core;
    if (v.state === 'running') {
      this.stop(core, this.sim.now, 'paused');
      this.kick(core);
    } else if (v.state === 'runnable') {
      this.policy.remove(v);
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
      if (c.current) this.stop(c, now, 'blocked');
      c.token++;
      c.plannedAt = -1;
      this.sim.clearTimer(c.planned);
    }
    for (const v of this.vcpus) {
      // A queued vCPU leaves its run queue, so a repaired host starts with empty queues.
      if (v.state === 'runnable') this.policy.remove(v);
      v.state = 'offline';
    }
    this.alive = false;
  }

  /** A repaired host boots again: `online` (dom0 and its own guests) come up blocked. */
  revive(online: readonly Vcpu[]): void {
    this.alive = true;
    // The tick stopped with the host; it starts again with the boot.
    this.sim.after(TICK, (now) => this.onTick(now), TICK_FIRST);
    for (const v of online) {
      v.state = 'blocked';
      v.parked = false;
      this.wake(v);
    }
  }

  /** One guest dies (a kernel panic) or shuts down: it leaves the CPU and stays offline. */
  stopVcpu(v: Vcpu): void {
    this.pause(v);
    v.state = 'offline';
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

  private makeRunnable(v: Vcpu, reason: 'wake' | 'preempted' | 'expired'): void {
    v.state = 'runnable';
    this.policy.enqueue(v, reason, this.sim.now);
    // Indexed, not for…of: the iterator escaped here (the sampling heap profiler saw it).
    const cores = this.policy.coresFor(v);
    for (let i = 0; i < cores.length; i++) this.kick(this.cores[cores[i] as number] as Core);
  }

  /** Re-examines a core after the current handler. `replan`: the running vCPU's work changed. */
  private kick(core: Core, replan = false): void {
    if (replan) this.sim.defer(core.replanFn, core.token);
    if (core.kickPending) return;
    core.kickPending = true;
    this.sim.defer(core.rescheduleFn);
  }

  /** Dispatches on an idle core, or preempts for a waiter, honouring the rate limit. */
  private reschedule(core: Core, now: Micros): void {
    if (!this.alive) return;
    const cur = core.current;
    if (!cur) return this.dispatch(core, now);
    if (!this.policy.wantsPreempt(core.index, cur)) return;
    if (now - core.sliceStart < this.opts.rateLimit) {
      const token = core.token;
      this.sim.at((core.sliceStart + this.opts.rateLimit) as Micros, (t) => {
        if (core.token === token) this.reschedule(core, t);
      });
      return;
    }
    this.stop(core, now, 'preempted');
    this.dispatch(core, now);
  }

  private dispatch(core: Core, now: Micros): void {
    const pick = this.policy.pick(core.index, now);
    if (!pick) {
      core.current = null;
      return;
    }
    const v = pick.v;
    v.core = core.index;
    const switching = core.last !== null && core.last !== v;
    const cost = switching ? this.opts.ctxSwitch : 0;
    if (switching) {
      v.switches++;
      v.workload.switchedIn?.();
    }
    core.switchTime += cost;
    core.current = v;
    core.last = v;
    v.state = 'running';
    core.sliceStart = now + cost;
    core.segStart = core.sliceStart;
    core.sliceEnd = core.sliceStart + pick.slice;
    core.sliceFlags = pick.flags;
    this.plan(core);
  }

  /** When the running vCPU's next event is due: its slice ends, its job is done or its budget runs out. */
  private nextEventOf(core: Core): number {
    const v = core.current as Vcpu;
    return Math.ceil(
      Math.min(
        core.sliceEnd,
        core.segStart + v.workload.remaining(),
        core.segStart + this.policy.budget(v),
      ),
    );
  }

  private plan(core: Core): void {
    const next = this.nextEventOf(core);
    core.plannedAt = next;
    ++core.token;
    this.sim.setTimer(core.planned, next as Micros);
  }

  private afterCharge(core: Core, now: Micros): void {
    const v = core.current;
    if (!v) return;
    if (v.workload.remaining() <= 0) {
      this.stop(core, now, 'blocked');
      this.dispatch(core, now);
    } else if (this.policy.budget(v) <= 0) {
      this.stop(core, now, 'parked');
      this.dispatch(core, now);
    } else if (now >= core.sliceEnd) {
      this.stop(core, now, 'expired');
      this.dispatch(core, now);
    } else {
      this.plan(core);
    }
  }

  /** Gives the running workload the CPU time since the last charge. */
  private charge(core: Core, now: Micros): void {
    const v = core.current;
    if (!v) return;
    const dt = now - core.segStart;
    if (dt <= 0) return;
    core.segStart = now;
    v.runTime += dt;
    core.busy += dt;
    this.policy.charged(v, dt);
    v.workload.run(now, dt);
  }

  private stop(
    core: Core,
    now: Micros,
    to: 'blocked' | 'preempted' | 'expired' | 'paused' | 'parked',
  ): void {
    const v = core.current as Vcpu;
    this.charge(core, now);
    this.recordSlice(core, v, now);
    core.current = null;
    core.token++;
    core.plannedAt = -1;
    this.sim.clearTimer(core.planned);
    if ((to === 'preempted' || to === 'expired') && v.workload.remaining() > 0) {
      this.makeRunnable(v, to);
    } else if (to === 'parked') {
      v.state = 'blocked';
      v.parked = true;
    } else {
      v.state = to === 'paused' ? 'paused' : 'blocked';
    }
  }

  private recordSlice(core: Core, v: Vcpu, now: Micros): void {
    // A slice closed while its context switch was still under way (end of run, crash, pause):
    // only the part of the switch that elapsed was spent.
    if (now < core.sliceStart) core.switchTime -= core.sliceStart - now;
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

  private onTick(now: Micros): void {
    if (!this.alive) return;
    // Credits are burned at every tick for what is running (csched_tick → burn_credits), so
    // accounting sees up-to-date credit; the planned end of the slice is unchanged.
    for (const c of this.cores) this.charge(c, now);
    const { park, unpark } = this.policy.tick(
      now,
      this.cores.map((c) => c.current),
    );
    for (const v of park) {
      if (v.state === 'running') this.stop(this.cores[v.core] as Core, now, 'parked');
      else if (v.state === 'runnable') {
        this.policy.remove(v);
        v.state = 'blocked';
      }
      v.parked = true;
      this.kick(this.cores[v.core] as Core);
    }
    for (const v of unpark) {
      v.parked = false;
      this.wake(v);
    }
    this.sim.after(TICK, (t) => this.onTick(t), TICK_FIRST);
  }
}
