import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { Bytes } from '../engine/units';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { Rfc3550Jitter } from '../telephony/rfc3550-jitter';
import type { UdpProbeParams } from './params';

/** Client id of the UDP sender. */
export const UDP_CLIENT = 1_000_001;

/**
 * iperf -u: a LAN client sends datagrams at a constant rate to a VM; the receiver in the VM notes
 * each one when its application reads it, and reports jitter the way iperf does (RFC 3550's
 * estimator over the sender's timestamps, here in µs). Loss counts every datagram sent that never
 * reached the application — dropped anywhere on the path, not only the gaps the receiver's
 * sequence numbers show (a drop after the last one read leaves no gap) — and leaves out the
 * datagrams still on their way when the run ends.
 *
 * As an outage probe (R7's UDP probes at 10 and 100 pkt/s) it sends at a packet rate instead and
 * reports the longest gap between two datagrams read: the outage it saw is that gap less one
 * sending period (the datagrams that would have come in between were lost), so it resolves an
 * outage to one period.
 */
export class UdpStream {
  private readonly jitter = new Rfc3550Jitter(1_000_000);
  private sent = 0;
  private received = 0;
  /** Datagrams of this probe dropped anywhere (the world reports them). */
  private dropped = 0;
  private jitterSum = 0;
  private bytes = 0;
  private firstAt = NaN;
  private lastAt = NaN;
  private maxGap = 0;
  private readonly period: number;

  constructor(
    sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly params: UdpProbeParams,
    start: Micros,
    end: Micros,
    send: (p: Packet) => void,
  ) {
    // µs between datagrams: the packet rate when set, else the bit rate.
    const period = params.pps > 0 ? 1e6 / params.pps : (params.bytes * 8) / params.rateMbps;
    this.period = period;
    let next = start as number;
    const tick = () => {
      const now = Math.round(next) as Micros;
      if (now >= end) return;
      send(
        ledger.create({
          kind: PacketKind.Udp,
          bytes: params.bytes as Bytes,
          tcp: false,
          vm: params.target,
          client: UDP_CLIENT,
          flow: 0,
          seq: this.sent++,
          sentAt: now,
        }),
      );
      next += period;
      sim.at(Math.max(now, Math.round(next)) as Micros, tick);
    };
    sim.at(start, tick);
  }

  /** One of this probe's datagrams was dropped on the path. */
  lose(): void {
    this.dropped++;
  }

  /** The VM's receiver read datagram `p` at `now`. */
  onRead(p: Packet, now: Micros): void {
    this.received++;
    this.jitter.update(now, p.sentAt);
    this.jitterSum += this.jitter.jitterMs;
    this.bytes += p.bytes;
    if (Number.isNaN(this.firstAt)) this.firstAt = now;
    else this.maxGap = Math.max(this.maxGap, now - this.lastAt);
    this.lastAt = now;
  }

  stats(): {
    sent: number;
    received: number;
    /** Datagrams still queued or on a link at the end (neither read nor dropped yet). */
    inFlight: number;
    lossPct: number;
    jitterMeanMs: number;
    jitterLastMs: number;
    mbps: number;
    /** Longest time between two datagrams read, ms. */
    maxGapMs: number;
    /** The outage that gap shows: the gap less one sending period, µs (0 without a gap). */
    outageUs: number;
  } {
    // Every datagram sent is read, dropped (reported by the world) or still on its way. (The
    // ledger's live UDP count would include the UDP workloads' datagrams.)
    const inFlight = this.sent - this.received - this.dropped;
    const settled = this.sent - inFlight;
    const span = (this.lastAt - this.firstAt) / 1e6;
    return {
      sent: this.sent,
      received: this.received,
      inFlight,
      lossPct: settled > 0 ? (100 * (settled - this.received)) / settled : 0,
      jitterMeanMs: this.received ? this.jitterSum / this.received : 0,
      jitterLastMs: this.jitter.jitterMs,
      mbps: span > 0 ? (this.bytes * 8) / span / 1e6 : 0,
      maxGapMs: this.maxGap / 1000,
      outageUs: Math.max(0, Math.round(this.maxGap - this.period)),
    };
  }
}
