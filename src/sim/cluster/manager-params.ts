import type { Field } from '../scenario/field';
import type { HeartbeatMedium } from './heartbeat-config';

/**
 * Which cluster manager protects the service VMs (ADR 12, issue 8 item 5). `pairwise` is the
 * two-node detector of each service VM (its host and its backup host: Remus's checkpoint stream
 * or a two-node Heartbeat); `heartbeat` and `pacemaker` run one membership over every enabled
 * host and let a resource manager place one resource group per protected service VM.
 */
export type ClusterManagerKind = 'pairwise' | 'heartbeat' | 'pacemaker';

export interface ClusterParams {
  manager: ClusterManagerKind;
  /** Heartbeat's medium: ucast (one packet per peer) or bcast (one per node). */
  medium: HeartbeatMedium;
  /** Heartbeat initdead; 0 = Heartbeat's own rule from deadtime (config.c). */
  initdeadMs: number;
  /** Corosync totem token (before the per-node coefficient). */
  tokenMs: number;
  /** Corosync consensus; 0 = 1.2 × the real token timeout. */
  consensusMs: number;
  /** Cluster nodes counted by the membership; 0 = the enabled hosts. Extra nodes run no VM. */
  nodes: number;
  /** IPaddr2 arp_count and arp_interval. */
  arpCount: number;
  arpIntervalMs: number;
  /** Heartbeat ha.cf auto_failback (failback.ts). */
  autoFailback: AutoFailback;
  /** Pacemaker: location constraint score of a group for its VM's home host (0 = none). */
  homeScore: number;
  /** Pacemaker resource-stickiness of every group. */
  stickiness: number;
}

/** Heartbeat's ha.cf `auto_failback` values (Heartbeat 2.x/3.0 heartbeat/config.c). */
export type AutoFailback = 'off' | 'on' | 'legacy';

export const CLUSTER_FIELDS: readonly Field[] = [
  {
    path: 'cluster.manager',
    kind: 'enum',
    group: 'failure',
    label: 'Cluster manager',
    options: [
      { value: 'pairwise', label: 'Two-node detector per VM' },
      { value: 'heartbeat', label: 'Heartbeat on all hosts' },
      { value: 'pacemaker', label: 'Pacemaker on Corosync' },
    ],
    default: 'pairwise',
    help: 'Pairwise: each protected VM has its own detector between its host and its backup host. Heartbeat and Pacemaker run one membership over every host and place one resource group per protected VM (its host, then its backup host, then the others), with STONITH before takeover when fencing is on; Pacemaker stops the resources of a partition without quorum (no-quorum-policy=stop). Heartbeat timing: keepalive, warn and dead time above.',
  },
  {
    path: 'cluster.medium',
    kind: 'enum',
    group: 'failure',
    label: 'Heartbeat medium',
    options: [
      { value: 'bcast', label: 'bcast (one packet per node)' },
      { value: 'ucast', label: 'ucast (one packet per peer)' },
    ],
    default: 'bcast',
    help: 'ha.cf bcast puts N packets per keepalive on the wire for N nodes; ucast lines send to each peer, N(N−1). Receptions are N(N−1) either way (R7: broadcast O(N), all-to-all O(N²)).',
  },
  {
    path: 'cluster.initdeadMs',
    kind: 'int',
    group: 'failure',
    label: 'Heartbeat initdead',
    unit: 'ms',
    min: 0,
    max: 600000,
    step: 100,
    default: 0,
    help: 'Dead time before the first heartbeat of a peer is heard; 0 = Heartbeat 2.0 config.c: deadtime when above 10 s, 12 s when below 6 s, else 2 × deadtime.',
  },
  {
    path: 'cluster.tokenMs',
    kind: 'int',
    group: 'failure',
    label: 'Corosync token timeout',
    unit: 'ms',
    min: 100,
    max: 60000,
    step: 100,
    default: 3000,
    help: 'Totem token timeout; with 3 or more nodes corosync adds 650 ms (token_coefficient) per node beyond two (corosync 3.1.10 exec/totemconfig.c TOKEN_TIMEOUT 3000).',
  },
  {
    path: 'cluster.consensusMs',
    kind: 'int',
    group: 'failure',
    label: 'Corosync consensus timeout',
    unit: 'ms',
    min: 0,
    max: 120000,
    step: 100,
    default: 0,
    help: 'Time to reach consensus on a new membership; 0 = 1.2 × the real token timeout (corosync 3.1.10 totemconfig.c).',
  },
  {
    path: 'cluster.nodes',
    kind: 'int',
    group: 'failure',
    label: 'Cluster nodes',
    unit: '',
    min: 0,
    max: 32,
    step: 1,
    default: 0,
    help: 'Nodes in the membership; 0 = the enabled hosts. Nodes beyond the hosts run no VM but beat, vote and count in the message rates (ADR 16: a 16-node cluster for R7’s message counts).',
  },
  {
    path: 'cluster.arpCount',
    kind: 'int',
    group: 'failure',
    label: 'IPaddr2 ARP count',
    unit: '',
    min: 1,
    max: 50,
    step: 1,
    default: 5,
    help: 'Gratuitous ARPs IPaddr2 sends when it brings the service address up (resource-agents heartbeat/IPaddr2 arp_count 5). The clients follow the first one.',
  },
  {
    path: 'cluster.arpIntervalMs',
    kind: 'int',
    group: 'failure',
    label: 'IPaddr2 ARP interval',
    unit: 'ms',
    min: 1,
    max: 5000,
    step: 1,
    default: 200,
    help: 'Spacing of IPaddr2’s gratuitous ARPs (resource-agents heartbeat/IPaddr2 arp_interval 200 ms).',
  },
  {
    path: 'cluster.autoFailback',
    kind: 'enum',
    group: 'failure',
    label: 'Heartbeat auto_failback',
    options: [
      { value: 'off', label: 'off (the group stays where it moved)' },
      { value: 'on', label: 'on (back to its home host when it rejoins)' },
      { value: 'legacy', label: 'legacy (pre-1.2 behaviour: fails back)' },
    ],
    default: 'off',
    help: 'ha.cf auto_failback. on: when a group’s home host rejoins, the node holding it gives it up and the home node takes it (hb_resource.c standby handshake: five cluster messages after the home node’s comm up, a stop, a sixth message, a start with IPaddr2’s ARPs). legacy behaves as on here. Heartbeat’s own default is legacy (config.c); the lab’s is off, so that older scenarios keep their behaviour.',
  },
  {
    path: 'cluster.homeScore',
    kind: 'int',
    group: 'failure',
    label: 'Pacemaker home location score',
    unit: '',
    min: 0,
    max: 1000000,
    step: 10,
    default: 0,
    help: 'Score of a location constraint preferring each group’s home host (pcs constraint location … prefers host=score; 0 = no constraint, 1000000 = INFINITY). When the home host rejoins and this score exceeds resource-stickiness, the DC moves the group back: stop, then start on the home host.',
  },
  {
    path: 'cluster.stickiness',
    kind: 'int',
    group: 'failure',
    label: 'Pacemaker resource-stickiness',
    unit: '',
    min: 0,
    max: 1000000,
    step: 10,
    default: 0,
    help: 'How much a group prefers to stay where it runs (Pacemaker’s default 0; pcs on RHEL 9 creates clusters with 1). A group moves back to its home host only when the home location score is larger.',
  },
];
