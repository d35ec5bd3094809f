import { grownTo } from '../engine/grow';
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
 * scattered over the heap, and at 4 000 streams it was a quarter of the run.
 *
 * One re-armable timer for all streams, not one event each: every stream has the same period and
 * its first send within one period of the others', so the streams send in the same cyclic order
 * round after round (by first send, then by order added). The timer steps along that order; each
 * send takes, as its own event would have (`Simulator.reserveKey`), its place among same-time
 * events, so every event fires in the order it did with an event per stream, and the event queue
 * no longer holds thousands of sends.
 */
export class ClientMedia {
  private streams = new Int32Array(64);
  private seqs = new Int32Array(64);
  /** Per stream: when it sends next and that send's key among same-time events. */
  private times = new Float64Array(64);
  private keys = new Float64Array(64);
  private n = 0;
  /** Streams in sending order, once the first send has fired; `at` is the next one's place in it. */
  private order: Int32Array | null = null;
  private at = 0;
  /** The stream that sends first among those added (-1: none yet). */
  private lead = -1;
  private readonly timer: number;
  private readonly bytes: Packet['bytes'];

  constructor(
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly end: Micros,
    private readonly vm: number,
    /** This media's own pool: stream k added is link k (`add` relies on it). */
    private readonly uplinks: DelayLinkPool,
    private readonly toService: (p: Packet, at: number) => void,
    private readonly codec: RtpCodec = CODECS.g711,
  ) {
    this.bytes = rtpIpBytes(codec) as Packet['bytes'];
    this.timer = sim.timer((now) => this.fire(now));
  }

  /** Starts stream `stream` at `first`, within one period of the others' first sends. */
  add(stream: number, first: Micros): void {
    if (this.order) throw new Error('client media: a stream added after the first send');
    const i = this.uplinks.add(`rtp:up:${stream}`);
    this.streams = grownTo(this.streams, i + 1);
    this.seqs = grownTo(this.seqs, i + 1);
    this.times = grownTo(this.times, i + 1);
    this.keys = grownTo(this.keys, i + 1);
    this.streams[i] = stream;
    this.seqs[i] = 0;
    this.times[i] = first;
    this.keys[i] = this.sim.reserveKey();
    this.n = i + 1;
    if (this.lead < 0 || this.before(i, this.lead)) {
      this.lead = i;
      this.sim.setTimerAt(this.timer, first, this.keys[i] as number);
    }
  }

  private fire(now: Micros): void {
    const order = (this.order ??= this.sendingOrder());
    const i = order[this.at] as number;
    if (now < this.end) {
      this.send(i, now);
      // After the send, as the stream's own next event was scheduled.
      this.times[i] = now + this.codec.ptime;
      this.keys[i] = this.sim.reserveKey();
    } else this.times[i] = Infinity;
    this.at = this.at + 1 === this.n ? 0 : this.at + 1;
    const j = order[this.at] as number;
    const t = this.times[j] as number;
    if (t !== Infinity) this.sim.setTimerAt(this.timer, t as Micros, this.keys[j] as number);
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

  /** Whether stream a sends before stream b (time, then key). */
  private before(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    return ta < tb || (ta === tb && (this.keys[a] as number) < (this.keys[b] as number));
  }

  private sendingOrder(): Int32Array {
    const order = Int32Array.from({ length: this.n }, (_, k) => k);
    order.sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
    const span =
      (this.times[order[this.n - 1] as number] as number) -
      (this.times[order[0] as number] as number);
    if (span > this.codec.ptime)
      throw new Error('client media: first sends more than a period apart');
    return order;
  }
}
