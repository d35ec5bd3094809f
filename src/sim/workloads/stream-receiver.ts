import type { Micros } from '../engine/units';
import { Rfc3550Jitter } from '../telephony/rfc3550-jitter';
import { DoneClock } from './workload-meter';

/** What a stream's receiver measured. */
export interface StreamStats {
  sent: number;
  received: number;
  /** Packets that ended without arriving (dropped on the path; a TCP stream retransmits instead). */
  lost: number;
  lossPct: number;
  /** Payload throughput at the receiver's application, Mb/s. */
  mbps: number;
  delayMeanMs: number;
  delayMaxMs: number;
  /** RFC 3550 interarrival jitter over the sender's timestamps (as iperf reports it), mean and last. */
  jitterMeanMs: number;
  jitterLastMs: number;
  /** TCP: segments sent again after their RTO. */
  retransmissions: number;
}

/**
 * The receiving application of a media stream: one-way delay from the packet's first send to its
 * delivery to the application, RFC 3550 jitter (µs clock over `sentAt`, as iperf does), payload
 * throughput between the first and the last packet. Loss is exact: the path reports every packet
 * of the stream it dropped (`lose`); packets still in flight at the end count neither way.
 */
export class StreamReceiver {
  private readonly jitter = new Rfc3550Jitter(1_000_000);
  private received = 0;
  private lost = 0;
  private bytes = 0;
  private delaySum = 0;
  private delayMax = 0;
  private jitterSum = 0;
  private firstAt = NaN;
  private lastAt = NaN;
  sent = 0;
  retransmissions = 0;
  /** When packets reached the application (the workload meter's silences). */
  readonly clock = new DoneClock();

  constructor(private readonly payloadBytes: number) {}

  /** The application got the packet first sent at `sentAt`. */
  deliver(sentAt: number, now: Micros): void {
    this.received++;
    this.clock.mark(now);
    this.bytes += this.payloadBytes;
    const d = now - sentAt;
    this.delaySum += d;
    if (d > this.delayMax) this.delayMax = d;
    this.jitter.update(now, sentAt);
    this.jitterSum += this.jitter.jitterMs;
    if (Number.isNaN(this.firstAt)) this.firstAt = now;
    this.lastAt = now;
  }

  lose(): void {
    this.lost++;
  }

  /** Running totals (the workload meter reads them each 100 ms): packets in, lost, delay sum µs. */
  totals(): { received: number; lost: number; delaySumUs: number } {
    return { received: this.received, lost: this.lost, delaySumUs: this.delaySum };
  }

  stats(): StreamStats {
    const n = Math.max(1, this.received);
    const span = (this.lastAt - this.firstAt) / 1e6;
    const settled = this.received + this.lost;
    return {
      sent: this.sent,
      received: this.received,
      lost: this.lost,
      lossPct: settled > 0 ? (100 * this.lost) / settled : 0,
      // Bytes after the first packet over the time from the first to the last (a rate, not a count).
      mbps: span > 0 ? ((this.bytes - this.payloadBytes) * 8) / span / 1e6 : 0,
      delayMeanMs: this.delaySum / n / 1000,
      delayMaxMs: this.delayMax / 1000,
      jitterMeanMs: this.jitterSum / n,
      jitterLastMs: this.jitter.jitterMs,
      retransmissions: this.retransmissions,
    };
  }
}
