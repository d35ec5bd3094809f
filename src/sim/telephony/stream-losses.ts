import { grownTo } from '../engine/grow';

/**
 * Packets lost per RTP stream, for all of a world's receivers in one typed array. The drop path
 * counts here by stream without touching the stream's receiver object: at 4 000 streams most
 * packets are dropped, and loading a receiver scattered in the heap per drop was the costliest
 * line of the drop path (CPU profile, ADR 0021 addendum 6).
 */
export class StreamLosses {
  private counts = new Float64Array(64);

  /** One more packet of `stream` ended without arriving. */
  add(stream: number): void {
    this.counts = grownTo(this.counts, stream + 1);
    this.counts[stream] = (this.counts[stream] as number) + 1;
  }

  /** Packets of `stream` lost so far. */
  of(stream: number): number {
    return stream < this.counts.length ? (this.counts[stream] as number) : 0;
  }
}
