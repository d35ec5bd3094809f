import { Simulator } from '../../src/sim/engine/simulator';
import { ms, type Micros } from '../../src/sim/engine/units';
import { CorosyncMembership } from '../../src/sim/cluster/corosync-membership';
import { totemConfig, type TotemConfig } from '../../src/sim/cluster/corosync';
import { ClusterFabric } from '../../src/sim/cluster/fabric';
import { heartbeatConfig, type HeartbeatSettings } from '../../src/sim/cluster/heartbeat-config';
import { HeartbeatMembership, type ViewListener } from '../../src/sim/cluster/heartbeat-membership';
import {
  IPADDR2_ARP_COUNT,
  IPADDR2_ARP_INTERVAL,
  ResourceManager,
  type Migrator,
  type ResourceGroupSpec,
} from '../../src/sim/cluster/resource-manager';

/** One-way latency of the test clusters' network (the lab's LAN, 0.1 ms). */
export const LAN = ms(0.1);

export interface ClusterOptions {
  fencing: boolean;
  fenceDelay?: Micros;
  migrator?: Migrator;
  /** Called after the resource manager has seen each view. */
  afterView?: ViewListener;
}

function manager(
  sim: Simulator,
  fabric: ClusterFabric,
  groups: readonly ResourceGroupSpec[],
  o: ClusterOptions,
  pacemaker: boolean,
): ResourceManager {
  return new ResourceManager(
    sim,
    fabric,
    groups,
    {
      fencing: o.fencing,
      fenceDelay: o.fenceDelay ?? ms(2000),
      arpCount: IPADDR2_ARP_COUNT,
      arpInterval: IPADDR2_ARP_INTERVAL,
      fenceOnMembershipLoss: pacemaker,
      messageLatency: LAN,
    },
    o.migrator,
  );
}

/** N nodes under Heartbeat with resource groups started at time 0. */
export function heartbeatCluster(
  n: number,
  groups: readonly ResourceGroupSpec[],
  o: ClusterOptions,
  settings: HeartbeatSettings = {},
  seed = 1,
): { sim: Simulator; fabric: ClusterFabric; rm: ResourceManager; hb: HeartbeatMembership } {
  const sim = new Simulator();
  const fabric = new ClusterFabric(n);
  const rm = manager(sim, fabric, groups, o, false);
  const hb = new HeartbeatMembership(
    sim,
    fabric,
    heartbeatConfig(settings),
    LAN,
    seed,
    (node, m, q, t) => {
      rm.viewChanged(node, m, q, t);
      o.afterView?.(node, m, q, t);
    },
  );
  rm.bootstrap(sim.now);
  hb.start(sim.now);
  return { sim, fabric, rm, hb };
}

/** N nodes under Corosync + Pacemaker (DC fences the nodes that left). */
export function corosyncCluster(
  n: number,
  groups: readonly ResourceGroupSpec[],
  o: ClusterOptions,
  totem: Partial<TotemConfig> = {},
): {
  sim: Simulator;
  fabric: ClusterFabric;
  rm: ResourceManager;
  cs: CorosyncMembership;
  cfg: TotemConfig;
} {
  const sim = new Simulator();
  const fabric = new ClusterFabric(n);
  const rm = manager(sim, fabric, groups, o, true);
  const cfg = totemConfig(n, totem);
  const cs = new CorosyncMembership(sim, fabric, cfg, LAN, (node, m, q, t) => {
    rm.viewChanged(node, m, q, t);
    o.afterView?.(node, m, q, t);
  });
  rm.bootstrap(sim.now);
  return { sim, fabric, rm, cs, cfg };
}
