import type { Simulator } from '../engine/simulator';
import { ms, sec, type Bytes, type Micros } from '../engine/units';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import type { TcpProbeParams } from './params';
import { TCP_CLIENT, TCP_MSS, TCP_SEGMENT_BYTES, type TcpProbeStats } from './tcp-bulk';
import { DoneClock } from '../workloads/workload-meter';

/** Linux's initial congestion window, 10 segments (RFC 6928; TCP_INIT_CWND since Linux 2.6.39). */
export const INITIAL_CWND = 10;
/** RFC 6298 §2.1: RTO before the first RTT sample, 1 s. */
export const RTO_INITIAL = sec(1);
/** RFC 6298 §2.4: "RTO SHOULD be rounded up to 1 second" whenever it is computed below that. */
export const RTO_MIN = sec(1);
/** RFC 6298 §2.5: a maximum may be placed on RTO provided it is at least 60 s. */
export const RTO_MAX = sec(60);
/** RFC 6298 §2.3: clock granularity G in RTO = SRTT + max(G, K·RTTVAR); Linux's jiffy, 1 ms at HZ=1000. */
const CLOCK_G = ms(1);

/**
 * A TCP transfer of a given size from a remote client to a VM, that finishes: slow start from an
 * initial window of 10 segments (cwnd + 1 segment per ACK of new data, RFC 5681 §3.1), then
 * congestion avoidance above ssthresh (+1/cwnd per ACK); never more than the receive window
 * in flight (cwnd stops growing there, as Linux's cwnd-limited check does); the retransmission
 * timer of RFC 6298 (SRTT/RTTVAR with α = 1/8, β = 1/4, K = 4, minimum 1 s, doubled on each
 * expiry, Karn's rule: no sample from a retransmitted segment). On expiry (RFC 5681 §3.1,
 * eq. 4): ssthresh = max(flight/2, 2), cwnd = 1, and the sender goes back to the first
 * unacknowledged segment. The receiver acknowledges cumulatively: each segment it reads
 * answers with the first sequence it still misses (kept here, as the ACK carries it).
 *
 * Not modelled: fast retransmit and SACK (three duplicate ACKs would resend one lost segment in
 * about one round trip; here every loss waits for the timer, which is what a whole window lost
 * in an outage costs anyway), delayed ACKs, the sender's own link rate.
 */
export class TcpTransfer {
  private readonly total: number;
  private readonly rwnd: number;
  private sndUna = 0;
  private sndNxt = 0;
  /** Highest segment ever sent + 1 (a segment below it sent again is a retransmission). */
  private sentMax = 0;
  private cwnd = INITIAL_CWND;
  private ssthresh = Infinity;
  /** Receiver side: segments held, and the first one missing (its cumulative ACK). */
  private readonly held: Uint8Array;
  private rcvNxt = 0;
  private readonly resent: Uint8Array;
  private srtt = NaN;
  private rttvar = NaN;
  private rto: number = RTO_INITIAL;
  private timer = 0;
  private timerArmed = false;
  private startAt = NaN;
  private doneAt = NaN;
  private rttSum = 0;
  private rttSamples = 0;
  retransmissions = 0;
  timeouts = 0;
  /** When ACKs of new data arrived (a transfer workload's meter reads it). */
  readonly clock = new DoneClock();

  constructor(
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly params: Pick<TcpProbeParams, 'target' | 'windowKB' | 'transferKB'>,
    start: Micros,
    private readonly end: Micros,
    private readonly send: (p: Packet) => void,
    /** The remote sender's client id (the TCP probe's, or a workload slot's). */
    private readonly client = TCP_CLIENT,
  ) {
    this.total = Math.max(1, Math.ceil((params.transferKB * 1024) / TCP_MSS));
    this.rwnd = Math.max(1, Math.floor((params.windowKB * 1024) / TCP_MSS));
    this.held = new Uint8Array(this.total);
    this.resent = new Uint8Array(this.total);
    sim.at(start, (now) => {
      this.startAt = now;
      this.fill(now);
    });
  }

  /** Transfer time, µs (NaN until the last byte is acknowledged). */
  get completionUs(): number {
    return this.doneAt - this.startAt;
  }

  /** Segments acknowledged so far (snd.una). */
  get acked(): number {
    return this.sndUna;
  }

  /** When the last byte was acknowledged (µs), NaN until then. */
  get doneAtUs(): number {
    return this.doneAt;
  }

  /** The segment count the transfer needs. */
  get segments(): number {
    return this.total;
  }

  /** An ACK for the segment `p.seq` arrived (the receiver read it). */
  onAck(p: Packet, now: Micros): void {
    this.ledger.deliver(p);
    const s = p.seq;
    if (s < this.total && this.held[s] === 0) {
      this.held[s] = 1;
      while (this.rcvNxt < this.total && this.held[this.rcvNxt] === 1) this.rcvNxt++;
    }
    if (this.rcvNxt <= this.sndUna) return; // a duplicate ACK: no fast retransmit here
    if (this.resent[s] === 0) this.sample(now - p.sentAt);
    this.clock.mark(now);
    this.sndUna = this.rcvNxt;
    if (this.sndNxt < this.sndUna) this.sndNxt = this.sndUna;
    if (this.cwnd < this.rwnd) this.cwnd += this.cwnd < this.ssthresh ? 1 : 1 / this.cwnd;
    if (this.sndUna >= this.total) {
      this.doneAt = now;
      this.timer++;
      this.timerArmed = false;
      return;
    }
    this.arm(now); // RFC 6298 §5.3: restart on an ACK of new data
    this.fill(now);
  }

  stats(): TcpProbeStats {
    const done = Number.isFinite(this.doneAt);
    const span = done ? this.completionUs / 1e6 : (this.sim.now - this.startAt) / 1e6;
    return {
      segments: this.sndUna,
      throughputMbps: span > 0 ? (this.sndUna * TCP_MSS * 8) / span / 1e6 : 0,
      rttMeanMs: this.rttSamples ? this.rttSum / this.rttSamples / 1000 : 0,
      windowSegments: this.rwnd,
      completionMs: done ? this.completionUs / 1000 : null,
      retransmissions: this.retransmissions,
      timeouts: this.timeouts,
    };
  }

  private fill(now: Micros): void {
    const window = Math.min(Math.floor(this.cwnd), this.rwnd);
    while (this.sndNxt < this.total && this.sndNxt - this.sndUna < window) {
      if (now >= this.end) return;
      this.transmit(this.sndNxt++, now);
    }
    if (!this.timerArmed && this.sndUna < this.sndNxt) this.arm(now);
  }

  private transmit(seq: number, now: Micros): void {
    if (seq < this.sentMax) {
      this.resent[seq] = 1;
      this.retransmissions++;
    } else this.sentMax = seq + 1;
    this.send(
      this.ledger.create({
        kind: PacketKind.TcpData,
        bytes: TCP_SEGMENT_BYTES as Bytes,
        tcp: true,
        vm: this.params.target,
        client: this.client,
        flow: 0,
        seq,
        sentAt: now,
      }),
    );
  }

  /** RFC 6298 §2.2–2.3. */
  private sample(r: number): void {
    this.rttSum += r;
    this.rttSamples++;
    if (Number.isNaN(this.srtt)) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    const rto = this.srtt + Math.max(CLOCK_G, 4 * this.rttvar);
    this.rto = Math.min(RTO_MAX, Math.max(RTO_MIN, Math.ceil(rto)));
  }

  private arm(now: Micros): void {
    const token = ++this.timer;
    this.timerArmed = true;
    this.sim.at((now + this.rto) as Micros, (t) => {
      if (token === this.timer) this.expire(t);
    });
  }

  /** RFC 6298 §5.4–5.6 and RFC 5681 §3.1: back off, collapse the window, go back to snd.una. */
  private expire(now: Micros): void {
    this.timerArmed = false;
    if (this.sndUna >= this.total || now >= this.end) return;
    this.timeouts++;
    const flight = this.sndNxt - this.sndUna;
    this.ssthresh = Math.max(Math.floor(flight / 2), 2);
    this.cwnd = 1;
    this.rto = Math.min(RTO_MAX, this.rto * 2);
    this.sndNxt = this.sndUna;
    this.fill(now);
  }
}
