import { WORKLOAD_BIN_US } from '../../sim/workloads/workload-meter';
import { SILENCE_FLOOR_US, type Silence } from './silences';
import { bump } from './run-view-cols';

/** One workload's series, from its Workload records (100 ms bins, only those with anything in them). */
export interface WorkloadSeries {
  readonly slot: number;
  /** Units done and failed per simulated second (replies, packets, segments; time-outs, losses). */
  readonly goodPerS: number[];
  readonly badPerS: number[];
  /** Mean latency per bin with anything done: bin start (µs) and ms. */
  readonly latency: { readonly t: number[]; readonly ms: number[] };
  /** Spans longer than SILENCE_FLOOR_US with nothing done, between the bins that did something. */
  readonly silences: Silence[];
  /** The last unit done (µs; its bin's end until the WorkloadIdle record says), undefined before the first. */
  lastGoodEnd: number | undefined;
  /** The first unit done (µs), undefined before it. */
  firstGood: number | undefined;
  /** When the workload finished (a transfer), else undefined. */
  doneAt: number | undefined;
}

/**
 * The workloads' progress over time, folded from the trace's Workload and WorkloadDone records
 * (src/sim/workloads/workload-meter.ts): per-second counts for the workload charts, mean latency
 * per 100 ms, and silences for the outage bars: from the last unit done before a gap
 * (WorkloadIdle) to the first one after it (the next bin's time), both to the µs.
 */
export class WorkloadViews {
  readonly bySlot = new Map<number, WorkloadSeries>();

  /**
   * A Workload record: `t` the bin's first unit done (its start when none was), `good` done,
   * `bad` failed, latencies summed in `latencyUs`.
   */
  bin(slot: number, t: number, good: number, bad: number, latencyUs: number): void {
    const w = this.of(slot);
    const binStart = t - (t % WORKLOAD_BIN_US);
    bump(w.goodPerS, t, good);
    bump(w.badPerS, t, bad);
    if (good <= 0) return;
    if (latencyUs > 0) {
      w.latency.t.push(binStart);
      w.latency.ms.push(latencyUs / good / 1000);
    }
    if (w.lastGoodEnd !== undefined && t - w.lastGoodEnd > SILENCE_FLOOR_US)
      w.silences.push({ from: w.lastGoodEnd, to: t });
    w.firstGood ??= t;
    // Until a WorkloadIdle record says when the last unit came, the bin's end stands for it.
    w.lastGoodEnd = binStart + WORKLOAD_BIN_US;
  }

  /** A WorkloadIdle record: the last unit before an idle bin was done at `t`. */
  idle(slot: number, t: number): void {
    this.of(slot).lastGoodEnd = t;
  }

  /** A WorkloadDone record. */
  done(slot: number, t: number): void {
    this.of(slot).doneAt = t;
  }

  /**
   * The silences of `slot` up to `now`: from `startUs` (when the workload starts) to its first unit
   * done, between units, and the one still open when it has done nothing since (and has not
   * finished) — a workload that never gets anything done is silent from its start.
   */
  silencesUpTo(
    slot: number,
    now: number,
    startUs: number,
  ): { spans: readonly Silence[]; open: Silence | null } {
    const w = this.bySlot.get(slot);
    const first = w?.firstGood;
    const before =
      first !== undefined && first - startUs > SILENCE_FLOOR_US
        ? [{ from: startUs, to: first }]
        : [];
    const spans = before.length ? [...before, ...(w?.silences ?? [])] : (w?.silences ?? []);
    if (w?.doneAt !== undefined) return { spans, open: null };
    const from = w?.lastGoodEnd ?? startUs;
    const open = now - from > SILENCE_FLOOR_US ? { from, to: now } : null;
    return { spans, open };
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
        firstGood: undefined,
        doneAt: undefined,
      };
      this.bySlot.set(slot, w);
    }
    return w;
  }
}
