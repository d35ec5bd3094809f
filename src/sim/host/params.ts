import type { Field } from '../scenario/field';

/** Host, CPU scheduling and workload parameters. */
export interface HostParams {
  cores: number;
  dom0OwnCore: boolean;
  sliceMs: number;
  ctxSwitchUs: number;
  voipWeight: number;
  burners: number;
  burnerUtilPct: number;
  relayCostUs: number;
  sipCostUs: number;
  dom0PacketCostUs: number;
}

export const HOST_FIELDS: readonly Field[] = [
  {
    path: 'host.cores',
    kind: 'int',
    group: 'host',
    label: 'Physical cores',
    unit: 'pCPU',
    min: 1,
    max: 8,
    step: 1,
    default: 2,
    help: 'pCPUs per host. With dom0 on its own core, guests share the remaining cores.',
  },
  {
    path: 'host.dom0OwnCore',
    kind: 'bool',
    group: 'host',
    label: 'dom0 pinned to its own core',
    default: true,
    help: 'The driver domain runs alone on core 0 (as in the vSlicer and Remus testbeds); otherwise it shares the guests’ core.',
  },
  {
    path: 'host.sliceMs',
    kind: 'int',
    group: 'host',
    label: 'Credit time slice',
    unit: 'ms',
    min: 1,
    max: 100,
    step: 1,
    default: 30,
    help: 'Xen credit scheduler time slice: 30 ms (sched_credit.c; xl range 1–1000 ms). A VM waits up to (N−1)·slice for the CPU.',
  },
  {
    path: 'host.ctxSwitchUs',
    kind: 'int',
    group: 'host',
    label: 'Context-switch cost',
    unit: 'µs',
    min: 0,
    max: 200,
    step: 1,
    default: 5,
    help: 'CPU time lost on every switch between VMs (register/TLB state). Estimate for a modern x86 host.',
  },
  {
    path: 'host.voipWeight',
    kind: 'int',
    group: 'host',
    label: 'VoIP VM weight',
    unit: '',
    min: 1,
    max: 65535,
    step: 1,
    default: 256,
    help: 'Credit-scheduler weight of the VoIP VM; burner VMs keep the default 256 (xl sched-credit).',
  },
  {
    path: 'host.burners',
    kind: 'int',
    group: 'host',
    label: 'Burner VMs on the VoIP core',
    unit: 'VMs',
    min: 0,
    max: 7,
    step: 1,
    default: 0,
    help: 'Other VMs sharing the VoIP VM’s core, each running a CPU burner (lookbusy-like).',
  },
  {
    path: 'host.burnerUtilPct',
    kind: 'int',
    group: 'host',
    label: 'Burner target load',
    unit: '%',
    min: 0,
    max: 100,
    step: 5,
    default: 40,
    help: 'Each burner’s CPU demand as a share of one core (vSlicer testbed: 40 %). Under contention a burner is always runnable.',
  },
  {
    path: 'host.relayCostUs',
    kind: 'int',
    group: 'host',
    label: 'Media relay CPU per RTP packet',
    unit: 'µs',
    min: 1,
    max: 5000,
    step: 1,
    default: 15,
    help: 'Guest CPU to relay one RTP packet (RTPProxy-like user-space relay). Estimate.',
  },
  {
    path: 'host.sipCostUs',
    kind: 'int',
    group: 'host',
    label: 'Registrar CPU per REGISTER',
    unit: 'µs',
    min: 1,
    max: 20000,
    step: 1,
    default: 104,
    help: 'Guest CPU per REGISTER: slope of R6 (guest CPU 10.9 % → 19.2 % for 1000 → 1800 REGISTER/s ⇒ 104 µs each).',
  },
  {
    path: 'host.dom0PacketCostUs',
    kind: 'int',
    group: 'host',
    label: 'dom0 CPU per packet',
    unit: 'µs',
    min: 0,
    max: 500,
    step: 1,
    default: 5,
    help: 'Driver-domain CPU per packet through netback (copy/grant, bridge). Estimate.',
  },
];
