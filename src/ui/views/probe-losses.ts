import { PacketKind } from '../../sim/net/packet';

/** The probes whose outages are read from their lost packets. */
export type ProbeService = 'udp' | 'web';

/** A run of a probe's lost packets: the first and last loss and how many. */
export interface LossRun {
  readonly from: number;
  to: number;
  count: number;
}

/**
 * The web server's and the UDP probe's lost packets, from the trace's per-packet Drop records
 * (a UDP datagram or an HTTP request or response dropped at a dead host or VM, or discarded with
 * an uncommitted epoch). Those probes leave no record per answer, so their outages are read the
 * other way round from the media and REGISTER rows: not as silences between answers but as runs
 * of packets that never arrived. Losses closer together than `mergeUs` fall in one run; the
 * outage bars (src/ui/cluster-map/outages.ts) merge runs further by each probe's own spacing.
 * Losses from a full queue are counted per bin elsewhere and are congestion, not an outage.
 */
export class ProbeLosses {
  readonly runs: Record<ProbeService, LossRun[]> = { udp: [], web: [] };

  constructor(private readonly mergeUs = 5_000) {}

  /** A packet of kind `kind` (PacketKind) was dropped at `t`. */
  dropped(kind: number, t: number): void {
    const s: ProbeService | undefined =
      kind === PacketKind.Udp
        ? 'udp'
        : kind === PacketKind.HttpRequest || kind === PacketKind.HttpResponse
          ? 'web'
          : undefined;
    if (!s) return;
    const runs = this.runs[s];
    const last = runs[runs.length - 1];
    if (last && t - last.to <= this.mergeUs) {
      last.to = Math.max(last.to, t);
      last.count++;
    } else runs.push({ from: t, to: t, count: 1 });
  }
}
