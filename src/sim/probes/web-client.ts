import type { RngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import { boxSummary, quantileSorted } from '../metrics/stats';
import type { Bytes } from '../engine/units';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import type { WebProbeParams } from './params';

/** Client id of the web clients. */
export const WEB_CLIENT = 1_000_002;
/** An HTTP GET with headers. */
const REQUEST_BYTES = 400 as Bytes;

/** Web clients: Poisson requests to a VM's web server; response time from request to the whole response. */
export class WebClient {
  private readonly times: number[] = [];
  private sent = 0;

  constructor(
    sim: Simulator,
    ledger: PacketLedger,
    params: WebProbeParams,
    start: Micros,
    end: Micros,
    send: (p: Packet) => void,
    rng: RngStream,
  ) {
    const mean = 1e6 / params.rate;
    const tick = (now: Micros) => {
      if (now >= end) return;
      send(
        ledger.create({
          kind: PacketKind.HttpRequest,
          bytes: REQUEST_BYTES,
          tcp: true,
          vm: params.target,
          client: WEB_CLIENT,
          flow: 0,
          seq: this.sent++,
          sentAt: now,
        }),
      );
      sim.at((now + Math.max(1, Math.round(rng.exponential(mean)))) as Micros, tick);
    };
    sim.at(start, tick);
  }

  /** The response to a request arrived. */
  onResponse(p: Packet, now: Micros): void {
    this.times.push((now - p.sentAt) / 1000);
  }

  stats(): {
    sent: number;
    answered: number;
    meanMs: number;
    medianMs: number;
    p95Ms: number;
    maxMs: number;
  } {
    const b = boxSummary(this.times);
    const sorted = Float64Array.from(this.times).sort();
    return {
      sent: this.sent,
      answered: b.count,
      meanMs: b.mean,
      medianMs: b.median,
      p95Ms: sorted.length ? quantileSorted(sorted, 0.95) : 0,
      maxMs: b.max,
    };
  }
}
