import type { Scenario } from '../../sim/scenario/scenario';
import { mainReplication } from '../../sim/scenario/topology';
import { codecOf } from '../../sim/telephony/codec';
import {
  SILENCE_FLOOR_US,
  type Silence,
  type Silences,
  type SilentService,
} from '../views/silences';
import type { ProbeLosses } from '../views/probe-losses';
import { probeOutages } from './probe-outages';
import type { WorkloadViews } from '../views/workload-views';
import { workloadOutages } from './workload-outages';

/** One service's row of outage bars. */
export interface ServiceOutages {
  readonly id: string;
  readonly label: string;
  /** Why a row has no bars although the service exists (not measured, not configured). */
  readonly note: string | null;
  /** What the row says when it has no outage (default: the silence threshold). */
  readonly quiet?: string;
  /** Silences longer than `thresholdUs`: the service answered nobody. `open`: it lasts to the end of what has run. */
  readonly outages: readonly (Silence & { open: boolean })[];
  /** The longest normal silence: answers' own spacing plus the epoch Net output waits, twice over. */
  readonly thresholdUs: number;
}

export type OutageInput = Scenario;

/**
 * How long a service is silent in normal running, µs: its answers' spacing (RTP every G.711
 * ptime of 20 ms, REGISTERs at the configured rate, pings at their interval) plus, when Remus
 * holds its output (Net holds all; TCP-only and No-Net let these UDP/ICMP answers through), one
 * checkpoint interval, since a held answer leaves only when its epoch commits. Twice that is an
 * outage: at least one answer that normal running would have given is missing.
 */
export function normalSilenceUs(s: OutageInput, spacingUs: number): number {
  const r = mainReplication(s);
  const held = r !== undefined && r.policy === 'net';
  return 2 * (spacingUs + (held ? r.intervalMs * 1000 : 0));
}

const SERVICES: readonly {
  id: SilentService;
  label: string;
  /** The longest gap between requests in normal running (null: the service does not run). */
  spacingUs: (s: OutageInput) => number | null;
  /** How many requests its client sends in all (undefined: it sends until the run ends). */
  count?: (s: OutageInput) => number;
}[] = [
  {
    id: 'sip',
    label: 'SIP registrar',
    spacingUs: (s) => (s.telephony.registerRate > 0 ? 1e6 / s.telephony.registerRate : null),
  },
  {
    id: 'media',
    label: 'Media relay',
    spacingUs: (s) => (s.telephony.calls > 0 ? codecOf(s.telephony.codec).ptime : null),
  },
  {
    id: 'ping',
    label: 'Ping probe',
    // The probe spaces its pings by 0.5 … 1.5 intervals (src/sim/probes/ping.ts, as ping's own
    // timing drifts), so a normal gap between replies reaches 1.5 intervals.
    spacingUs: (s) => (s.ping.enabled ? 1.5 * s.ping.intervalMs * 1000 : null),
    count: (s) => s.ping.count,
  },
];

/**
 * Each service's outages from the run's own silences (src/ui/views/silences.ts): REGISTER
 * answers, RTP arrivals, ping replies; the web server's and UDP probe's from their lost
 * packets (probe-outages.ts), when the run has them; and the workloads' from their 100 ms bins
 * (workload-outages.ts).
 */
export function serviceOutages(
  s: OutageInput,
  silences: Silences,
  nowUs: number,
  losses?: ProbeLosses,
  workloads?: WorkloadViews,
): ServiceOutages[] {
  const rows: ServiceOutages[] = [];
  for (const svc of SERVICES) {
    const spacing = svc.spacingUs(s);
    // A service this scenario does not run gets no row.
    if (spacing === null) continue;
    // Silences shorter than the floor are not kept (src/ui/views/silences.ts).
    const thresholdUs = Math.max(SILENCE_FLOOR_US, normalSilenceUs(s, spacing));
    const { spans, open } = silences.upTo(svc.id, nowUs);
    const outages = spans
      .filter((x) => x.to - x.from > thresholdUs)
      .map((x) => ({ ...x, open: false }));
    // A client that has had its last request answered has stopped asking: its silence is no outage.
    const finished =
      svc.count !== undefined && (silences.lastSeq[svc.id] ?? -1) >= svc.count(s) - 1;
    // One that sent its last request into the silence knows of it up to that request, no further.
    const stopped = silences.stopped[svc.id];
    if (open && !finished) {
      // Only once the playhead has passed it: the views hold records ahead of the playhead.
      const cut = stopped !== undefined && stopped <= open.to;
      const to = cut ? stopped : open.to;
      if (to - open.from > thresholdUs) outages.push({ from: open.from, to, open: !cut });
    }
    rows.push({ id: svc.id, label: svc.label, note: null, outages, thresholdUs });
  }
  if (losses) rows.push(...probeOutages(s, losses, nowUs));
  if (workloads) rows.push(...workloadOutages(s, workloads, nowUs));
  return rows;
}
