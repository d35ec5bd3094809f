import type { ServiceVm } from '../cluster/service-vm';
import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import { ms, sec, us, type Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { UdpStream } from '../probes/udp-stream';
import type { Scenario } from '../scenario/scenario';
import { failuresOf } from '../scenario/topology';
import { hostMigrationPort } from './host-port';
import { LiveMigration } from './live-migration';
import { effectiveMigration } from './shutdown-trigger';

/**
 * The world's live migration (ADR 19), if the scenario asks for one: `migration.vm` moves from
 * the host its service VM runs on to its backup host (the failover node, which keeps its offline
 * copy), at its planned time or when a graceful shutdown of it asks the cluster manager to move
 * it. A crash of the source host (a `host-crash` failure slot) interrupts the stream.
 */
export function migrationInWorld(
  s: Scenario,
  world: {
    readonly sim: Simulator;
    readonly trace: TraceRecorder;
    readonly end: Micros;
    /** The UDP probe, whose longest outage the migration's summary reports. */
    readonly udp: UdpStream | undefined;
  },
  host: (n: number) => Host | undefined,
  service: (k: number) => ServiceVm | undefined,
): LiveMigration | undefined {
  const { sim, trace, end } = world;
  // Answering a graceful shutdown, it starts at the shutdown's time (shutdown-trigger.ts).
  const mig = effectiveMigration(s);
  const moving = mig.enabled ? service(mig.vm) : undefined;
  const to = moving?.slot.backupHost ?? 0;
  if (!moving || to === moving.active || !host(to)) return undefined;
  const m = new LiveMigration(
    sim,
    trace,
    mig,
    {
      // Shared with the lab: the suspend of a Remus checkpoint (the same libxl path), the
      // resume and the ARP delay of a failover.
      suspend: us(s.replication.suspendMs * 1000),
      dom0PageCostUs: s.replication.dom0PageCostUs,
      resume: ms(s.failure.resumeMs),
      arpDelay: ms(s.failure.arpDelayMs),
    },
    hostMigrationPort(host, s.replication.dirtyPagesPerPacket, moving),
    moving.active,
    to,
    moving.k,
    () => (world.udp ? world.udp.stats().outageUs : null),
  );
  for (const { f } of failuresOf(s))
    if (f.kind === 'host-crash' && f.target === m.source && sec(f.atS) < end)
      sim.at(sec(f.atS), (now) => m.sourceDown(now));
  return m;
}
