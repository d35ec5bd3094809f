import type { Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { MigrationPort } from './live-migration';

/** What only the world's service VM can do when its guest lands on a host. */
export interface ServiceMoves {
  /** The guest's application runs on `host` with all its state; the source copy is gone. */
  migratedTo(host: number, now: Micros): void;
  /** Clients' traffic for the guest's service goes to `host` from now on. */
  pointClientsAt(host: number): void;
  /** Pages the application's state wrote since the last take (Remus's DirtyPageLog). */
  takeStateWrites(): number;
}

/**
 * The migration port over the world's hosts, by host number. Dirty pages of the running workload:
 * the application's state writes as Xen's log-dirty bitmap sees them (DirtyPageLog, the same
 * model Remus checkpoints use) plus the network buffers of each packet the guest handled
 * (`pagesPerPacket`, the lab's replication.dirtyPagesPerPacket).
 */
export function hostMigrationPort(
  host: (n: number) => Host | undefined,
  pagesPerPacket: number,
  moves: ServiceMoves,
): MigrationPort {
  const packetsAtTake = new Map<number, number>();
  return {
    pauseVm(n, vm) {
      const h = host(n);
      const v = h?.vms[vm];
      if (h && v) h.scheduler.pause(v);
    },
    resumeVm(n, _vm, _from, now) {
      moves.migratedTo(n, now);
    },
    moveService(n) {
      moves.pointClientsAt(n);
    },
    dom0Work(n, costUs) {
      host(n)?.dom0Background(costUs, () => undefined);
    },
    takeDirtyPages(n, vm) {
      const h = host(n);
      const now = h?.appPackets[vm] ?? 0;
      const packets = now - (packetsAtTake.get(n) ?? 0);
      packetsAtTake.set(n, now);
      return moves.takeStateWrites() + Math.ceil(pagesPerPacket * packets);
    },
  };
}
