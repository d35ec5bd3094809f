import type { Field } from '../scenario/field';
import type { MigrationMode } from './precopy';
import { XEN_MAX_ITERATIONS, XEN_TARGET_DIRTY_COUNT } from './precopy';

/** What starts the migration: an operator at a planned time, or the cluster manager's answer to a graceful shutdown. */
export type MigrationTrigger = 'planned' | 'graceful-shutdown';

/** Live migration of the VoIP VM (vm1) from the host that runs it to the other host. */
export interface MigrationParams {
  enabled: boolean;
  vm: number;
  trigger: MigrationTrigger;
  atS: number;
  mode: MigrationMode;
  linkGbps: number;
  linkLatencyMs: number;
  maxRounds: number;
  stopCopyPages: number;
  memoryMiB: number;
  wwsPages: number;
  wwsWritesPerS: number;
  vifPlugMs: number;
  arpCount: number;
  arpIntervalMs: number;
}

const g = 'migration' as const;

export const MIGRATION_FIELDS: readonly Field[] = [
  {
    path: 'migration.enabled',
    kind: 'bool',
    group: g,
    label: 'Live-migrate the VoIP VM',
    default: false,
    help: 'Move a running service VM (migration.vm) to its backup host by Xen pre-copy: live rounds over the dirty set, stop-and-copy, resume on the target with its full state, gratuitous ARP. Needs continuous checkpointing off (a Remus-protected domain is already one save stream).',
  },
  {
    path: 'migration.vm',
    kind: 'int',
    group: g,
    label: 'VM to migrate',
    unit: 'VM',
    min: 1,
    max: 8,
    step: 1,
    default: 1,
    help: 'A service VM; it moves from the host it runs on to its backup host (the failover node, vms.vmK.backupHost), which keeps an offline copy for it.',
  },
  {
    path: 'migration.trigger',
    kind: 'enum',
    group: g,
    label: 'Migration trigger',
    options: [
      { value: 'planned', label: 'Planned (operator runs xl migrate)' },
      {
        value: 'graceful-shutdown',
        label: 'Graceful shutdown of the host (cluster manager moves it)',
      },
    ],
    default: 'planned',
    help: 'Planned: the migration starts at the migration time. Graceful shutdown: the host is shut down at that time; Heartbeat gives up its resources (heartbeat.c hb_initiate_shutdown → hb_giveup_resources), which one cluster message tells the other node; the move starts from there. Either way, a graceful VM shutdown of this VM (a vm-shutdown failure) is answered by the move, at the shutdown’s time (Pacemaker migrate_to for an allow-migrate resource).',
  },
  {
    path: 'migration.atS',
    kind: 'number',
    group: g,
    label: 'Migration time',
    unit: 's',
    min: 0.1,
    max: 600,
    step: 0.1,
    default: 20,
    help: 'When the migration is asked for (or the graceful shutdown begins). Not used when the run has a vm-shutdown failure of this VM: the shutdown starts it.',
  },
  {
    path: 'migration.mode',
    kind: 'enum',
    group: g,
    label: 'Who drives it',
    options: [
      { value: 'push', label: 'Push — from the source' },
      { value: 'pull', label: 'Pull — from the failover node' },
    ],
    default: 'push',
    help: 'Push: the source runs xl migrate. Pull: the target’s cluster manager asks the source to (R7’s Heartbeat on the failover node): one control message later. The stream is the same.',
  },
  {
    path: 'migration.linkGbps',
    kind: 'number',
    group: g,
    label: 'Migration link',
    unit: 'Gb/s',
    min: 0.01,
    max: 100,
    step: 0.01,
    default: 1,
    help: 'Bandwidth of the migration stream; Xen’s v2 stream has no rate limit (xg_sr_save.c, Xen 4.17). Default: the lab’s replication link.',
  },
  {
    path: 'migration.linkLatencyMs',
    kind: 'number',
    group: g,
    label: 'Migration link latency',
    unit: 'ms',
    min: 0,
    max: 100,
    step: 0.05,
    default: 0.1,
    help: 'One-way latency between the hosts (banner, ready/go handshake, cluster messages). Default: the lab’s replication link.',
  },
  {
    path: 'migration.maxRounds',
    kind: 'int',
    group: g,
    label: 'Max live rounds',
    unit: '',
    min: 1,
    max: 30,
    step: 1,
    default: XEN_MAX_ITERATIONS,
    help: 'Stop-and-copy after this many live rounds at the latest: SPP_MAX_ITERATIONS = 5 (xg_sr_save.c simple_precopy_policy, Xen 4.17; legacy xc_domain_save had 29).',
  },
  {
    path: 'migration.stopCopyPages',
    kind: 'int',
    group: g,
    label: 'Stop-and-copy threshold',
    unit: 'pages',
    min: 0,
    max: 100000,
    step: 1,
    default: XEN_TARGET_DIRTY_COUNT,
    help: 'Stop pre-copying when a round dirtied fewer pages than this: SPP_TARGET_DIRTY_COUNT = 50 (xg_sr_save.c, Xen 4.17). That last small set is still sent live.',
  },
  {
    path: 'migration.memoryMiB',
    kind: 'int',
    group: g,
    label: 'VM memory',
    unit: 'MiB',
    min: 16,
    max: 65536,
    step: 16,
    default: 1024,
    help: 'Memory of the VoIP VM: every page goes in the first round. Default: the 1 GiB VoIP VM the Remus model caps dirty pages at (replication/remus.ts GUEST_PAGES).',
  },
  {
    path: 'migration.wwsPages',
    kind: 'int',
    group: g,
    label: 'Writable working set',
    unit: 'pages',
    min: 0,
    max: 1000000,
    step: 100,
    default: 2000,
    help: 'Pages the guest kernel keeps rewriting (Clark et al., NSDI 2005 §3); a round of length T dirties W·(1 − e^(−rT/W)) of them. The VoIP application’s own state writes and packet buffers come on top, from the running load. Estimate.',
  },
  {
    path: 'migration.wwsWritesPerS',
    kind: 'int',
    group: g,
    label: 'Background page writes',
    unit: 'pages/s',
    min: 0,
    max: 1000000,
    step: 100,
    default: 2000,
    help: 'Page writes per second into the working set (the background rate). Default: the lab’s base dirty rate (replication.dirtyPagesPerS). Estimate.',
  },
  {
    path: 'migration.vifPlugMs',
    kind: 'int',
    group: g,
    label: 'Device plug on the target',
    unit: 'ms',
    min: 0,
    max: 5000,
    step: 10,
    default: 300,
    help: 'Paused time to attach the VM’s virtual NIC on the target: libxl attaches devices after the stream and before "ready" (libxl_create.c restore order), and XenServer measured 0.3 s of downtime per VIF plugged there (xapi-project/xenopsd PR 205, CP-11841, 2015). 0 models a toolstack that plugs the VIF before suspending, as xenopsd does since that change.',
  },
  {
    path: 'migration.arpCount',
    kind: 'int',
    group: g,
    label: 'Gratuitous ARPs',
    unit: '',
    min: 1,
    max: 20,
    step: 1,
    default: 1,
    help: 'ARPs the resumed guest sends: xen-netfront calls netdev_notify_peers once when the new backend connects, and the kernel answers NETDEV_NOTIFY_PEERS with one gratuitous ARP (Linux drivers/net/xen-netfront.c, net/ipv4/devinet.c). Clients follow after failure.arpDelayMs.',
  },
  {
    path: 'migration.arpIntervalMs',
    kind: 'int',
    group: g,
    label: 'ARP interval',
    unit: 'ms',
    min: 1,
    max: 5000,
    step: 1,
    default: 200,
    help: 'Between repeated ARPs when more than one is sent (IPaddr2’s arp_interval 200 ms, resource-agents v4.18).',
  },
];
