import type { RunSummary } from '../results/summary';

/** A number a sweep reports for each run, read from the run's summary (null: not applicable). */
export interface Metric {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly of: (s: RunSummary) => number | null;
}

const meanOf = (xs: readonly number[]): number | null =>
  xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null;
const cpuOf = (s: RunSummary, vm: string): number | null =>
  s.cpu.find((c) => c.host === 'primary' && c.vm === vm)?.sharePct ?? null;

/** Every metric a sweep can report; the ids are public (docs/sweep.md). */
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
    label: 'Failover gap (longest RTP silence)',
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
  { id: 'pingMeanMs', label: 'Ping RTT (mean)', unit: 'ms', of: (s) => s.ping?.rttMeanMs ?? null },
  { id: 'pingP95Ms', label: 'Ping RTT (p95)', unit: 'ms', of: (s) => s.ping?.rttP95Ms ?? null },
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
  },
  {
    id: 'webP95Ms',
    label: 'Web response (p95)',
    unit: 'ms',
    of: (s) => s.probes.web?.p95Ms ?? null,
  },
  {
    id: 'tcpMbps',
    label: 'TCP throughput over the WAN',
    unit: 'Mb/s',
    of: (s) => s.probes.tcp?.throughputMbps ?? null,
  },
];

export const METRIC_IDS: readonly string[] = METRICS.map((m) => m.id);
const BY_ID = new Map(METRICS.map((m) => [m.id, m]));

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
