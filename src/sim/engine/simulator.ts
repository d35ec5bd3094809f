import { EventQueue, type EventHandler } from './event-queue';
import { TimerSlots } from './timer-slots';
import type { Micros } from './units';

/** A continuation run by `defer`, with the argument it was deferred with. */
export type Continuation = (now: Micros, arg: number) => void;

/**
 * The discrete-event loop (SimPy-style): a clock and an event queue. Model code schedules
 * handlers; nothing here knows wall time. Real-time pacing, if any, wraps `step` from outside.
 */
export class Simulator {
  private readonly queue = new EventQueue();
  /** Re-armable timers (`timer`), fired in (time, priority, order scheduled) with the queue's events. */
  private readonly timers = new TimerSlots();
  private clock = 0 as Micros;
  private fired = 0;
  /** Continuations to run when the handler under way returns (see `defer`), and their arguments. */
  private deferred: Continuation[] = [];
  private deferredArgs: number[] = [];
  /**
   * How many of `deferred` are pending. The array is reused, not emptied (`length = 0` gives V8's
   * array its backing store back, so the next continuation allocates a new one: 3 % of the
   * cluster bench's profile, ADR 0021 addendum).
   */
  private nDeferred = 0;
  private inEvent = false;

  /** Current simulation time. */
  get now(): Micros {
    return this.clock;
  }

  /** Events fired so far. */
  get eventsFired(): number {
    return this.fired;
  }

  /** Pending events. */
  get pending(): number {
    return this.queue.size + this.timers.size;
  }

  /**
   * Schedules `handler` at absolute time `t` (never in the past). Lower `priority` fires first on
   * ties. A handler that is re-planned more often than it fires is a `timer` instead.
   */
  at(t: Micros, handler: EventHandler, priority = 0): void {
    // One comparison each on the hot path; the messages are built only on failure.
    if (t < this.clock || Math.floor(t) !== t) this.refuse(t);
    this.queue.push(t, priority, handler);
  }

  private refuse(t: number): never {
    throw new RangeError(
      t < this.clock
        ? `event at ${t} µs is before now (${this.clock} µs)`
        : `event time ${t} is not whole microseconds`,
    );
  }

  /**
   * A re-armable timer that runs `handler` when it fires: at most one firing pending, which
   * `setTimer` replaces and `clearTimer` cancels. For a "next thing that happens here" that is
   * re-planned more often than it fires: no superseded event is left in the queue. A timer's
   * firing orders against events exactly as an event scheduled by `at` at the same call would.
   */
  timer(handler: EventHandler): number {
    return this.timers.add(handler);
  }

  /** Arms `timer` to fire at `t` (never in the past), replacing the firing it had. */
  setTimer(timer: number, t: Micros, priority = 0): void {
    if (t < this.clock || Math.floor(t) !== t) this.refuse(t);
    this.timers.set(timer, t, this.queue.nextKey(priority));
  }

  /**
   * The place among same-time events that `at` would give an event scheduled now (it takes it,
   * as `at` would), for a firing armed later with `setTimerAt`: a timer that stands for many
   * periodic events (one per RTP stream) fires each of them where its own event would have.
   */
  reserveKey(priority = 0): number {
    return this.queue.nextKey(priority);
  }

  /** Arms `timer` to fire at `t` with a key from `reserveKey`, replacing the firing it had. */
  setTimerAt(timer: number, t: Micros, key: number): void {
    if (t < this.clock || Math.floor(t) !== t) this.refuse(t);
    this.timers.set(timer, t, key);
  }

  /** Cancels `timer`'s pending firing, if any. */
  clearTimer(timer: number): void {
    this.timers.clear(timer);
  }

  /**
   * Runs `handler` at the current time once the event handler under way has returned, before the
   * next event: a decision taken in the middle of a handler (the scheduler re-examining a core)
   * waits until the handler is done, without the cost of an event in the queue (ADR 0021).
   * Outside any handler it is an event at the current time. `arg` is passed to `handler`, so a
   * caller can bind a handler once and defer it with a value each time (no closure per call).
   */
  defer(handler: Continuation, arg = 0): void {
    if (this.inEvent) {
      this.deferredArgs[this.nDeferred] = arg;
      this.deferred[this.nDeferred++] = handler;
    } else this.after(0, (now) => handler(now, arg));
  }

  /** Runs the continuations the handler just run deferred (which may defer more). */
  private drain(t: Micros): void {
    const d = this.deferred;
    const args = this.deferredArgs;
    // A continuation may defer more: `nDeferred` grows while this runs.
    for (let i = 0; i < this.nDeferred; i++) {
      const h = d[i] as Continuation;
      d[i] = undefined as unknown as Continuation;
      h(t, args[i] as number);
    }
    this.nDeferred = 0;
  }

  /** Schedules `handler` after `dt` microseconds. */
  after(dt: Micros | number, handler: EventHandler, priority = 0): void {
    this.at((this.clock + dt) as Micros, handler, priority);
  }

  /** Time of the next event, or undefined when none is pending. */
  peek(): Micros | undefined {
    const t = this.nextTime();
    return t === Infinity ? undefined : (t as Micros);
  }

  /**
   * Takes the next firing, event or timer, whichever is first by (time, key); its time is `t`.
   * Call only when one is due at `t`.
   */
  private take(t: number): EventHandler {
    const q = this.queue;
    const tm = this.timers;
    if (tm.peekTime() === t && (q.peekTime() !== t || tm.peekKey() < q.peekKey())) return tm.pop();
    return q.pop() as EventHandler;
  }

  /** Time of the next firing, event or timer (Infinity when none). */
  private nextTime(): number {
    const a = this.queue.peekTime();
    const b = this.timers.peekTime();
    return b < a ? b : a;
  }

  /** Fires the next event. Returns false when the queue is empty. */
  step(): boolean {
    const t = this.nextTime() as Micros;
    if (t === Infinity) return false;
    const h = this.take(t);
    this.clock = t;
    this.fired++;
    this.inEvent = true;
    try {
      h(t);
      if (this.nDeferred > 0) this.drain(t);
    } finally {
      this.inEvent = false;
    }
    return true;
  }

  /**
   * Fires every event with time ≤ `end`, then sets the clock to `end`. With `maxEvents`, stops
   * after that many events instead and returns false (the clock stays at the last event fired), so
   * a caller can bound the work of one call — the worker checks for a cancel between such slices.
   * Splitting a run this way fires the same events in the same order.
   */
  runUntil(end: Micros, maxEvents = Infinity): boolean {
    let budget = maxEvents;
    // Every handler runs inside this loop: continuations may be deferred throughout it.
    this.inEvent = true;
    try {
      for (;;) {
        const t = this.nextTime() as Micros;
        if (t > end) break;
        if (budget-- <= 0) return false;
        const h = this.take(t);
        this.clock = t;
        this.fired++;
        h(t);
        if (this.nDeferred > 0) this.drain(t);
      }
    } finally {
      this.inEvent = false;
    }
    if (end > this.clock) this.clock = end;
    return true;
  }
}
