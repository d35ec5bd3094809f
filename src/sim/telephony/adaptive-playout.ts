/**
 * An adaptive playout (jitter) buffer: Ramjee, Kurose, Towsley and Schulzrinne, "Adaptive playout
 * mechanisms for packetized audio applications in wide-area networks" (INFOCOM 1994), Algorithm 1 —
 * the estimator most VoIP textbooks teach. For each packet, n = arrival − timestamp time (the
 * unknown clock offset cancels out); d̂ ← α·d̂ + (1−α)·n and v̂ ← α·v̂ + (1−α)·|d̂ − n|, α = 0.998002;
 * the packet plays at its timestamp time + d̂ + 4·v̂, computed before the packet itself is counted.
 * The paper moves the playout point only between talkspurts; G.711 here has no silence
 * suppression, so the point moves at every packet, as a buffer that stretches and squeezes the
 * audio does (NetEQ-like). It starts at the first packet's delay plus `initialDepthUs`, the same
 * point the fixed buffer would use (v̂ starts at a quarter of it).
 */
export class AdaptivePlayout {
  /** Ramjee et al.'s weighting (their Algorithm 1). */
  static readonly ALPHA = 0.998002;
  private d = NaN;
  private v = 0;
  late = 0;
  played = 0;
  /** Time played packets waited in the buffer, summed (µs): the buffer's share of mouth-to-ear delay. */
  waitSumUs = 0;

  constructor(
    private readonly initialDepthUs: number,
    private readonly clockHz = 8000,
  ) {}

  /** Returns how late the packet is (µs, > 0 ⇒ discarded), or 0 when it is played. */
  arrive(arrivalUs: number, rtpTs: number): number {
    const n = arrivalUs - (rtpTs * 1e6) / this.clockHz;
    if (Number.isNaN(this.d)) {
      this.d = n;
      this.v = this.initialDepthUs / 4;
    }
    const lateness = n - (this.d + 4 * this.v);
    const a = AdaptivePlayout.ALPHA;
    this.d = a * this.d + (1 - a) * n;
    this.v = a * this.v + (1 - a) * Math.abs(this.d - n);
    if (lateness > 0) {
      this.late++;
      return lateness;
    }
    this.played++;
    this.waitSumUs -= lateness;
    return 0;
  }

  /** Mean time a played packet waited in the buffer, ms. */
  get meanWaitMs(): number {
    return this.played > 0 ? this.waitSumUs / this.played / 1000 : 0;
  }

  /** The current playout delay beyond the timestamp clock, µs (d̂ + 4·v̂). */
  get delayUs(): number {
    return this.d + 4 * this.v;
  }
}
