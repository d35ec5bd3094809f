/**
 * Silences of the services, read from the records as they stream in: for each service, the spans
 * longer than `SILENCE_FLOOR_US` in which none of its clients got anything back (an RTP packet on any
 * stream, a 200 OK to any REGISTER, any ping reply). A handful of numbers per second at most, so a
 * long run stays small; the outage bars (src/ui/cluster-map/outages.ts) pick the spans longer
 * than each service's normal spacing.
 */
import { SILENCE_FLOOR_US } from '../../sim/workloads/workload-meter';

/** The floor below which silences are not kept (src/sim/workloads/workload-meter.ts says why). */
export { SILENCE_FLOOR_US };

export type SilentService = 'media' | 'sip' | 'ping';

export interface Silence {
  readonly from: number;
  readonly to: number;
}

export class Silences {
  /** Closed silences per service, in time order. */
  readonly spans: Record<SilentService, Silence[]> = { media: [], sip: [], ping: [] };
  /** When each service last answered (µs), or undefined before its first answer. */
  readonly last: Partial<Record<SilentService, number>> = {};
  /**
   * The highest request number answered, for a service whose client sends a fixed count (the
   * ping probe's `ping.count`): once the last is answered, its silence after is the probe's end.
   */
  readonly lastSeq: Partial<Record<SilentService, number>> = {};

  /** When a client that sends a fixed count sent its last request (the ping probe's PingDone). */
  readonly stopped: Partial<Record<SilentService, number>> = {};

  /** The client of `s` sent its last request at `t`: it asks nothing after. */
  stop(s: SilentService, t: number): void {
    this.stopped[s] = t;
  }

  /** Service `s` answered a client at `t` (request number `seq`, where the client counts them). */
  see(s: SilentService, t: number, seq?: number): void {
    const l = this.last[s];
    if (l !== undefined && t - l > SILENCE_FLOOR_US) this.spans[s].push({ from: l, to: t });
    this.last[s] = t;
    if (seq !== undefined && seq > (this.lastSeq[s] ?? -1)) this.lastSeq[s] = seq;
  }

  /** The closed silences of `s` and, if it has been silent since its last answer, that one up to `now`. */
  upTo(s: SilentService, now: number): { spans: readonly Silence[]; open: Silence | null } {
    const l = this.last[s];
    const open = l !== undefined && now - l > SILENCE_FLOOR_US ? { from: l, to: now } : null;
    return { spans: this.spans[s], open };
  }
}
