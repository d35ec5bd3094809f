import type { Simulator } from '../engine/simulator';
import { TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import type { DropReason, PacketKind } from './packet';

/** Bin width, as the bulk path's NicDrop records. */
const BIN = ms(100);

/**
 * Counts drops at full queues by reason and packet kind within each 100 ms bin and records one
 * QueueDrop trace record per pair when the bin ends, so an overloaded queue adds a few records a
 * second to the trace instead of one per dropped packet. Nothing is scheduled while nothing drops.
 */
export class QueueDropBins {
  private readonly counts = new Map<number, number>();
  private binStart = -1;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly end: Micros,
  ) {}

  /** A packet of `kind` was dropped for `reason` now. */
  add(reason: DropReason, kind: PacketKind): void {
    const now = this.sim.now;
    const start = now - (now % BIN);
    if (start !== this.binStart) {
      this.flush();
      this.binStart = start;
      this.sim.at(Math.min(start + BIN, this.end) as Micros, () => {
        if (this.binStart === start) this.flush();
      });
    }
    const key = reason * 256 + kind;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private flush(): void {
    for (const [key, n] of this.counts)
      this.trace.add(this.binStart, TraceKind.QueueDrop, Math.floor(key / 256), key % 256, n);
    this.counts.clear();
    this.binStart = -1;
  }
}
