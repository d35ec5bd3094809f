import type { Simulator } from '../engine/simulator';
import { TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';

/** Bin width of the Workload records, as the NicTx and drop bins. */
export const WORKLOAD_BIN_US = ms(100);

/**
 * Silences shorter than this are not kept (a few numbers per second at most), for the services'
 * outage bars (src/ui/views/silences.ts) and the workloads' alike: 150 ms, under the shortest
 * outage the lab's mechanisms make (a live migration's 0.3 s plug, a Net epoch).
 */
export const SILENCE_FLOOR_US = 150_000;

/** Polls fire before anything else at their µs: a unit done exactly on a bin's edge is the next bin's. */
const POLL_FIRST = -1;

/** A workload's running totals, as its own tool counts them. */
export interface WorkloadTotals {
  /** Units done: packets the receiver got, replies, segments acknowledged. */
  readonly good: number;
  /** Units failed: packets lost, client time-outs, segments sent again. */
  readonly bad: number;
  /** The good units' latencies summed (µs): one-way delay, first SYN → reply; 0 for a transfer. */
  readonly latencySumUs: number;
  /** When it finished (µs; a transfer's last ACK), NaN while it runs or when it never ends. */
  readonly doneAtUs: number;
}

/**
 * When a workload's units were done: the first since the meter last read it, and the latest. One
 * comparison where a workload counts a unit done, so a silence's two ends are known to the µs
 * while the counts stay in 100 ms bins.
 */
export class DoneClock {
  private first = NaN;
  /** The latest unit done (µs), NaN before the first. */
  last = NaN;
  /** `last` when the meter last read the clock. */
  private lastAtRead = NaN;

  mark(now: number): void {
    if (Number.isNaN(this.first)) this.first = now;
    this.last = now;
  }

  /** The first unit done since the last read and the last one before it (NaN for none); starts over. */
  read(): { first: number; before: number } {
    const r = { first: this.first, before: this.lastAtRead };
    this.first = NaN;
    this.lastAtRead = this.last;
    return r;
  }
}

/** What the meter reads of one workload. */
export interface MeteredWorkload {
  readonly slot: number;
  readonly totals: () => WorkloadTotals;
  readonly clock: DoneClock;
}

/**
 * Reads every workload's running totals at the end of each 100 ms bin and records what changed:
 * TraceKind.Workload (entity = slot; t = the bin's first unit done, or the bin start when none
 * was; a = done, b = failed, c = latency sum µs); WorkloadIdle at the last unit done before a
 * silence (a bin with none, or a gap over SILENCE_FLOOR_US before a bin's first unit), so the page
 * knows a silence's two ends to the µs; and a transfer's completion once (WorkloadDone). Reading totals keeps the workloads'
 * counting as it was (plus one DoneClock mark) and costs ten events a simulated second in all.
 * The polls only read: no model result changes, though the run's event count grows by ten a
 * simulated second and its trace (and hash) gains these records. A bin in which nothing
 * happened is not recorded.
 */
export class WorkloadMeter {
  private readonly last: {
    good: number;
    bad: number;
    latencySumUs: number;
    done: boolean;
    busy: boolean;
  }[];

  constructor(
    sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly workloads: readonly MeteredWorkload[],
    start: Micros,
    end: Micros,
  ) {
    this.last = workloads.map(() => ({
      good: 0,
      bad: 0,
      latencySumUs: 0,
      done: false,
      busy: false,
    }));
    if (workloads.length === 0) return;
    const first = start - (start % WORKLOAD_BIN_US) + WORKLOAD_BIN_US;
    const poll = (now: Micros) => {
      this.read(now);
      if (now < end) sim.at(Math.min(now + WORKLOAD_BIN_US, end) as Micros, poll, POLL_FIRST);
    };
    sim.at(Math.min(first, end) as Micros, poll, POLL_FIRST);
  }

  /** Records each workload's change since the last read; the bin is the 100 ms ending at `now`. */
  private read(now: Micros): void {
    // The last bin may be shorter (the run ends inside it); it starts on the 100 ms grid all the same.
    const binStart = now - ((now - 1) % WORKLOAD_BIN_US) - 1;
    this.workloads.forEach((w, i) => {
      const t = w.totals();
      const l = this.last[i] as (typeof this.last)[number];
      const good = t.good - l.good;
      const bad = t.bad - l.bad;
      const { first, before } = w.clock.read();
      // A silence starts at the last unit done before it: told when a bin goes idle, or when the
      // first unit of this bin comes more than the floor after the last one (a silence inside
      // two busy bins, shorter than a whole bin).
      if (good === 0 && l.busy) this.trace.add(w.clock.last, TraceKind.WorkloadIdle, w.slot);
      if (good > 0 && l.busy && first - before > SILENCE_FLOOR_US)
        this.trace.add(before, TraceKind.WorkloadIdle, w.slot);
      if (good !== 0 || bad !== 0) {
        const at = good > 0 && first >= binStart ? first : binStart;
        const latency = t.latencySumUs - l.latencySumUs;
        this.trace.add(at, TraceKind.Workload, w.slot, good, bad, latency);
      }
      l.busy = good > 0;
      l.good = t.good;
      l.bad = t.bad;
      l.latencySumUs = t.latencySumUs;
      if (!l.done && Number.isFinite(t.doneAtUs)) {
        l.done = true;
        this.trace.add(t.doneAtUs, TraceKind.WorkloadDone, w.slot);
      }
    });
  }
}
