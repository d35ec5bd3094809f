import * as d3 from 'd3';
import type { RtpSeries } from '../views/run-view-cols';
import { byTime, highestBefore, largestDelay, lossSettledBefore, sentAt } from './stream-loss';

/** What a band summarises across streams. */
export type BandMetric = 'jitter' | 'delay' | 'loss';

/** Pixel columns per time bin: a band bin is never narrower than this on screen. */
export const BIN_PX = 3;

/**
 * Narrowest bin (µs) per metric. Jitter and delay: one G.711 packet interval, 20 ms (RFC 3551
 * §4.5.14, default ptime); in a narrower bin most streams would have no packet, and the
 * percentiles would be over a different few streams in every bin. Loss: one second, the bins of
 * the per-second loss chart, so a stream's fraction lost is over 50 packets expected (a 2 % step)
 * rather than over the two or three of a short bin (0, 33, 50, 100 %).
 */
export const MIN_BIN_US: Readonly<Record<BandMetric, number>> = {
  jitter: 20_000,
  delay: 20_000,
  loss: 1_000_000,
};

/** Bin width (µs) of `metric` for the window [t0, t1] drawn over `px` pixels. */
export function binWidthUs(t0: number, t1: number, px: number, metric: BandMetric): number {
  const bins = Math.max(1, Math.floor(px / BIN_PX));
  return Math.max(MIN_BIN_US[metric], Math.ceil((t1 - t0) / bins));
}

/**
 * Percentile bands across streams per time bin, built from the per-stream typed columns.
 *
 * Each stream gives at most one value per bin (so a spike inside a bin is not averaged away):
 * - jitter: the largest its RFC 3550 estimate J was during the bin. J is a running estimate that
 *   holds between arrivals (RFC 3550 §6.4.1: a receiver report carries it whenever it is sent), so
 *   a stream with no packet in a bin keeps the value of its last packet there, as its step line does;
 * - delay: the largest one-way delay of the bin's packets; a delay belongs to a packet, so a stream
 *   with no packet in a bin has no delay there;
 * - loss: RFC 3550 Appendix A.3's count (packets expected from the rise of the highest sequence
 *   number seen, minus packets received, clamped at 0 for duplicates) in per cent, with each
 *   packet in the bin it was sent in (its arrival less its one-way delay; a lost one where the
 *   stream's clock put it, between the packets around the gap), as the per-second loss chart
 *   counts. Binned by arrival, as an RTCP report's interval is, a packet overtaken across a bin's
 *   end was lost in one bin and a surplus in the next, clamped away: Net's bursts with a random
 *   extra delay showed 5 % lost per stream in a run that lost nothing. A bin with nothing sent
 *   in it that is known (no later packet yet) has no value.
 * A stream without a value in a bin is left out of that bin's percentiles (`count` says how many
 * streams each bin has); a bin no stream has a value in is NaN, not 0.
 *
 * Incremental: `update` folds only the samples that arrived (or came into the played part) since
 * the last call and recomputes the bins they touched, so playback costs the new samples only; a
 * playhead moved back clears the bins from its bin on (for loss, from the earliest send whose
 * count can still change) and folds them again (`rewind`), so scrubbing back costs the bins after
 * it, not the whole window.
 */
export class StreamBands {
  readonly bins: number;
  readonly median: Float32Array;
  readonly p95: Float32Array;
  readonly max: Float32Array;
  /** Streams with a value in each bin. */
  readonly count: Uint32Array;
  /** Samples folded up to this time (µs). */
  limit = -Infinity;

  /** bins × streams (bin-major): the largest sample (jitter, delay), NaN without one. */
  private readonly val: Float32Array;
  /** bins × streams (loss): packets received and expected in the bin. */
  private readonly recv: Uint32Array;
  private readonly expected: Uint32Array;
  /** Per stream: the next sample to fold (-1: not started) and the highest sequence number so far. */
  private readonly next: Int32Array;
  private readonly highest: Float64Array;
  /** Per stream (loss): when the packet with the highest sequence number was sent (µs). */
  private readonly highestSent: Float64Array;
  /**
   * Per stream (loss): numbers skipped by a rise of the highest, as [seq, sent, …], not yet
   * counted: one may be on its way still (overtaken, or in flight at the playhead). Each is
   * counted once the playhead is the stream's largest one-way delay past its sending, or when it
   * arrives; one still missing at the run's end was in flight, as the summary counts it.
   */
  private readonly pending: number[][];
  /**
   * Per stream (loss): the largest one-way delay in its series (µs), all of it, not only up to the
   * playhead, so a build moved back counts what a fresh one would; and how far it was read.
   */
  private readonly maxDelay: Float64Array;
  private readonly delaysRead: Int32Array;
  /** Bins before this one are kept as they are by a loss fold (a rewind refolds from it). */
  private floorBin = 0;
  /** Bins the last loss fold touched (a late packet reaches back to the bin it was sent in). */
  private touchedLo = Infinity;
  private touchedHi = -1;
  /** Per stream (jitter): its last J, and the last bin given a value. */
  private readonly held: Float64Array;
  private readonly filled: Int32Array;
  private readonly scratch: Float64Array;

  constructor(
    readonly streams: number,
    readonly metric: BandMetric,
    readonly t0: number,
    readonly t1: number,
    readonly binUs: number,
  ) {
    this.bins = Math.max(1, Math.ceil((t1 - t0) / binUs));
    const cells = this.bins * streams;
    const isLoss = metric === 'loss';
    this.val = new Float32Array(isLoss ? 0 : cells).fill(NaN);
    this.recv = new Uint32Array(isLoss ? cells : 0);
    this.expected = new Uint32Array(isLoss ? cells : 0);
    this.median = new Float32Array(this.bins).fill(NaN);
    this.p95 = new Float32Array(this.bins).fill(NaN);
    this.max = new Float32Array(this.bins).fill(NaN);
    this.count = new Uint32Array(this.bins);
    this.next = new Int32Array(streams).fill(-1);
    this.highest = new Float64Array(streams).fill(NaN);
    this.highestSent = new Float64Array(streams).fill(NaN);
    this.pending = Array.from({ length: isLoss ? streams : 0 }, () => []);
    this.maxDelay = new Float64Array(isLoss ? streams : 0);
    this.delaysRead = new Int32Array(isLoss ? streams : 0);
    this.held = new Float64Array(streams).fill(NaN);
    this.filled = new Int32Array(streams).fill(-1);
    this.scratch = new Float64Array(streams);
  }

  /** Whether this builder is for that window (else build anew); the playhead may have moved either way. */
  fits(streams: number, metric: BandMetric, t0: number, t1: number, binUs: number): boolean {
    return (
      streams === this.streams &&
      metric === this.metric &&
      t0 === this.t0 &&
      t1 === this.t1 &&
      binUs === this.binUs
    );
  }

  /** Folds every sample of `series` (indexed by stream) up to `until` into the bins. */
  update(series: readonly (RtpSeries | undefined)[], until: number): void {
    const limit = Math.min(until, this.t1);
    if (limit < this.limit) this.rewind(series, limit);
    this.limit = limit;
    if (limit < this.t0) return;
    const limitBin = this.binOf(limit);
    const hold = this.metric === 'jitter';
    let lo = this.bins;
    let hi = -1;
    const S = this.streams;
    for (let k = 0; k < S; k++) {
      const s = series[k];
      if (!s) continue;
      const t = s.t;
      let i = this.next[k] as number;
      if (i < 0) {
        i = byTime.left(t, this.t0);
        // What held before the window: the highest sequence number (so the first bin counts
        // its own gap) and the last J.
        if (i > 0) {
          this.highest[k] = s.seq[i - 1] as number;
          this.highestSent[k] = sentAt(s, i - 1);
          if (hold) this.held[k] = s.jitterMs[i - 1] as number;
        }
      }
      const n = t.length;
      if (hold && !Number.isNaN(this.held[k] as number))
        lo = Math.min(lo, (this.filled[k] as number) + 1);
      this.touchedLo = Infinity;
      this.touchedHi = -1;
      if (this.metric === 'loss') this.readDelays(k, s);
      if (i < n && (t[i] as number) <= limit) {
        lo = Math.min(lo, this.binOf(t[i] as number));
        i = this.fold(k, s, i, limit);
        hi = Math.max(hi, this.binOf(t[i - 1] as number));
      }
      if (this.metric === 'loss') {
        this.settle(k, limit);
        lo = Math.min(lo, this.touchedLo);
        hi = Math.max(hi, this.touchedHi);
      }
      // J holds up to the playhead.
      if (hold && !Number.isNaN(this.held[k] as number)) {
        this.holdTo(k, limitBin);
        hi = limitBin;
      }
      this.next[k] = i;
    }
    for (let b = lo; b <= hi; b++) this.stats(b);
  }

  /** Stream `k`'s value in bin `b` (NaN when it has none), as the band uses it. */
  valueOf(k: number, b: number): number {
    const c = b * this.streams + k;
    if (this.metric !== 'loss') return this.val[c] as number;
    const e = this.expected[c] as number;
    if (e === 0) return NaN;
    return (100 * Math.max(0, e - (this.recv[c] as number))) / e;
  }

  /** The bin holding time `t` (µs), or -1 outside the window. */
  binOf(t: number): number {
    if (t < this.t0 || t > this.t1) return -1;
    return Math.min(this.bins - 1, Math.floor((t - this.t0) / this.binUs));
  }

  /**
   * Forgets everything from the bin holding `limit` on (for loss, from the bin of the earliest
   * send whose count can change after `limit`): those bins are cleared and each stream goes back
   * to its first sample in that bin, with what held before it (the highest sequence number, its
   * J), as at the window's start.
   */
  private rewind(series: readonly (RtpSeries | undefined)[], limit: number): void {
    const loss = this.metric === 'loss';
    // Loss bins packets by when they were sent: what arrived after the new playhead, or became
    // due after it, was sent at most the largest delay before it, so the bins from there are
    // folded again (ADR 0028).
    const settled = loss ? lossSettledBefore(series, this.maxDelay, this.t0, limit) : limit;
    const from = Math.max(0, this.binOf(Math.max(settled, this.t0)));
    const start = this.t0 + from * this.binUs;
    const S = this.streams;
    this.val.fill(NaN, Math.min(this.val.length, from * S));
    this.recv.fill(0, Math.min(this.recv.length, from * S));
    this.expected.fill(0, Math.min(this.expected.length, from * S));
    for (const a of [this.median, this.p95, this.max]) a.fill(NaN, from);
    this.count.fill(0, from);
    this.floorBin = loss ? from : 0;
    for (let k = 0; k < S; k++) {
      const s = series[k];
      this.filled[k] = from - 1;
      if (!s) {
        this.next[k] = -1;
        continue;
      }
      const i = byTime.left(s.t, start);
      this.next[k] = i;
      this.highest[k] = i > 0 ? (s.seq[i - 1] as number) : NaN;
      this.highestSent[k] = i > 0 ? sentAt(s, i - 1) : NaN;
      if (loss) {
        this.pending[k] = [];
        const h = highestBefore(s, i, this.t0, this.maxDelay[k] as number);
        if (h) {
          this.highest[k] = h.seq;
          this.highestSent[k] = h.sent;
        }
      }
      this.held[k] = i > 0 ? (s.jitterMs[i - 1] as number) : NaN;
    }
    this.limit = start;
  }

  /** Reads stream k's delays not read yet into its largest. */
  private readDelays(k: number, s: RtpSeries): void {
    this.maxDelay[k] = largestDelay(s, this.delaysRead[k] as number, this.maxDelay[k] as number);
    this.delaysRead[k] = s.delayMs.length;
  }

  /** Gives stream k's held J to its bins after the last one with a value, up to bin `to`. */
  private holdTo(k: number, to: number): void {
    const h = this.held[k] as number;
    for (let b = (this.filled[k] as number) + 1; b <= to; b++) this.val[b * this.streams + k] = h;
    if (to > (this.filled[k] as number)) this.filled[k] = to;
  }

  /** Folds samples i… of stream k up to `limit`; returns the next unfolded index. */
  private fold(k: number, s: RtpSeries, i: number, limit: number): number {
    return this.metric === 'loss'
      ? this.foldLoss(k, s, i, limit)
      : this.foldMax(k, s.t, this.metric === 'jitter' ? s.jitterMs : s.delayMs, i, limit);
  }

  /** Jitter and delay: the largest value per bin (jitter also holds J into the bins it spans). */
  private foldMax(k: number, t: Float64Array, col: Float32Array, i: number, limit: number): number {
    const { t0, binUs, streams: S, val } = this;
    const last = this.bins - 1;
    const hold = this.metric === 'jitter';
    const n = t.length;
    for (; i < n; i++) {
      const ti = t[i] as number;
      if (ti > limit) break;
      const b = Math.min(last, Math.floor((ti - t0) / binUs));
      // The J in force when the bin began counts too (it held until this packet).
      if (hold && b > (this.filled[k] as number) && !Number.isNaN(this.held[k] as number))
        this.holdTo(k, b);
      const c = b * S + k;
      const v = col[i] as number;
      if (!(v <= (val[c] as number))) val[c] = v; // NaN: first value of the bin
      if (hold) {
        this.held[k] = v;
        this.filled[k] = b;
      }
    }
    return i;
  }

  /** Loss: packets received and expected per bin they were sent in (RFC 3550 A.3). */
  private foldLoss(k: number, s: RtpSeries, i: number, limit: number): number {
    const n = s.t.length;
    const pending = this.pending[k] as number[];
    let h = this.highest[k] as number;
    let hSent = this.highestSent[k] as number;
    for (; i < n; i++) {
      if ((s.t[i] as number) > limit) break;
      const q = s.seq[i] as number;
      const sent = sentAt(s, i);
      // A.3: the first packet sets the base (it is expected); later ones add the rise of the
      // highest, each number skipped sent on the stream's clock between the two.
      if (Number.isNaN(h) || q > h) {
        if (!Number.isNaN(h)) {
          const step = (sent - hSent) / (q - h);
          for (let j = 1; j < q - h; j++) pending.push(h + j, hSent + j * step);
        }
        this.tally(this.expected, k, sent);
        h = q;
        hSent = sent;
      } else {
        // Late: expected now if it was still pending (else it was counted lost and is not).
        for (let j = 0; j < pending.length; j += 2)
          if (pending[j] === q) {
            pending.splice(j, 2);
            this.tally(this.expected, k, sent);
            break;
          }
      }
      this.tally(this.recv, k, sent);
    }
    this.highest[k] = h;
    this.highestSent[k] = hSent;
    return i;
  }

  /** Counts stream k's skipped numbers whose time to arrive has passed by `limit` as expected. */
  private settle(k: number, limit: number): void {
    const pending = this.pending[k] as number[];
    const due = limit - (this.maxDelay[k] as number);
    let j = 0;
    while (j < pending.length && (pending[j + 1] as number) <= due) {
      this.tally(this.expected, k, pending[j + 1] as number);
      j += 2;
    }
    if (j > 0) pending.splice(0, j);
  }

  /** Adds one to stream k's cell of `col` in the bin `sent` falls in (none before the window). */
  private tally(col: Uint32Array, k: number, sent: number): void {
    if (sent < this.t0) return;
    const b = Math.min(this.bins - 1, Math.floor((sent - this.t0) / this.binUs));
    if (b < this.floorBin) return;
    const c = b * this.streams + k;
    col[c] = (col[c] as number) + 1;
    if (b < this.touchedLo) this.touchedLo = b;
    if (b > this.touchedHi) this.touchedHi = b;
  }

  /** Median, p95 and max across the streams with a value in bin b. */
  private stats(b: number): void {
    let n = 0;
    const S = this.streams;
    const { scratch, val, recv, expected } = this;
    if (this.metric === 'loss') {
      for (let c = b * S; c < (b + 1) * S; c++) {
        const e = expected[c] as number;
        if (e > 0) scratch[n++] = (100 * Math.max(0, e - (recv[c] as number))) / e;
      }
    } else {
      for (let c = b * S; c < (b + 1) * S; c++) {
        const v = val[c] as number;
        if (!Number.isNaN(v)) scratch[n++] = v;
      }
    }
    this.count[b] = n;
    if (n === 0) {
      this.median[b] = NaN;
      this.p95[b] = NaN;
      this.max[b] = NaN;
      return;
    }
    // d3's types take arrays; quantileSorted only indexes, so a sorted typed array serves.
    const sorted = this.scratch.subarray(0, n).sort() as unknown as number[];
    // d3.quantileSorted: R-7 linear interpolation between order statistics, as d3.quantile.
    this.median[b] = d3.quantileSorted(sorted, 0.5) as number;
    this.p95[b] = d3.quantileSorted(sorted, 0.95) as number;
    this.max[b] = sorted[n - 1] as number;
  }
}
