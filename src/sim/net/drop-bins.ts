import type { Simulator } from '../engine/simulator';
import type { TraceKind, TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';

/** Bin width, as the bulk path's NicDrop records. */
const BIN = ms(100);
/** Room for `a` in a map key (packet kinds, or seconds of a run of at most 2^20 s). */
const KEY_SPAN = 1 << 20;

/**
 * Counts drops by (entity, a) within each 100 ms bin and records one trace record of `kind` per
 * pair when the bin ends (t = bin start, b = count), so an overloaded queue or media sent to a dead
 * host adds a few records a second to the trace instead of one per dropped packet. QueueDrop uses
 * (reason, packet kind); RtpLost (reason, the second the packet was sent in). c is the µs of the
 * pair's first drop in the bin, so a story can say when a loss began, not only in which bin (a
 * crash 60 ms into a bin must not read after its first loss). Nothing is scheduled while nothing
 * drops.
 */
export class DropBins {
  private readonly counts = new Map<number, number>();
  /** Per key, its first drop's µs in this bin. */
  private readonly firsts = new Map<number, number>();
  private binStart = -1;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly end: Micros,
    private readonly kind: TraceKind,
  ) {}

  /** One drop now, keyed by `entity` (a drop reason) and `a` (below 2^20). */
  add(entity: number, a: number): void {
    const now = this.sim.now;
    const start = now - (now % BIN);
    if (start !== this.binStart) {
      this.flush();
      this.binStart = start;
      this.sim.at(Math.min(start + BIN, this.end) as Micros, () => {
        if (this.binStart === start) this.flush();
      });
    }
    const key = entity * KEY_SPAN + a;
    const n = this.counts.get(key);
    if (n === undefined) this.firsts.set(key, now);
    this.counts.set(key, (n ?? 0) + 1);
  }

  private flush(): void {
    for (const [key, n] of this.counts)
      this.trace.add(
        this.binStart,
        this.kind,
        Math.floor(key / KEY_SPAN),
        key % KEY_SPAN,
        n,
        this.firsts.get(key) ?? this.binStart,
      );
    this.counts.clear();
    this.firsts.clear();
    this.binStart = -1;
  }
}
