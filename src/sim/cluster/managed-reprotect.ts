import type { Micros } from '../engine/units';
import type { ServiceVm } from './service-vm';

/**
 * The other node of a Remus VM's two-node group (its home host and its backup host): where its
 * replica belongs while it runs on `u.active`; 0 when it runs elsewhere or nowhere.
 */
export function replicaPeer(u: ServiceVm): number {
  const { host, backupHost } = u.slot;
  if (u.active === host) return backupHost;
  if (u.active === backupHost) return host;
  return 0;
}

/**
 * Re-protection under a cluster manager (issue 8, "repair and re-protection"): a Remus VM that
 * runs unprotected after a failover gets its replica back on the other node of its group once
 * the node running it sees that node in its membership again (a repaired host rejoined) and no
 * copy runs there: the whole memory crosses the replication link (resync.ts), then checkpoints
 * resume towards it. Under `pairwise` the repair itself starts it (ServiceVm.onHostRepair).
 * `done` is told when it is protected again.
 */
export function reprotectIfBack(
  u: ServiceVm,
  seen: (host: number) => boolean,
  now: Micros,
  done: (t: Micros) => void,
): boolean {
  if (u.slot.protection !== 'remus' || !u.managed) return false;
  const peer = replicaPeer(u);
  if (peer === 0 || !seen(peer) || u.vcpuUp(peer)) return false;
  if (!(u.d.host(u.active)?.alive ?? false) || !u.vcpuUp(u.active)) return false;
  return u.resyncTo(peer, now, done);
}

/** Whether the Remus VM is protected towards host n now (its checkpoints go there). */
export function protectedTowards(u: ServiceVm, n: number): boolean {
  const r = u.replicator;
  return u.replicaAt === n && r !== undefined && r.unprotectedAt === Infinity;
}
