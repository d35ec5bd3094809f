import type { Simulator } from '../engine/simulator';
import { sec, type Bytes, type Micros } from '../engine/units';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { RTO_INITIAL, RTO_MAX } from '../probes/tcp-transfer';
import { Seg, SYN_BYTES, TCP_HEADER_BYTES } from './tcp-listener';
import { DoneClock } from './workload-meter';

/** Linux net.ipv4.tcp_syn_retries default (include/net/tcp.h TCP_SYN_RETRIES): 6 retransmissions. */
export const TCP_SYN_RETRIES = 6;

export interface HttperfParams {
  /** VM of the server. */
  readonly vm: number;
  /** Client id (the slot's). */
  readonly client: number;
  /** Connections per second at `start` and at `end` (linear ramp). */
  readonly rate: number;
  readonly rateEnd: number;
  readonly requestBytes: number;
  readonly timeout: Micros;
}

/** What the clients measured (httperf's report, in its terms). */
export interface HttperfStats {
  /** Connections opened (first SYN sent). */
  connections: number;
  /** Replies received. */
  replies: number;
  /** Replies per second over the time the workload ran. */
  replyRate: number;
  /** Most replies in one second. */
  replyRateMax: number;
  /** Connections per second offered in the last second of the run (the ramp's end). */
  offeredRateEnd: number;
  /** Mean time from the first SYN to the SYN-ACK (httperf "Connection time [ms]: connect"). */
  connectMsMean: number;
  /** Mean time from the first SYN to the whole reply. */
  replyMsMean: number;
  /** Connections given up at the time-out (httperf "Errors: client-timo"). */
  timeouts: number;
  /** SYNs sent again after their RTO (a full backlog or a lost SYN). */
  synRetransmits: number;
  /** Connections still open at the end of the run (neither answered nor timed out). */
  open: number;
}

const enum State {
  Connecting = 0,
  Waiting = 1,
  Done = 2,
}

/**
 * httperf-style clients: one new connection every 1/rate s (httperf --rate, a fixed period), the
 * rate ramping linearly from `rate` to `rateEnd` over the run (an autobench sweep in one run).
 * Each connection sends a SYN, resends it after 1 s, then 2 s, 4 s … (RFC 6298 §2.1 and §5.5:
 * initial RTO 1 s, doubled, tcp_syn_retries of them), sends its request with the handshake's ACK
 * when the SYN-ACK comes, and counts a reply when the response arrives. A connection without its
 * reply `timeout` after its first SYN is an error (httperf --timeout); the client then closes it
 * (an RST to the server).
 */
export class HttperfClients {
  private readonly state: State[] = [];
  private readonly openedAt: number[] = [];
  private readonly repliesPerS: number[] = [];
  private connectSum = 0;
  private connects = 0;
  /** First SYN → whole reply, summed over the replies (µs). */
  replySumUs = 0;
  private startAt = NaN;
  readonly counts = { connections: 0, replies: 0, timeouts: 0, synRetransmits: 0 };
  /** When replies arrived (the workload meter's silences). */
  readonly clock = new DoneClock();

  constructor(
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly p: HttperfParams,
    start: Micros,
    private readonly end: Micros,
    private readonly send: (pk: Packet) => void,
  ) {
    this.startAt = start;
    let next = start as number;
    const open = () => {
      const now = Math.round(next) as Micros;
      if (now >= end) return;
      this.connect(now);
      next += 1e6 / this.rateAt(now);
      sim.at(Math.max(now, Math.round(next)) as Micros, open);
    };
    sim.at(start, open);
  }

  /** Offered connections per second at `t`. */
  rateAt(t: number): number {
    const { rate, rateEnd } = this.p;
    if (rateEnd <= 0 || this.end <= this.startAt) return rate;
    const f = Math.min(1, Math.max(0, (t - this.startAt) / (this.end - this.startAt)));
    return rate + (rateEnd - rate) * f;
  }

  /** A segment from the server arrived (the caller has delivered it). */
  onSegment(pk: Packet, now: Micros): void {
    const c = pk.flow;
    if (this.state[c] === State.Connecting && pk.seq === Seg.SynAck) {
      this.state[c] = State.Waiting;
      this.connectSum += now - (this.openedAt[c] as number);
      this.connects++;
      this.segment(c, Seg.Request, this.p.requestBytes + TCP_HEADER_BYTES, now);
    } else if (this.state[c] === State.Waiting && pk.seq === Seg.Request) {
      this.state[c] = State.Done;
      this.counts.replies++;
      this.clock.mark(now);
      this.replySumUs += now - (this.openedAt[c] as number);
      const bin = Math.floor(now / 1e6);
      this.repliesPerS[bin] = (this.repliesPerS[bin] ?? 0) + 1;
    }
  }

  stats(now: number): HttperfStats {
    const span = (Math.min(now, this.end) - this.startAt) / 1e6;
    let open = 0;
    for (const s of this.state) if (s !== State.Done) open++;
    let max = 0;
    for (const n of this.repliesPerS) if (n !== undefined && n > max) max = n;
    return {
      connections: this.counts.connections,
      replies: this.counts.replies,
      replyRate: span > 0 ? this.counts.replies / span : 0,
      replyRateMax: max,
      offeredRateEnd: this.rateAt(this.end - sec(1)),
      connectMsMean: this.connects ? this.connectSum / this.connects / 1000 : 0,
      replyMsMean: this.counts.replies ? this.replySumUs / this.counts.replies / 1000 : 0,
      timeouts: this.counts.timeouts,
      synRetransmits: this.counts.synRetransmits,
      open,
    };
  }

  private connect(now: Micros): void {
    const c = this.counts.connections++;
    this.state[c] = State.Connecting;
    this.openedAt[c] = now;
    this.segment(c, Seg.Syn, SYN_BYTES, now);
    // SYN retransmissions: after RTO, then 2·RTO, 4·RTO … later (tcp_syn_retries of them).
    const retry = (k: number, rto: number) => (t: Micros) => {
      if (this.state[c] !== State.Connecting || t >= this.end) return;
      if (t - now >= this.p.timeout) return;
      this.counts.synRetransmits++;
      this.segment(c, Seg.Syn, SYN_BYTES, t);
      const next = Math.min(RTO_MAX, rto * 2);
      if (k + 1 < TCP_SYN_RETRIES) this.sim.at((t + next) as Micros, retry(k + 1, next));
    };
    this.sim.at((now + RTO_INITIAL) as Micros, retry(0, RTO_INITIAL));
    this.sim.at((now + this.p.timeout) as Micros, (t) => {
      if (this.state[c] === State.Done || t >= this.end) return;
      this.state[c] = State.Done;
      this.counts.timeouts++;
      this.segment(c, Seg.Abort, TCP_HEADER_BYTES, t);
    });
  }

  private segment(c: number, seg: number, bytes: number, now: Micros): void {
    this.send(
      this.ledger.create({
        kind: PacketKind.HttpRequest,
        bytes: bytes as Bytes,
        tcp: true,
        vm: this.p.vm,
        client: this.p.client,
        flow: c,
        seq: seg,
        sentAt: now,
      }),
    );
  }
}
