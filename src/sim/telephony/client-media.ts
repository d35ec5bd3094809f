import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { DelayLinkPool } from '../net/link-pool';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { CODECS, rtpIpBytes, type RtpCodec } from './codec';

/**
 * The clients' RTP streams towards the media VM `vm`: each sends one packet of the codec every
 * ptime from its first instant until the run ends, over its own uplink (`rtp:up:<stream>` in
 * `uplinks`) to wherever the service address points (`toService`, with the packet's arrival time).
 *
 * One object for all streams, their state in typed arrays (ADR 0021 addendum 6): with a closure,
 * a link and a generator per stream, the per-packet send touched half a dozen objects per stream
 * scattered over the heap, and at 4 000 streams it was a quarter of the run. The draws and so
 * the results are the same as with one `DelayLink` per stream.
 */
export class ClientMedia {
  private streams = new Int32Array(64);
  private seqs = new Int32Array(64);
  private readonly bytes: Packet['bytes'];

  constructor(
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly end: Micros,
    private readonly vm: number,
    private readonly uplinks: DelayLinkPool,
    private readonly toService: (p: Packet, at: number) => void,
    private readonly codec: RtpCodec = CODECS.g711,
  ) {
    this.bytes = rtpIpBytes(codec) as Packet['bytes'];
  }

  /** Starts stream `stream` at `first`. */
  add(stream: number, first: Micros): void {
    const i = this.uplinks.add(`rtp:up:${stream}`);
    if (i >= this.streams.length) {
      this.streams = grown(this.streams);
      this.seqs = grown(this.seqs);
    }
    this.streams[i] = stream;
    this.seqs[i] = 0;
    const tick = (now: Micros) => {
      if (now >= this.end) return;
      this.send(i, now);
      this.sim.at((now + this.codec.ptime) as Micros, tick);
    };
    this.sim.at(first, tick);
  }

  private send(i: number, now: Micros): void {
    const stream = this.streams[i] as number;
    const seq = this.seqs[i] as number;
    this.seqs[i] = seq + 1;
    const p = this.ledger.create({
      kind: PacketKind.Rtp,
      bytes: this.bytes,
      tcp: false,
      vm: this.vm,
      client: stream,
      flow: stream,
      seq,
      sentAt: now,
    });
    this.toService(p, this.uplinks.arrival(i, now));
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
