/**
 * A fixed-delay playout (jitter) buffer. The first packet anchors the playout clock: packet with
 * timestamp ts plays at anchor + (ts − ts0)/rate + depth. A packet that arrives after its playout
 * time is discarded as late. A packet later than `resyncAfter` re-anchors the clock (what a real
 * buffer does after an outage such as a failover), and counts as played.
 */
export class PlayoutBuffer {
  private anchorUs = NaN;
  private anchorTs = 0;
  late = 0;
  played = 0;

  constructor(
    private readonly depthUs: number,
    private readonly clockHz = 8000,
    private readonly resyncAfterUs = 300_000,
  ) {}

  /** Returns how late the packet is (µs, > 0 ⇒ discarded), or 0 when it is played. */
  arrive(arrivalUs: number, rtpTs: number): number {
    if (Number.isNaN(this.anchorUs)) this.reanchor(arrivalUs, rtpTs);
    const playAt = this.anchorUs + ((rtpTs - this.anchorTs) * 1e6) / this.clockHz + this.depthUs;
    const lateness = arrivalUs - playAt;
    if (lateness > this.resyncAfterUs) {
      this.reanchor(arrivalUs, rtpTs);
      this.played++;
      return 0;
    }
    if (lateness > 0) {
      this.late++;
      return lateness;
    }
    this.played++;
    return 0;
  }

  private reanchor(arrivalUs: number, rtpTs: number): void {
    this.anchorUs = arrivalUs;
    this.anchorTs = rtpTs;
  }
}
