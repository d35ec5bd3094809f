import type { Field } from '../scenario/field';

/** Host, CPU scheduling and workload parameters. */
export type SchedulerKind = 'credit' | 'vslicer' | 'rtds';

export interface HostParams {
  cores: number;
  dom0OwnCore: boolean;
  dom0Cpupool: boolean;
  scheduler: SchedulerKind;
  sliceMs: number;
  microSliceMs: number;
  rtdsPeriodMs: number;
  rtdsBudgetMs: number;
  rtdsExtratime: boolean;
  rateLimitUs: number;
  lsvmSwitchVm: number;
  lsvmSwitchAtS: number;
  ctxSwitchUs: number;
  cacheRefillUs: number;
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
    path: 'host.dom0Cpupool',
    kind: 'bool',
    group: 'host',
    label: 'dom0’s core in a cpupool of its own',
    default: false,
    help: 'Xen cpupools: each pool runs its own credit scheduler and pays 300 credits per pCPU every 30 ms. By default every pCPU is in Pool-0, so guests pinned away from dom0’s core are paid for it too, stay UNDER and take equal turns whatever their weights; with dom0’s core in its own pool, the guests’ weights hold. Needs dom0 on its own core.',
  },
  {
    path: 'host.scheduler',
    kind: 'enum',
    group: 'host',
    label: 'CPU scheduler',
    options: [
      { value: 'credit', label: 'Xen credit' },
      { value: 'vslicer', label: 'vSlicer (micro-slices for LSVMs)' },
      { value: 'rtds', label: 'RTDS (real-time EDF; SEDF’s successor)' },
    ],
    default: 'credit',
    help: 'Xen credit: proportional share, 30 ms slices, BOOST on wake-up. vSlicer: latency-sensitive VMs get the same share in micro-slices after every NLSVM slice (needs n ≥ 1 NLSVM and m + n ≥ 3 per core). RTDS: every vCPU gets a budget each period, earliest deadline first (Xen’s rt.c; it replaced SEDF in Xen 4.6).',
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
    path: 'host.microSliceMs',
    kind: 'number',
    group: 'host',
    label: 'vSlicer micro-slice T_m',
    unit: 'ms',
    min: 1,
    max: 30,
    step: 0.5,
    default: 5,
    help: 'LSVM micro-slice; must divide T_NLSVM/n (the slice divided by the NLSVMs on the core) a whole number of times, e.g. 2.5 ms for 4 NLSVMs (7.5 ms). vSlicer paper: 5 ms.',
  },
  {
    path: 'host.rtdsPeriodMs',
    kind: 'number',
    group: 'host',
    label: 'RTDS period',
    unit: 'ms',
    min: 0.1,
    max: 1000,
    step: 0.1,
    default: 10,
    help: 'RTDS: every vCPU gets its budget once per period, and its deadline is the end of the period (rt.c default 10 ms). This is dom0’s and every VM’s that sets none of its own (VM table, under RTDS). A VM waits at most about period − budget for the CPU when the core is not overloaded.',
  },
  {
    path: 'host.rtdsBudgetMs',
    kind: 'number',
    group: 'host',
    label: 'RTDS budget',
    unit: 'ms',
    min: 0.1,
    max: 1000,
    step: 0.1,
    default: 4,
    help: 'RTDS: CPU time each vCPU may use per period at full priority (rt.c default 4 ms), for dom0 and every VM that sets none of its own. Must not exceed the period. Four busy VMs on one core need 2.5 ms of every 10 ms each to fit.',
  },
  {
    path: 'host.rtdsExtratime',
    kind: 'bool',
    group: 'host',
    label: 'RTDS extra time',
    default: true,
    help: 'With extra time (rt.c default), a vCPU that has spent its budget may go on at a lower priority when the CPU would otherwise idle; without, it waits for its next period (non-work-conserving).',
  },
  {
    path: 'host.lsvmSwitchVm',
    kind: 'int',
    group: 'host',
    label: 'vSlicer: VM that changes class',
    unit: 'VM',
    min: 0,
    max: 8,
    step: 1,
    default: 0,
    help: 'Under vSlicer, this VM switches between LSVM and NLSVM during the run (0 = none), at the time below.',
  },
  {
    path: 'host.lsvmSwitchAtS',
    kind: 'number',
    group: 'host',
    label: 'vSlicer: class change at',
    unit: 's',
    min: 0.1,
    max: 600,
    step: 0.1,
    default: 10,
    help: 'When that VM changes class (LSVM ⇄ NLSVM).',
  },
  {
    path: 'host.rateLimitUs',
    kind: 'int',
    group: 'host',
    label: 'Scheduler rate limit',
    unit: 'µs',
    min: 100,
    max: 500000,
    step: 100,
    default: 1000,
    help: 'A running vCPU keeps the CPU until it has run this long, even against a BOOSTed waker (sched_ratelimit_us, Xen ≥ 4.2: 1000 µs).',
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
    path: 'host.cacheRefillUs',
    kind: 'int',
    group: 'host',
    label: 'Cache refill after a switch',
    unit: 'µs',
    min: 0,
    max: 10000,
    step: 50,
    default: 1000,
    help: 'Time a memory-bound job makes no progress after being switched in, refilling its working set (~8 MiB of last-level cache at ~8 GB/s). Estimate.',
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
    help: 'Driver-domain CPU per packet through netback (copy/grant, bridge), run on dom0’s vCPU in the scheduler for the VoIP path and bulk traffic alike (bulk frames in polls of 64). Default: an estimate bounded by DBA-VM scenario 2 (at 191 kpkt/s the CPU is not saturated: below 10.5 µs on two cores). R6’s slower testbed: 63 µs, calibrated from the slope of R6’s dom0 CPU (36.6 % → 46.3 % for 1000 → 1800 REGISTER/s, two packets each; ADR 0017).',
  },
];
