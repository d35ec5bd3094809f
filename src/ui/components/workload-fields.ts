import { getPath, type Scenario } from '../../sim/scenario/scenario';
import type { WorkloadKind, WorkloadSlot } from '../../sim/workloads/slots';

/**
 * The fields each kind of workload reads (src/sim/workloads/in-world.ts): a slot shows only its
 * kind's, not the fifteen every kind shares — an accept backlog beside a UDP stream misleads.
 */
const USED: Record<WorkloadKind, readonly (keyof WorkloadSlot)[]> = {
  none: [],
  'stream-udp': ['target', 'startS', 'rate', 'bytes', 'costUs', 'direction'],
  'stream-tcp': ['target', 'startS', 'rate', 'bytes', 'costUs', 'direction'],
  web: ['target', 'startS', 'rate', 'rateEnd', 'bytes', 'replyKB', 'costUs', 'backlog', 'timeoutS'],
  transfer: ['target', 'startS', 'sizeKB', 'windowKB', 'wanDelayMs'],
};

const SLOT_FIELD = /^workloads\.w(\d+)\.(\w+)$/;

/**
 * Whether the parameter panel shows workload field `path` for scenario `s`: a slot's kind once the
 * slot before it is in use (the first always) — adding a workload opens the next slot — and the
 * fields its kind reads. Any other path is shown.
 */
export function workloadFieldShown(s: Scenario, path: string): boolean {
  const m = SLOT_FIELD.exec(path);
  if (!m) return true;
  const n = Number(m[1]);
  const name = m[2] as keyof WorkloadSlot;
  const kind = getPath(s, `workloads.w${n}.kind`) as WorkloadKind;
  if (name === 'kind')
    return n === 1 || kind !== 'none' || getPath(s, `workloads.w${n - 1}.kind`) !== 'none';
  return USED[kind].includes(name);
}
