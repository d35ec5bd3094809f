import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import { BURNER_PERIOD } from './host-constants';
import type { CpuScheduler } from './scheduler';
import type { Vcpu } from './vcpu';
import type { Burner } from './workload';

/**
 * A host's CPU burners, topped up every BURNER_PERIOD while the host is up — lazily, without an
 * event while a burner has a backlog (Burner). The ones whose backlog ran out are woken at their
 * next top-up, all by one timer: they top up on the same grid, so it fires once a period at most
 * and wakes them in slot order, as the per-period top-up event did (ADR 0021, addendum 3).
 */
export class HostBurners {
  private readonly wake: number;
  private wakeAt = Infinity;

  constructor(
    private readonly sim: Simulator,
    private readonly scheduler: CpuScheduler,
    /** Guests with a burner, in slot order. */
    private readonly burners: readonly { readonly v: Vcpu; readonly b: Burner }[],
  ) {
    this.wake = sim.timer(() => this.wakeDry());
    for (const { b } of burners)
      b.onIdle = (at) => {
        b.waiting = true;
        if (at < this.wakeAt) {
          this.wakeAt = at;
          sim.setTimer(this.wake, at as Micros);
        }
      };
  }

  /** The host is up: demand is topped up from now on. */
  start(): void {
    for (const { b } of this.burners) b.start(this.sim.now, BURNER_PERIOD, this.sim);
  }

  /** The host is down: no top-ups and no wake-ups (each burner keeps its backlog). */
  stop(): void {
    for (const { b } of this.burners) {
      b.stop();
      b.waiting = false;
    }
    this.sim.clearTimer(this.wake);
    this.wakeAt = Infinity;
  }

  /** Wakes the burners that had run out: their next top-up is due. */
  private wakeDry(): void {
    this.wakeAt = Infinity;
    for (const { v, b } of this.burners)
      if (b.waiting) {
        b.waiting = false;
        this.scheduler.workArrived(v);
      }
  }
}
