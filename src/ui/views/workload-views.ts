import { WORKLOAD_BIN_US } from '../../sim/workloads/workload-meter';
import { SILENCE_FLOOR_US, type Silence } from './silences';

/** One workload's series, from its Workload records (100 ms bins, only those with anything in them). */
export interface WorkloadSeries {
  readonly slot: number;
  /** Units done and failed per simulated second (replies, packets, segments; time-outs, losses). */
  readonly goodPerS: number[];
  readonly badPerS: number[];
  /** Mean latency per bin with anything done: bin middle (µs) and ms. */
  readonly latency: { readonly t: number[]; readonly ms: number[] };
  /** Spans longer than SILENCE_FLOOR_US with nothing done, between the bins that did something. */
  readonly silences: Silence[];
  /** End of the last bin with anything done (µs), undefined before the first. */
  lastGoodEnd: number | undefined;
  /** When the workload finished (a transfer), else undefined. */
  doneAt: number | undefined;
}

const bump = (arr: number[], i: number, n: number): void => {
  while (arr.length <= i) arr.push(0);
  arr[i] = (arr[i] as number) + n;
};

/**
 * The workloads' progress over time, folded from the trace's Workload and WorkloadDone records
 * (src/sim/workloads/workload-meter.ts): per-second counts for the workload charts, mean latency
 * per 100 ms, and silences for the outage bars. Silences are read at the bins' 100 ms grain: a
 * gap runs from the end of the last bin that did something to the start of the next, so it is at
 * most 200 ms shorter than the real one, never longer.
 */
export class WorkloadViews {
  readonly bySlot = new Map<number, WorkloadSeries>();

  /** A Workload record: bin starting at `t`, `good` done, `bad` failed, latencies summed in `latencyUs`. */
  bin(slot: number, t: number, good: number, bad: number, latencyUs: number): void {
    const w = this.of(slot);
    const second = Math.floor(t / 1e6);
    bump(w.goodPerS, second, good);
    bump(w.badPerS, second, bad);
    if (good <= 0) return;
    if (latencyUs > 0) {
      w.latency.t.push(t + WORKLOAD_BIN_US / 2);
      w.latency.ms.push(latencyUs / good / 1000);
    }
    if (w.lastGoodEnd !== undefined && t - w.lastGoodEnd > SILENCE_FLOOR_US)
      w.silences.push({ from: w.lastGoodEnd, to: t });
    w.lastGoodEnd = t + WORKLOAD_BIN_US;
  }

  /** A WorkloadDone record. */
  done(slot: number, t: number): void {
    this.of(slot).doneAt = t;
  }

  /** The silences of `slot` up to `now`, with the one still open when it has done nothing since (and has not finished). */
  silencesUpTo(slot: number, now: number): { spans: readonly Silence[]; open: Silence | null } {
    const w = this.bySlot.get(slot);
    if (!w) return { spans: [], open: null };
    const l = w.lastGoodEnd;
    const end = w.doneAt ?? now;
    const open =
      l !== undefined && w.doneAt === undefined && end - l > SILENCE_FLOOR_US
        ? { from: l, to: end }
        : null;
    return { spans: w.silences, open };
  }

  private of(slot: number): WorkloadSeries {
    let w = this.bySlot.get(slot);
    if (!w) {
      w = {
        slot,
        goodPerS: [],
        badPerS: [],
        latency: { t: [], ms: [] },
        silences: [],
        lastGoodEnd: undefined,
        doneAt: undefined,
      };
      this.bySlot.set(slot, w);
    }
    return w;
  }
}
