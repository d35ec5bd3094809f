import type { Field } from '../scenario/field';
import { DOM0_CHECKPOINT_US } from './dom0-calibration';

/** Output policies: Net buffers all output, No-Net none, tcp-only buffers TCP and lets UDP/RTP bypass. */
export type OutputPolicy = 'net' | 'none' | 'tcp-only';
/** libxl: the interval timer starts after the backup commits; fixed: one suspend per interval. */
export type EpochMode = 'libxl' | 'fixed';

/** Remus-style continuous checkpointing parameters. */
export interface ReplicationParams {
  policy: OutputPolicy;
  intervalMs: number;
  epochMode: EpochMode;
  linkGbps: number;
  linkLatencyMs: number;
  suspendMs: number;
  dirtyPagesPerS: number;
  dirtyPagesPerPacket: number;
  pageCopyUs: number;
  dom0PageCostUs: number;
  dom0CheckpointUs: number;
  bufferLimitKB: number;
}

export const REPLICATION_FIELDS: readonly Field[] = [
  {
    path: 'replication.policy',
    kind: 'enum',
    group: 'replication',
    label: 'Output buffering',
    options: [
      { value: 'net', label: 'Net — buffer all output' },
      { value: 'none', label: 'No-Net — release at once' },
      { value: 'tcp-only', label: 'TCP only — UDP/RTP bypass' },
    ],
    default: 'net',
    help: 'Net holds every outbound packet until the backup acknowledges its epoch (output commit). No-Net (--no-net) releases at once. TCP-only lets UDP/RTP bypass the buffer.',
  },
  {
    path: 'replication.intervalMs',
    kind: 'int',
    group: 'replication',
    label: 'Checkpoint interval',
    unit: 'ms',
    min: 10,
    max: 2000,
    step: 5,
    default: 200,
    help: 'Time between checkpoints: 200 ms is xl remus’s default (-i); the Remus paper goes down to 25 ms.',
  },
  {
    path: 'replication.epochMode',
    kind: 'enum',
    group: 'replication',
    label: 'Epoch timing',
    options: [
      { value: 'libxl', label: 'libxl — interval after commit' },
      { value: 'fixed', label: 'fixed — max(interval, checkpoint)' },
    ],
    default: 'libxl',
    help: 'libxl starts the interval timer after the backup commits, so an epoch lasts checkpoint time + interval; the old tool used max(interval, checkpoint time).',
  },
  {
    path: 'replication.linkGbps',
    kind: 'number',
    group: 'replication',
    label: 'Replication link',
    unit: 'Gb/s',
    min: 0.01,
    max: 100,
    step: 0.01,
    default: 1,
    help: 'Bandwidth of the link that carries checkpoints to the backup.',
  },
  {
    path: 'replication.linkLatencyMs',
    kind: 'number',
    group: 'replication',
    label: 'Replication link latency',
    unit: 'ms',
    min: 0,
    max: 100,
    step: 0.1,
    default: 0.1,
    help: 'One-way latency between primary and backup.',
  },
  {
    path: 'replication.suspendMs',
    kind: 'number',
    group: 'replication',
    label: 'Suspend/resume overhead',
    unit: 'ms',
    min: 0,
    max: 50,
    step: 0.1,
    default: 1.5,
    help: 'Fixed part of the checkpoint pause (suspend, event-channel and device quiesce, resume). Estimate.',
  },
  {
    path: 'replication.dirtyPagesPerS',
    kind: 'int',
    group: 'replication',
    label: 'Base dirty rate',
    unit: 'pages/s',
    min: 0,
    max: 200000,
    step: 100,
    default: 2000,
    help: 'Pages the idle-ish guest dirties per second (kernel, timers, logging): sets the writable working set with load.',
  },
  {
    path: 'replication.dirtyPagesPerPacket',
    kind: 'number',
    group: 'replication',
    label: 'Dirty pages per packet handled',
    unit: 'pages',
    min: 0,
    max: 10,
    step: 0.01,
    default: 0.05,
    help: 'Network buffers (socket buffers, netfront rings) dirtied per packet the guest handles. The application’s state writes come on top, as distinct 4 KiB pages per epoch: each REGISTER rewrites its address-of-record’s 512-byte binding in a table of telephony.sipClients entries and stores a new 2 KiB server transaction; each RTP packet updates its call’s 512-byte relay session (entry sizes are modelling assumptions: a Kamailio usrloc contact, a tm transaction with its cloned request, RTPProxy session counters). Estimate.',
  },
  {
    path: 'replication.pageCopyUs',
    kind: 'number',
    group: 'replication',
    label: 'Page copy time in the pause',
    unit: 'µs/page',
    min: 0,
    max: 50,
    step: 0.05,
    default: 0.5,
    help: 'Copying a dirty 4 KiB page to the staging buffer while the VM is paused (~8 GB/s memcpy).',
  },
  {
    path: 'replication.dom0PageCostUs',
    kind: 'number',
    group: 'replication',
    label: 'dom0 CPU per dirty page',
    unit: 'µs/page',
    min: 0,
    max: 50,
    step: 0.05,
    default: 1,
    help: 'Driver-domain CPU to map, copy and send one dirty page, run as dom0 work after each resume (behind netback); the checkpoint cannot be complete at the backup before dom0 has sent its pages. Estimate (a 4 KiB copy at ~8 GB/s is 0.5 µs, plus the foreign mapping and the socket write); not fitted to R6, whose slope the per-packet cost carries (ADR 0017).',
  },
  {
    path: 'replication.dom0CheckpointUs',
    kind: 'int',
    group: 'replication',
    label: 'dom0 CPU per checkpoint',
    unit: 'µs',
    min: 0,
    max: 100000,
    step: 100,
    default: DOM0_CHECKPOINT_US,
    help: 'Fixed dom0 work of the replication tool per checkpoint (suspend/resume handshake through xenstore and event channels, log-dirty bitmap peek and clean over all guest memory, stream and buffer bookkeeping), run as dom0 work after the pages are sent. Calibrated: the intercept of R6 (dom0 36.6 % → 46.3 % for 1000 → 1800 REGISTER/s under Remus Net at 100 ms), with the per-packet cost from its slope (ADR 0017).',
  },
  {
    path: 'replication.bufferLimitKB',
    kind: 'int',
    group: 'replication',
    label: 'Output buffer limit',
    unit: 'KB',
    min: 10,
    max: 100000,
    step: 10,
    default: 10000,
    help: 'Plug qdisc limit: 10 000 000 bytes (libxl_netbuffer.c). Packets over the limit are dropped.',
  },
];
