import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { Bytes } from '../engine/units';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import type { TcpProbeParams } from './params';

/** Client id of the remote TCP sender. */
export const TCP_CLIENT = 1_000_003;
/** Ethernet MSS with timestamps: 1448 B of payload in a 1500 B IP packet. */
export const TCP_MSS = 1448;
export const TCP_SEGMENT_BYTES = 1500 as Bytes;
const MSS = TCP_MSS;
const SEGMENT_BYTES = TCP_SEGMENT_BYTES;

/** What a TCP probe reports (the endless flow has no completion, retransmission or timeout). */
export interface TcpProbeStats {
  segments: number;
  throughputMbps: number;
  rttMeanMs: number;
  windowSegments: number;
  /** A transfer of a given size: its completion time, ms (null: endless, or not finished). */
  completionMs: number | null;
  retransmissions: number;
  timeouts: number;
}

/**
 * A window-limited TCP bulk transfer from a remote client to a VM: at most `window` bytes are
 * unacknowledged; each ACK, sent when the VM's CPU gets to the segment, releases the next one.
 * Throughput is window / round-trip time, so every wait for the CPU costs throughput (the vSlicer
 * paper's TCP-over-WAN test). No loss and no slow start: the window is the bottleneck by design.
 */
export class TcpBulk {
  private sent = 0;
  private acked = 0;
  private rttSum = 0;
  private firstAck = NaN;
  private lastAck = NaN;
  private readonly window: number;

  constructor(
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly params: TcpProbeParams,
    start: Micros,
    private readonly end: Micros,
    private readonly send: (p: Packet) => void,
  ) {
    this.window = Math.max(1, Math.floor((params.windowKB * 1024) / MSS));
    sim.at(start, (now) => {
      for (let i = 0; i < this.window; i++) this.sendSegment(now);
    });
  }

  private sendSegment(now: Micros): void {
    if (now >= this.end) return;
    this.send(
      this.ledger.create({
        kind: PacketKind.TcpData,
        bytes: SEGMENT_BYTES,
        tcp: true,
        vm: this.params.target,
        client: TCP_CLIENT,
        flow: 0,
        seq: this.sent++,
        sentAt: now,
      }),
    );
  }

  /** An ACK arrived: one more segment may go. */
  onAck(p: Packet, now: Micros): void {
    this.ledger.deliver(p);
    this.acked++;
    this.rttSum += now - p.sentAt;
    if (Number.isNaN(this.firstAck)) this.firstAck = now;
    this.lastAck = now;
    this.sendSegment(now);
  }

  stats(): TcpProbeStats {
    const span = (this.lastAck - this.firstAck) / 1e6;
    return {
      segments: this.acked,
      throughputMbps: span > 0 ? ((this.acked - 1) * MSS * 8) / span / 1e6 : 0,
      rttMeanMs: this.acked ? this.rttSum / this.acked / 1000 : 0,
      windowSegments: this.window,
      completionMs: null,
      retransmissions: 0,
      timeouts: 0,
    };
  }
}
