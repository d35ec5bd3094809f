import type { RngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import { TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import { boxSummary, quantileSorted, type BoxSummary } from '../metrics/stats';
import { ICMP_ECHO_BYTES, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import type { PingParams } from '../host/vm-params';

/** Client id of the pinging host (apart from the RTP endpoints and SIP users). */
export const PING_CLIENT = 1_000_000;

/** What ping reports. */
export interface PingStats {
  readonly sent: number;
  readonly received: number;
  readonly rttMs: BoxSummary & { readonly p95: number };
}

/**
 * `ping` from a LAN client to one VM: an 84-byte ICMP echo about every interval, `count` times.
 * The round-trip time includes waiting in the VM's ring until the VM gets a CPU — R1's "CPU
 * access latency". Intervals are drawn uniformly from 0.5–1.5 × the interval: a simulated host's
 * schedule is exactly periodic, and fixed 1 s probes would see only a few of its phases (1000 ms
 * against a 120 ms round robin hits 3); randomised probes see time averages (PASTA), as probes
 * against a real, never quite periodic host do.
 */
export class PingClient {
  private readonly rtts: number[] = [];
  private sent = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly ledger: PacketLedger,
    private readonly params: PingParams,
    start: Micros,
    end: Micros,
    private readonly send: (p: Packet) => void,
    rng: RngStream,
  ) {
    const tick = (now: Micros) => {
      if (this.sent >= params.count || now >= end) return;
      // The last request: the views end the probe's outages here, not at the end of the run.
      if (this.sent === params.count - 1)
        this.trace.add(now, TraceKind.PingDone, params.target, this.sent);
      this.send(
        this.ledger.create({
          kind: PacketKind.Icmp,
          bytes: ICMP_ECHO_BYTES,
          tcp: false,
          client: PING_CLIENT,
          flow: 0,
          seq: this.sent++,
          sentAt: now,
          vm: params.target,
        }),
      );
      this.sim.at(
        (now + Math.round(ms(params.intervalMs) * rng.uniform(0.5, 1.5))) as Micros,
        tick,
      );
    };
    this.sim.at(start, tick);
  }

  /** An echo reply arrived. */
  onReply(p: Packet, now: Micros): void {
    this.ledger.deliver(p);
    const rtt = now - p.sentAt;
    this.rtts.push(rtt);
    this.trace.add(now, TraceKind.Ping, p.vm, p.seq, rtt);
  }

  /** Round-trip times so far, µs. */
  get samples(): readonly number[] {
    return this.rtts;
  }

  stats(): PingStats {
    const msValues = this.rtts.map((x) => x / 1000);
    const box = boxSummary(msValues);
    const sorted = Float64Array.from(msValues).sort();
    return {
      sent: this.sent,
      received: this.rtts.length,
      rttMs: { ...box, p95: sorted.length ? quantileSorted(sorted, 0.95) : 0 },
    };
  }
}
