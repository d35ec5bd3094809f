/**
 * Interarrival jitter exactly as RFC 3550 §6.4.1 / Appendix A.8: for consecutive packets i, j in
 * arrival order, D(i,j) = (Rj − Ri) − (Sj − Si) in RTP timestamp units and J += (|D| − J)/16.
 * Arrival times are converted to timestamp units at the codec clock (G.711: 8000 Hz), without
 * the integer truncation of the appendix's sample code (which differs by < 1 unit).
 */
export class Rfc3550Jitter {
  private prevTransit = NaN;
  /** Current estimate J, in timestamp units. */
  jitter = 0;

  constructor(private readonly clockHz = 8000) {}

  /** Folds in a packet that arrived at `arrivalUs` (µs) carrying RTP timestamp `rtpTs`. Returns J. */
  update(arrivalUs: number, rtpTs: number): number {
    const transit = (arrivalUs * this.clockHz) / 1e6 - rtpTs;
    if (!Number.isNaN(this.prevTransit)) {
      const d = Math.abs(transit - this.prevTransit);
      this.jitter += (d - this.jitter) / 16;
    }
    this.prevTransit = transit;
    return this.jitter;
  }

  /** J in milliseconds. */
  get jitterMs(): number {
    return (this.jitter * 1000) / this.clockHz;
  }
}
