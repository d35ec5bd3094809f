import type { Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { DirtyPageLog } from '../replication/dirty-pages';
import type { MigrationPort } from './live-migration';

/** What only the world can do when a guest lands on a host: run its service there, point clients at it. */
export interface ServiceMoves {
  /** The guest's application runs on `host` with the state it had on `from` (all of it). */
  runServiceOn(host: number, vm: number, from: number, now: Micros): void;
  /** Clients' traffic for the guest's service goes to `host` from now on. */
  pointClientsAt(host: number, now: Micros): void;
}

/**
 * The migration port over the world's hosts, by id. Dirty pages of the running workload: the
 * application's state writes as Xen's log-dirty bitmap sees them (DirtyPageLog, the same model
 * Remus checkpoints use) plus the network buffers of each packet the guest handled
 * (`pagesPerPacket`, the lab's replication.dirtyPagesPerPacket).
 */
export function hostMigrationPort(
  hosts: readonly Host[],
  stateWrites: DirtyPageLog,
  pagesPerPacket: number,
  moves: ServiceMoves,
): MigrationPort {
  const packetsAtTake = hosts.map((h) => h.guestPackets);
  const at = (id: number): Host => {
    const h = hosts[id];
    if (!h) throw new RangeError(`no host ${id}`);
    return h;
  };
  return {
    pauseVm(host, vm) {
      const h = at(host);
      const v = h.vms[vm];
      if (v) h.scheduler.pause(v);
    },
    resumeVm(host, vm, from, now) {
      // The source's copy is destroyed once the target has it ("go" in xl_migrate.c).
      at(from).retireVm(vm);
      moves.runServiceOn(host, vm, from, now);
      const h = at(host);
      const v = h.vms[vm];
      if (v) h.scheduler.resume(v);
    },
    moveService(host, _vm, now) {
      moves.pointClientsAt(host, now);
    },
    takeDirtyPages(host) {
      const h = at(host);
      const packets = h.guestPackets - (packetsAtTake[host] ?? 0);
      packetsAtTake[host] = h.guestPackets;
      return stateWrites.take() + Math.ceil(pagesPerPacket * packets);
    },
  };
}
