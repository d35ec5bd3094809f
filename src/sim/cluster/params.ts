import type { Field } from '../scenario/field';

export type DetectorKind = 'checkpoint' | 'heartbeat';

/** Failure injection and failover parameters. */
export interface FailureParams {
  detector: DetectorKind;
  detectMs: number;
  keepaliveMs: number;
  warnMs: number;
  deadMs: number;
  resumeMs: number;
  arpDelayMs: number;
  /** STONITH: the survivor powers its peer off before taking over. */
  fencing: boolean;
  fenceMs: number;
  /** Cluster manager: how often it checks a VM resource, and how long a restart takes. */
  monitorS: number;
  restartS: number;
}

/** Availability arithmetic inputs. */
export interface AvailabilityParams {
  mtbfH: number;
  mttrMin: number;
}

export const FAILURE_FIELDS: readonly Field[] = [
  {
    path: 'failure.detector',
    kind: 'enum',
    group: 'failure',
    label: 'Failure detector',
    options: [
      { value: 'checkpoint', label: 'Remus checkpoint stream' },
      { value: 'heartbeat', label: 'Linux-HA Heartbeat' },
    ],
    default: 'checkpoint',
    help: 'Remus declares the primary dead when no checkpoint arrives for the timeout; Heartbeat uses keepalives, warn time and dead time.',
  },
  {
    path: 'failure.detectMs',
    kind: 'int',
    group: 'failure',
    label: 'Checkpoint-stream timeout',
    unit: 'ms',
    min: 50,
    max: 10000,
    step: 50,
    default: 1000,
    help: 'No checkpoint for this long ⇒ primary dead (Remus HEARTBEAT_MS = 1000 ms; 500 ms before 2010).',
  },
  {
    path: 'failure.keepaliveMs',
    kind: 'int',
    group: 'failure',
    label: 'Heartbeat keepalive',
    unit: 'ms',
    min: 10,
    max: 10000,
    step: 10,
    default: 1000,
    help: 'Interval between heartbeats (Heartbeat compiled default 1 s).',
  },
  {
    path: 'failure.warnMs',
    kind: 'int',
    group: 'failure',
    label: 'Heartbeat warn time',
    unit: 'ms',
    min: 10,
    max: 60000,
    step: 10,
    default: 15000,
    help: 'Late-heartbeat warning (default deadtime/2).',
  },
  {
    path: 'failure.deadMs',
    kind: 'int',
    group: 'failure',
    label: 'Heartbeat dead time',
    unit: 'ms',
    min: 30,
    max: 120000,
    step: 10,
    default: 30000,
    help: 'No heartbeat for this long ⇒ node dead (Heartbeat default 30 s; must exceed 2 × keepalive).',
  },
  {
    path: 'failure.resumeMs',
    kind: 'int',
    group: 'failure',
    label: 'Backup resume time',
    unit: 'ms',
    min: 0,
    max: 5000,
    step: 5,
    default: 20,
    help: 'From declaring the primary dead to the backup VM running from its last committed checkpoint. Estimate.',
  },
  {
    path: 'failure.arpDelayMs',
    kind: 'int',
    group: 'failure',
    label: 'Gratuitous ARP delay',
    unit: 'ms',
    min: 0,
    max: 5000,
    step: 5,
    default: 20,
    help: 'From resume until clients’ traffic follows the gratuitous ARP (netfront notifies peers on reconnect). Network-dependent.',
  },
  {
    path: 'failure.fencing',
    kind: 'bool',
    group: 'failure',
    label: 'Fencing (STONITH)',
    default: false,
    help: 'Before taking over, the survivor powers its peer off through a fence device (Pacemaker stonith-enabled). Without it, a partition or a cut replication link leaves two active copies (split brain).',
  },
  {
    path: 'failure.fenceMs',
    kind: 'int',
    group: 'failure',
    label: 'Fencing time',
    unit: 'ms',
    min: 0,
    max: 60000,
    step: 100,
    default: 2000,
    help: 'From the decision to fence until the fence device confirms the peer is off (an IPMI power-off takes seconds). Estimate.',
  },
  {
    path: 'failure.monitorS',
    kind: 'number',
    group: 'failure',
    label: 'Resource monitor interval',
    unit: 's',
    min: 1,
    max: 600,
    step: 1,
    default: 10,
    help: 'How often the cluster manager checks a VM it restarts (Pacemaker op monitor interval; 10 s in the VirtualDomain examples). A crashed guest is noticed at the next check.',
  },
  {
    path: 'failure.restartS',
    kind: 'number',
    group: 'failure',
    label: 'VM restart time',
    unit: 's',
    min: 1,
    max: 600,
    step: 1,
    default: 30,
    help: 'Boot of the guest and start of its services when the cluster manager restarts it (its memory state is lost). Estimate.',
  },
];

export const AVAILABILITY_FIELDS: readonly Field[] = [
  {
    path: 'availability.mtbfH',
    kind: 'number',
    group: 'availability',
    label: 'Host MTBF',
    unit: 'h',
    min: 1,
    max: 1000000,
    step: 1,
    default: 8760,
    help: 'Mean time between failures of one host.',
  },
  {
    path: 'availability.mttrMin',
    kind: 'number',
    group: 'availability',
    label: 'MTTR without failover',
    unit: 'min',
    min: 0.1,
    max: 100000,
    step: 0.1,
    default: 240,
    help: 'Mean time to repair when nothing fails over (a human restores service).',
  },
];
