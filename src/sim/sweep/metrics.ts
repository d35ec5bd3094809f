import type { RunSummary } from '../results/summary';
import type { WorkloadSummary } from '../workloads/in-world';
import { WORKLOAD_SLOT_COUNT, type WorkloadKind } from '../workloads/slots';

/** A number a sweep reports for each run, read from the run's summary (null: not applicable). */
export interface Metric {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly of: (s: RunSummary) => number | null;
  /** The workload slot it reads (w1 … w8), when it is a workload's. */
  readonly slot?: number;
  /** The kinds of workload that measure it (a workload's metric). */
  readonly kinds?: readonly WorkloadKind[];
  /** The probe that measures it (its `<probe>.enabled` switch), when it is a probe's. */
  readonly probe?: 'ping' | 'udp' | 'web' | 'tcp';
}

const meanOf = (xs: readonly number[]): number | null =>
  xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null;
const cpuOf = (s: RunSummary, vm: string): number | null =>
  s.cpu.find((c) => c.host === 'primary' && c.vm === vm)?.sharePct ?? null;

/** The metrics of the run as a whole; the ids are public (docs/sweep.md). */
export const METRICS: readonly Metric[] = [
  {
    id: 'lossPct',
    label: 'RTP loss (mean of streams)',
    unit: '%',
    of: (s) => meanOf(s.streams.map((x) => x.lossPct)),
  },
  {
    id: 'latePct',
    label: 'RTP late (mean of streams)',
    unit: '%',
    of: (s) => meanOf(s.streams.map((x) => x.latePct)),
  },
  {
    id: 'jitterMs',
    label: 'RFC 3550 jitter (mean of streams)',
    unit: 'ms',
    of: (s) => meanOf(s.streams.map((x) => x.jitterMeanMs)),
  },
  {
    id: 'jitterMaxMs',
    label: 'RFC 3550 jitter (worst stream peak)',
    unit: 'ms',
    of: (s) => (s.streams.length ? Math.max(...s.streams.map((x) => x.jitterMaxMs)) : null),
  },
  {
    id: 'delayMs',
    label: 'One-way delay (mean of streams)',
    unit: 'ms',
    of: (s) => meanOf(s.streams.map((x) => x.delayMeanMs)),
  },
  {
    id: 'mos',
    label: 'MOS (worst stream)',
    unit: '',
    of: (s) => (s.streams.length ? Math.min(...s.streams.map((x) => x.mos)) : null),
  },
  {
    id: 'failoverGapS',
    label: 'Failover gap (longest media or SIP silence)',
    unit: 's',
    of: (s) => s.availability.measuredOutageS,
  },
  {
    id: 'regSuccessPct',
    label: 'REGISTER success',
    unit: '%',
    of: (s) => (s.sip.started ? s.sip.successPct : null),
  },
  {
    id: 'regLatencyMs',
    label: 'REGISTER latency (mean)',
    unit: 'ms',
    of: (s) => (s.sip.started ? s.sip.latencyMeanMs : null),
  },
  { id: 'cpuVoipPct', label: 'VoIP VM CPU (primary)', unit: '%', of: (s) => cpuOf(s, 'voip') },
  { id: 'cpuDom0Pct', label: 'dom0 CPU (primary)', unit: '%', of: (s) => cpuOf(s, 'dom0') },
  {
    id: 'pingMeanMs',
    label: 'Ping RTT (mean)',
    unit: 'ms',
    of: (s) => s.ping?.rttMeanMs ?? null,
    probe: 'ping',
  },
  {
    id: 'pingP95Ms',
    label: 'Ping RTT (p95)',
    unit: 'ms',
    of: (s) => s.ping?.rttP95Ms ?? null,
    probe: 'ping',
  },
  {
    id: 'epochPauseMs',
    label: 'Checkpoint pause (mean)',
    unit: 'ms',
    of: (s) => (s.epochs.count ? s.epochs.pauseMeanMs : null),
  },
  {
    id: 'nicMbps',
    label: 'Bulk throughput (all VMs)',
    unit: 'Mb/s',
    of: (s) => s.nic?.totalMbps ?? null,
  },
  {
    id: 'nicKpps',
    label: 'Bulk packet rate (all VMs)',
    unit: 'kpkt/s',
    of: (s) => s.nic?.totalKpps ?? null,
  },
  {
    id: 'udpLossPct',
    label: 'UDP probe loss',
    unit: '%',
    of: (s) => s.probes.udp?.lossPct ?? null,
    probe: 'udp',
  },
  {
    id: 'webP95Ms',
    label: 'Web response (p95)',
    unit: 'ms',
    of: (s) => s.probes.web?.p95Ms ?? null,
    probe: 'web',
  },
  {
    id: 'tcpMbps',
    label: 'TCP throughput over the WAN',
    unit: 'Mb/s',
    of: (s) => s.probes.tcp?.throughputMbps ?? null,
    probe: 'tcp',
  },
];

/**
 * A workload slot's metrics, each from its own tool's figure (summary `workloads[]`), null where
 * the slot's kind does not measure it: the httperf curve (reply rate, reply time, time-outs against
 * the offered rate), a stream's loss and delay, a transfer's completion time.
 */
const STREAMS: readonly WorkloadKind[] = ['stream-udp', 'stream-tcp'];

function workloadMetrics(slot: number): Metric[] {
  const w = (s: RunSummary): WorkloadSummary | undefined =>
    s.workloads?.find((x) => x.slot === slot);
  const m = (
    id: string,
    label: string,
    unit: string,
    kinds: readonly WorkloadKind[],
    of: (x: WorkloadSummary) => number | null | undefined,
  ): Metric => ({
    id: `w${slot}${id}`,
    label: `w${slot}: ${label}`,
    unit,
    slot,
    kinds,
    of: (s) => {
      const x = w(s);
      return x ? (of(x) ?? null) : null;
    },
  });
  return [
    m('Mbps', 'stream or transfer throughput', 'Mb/s', [...STREAMS, 'transfer'], (x) =>
      x.stream ? x.stream.mbps : x.transfer?.throughputMbps,
    ),
    m('LossPct', 'UDP stream loss', '%', ['stream-udp'], (x) =>
      x.kind === 'stream-udp' ? x.stream?.lossPct : null,
    ),
    m('DelayMs', 'stream one-way delay (mean)', 'ms', STREAMS, (x) => x.stream?.delayMeanMs),
    m('ReplyRate', 'web reply rate', 'replies/s', ['web'], (x) => x.web?.replyRate),
    m('ReplyMs', 'web reply time (first SYN → reply, mean)', 'ms', ['web'], (x) =>
      x.web && x.web.replies > 0 ? x.web.replyMsMean : null,
    ),
    m('Timeouts', 'web client time-outs', 'connections', ['web'], (x) => x.web?.timeouts),
    m('SynDrops', 'web SYNs dropped at the full backlog', 'SYNs', ['web'], (x) => x.web?.synDrops),
    m('CompletionS', 'transfer completion time', 's', ['transfer'], (x) =>
      x.transfer?.completionMs === null || x.transfer === undefined
        ? null
        : x.transfer.completionMs / 1000,
    ),
  ];
}

/** Every metric: the run's, then each workload slot's (ids w1Mbps … w4CompletionS). */
export const ALL_METRICS: readonly Metric[] = [
  ...METRICS,
  ...Array.from({ length: WORKLOAD_SLOT_COUNT }, (_, i) => workloadMetrics(i + 1)).flat(),
];

export const METRIC_IDS: readonly string[] = ALL_METRICS.map((m) => m.id);
const BY_ID = new Map(ALL_METRICS.map((m) => [m.id, m]));

/**
 * The metrics a sweep reports when its spec names none, or the panel offers: the run's, and each
 * workload slot's that measure one of the kinds `inUse` says the slot has in some run (the others
 * would be null in every row).
 */
export function metricsFor(inUse: ReadonlyMap<number, ReadonlySet<WorkloadKind>>): Metric[] {
  return ALL_METRICS.filter(
    (m) => m.slot === undefined || (m.kinds ?? []).some((k) => inUse.get(m.slot as number)?.has(k)),
  );
}

/** The metric with this id. */
export function metricOf(id: string): Metric | undefined {
  return BY_ID.get(id);
}

/** The chosen metrics of a summary, by id (non-finite values become null). */
export function measure(s: RunSummary, ids: readonly string[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const id of ids) {
    const v = BY_ID.get(id)?.of(s) ?? null;
    out[id] = v !== null && Number.isFinite(v) ? v : null;
  }
  return out;
}
