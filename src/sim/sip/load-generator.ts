import type { Simulator } from '../engine/simulator';
import { sec, type Micros } from '../engine/units';

/**
 * A SIPp-style rate ramp: `startRate` per second, raised by `increment` every `periodS`
 * seconds up to `maxRate` (SIPp's -r, -rate_increase, -rate_interval, -rate_max).
 */
export interface Ramp {
  readonly startRate: number;
  readonly increment: number;
  readonly periodS: number;
  readonly maxRate: number;
}

/** A constant rate. */
export const steady = (rate: number): Ramp => ({
  startRate: rate,
  increment: 0,
  periodS: 1,
  maxRate: rate,
});

/** The rate (per second) `elapsed` µs after the ramp started. */
export function rateAt(r: Ramp, elapsed: number): number {
  const steps = r.periodS > 0 ? Math.floor(elapsed / sec(r.periodS)) : 0;
  return Math.max(0, Math.min(r.maxRate, r.startRate + r.increment * steps));
}

/** Where the generator's attempts go (a UserAgentClient, or a test double). */
export interface LoadTarget {
  register(aor: number): void;
  call(aor: number): void;
}

export interface LoadParams {
  /** Users (AORs), taken in turn: attempt n uses user n mod users. */
  readonly users: number;
  readonly registrations: Ramp;
  readonly calls: Ramp;
  /** First attempt time; no attempt starts at or after `end`. */
  readonly start: Micros;
  readonly end: Micros;
}

/**
 * Starts registrations and calls at the ramp's rate, evenly paced as SIPp paces its new
 * calls: the next attempt comes 1/rate after the last, at the rate in force then. A rate of
 * zero waits for the next step of the ramp.
 */
export class LoadGenerator {
  registrationsStarted = 0;
  callsStarted = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly target: LoadTarget,
    private readonly params: LoadParams,
  ) {
    if (params.users < 1) throw new RangeError('users must be at least 1');
    this.pace(params.registrations, params.start, () => {
      this.target.register(this.registrationsStarted++ % params.users);
    });
    this.pace(params.calls, params.start, () => {
      this.target.call(this.callsStarted++ % params.users);
    });
  }

  /** Schedules attempts of one ramp from time `t` (kept fractional so pacing does not drift). */
  private pace(ramp: Ramp, t: number, attempt: () => void): void {
    const { start, end } = this.params;
    let next = t;
    // Skip ahead over zero-rate steps without scheduling events for them.
    for (;;) {
      if (next >= end) return;
      const rate = rateAt(ramp, next - start);
      if (rate > 0) break;
      if (ramp.increment <= 0) return;
      const period = sec(ramp.periodS);
      next = start + (Math.floor((next - start) / period) + 1) * period;
    }
    const at = Math.round(next);
    if (at >= end) return;
    this.sim.at(Math.max(at, this.sim.now) as Micros, () => {
      attempt();
      this.pace(ramp, next + 1e6 / rateAt(ramp, next - start), attempt);
    });
  }
}
