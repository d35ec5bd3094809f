import { PacketKind, type Packet } from '../net/packet';

/** Where the capture sits: at the clients' side of the LAN, or at the server host's NIC. */
export type CapturePoint = 'client' | 'server';
export const CAPTURE_POINTS: readonly CapturePoint[] = ['client', 'server'];

/** Direction on the captured interface. */
export const CaptureDir = { ToServer: 0, FromServer: 1 } as const;
export type CaptureDir = (typeof CaptureDir)[keyof typeof CaptureDir];

/**
 * The RTP and SIP packets seen at one capture point, in columns (one entry per packet, no object
 * per packet). A capture is not part of the trace: turning it on changes no result and no trace
 * hash; it only records what a tcpdump on that interface would have seen.
 */
export class PacketCapture {
  readonly t: number[] = [];
  readonly kind: number[] = [];
  readonly dir: number[] = [];
  /** RTP: stream; SIP: transaction id. */
  readonly flow: number[] = [];
  /** RTP: sequence number; SIP: attempt. */
  readonly seq: number[] = [];
  /** Client endpoint on the far side. */
  readonly client: number[] = [];
  readonly bytes: number[] = [];

  constructor(readonly point: CapturePoint) {}

  /** Packets seen so far. */
  get count(): number {
    return this.t.length;
  }

  /** Records `p` seen at `t` (µs) going `dir`, when it is RTP or SIP. */
  see(t: number, p: Packet, dir: CaptureDir): void {
    if (
      p.kind !== PacketKind.Rtp &&
      p.kind !== PacketKind.SipRequest &&
      p.kind !== PacketKind.SipResponse
    )
      return;
    this.t.push(t);
    this.kind.push(p.kind);
    this.dir.push(dir);
    this.flow.push(p.flow);
    this.seq.push(p.seq);
    this.client.push(p.client);
    this.bytes.push(p.bytes);
  }
}
