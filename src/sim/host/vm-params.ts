import type { VmRole } from './vm-roles';
import type { Field } from '../scenario/field';

/** Guest VM slots on each host: vm1 is the VoIP VM (relay + registrar, the one Remus protects). */
export const VM_SLOT_COUNT = 8;
export const vmSlotNames = Array.from({ length: VM_SLOT_COUNT }, (_, i) => `vm${i + 1}`);

/** One guest VM: its scheduler parameters and the CPU work it does besides serving packets. */
export interface VmSlot extends VmRole {
  enabled: boolean;
  weight: number;
  capPct: number;
  pin: number;
  lsvm: boolean;
  burnPct: number;
  memoryBound: boolean;
  /** RTDS period and budget of its vCPU, ms; 0 = the host's (host.rtdsPeriodMs, host.rtdsBudgetMs). */
  rtdsPeriodMs: number;
  rtdsBudgetMs: number;
  /** Bulk UDP sender (iperf-like), offered on-wire rate; 0 = none. */
  txMbps: number;
  txFrameBytes: number;
  /** SLA: max bit/s (on-wire), max packet/s, min bit/s guarantee and priority class (0 = highest). */
  slaMbps: number;
  slaKpps: number;
  slaMinMbps: number;
  slaPriority: number;
}

export type VmSlots = Record<string, VmSlot>;

function slotFields(k: number): Field[] {
  const vm = `vm${k}`;
  const p = `vms.${vm}`;
  const who = k === 1 ? 'The VoIP VM' : `VM ${k}`;
  const fields: Field[] = [];
  if (k > 1) {
    fields.push({
      path: `${p}.enabled`,
      kind: 'bool',
      group: 'vms',
      label: `${who}: present`,
      default: false,
      help: `Run ${who} on the host (the backup host runs the same set).`,
    });
  }
  fields.push(
    {
      path: `${p}.weight`,
      kind: 'int',
      group: 'vms',
      label: `${who}: weight`,
      unit: '',
      min: 1,
      max: 65535,
      step: 1,
      default: 256,
      help: 'Credit-scheduler weight: CPU is shared in proportion to it among busy VMs (xl sched-credit -w; default 256).',
    },
    {
      path: `${p}.capPct`,
      kind: 'int',
      group: 'vms',
      label: `${who}: cap`,
      unit: '% of a pCPU',
      min: 0,
      max: 800,
      step: 5,
      default: 0,
      help: 'Credit-scheduler cap: at most this share of one pCPU even when the host is idle (0 = no cap; non-work-conserving).',
    },
    {
      path: `${p}.pin`,
      kind: 'int',
      group: 'vms',
      label: `${who}: pinned to core`,
      unit: '',
      min: -1,
      max: 7,
      step: 1,
      default: -1,
      help: 'Hard affinity to one pCPU (−1: any guest core; idle cores then steal runnable vCPUs).',
    },
    {
      path: `${p}.lsvm`,
      kind: 'bool',
      group: 'vms',
      label: `${who}: latency-sensitive (vSlicer LSVM)`,
      default: false,
      help: 'Under vSlicer, an LSVM gets its fair share in micro-slices after every NLSVM slice.',
    },
    {
      path: `${p}.burnPct`,
      kind: 'int',
      group: 'vms',
      label: `${who}: CPU burner`,
      unit: '%',
      min: 0,
      max: 100,
      step: 5,
      default: k === 1 ? 0 : 40,
      help: 'A lookbusy-like burner inside the VM wanting this share of one core (vSlicer testbed: 40 %). Under contention it is always runnable.',
    },
    {
      path: `${p}.memoryBound`,
      kind: 'bool',
      group: 'vms',
      label: `${who}: burner is memory-bound (STREAM-like)`,
      default: false,
      help: 'Its useful work loses the cache-refill time after every switch-in, so smaller slices cost throughput.',
    },
    {
      path: `${p}.rtdsPeriodMs`,
      kind: 'number',
      group: 'vms',
      label: `${who}: RTDS period`,
      unit: 'ms',
      min: 0,
      max: 1000,
      step: 0.5,
      default: 0,
      help: 'Under RTDS, this VM’s period (xl sched-rtds -p); 0 = the host’s RTDS period. A shorter period means a shorter wait for the CPU.',
    },
    {
      path: `${p}.rtdsBudgetMs`,
      kind: 'number',
      group: 'vms',
      label: `${who}: RTDS budget`,
      unit: 'ms',
      min: 0,
      max: 1000,
      step: 0.1,
      default: 0,
      help: 'Under RTDS, this VM’s budget per period (xl sched-rtds -b); 0 = the host’s RTDS budget. Must fit in the period.',
    },
    {
      path: `${p}.txMbps`,
      kind: 'int',
      group: 'vms',
      label: `${who}: bulk UDP offered`,
      unit: 'Mb/s',
      min: 0,
      max: 10000,
      step: 10,
      default: 0,
      help: 'An iperf-like UDP sender in the VM offering this on-wire rate to the NIC (0 = none). DBA-VM testbed: 1000 Mb/s each.',
    },
    {
      path: `${p}.txFrameBytes`,
      kind: 'int',
      group: 'vms',
      label: `${who}: bulk frame size`,
      unit: 'B',
      min: 64,
      max: 1518,
      step: 1,
      default: 1518,
      help: 'Ethernet frame size of the bulk sender (64–1518 B); on the wire each frame takes 20 B more (preamble, inter-frame gap).',
    },
    {
      path: `${p}.slaMbps`,
      kind: 'int',
      group: 'vms',
      label: `${who}: SLA max bit/s`,
      unit: 'Mb/s',
      min: 1,
      max: 10000,
      step: 10,
      default: 1000,
      help: 'The VM’s SLA ceiling, on-wire bit/s: tc shapes to it in the driver domain; DBA-VM allocates within it.',
    },
    {
      path: `${p}.slaKpps`,
      kind: 'int',
      group: 'vms',
      label: `${who}: SLA max packet/s`,
      unit: 'kpkt/s',
      min: 1,
      max: 2000,
      step: 1,
      default: 2000,
      help: 'The SLA’s packet-rate ceiling, which DBA-VM enforces at the netfront (DBA-VM testbed: 20, 60, 60).',
    },
    {
      path: `${p}.slaMinMbps`,
      kind: 'int',
      group: 'vms',
      label: `${who}: SLA min bit/s`,
      unit: 'Mb/s',
      min: 0,
      max: 10000,
      step: 10,
      default: 0,
      help: 'Guaranteed bit/s that DBA-VM serves first, before sharing the rest by priority.',
    },
    {
      path: `${p}.slaPriority`,
      kind: 'int',
      group: 'vms',
      label: `${who}: SLA priority`,
      unit: '',
      min: 0,
      max: 3,
      step: 1,
      default: 0,
      help: 'DBA-VM priority class (0 highest): a class gets the capacity left by the classes above it, shared max-min fairly.',
    },
  );
  return fields;
}

export const VM_FIELDS: readonly Field[] = Array.from({ length: VM_SLOT_COUNT }, (_, i) =>
  slotFields(i + 1),
).flat();

/** Ping probe (ICMP echo from a LAN client to one VM). */
export interface PingParams {
  enabled: boolean;
  target: number;
  intervalMs: number;
  count: number;
  costUs: number;
}

export const PING_FIELDS: readonly Field[] = [
  {
    path: 'ping.enabled',
    kind: 'bool',
    group: 'probes',
    label: 'Ping a VM',
    default: false,
    help: 'A LAN client sends ICMP echo requests; the round-trip time shows how long a packet waits for the VM to get a CPU.',
  },
  {
    path: 'ping.target',
    kind: 'int',
    group: 'probes',
    label: 'Ping target',
    unit: 'VM',
    min: 1,
    max: VM_SLOT_COUNT,
    step: 1,
    default: 1,
    help: 'Which VM answers (vm1 is the VoIP VM).',
  },
  {
    path: 'ping.intervalMs',
    kind: 'int',
    group: 'probes',
    label: 'Ping interval',
    unit: 'ms',
    min: 10,
    max: 10000,
    step: 10,
    default: 1000,
    help: 'Time between echo requests (ping’s default 1 s).',
  },
  {
    path: 'ping.count',
    kind: 'int',
    group: 'probes',
    label: 'Pings',
    unit: '',
    min: 1,
    max: 100000,
    step: 1,
    default: 100,
    help: 'Echo requests to send (vSlicer: 100).',
  },
  {
    path: 'ping.costUs',
    kind: 'int',
    group: 'probes',
    label: 'Guest CPU per echo',
    unit: 'µs',
    min: 1,
    max: 1000,
    step: 1,
    default: 5,
    help: 'CPU the guest kernel spends answering one echo request. Estimate.',
  },
];
