import type { Scenario } from '../../sim/scenario/scenario';
import {
  activeWorkloads,
  workloadStartUs,
  type WorkloadKind,
  type WorkloadSlot,
} from '../../sim/workloads/slots';
import { SILENCE_FLOOR_US } from '../views/silences';
import type { WorkloadViews } from '../views/workload-views';
import type { ServiceOutages } from './outages';
import { remusVms, replicationOf } from '../../sim/scenario/topology';

/** A workload's row label: its slot and what it is, short enough for the rows' gutter. */
export const WORKLOAD_SHORT: Record<Exclude<WorkloadKind, 'none'>, string> = {
  'stream-udp': 'UDP stream',
  'stream-tcp': 'TCP stream',
  web: 'web server',
  transfer: 'transfer',
};

/**
 * How far apart a workload's done units come in normal running, µs: a stream's packets at its
 * rate; the web clients' replies at the lower of the ramp's two connection rates; a transfer's
 * acknowledgements once a round trip over the WAN (both ways).
 */
export function workloadSpacingUs(w: WorkloadSlot): number {
  if (w.kind === 'web') return 1e6 / Math.min(w.rate, w.rateEnd > 0 ? w.rateEnd : w.rate);
  if (w.kind === 'transfer') return 2 * w.wanDelayMs * 1000;
  return 1e6 / w.rate;
}

/**
 * How long Remus holds a workload's answers, µs: one checkpoint interval of its own VM when that
 * VM is checkpointed and its policy holds this traffic (Net holds all of it; TCP-only holds TCP,
 * so everything but a UDP stream); otherwise nothing.
 */
export function heldUs(s: Scenario, w: WorkloadSlot): number {
  const vm = s.vms[`vm${w.target}`];
  if (!vm || !remusVms(s).some((x) => x.k === w.target)) return 0;
  const r = replicationOf(s, vm);
  const held = r.policy === 'net' || (r.policy === 'tcp-only' && w.kind !== 'stream-udp');
  return held ? r.intervalMs * 1000 : 0;
}

/**
 * Outage rows of the scenario's workloads: spans in which a workload got nothing done (no packet
 * received, no reply, no segment acknowledged) for longer than twice its normal spacing plus the
 * time Remus holds its answers (heldUs), from the workload's start on (one that never gets anything
 * done is out from its start). A finished transfer's silence after its end is none.
 */
export function workloadOutages(
  s: Scenario,
  views: WorkloadViews,
  nowUs: number,
): ServiceOutages[] {
  return activeWorkloads(s.workloads).map(({ slot, w }) => {
    const id = `w${slot}`;
    const label = `w${slot} ${WORKLOAD_SHORT[w.kind as Exclude<WorkloadKind, 'none'>]}`;
    // Twice the normal silence, as the services' rows (outages.ts normalSilenceUs).
    const thresholdUs = Math.max(SILENCE_FLOOR_US, 2 * (workloadSpacingUs(w) + heldUs(s, w)));
    const startUs = workloadStartUs(w);
    if (w.startS >= s.durationS)
      return { id, label, note: 'starts after the run ends', outages: [], thresholdUs };
    if (nowUs <= startUs)
      return { id, label, note: `starts at ${w.startS} s`, outages: [], thresholdUs };
    const { spans, open } = views.silencesUpTo(slot, nowUs, startUs);
    const outages = spans
      .filter((x) => x.to - x.from > thresholdUs && x.from < nowUs)
      .map((x) => ({ ...x, open: false }));
    if (open && open.to - open.from > thresholdUs) outages.push({ ...open, open: true });
    return { id, label, note: null, outages, thresholdUs };
  });
}
