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
 * estimator over the sender's timestamps, here in µs) and loss from sequence numbers.
 */
export class UdpStream {
  private readonly jitter = new Rfc3550Jitter(1_000_000);
  private sent = 0;
  private received = 0;
  private highest = -1;
  private jitterSum = 0;
  private bytes = 0;
  private firstAt = NaN;
  private lastAt = NaN;

  constructor(
    sim: Simulator,
    ledger: PacketLedger,
    private readonly params: UdpProbeParams,
    start: Micros,
    end: Micros,
    send: (p: Packet) => void,
  ) {
    const period = (params.bytes * 8) / params.rateMbps; // µs between datagrams
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

  /** The VM's receiver read datagram `p` at `now`. */
  onRead(p: Packet, now: Micros): void {
    this.received++;
    if (p.seq > this.highest) this.highest = p.seq;
    this.jitter.update(now, p.sentAt);
    this.jitterSum += this.jitter.jitterMs;
    this.bytes += p.bytes;
    if (Number.isNaN(this.firstAt)) this.firstAt = now;
    this.lastAt = now;
  }

  stats(): {
    sent: number;
    received: number;
    lossPct: number;
    jitterMeanMs: number;
    jitterLastMs: number;
    mbps: number;
  } {
    const expected = this.highest + 1;
    const span = (this.lastAt - this.firstAt) / 1e6;
    return {
      sent: this.sent,
      received: this.received,
      lossPct: expected > 0 ? (100 * (expected - this.received)) / expected : 0,
      jitterMeanMs: this.received ? this.jitterSum / this.received : 0,
      jitterLastMs: this.jitter.jitterMs,
      mbps: span > 0 ? (this.bytes * 8) / span / 1e6 : 0,
    };
  }
}
