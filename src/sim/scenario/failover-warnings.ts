import {
  checkpointDetectorWatches,
  firstServiceFailure,
  mainReplication,
  replicationOf,
  serviceVms,
} from './topology';
import { bps, ms, sec, transmitTime, us, type Bytes } from '../engine/units';
import { PAGE_BYTES } from '../replication/dirty-pages';
import { CHECKPOINT_OVERHEAD_BYTES, COMMIT_TIME, GUEST_PAGES } from '../replication/remus';
import type { ReplicationParams } from '../replication/params';
import type { Scenario } from './scenario';
import type { ScenarioIssue } from './validate';

/** When the first checkpoint has crossed the link and when the backup has committed it (µs). */
export interface FirstCheckpoint {
  /** Dirty pages of the first epoch, counting the base dirty rate only (packets add more). */
  readonly pages: number;
  /** Its last byte has left the primary: a crash before this discards it (RemusReplicator.atBackup). */
  readonly sent: number;
  /** The backup has committed it: the checkpoint-stream detector is armed from here. */
  readonly committed: number;
}

/**
 * The earliest the first checkpoint can be sent and committed, step by step as RemusReplicator
 * does it: suspend after one interval, pause (suspend overhead + page copies), send the pages and
 * the framing over the link, cross its latency, commit. Only the base dirty rate is counted, so
 * this is a lower bound: packets handled in the first epoch dirty more pages and delay it further,
 * and a warning built on it is never a false alarm.
 */
export function firstCheckpoint(r: ReplicationParams): FirstCheckpoint {
  const pages = Math.min(GUEST_PAGES, Math.ceil((r.dirtyPagesPerS * r.intervalMs) / 1000));
  const resume = ms(r.intervalMs) + us(ms(r.suspendMs) + pages * r.pageCopyUs);
  const size = (pages * PAGE_BYTES + CHECKPOINT_OVERHEAD_BYTES) as Bytes;
  const sent = resume + transmitTime(size, bps(r.linkGbps * 1e9));
  return { pages, sent, committed: sent + ms(r.linkLatencyMs) + COMMIT_TIME };
}

const s2 = (t: number): string => (t / 1e6).toFixed(3).replace(/\.?0+$/, '');

/**
 * Warnings, from the scenario alone, for a failover that cannot happen (issue 10, item 1): a
 * checkpoint-stream detector with nothing to listen to, a crash before the first checkpoint could
 * be committed, a replication link too slow for a checkpoint to commit within the run or to keep
 * up with the guest's dirty rate. The values are kept (the lab shows what follows).
 */
export function failoverWarnings(s: Scenario): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  // Protection is the service VMs' (src/sim/cluster/service-vm.ts): on a VM that runs neither
  // SIP nor media it is silently nothing, and its workloads stop with its host.
  for (const [name, vm] of Object.entries(s.vms))
    if ((name === 'vm1' || vm.enabled) && vm.protection !== 'none' && !vm.sip && !vm.media)
      out.push({
        path: `vms.${name}.protection`,
        message: `${name} runs neither SIP nor media: protection (${vm.protection}) covers the service VMs only, so ${name} is not protected and what runs on it stops with its host`,
        action: 'warning',
      });
  const hit = firstServiceFailure(s);
  const crash = hit?.f.kind === 'host-crash' ? hit.f : undefined;
  const hitVm = crash ? serviceVms(s).find(({ vm }) => vm.host === crash.target)?.vm : undefined;
  const checkpointDetector = checkpointDetectorWatches(s);
  if (crash && checkpointDetector && hitVm?.protection === 'standby') {
    out.push({
      path: 'failure.detector',
      message:
        'the checkpoint-stream detector is armed by the first checkpoint, but replication is off: the crash is never detected and no failover happens (use the heartbeat detector or turn replication on)',
      action: 'warning',
    });
  }
  const r = hitVm?.protection === 'remus' ? replicationOf(s, hitVm) : mainReplication(s);
  if (!r) return out;
  const first = firstCheckpoint(r);
  const end = sec(s.durationS);
  if (
    crash &&
    hitVm?.protection === 'remus' &&
    sec(crash.atS) < first.sent &&
    sec(crash.atS) < end
  ) {
    out.push({
      path: `failures.f${(hit as { slot: number }).slot}.atS`,
      message: `the primary crashes at ${crash.atS} s, before the first checkpoint can have been sent (${s2(first.sent)} s at the earliest: ${r.intervalMs} ms interval, pause, ${first.pages} pages over ${r.linkGbps} Gb/s): the backup has no committed state to resume from${checkpointDetector ? ' and its checkpoint-stream detector is never armed, so no failover happens' : ''}`,
      action: 'warning',
    });
  }
  if (first.committed >= end) {
    out.push({
      path: ms(r.intervalMs) >= end ? 'replication.intervalMs' : 'replication.linkGbps',
      message: `no checkpoint can commit within the ${s.durationS} s run: the first commits at ${s2(first.committed)} s at the earliest${r.policy === 'none' ? '' : ', and buffered output is never released'}`,
      action: 'warning',
    });
    return out;
  }
  // Each epoch dirties pages while the previous checkpoint is on the link; when the dirty rate in
  // bits exceeds the link rate, every checkpoint takes longer to send than the one before.
  const dirtyBps = r.dirtyPagesPerS * PAGE_BYTES * 8;
  if (dirtyBps >= r.linkGbps * 1e9) {
    out.push({
      path: 'replication.linkGbps',
      message: `the guest dirties at least ${(dirtyBps / 1e6).toFixed(1)} Mb/s of pages (${r.dirtyPagesPerS} pages/s × 4 KiB) but the replication link carries ${r.linkGbps * 1000} Mb/s: each checkpoint takes longer than the one before, so commits, and a failover's last state, fall ever further behind`,
      action: 'warning',
    });
  }
  return out;
}
