import type { Micros } from '../engine/units';
import { AdaptivePlayout } from './adaptive-playout';
import { CODECS, samplesPerPacket, type RtpCodec } from './codec';
import type { PlayoutKind } from './params';
import { PlayoutBuffer } from './playout-buffer';
import { Rfc3550Jitter } from './rfc3550-jitter';
import { StreamLosses } from './stream-losses';

/** G.711 at 20 ms: 160 samples per packet at 8000 Hz, 50 packets/s per direction (RFC 3551). */
export const G711 = {
  ptime: CODECS.g711.ptime,
  samplesPerPacket: samplesPerPacket(CODECS.g711),
  clockHz: CODECS.g711.clockHz,
} as const;

/** Stream index of call `call`, direction 0 (caller → callee) or 1 (callee → caller). */
export const streamId = (call: number, dir: 0 | 1): number => call * 2 + dir;
/**
 * Clients: call c has endpoints 2c (caller) and 2c + 1 (callee), so stream s is sent by client s
 * and received by client s XOR 1.
 */
export const senderOf = (s: number): number => s;
export const receiverOf = (s: number): number => s ^ 1;
export const callOf = (s: number): number => Math.floor(s / 2);

/** What one receiver measured. */
export interface StreamStats {
  readonly stream: number;
  readonly received: number;
  /** Packets of this stream that ended without arriving (dropped anywhere on the path, or never sent because the sending VM was down). */
  readonly lost: number;
  /** Packets that should have arrived by now: received + lost. Packets still in flight at the end count in neither. */
  readonly expected: number;
  /** RFC 3550 A.3's expected (extended highest − base + 1): misses the head before the first and the tail after the last arrival. */
  readonly expectedRfc3550: number;
  readonly late: number;
  /** Mean wait of a played packet in an adaptive buffer, ms (null: fixed buffer, whose depth is the setting). */
  readonly bufferMs: number | null;
  readonly jitterMeanMs: number;
  readonly jitterMaxMs: number;
  readonly delayMeanMs: number;
  readonly delayMaxMs: number;
  /** Longest silence (ms) and when it ended (s): between consecutive arrivals, or from the last arrival (or the stream's start) to the end of the run. */
  readonly maxGapMs: number;
  readonly maxGapEndS: number;
  /** The longest silence lasts to the end of the run. */
  readonly gapOpenAtEnd: boolean;
  readonly receivedAfterFailover: number;
}

/**
 * An RTP receiver at a client: RFC 3550 jitter, one-way delay, a playout buffer, and loss from
 * what the sender sent. RFC 3550's receiver-only count (expected = highest − base + 1, Appendix
 * A.3) cannot see a silence before the first or after the last arrival, so a stream that goes
 * silent for good would show 0 % loss; the model knows every packet's end (the packet ledger), so
 * each one dropped on the path is reported here with `lose` and the loss is exact.
 */
export class RtpReceiver {
  readonly jitter: Rfc3550Jitter;
  readonly playout: PlayoutBuffer | AdaptivePlayout;
  private base = -1;
  private highest = -1;
  private received = 0;
  private jitterSum = 0;
  private jitterMax = 0;
  private delaySum = 0;
  private delayMax = 0;
  private lastArrival = NaN;
  private maxGap = 0;
  private maxGapEnd = 0;
  private afterFailover = 0;
  /** The failover time `afterFailover` counts from (it moves when the takeover becomes known). */
  private countedFrom = NaN;
  /** When the stream's sender started (µs): a stream that never arrives is silent from here. */
  private startedAt = NaN;
  /** RTP timestamp ticks per packet of the call's codec. */
  private readonly tsPerPacket: number;

  constructor(
    readonly stream: number,
    playoutUs: number,
    private readonly failoverAt: () => number,
    kind: PlayoutKind = 'fixed',
    codec: RtpCodec = CODECS.g711,
    /** Where this stream's losses are counted: the world's drop path counts them there by stream. */
    private readonly losses: StreamLosses = new StreamLosses(),
  ) {
    this.jitter = new Rfc3550Jitter(codec.clockHz);
    this.tsPerPacket = samplesPerPacket(codec);
    this.playout =
      kind === 'adaptive'
        ? new AdaptivePlayout(playoutUs, codec.clockHz)
        : new PlayoutBuffer(playoutUs, codec.clockHz);
  }

  /** A packet arrived. Returns its jitter (ms) and lateness (µs, 0 = played). */
  arrive(
    now: Micros,
    seq: number,
    sentAt: number,
  ): { jitterMs: number; lateUs: number; delayUs: number } {
    const ts = seq * this.tsPerPacket;
    if (this.base < 0) this.base = seq;
    if (seq > this.highest) this.highest = seq;
    this.received++;
    this.jitter.update(now, ts);
    const j = this.jitter.jitterMs;
    this.jitterSum += j;
    if (j > this.jitterMax) this.jitterMax = j;
    const delay = now - sentAt;
    this.delaySum += delay;
    if (delay > this.delayMax) this.delayMax = delay;
    if (!Number.isNaN(this.lastArrival) && now - this.lastArrival > this.maxGap) {
      this.maxGap = now - this.lastArrival;
      this.maxGapEnd = now;
    }
    this.lastArrival = now;
    const failover = this.failoverAt();
    // Until the media VM's takeover is known the failure time stands in for it; once it is known,
    // what arrived before it (the old primary still serving, as in a partition) is not "after".
    if (failover !== this.countedFrom) {
      this.countedFrom = failover;
      this.afterFailover = 0;
    }
    if (now >= failover) this.afterFailover++;
    const lateUs = this.playout.arrive(now, ts);
    return { jitterMs: j, lateUs, delayUs: delay };
  }

  /** The sender started the stream at `t` (µs). */
  started(t: number): void {
    if (Number.isNaN(this.startedAt)) this.startedAt = t;
  }

  /** Totals so far; `now` closes the silence since the last arrival (a gap that lasts to the end counts). */
  stats(now?: number): StreamStats {
    const n = Math.max(1, this.received);
    const lost = this.losses.of(this.stream);
    let maxGap = this.maxGap;
    let maxGapEnd = this.maxGapEnd;
    let open = false;
    const since = Number.isNaN(this.lastArrival) ? this.startedAt : this.lastArrival;
    if (now !== undefined && !Number.isNaN(since) && now - since > maxGap) {
      maxGap = now - since;
      maxGapEnd = now;
      open = true;
    }
    return {
      stream: this.stream,
      received: this.received,
      lost,
      expected: this.received + lost,
      expectedRfc3550: this.highest < 0 ? 0 : this.highest - this.base + 1,
      late: this.playout.late,
      bufferMs: this.playout instanceof AdaptivePlayout ? this.playout.meanWaitMs : null,
      jitterMeanMs: this.jitterSum / n,
      jitterMaxMs: this.jitterMax,
      delayMeanMs: this.delaySum / n / 1000,
      delayMaxMs: this.delayMax / 1000,
      maxGapMs: maxGap / 1000,
      maxGapEndS: maxGapEnd / 1e6,
      gapOpenAtEnd: open,
      // A takeover known only after the last arrival: nothing arrived after it.
      receivedAfterFailover: this.failoverAt() === this.countedFrom ? this.afterFailover : 0,
    };
  }
}
