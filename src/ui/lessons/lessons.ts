import type { RunSummary } from '../../sim/results/summary';
import type { Scenario } from '../../sim/scenario/scenario';
import { firstServiceFailure } from '../../sim/scenario/topology';
import { DEPLOYMENT_LESSONS } from './deployment-lessons';
import { SIP_LESSON } from './lesson-sip';

/**
 * Each preset as a lesson: predict (a number with its unit, or a choice), run, explain. The lab's
 * answer is read from the run's summary, never written here; the published figure, where the
 * source papers give one, is shown beside it with its source.
 */
export interface Lesson {
  readonly presetId: string;
  /** The question, or one that quotes the scenario as it now is (a crash moved on the timeline). */
  readonly question: string | ((s: Scenario) => string);
  /** What the student enters: a number in `unit`, or one of `choices`. */
  readonly answer:
    | {
        readonly kind: 'number';
        readonly unit: string;
        readonly of: (s: RunSummary) => number | null;
      }
    | {
        readonly kind: 'choice';
        readonly choices: readonly string[];
        readonly of: (s: RunSummary) => number | null;
      };
  /** The published figure and where it comes from (docs/reference-results.md). */
  readonly published?: string;
  /** Why the mechanism gives this answer; lines may quote the run's own numbers. */
  readonly explain: (s: RunSummary) => readonly string[];
}

const f = (x: number | null | undefined, d = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
const worstGapS = (s: RunSummary): number | null =>
  s.streams.length ? Math.max(...s.streams.map((x) => x.maxGapMs)) / 1000 : null;
const meanOf = (xs: readonly number[]): number | null =>
  xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null;
const upstream = (s: RunSummary) => s.streams.find((x) => x.direction === 'client→server');
const nicVm = (s: RunSummary, vm: string) => s.nic?.vms.find((v) => v.vm === vm);
const guestShares = (s: RunSummary) =>
  s.cpu.filter((c) => c.host === 'primary' && c.vm !== 'dom0' && c.sharePct > 0);

export const LESSONS: readonly Lesson[] = [
  {
    presetId: 'remus-bursts',
    question:
      'Remus holds every output packet until its checkpoint is acknowledged. How many RTP packets per call and direction will leave in each release?',
    answer: { kind: 'number', unit: 'packets', of: (s) => s.bursts.rtpPerCallDirectionMean },
    published:
      '≈ 20 per release (interval ÷ ptime = 400 ms ÷ 20 ms; Live Replication of Virtualized VoIP Servers, R5)',
    explain: (s) => [
      `An epoch lasted ${f(s.epochs.epochMeanMs, 0)} ms: the 400 ms interval plus ${f(s.epochs.checkpointMeanMs, 0)} ms to pause, copy and acknowledge the checkpoint.`,
      `Everything the relay sent in that epoch waits in the output buffer, so each release carries ≈ ${f(s.bursts.rtpPerCallDirectionMean)} packets per direction at once.`,
      'The receiver sees nothing for an epoch, then a burst: RFC 3550 jitter spikes once per interval (the jitter chart).',
    ],
  },
  {
    presetId: 'tcp-only',
    question:
      'Only TCP output is buffered now; RTP (UDP) bypasses the plug. Will the RTP bursts stay, shrink, or disappear?',
    answer: {
      kind: 'choice',
      choices: ['stay', 'shrink', 'disappear'],
      of: (s) =>
        s.bursts.rtpPerReleaseMax === 0 ? 2 : s.bursts.rtpPerCallDirectionMean < 5 ? 1 : 0,
    },
    published: 'The bursts disappear; what jitter remains comes from the checkpoint pauses (R5)',
    explain: (s) => [
      `Releases carried ${s.bursts.rtpPerReleaseMax} RTP packets at most: UDP leaves as soon as the relay sends it.`,
      `The remaining jitter (peak ${f(meanOf(s.streams.map((x) => x.jitterMaxMs)), 2)} ms) comes from the ${f(s.epochs.pauseMeanMs, 2)} ms pause while each checkpoint is taken.`,
      'The price: RTP sent after the last committed checkpoint may reach a client although a failover would roll the relay back (output commit is kept for TCP only).',
    ],
  },
  {
    presetId: 'primary-fails',
    question: (sc) =>
      `The primary host crashes at ${firstServiceFailure(sc)?.f.atS ?? 30} s. For how long will the callers hear nothing?`,
    answer: { kind: 'number', unit: 's', of: worstGapS },
    published: '≈ 1 s: failure detection plus gratuitous ARP (R5)',
    explain: (s) => [
      `The backup notices the checkpoint stream has stopped and declares the primary dead at ${f(s.failover?.declaredDeadS, 3)} s.`,
      `It resumes the VM from the last committed checkpoint (epoch ${s.failover?.committedEpoch ?? '—'}) at ${f(s.failover?.takeoverS, 3)} s and sends a gratuitous ARP at ${f(s.failover?.arpS, 3)} s, so clients' packets follow.`,
      `The callers also lose what the primary was still holding: the output of the epoch that was never acknowledged. Longest silence: ${f(worstGapS(s), 2)} s; ${s.failover?.callsContinued ?? 0} calls continued.`,
    ],
  },
  {
    presetId: 'heartbeat-failover',
    question: (sc) =>
      `Heartbeat declares a node dead after ${sc.failure.deadMs / 1000} s without a beat. How long will RTP stop?`,
    answer: { kind: 'number', unit: 's', of: worstGapS },
    published: 'Deadtime + resume + ARP (Heartbeat’s rule; no published figure for this setting)',
    explain: (s) => [
      `Beats stop at the crash (${f(s.failover?.crashS, 3)} s); the backup warns after warntime and declares the node dead at ${f(s.failover?.declaredDeadS, 3)} s.`,
      `Resume and ARP add ${f(((s.failover?.arpS ?? 0) - (s.failover?.declaredDeadS ?? 0)) * 1000, 0)} ms; the media gap is ${f(worstGapS(s), 2)} s.`,
      'A shorter deadtime shortens the gap, but a late beat then declares a healthy node dead: a false failover (split brain).',
    ],
  },
  {
    presetId: 'net-vs-nonet-media',
    question:
      'Forty calls under Net buffering at 100 ms. Switch to No-Net: will late discards fall, stay, or rise?',
    answer: {
      kind: 'choice',
      choices: ['fall', 'stay', 'rise'],
      of: (s) => (s.streams.length && (meanOf(s.streams.map((x) => x.latePct)) ?? 0) > 0.5 ? 0 : 1),
    },
    published:
      'Net mode is far worse for media than No-Net (Towards High-Availability for IP Telephony using Virtual Machines, R6)',
    explain: (s) => [
      `Under Net every RTP packet waits for its epoch's acknowledgement: ${f(meanOf(s.streams.map((x) => x.latePct)), 2)} % arrive too late for the playout buffer, MOS ${f(Math.min(...s.streams.map((x) => x.mos)), 2)}.`,
      'No-Net releases packets at once, so the bursts and the late discards go; signalling still wants Net (a REGISTER acknowledged must survive a failover).',
      'R6’s recommended deployment: Net for the signalling VM, No-Net or TCP-only for the media VM.',
    ],
  },
  ...DEPLOYMENT_LESSONS,
  {
    presetId: 'r7-live-migration',
    question:
      'Heartbeat pulls the running 1 GiB VoIP VM to the other host by live migration. How long will the 100 pkt/s UDP probe see no reply?',
    answer: { kind: 'number', unit: 'ms', of: (s) => s.probes.udp?.outageMs ?? null },
    published:
      '0.2–0.55 s on average with UDP probes at 10 and 100 pkt/s (Virtual machines: implementations, R7)',
    explain: (s) => [
      `Pre-copy sent ${s.migration?.roundPages.length ?? 0} rounds (${s.migration?.roundPages.join(', ') ?? ''} pages) while the VM kept running; only the last, small one was sent with it paused.`,
      `The VM stood still for ${f(s.migration?.downtimeMs)} ms (suspend, final copy, plugging its virtual NIC on the target, ready/go, resume); clients followed its gratuitous ARP ${f((s.migration?.serviceGapMs ?? 0) - (s.migration?.downtimeMs ?? 0), 0)} ms later, and the probe lost ${f(s.probes.udp?.outageMs, 0)} ms.`,
      'Nothing is forgotten, unlike a failover: the VM arrives with its whole memory. R7’s longer outage holds what the lab does not model (device hot-plug, bridge learning, the cluster manager’s own steps).',
    ],
  },
  {
    presetId: 'r1-credit',
    question:
      'Four busy VMs share one core under Xen’s credit scheduler (30 ms slices). What mean ping round-trip time will VM1 show?',
    answer: { kind: 'number', unit: 'ms', of: (s) => s.ping?.rttMeanMs ?? null },
    published: 'Mean ≈ 35 ms, worst ≈ (N−1)·30 = 90 ms (vSlicer, R1)',
    explain: (s) => [
      'A ping waits for VM1’s next slice: the other three VMs may each run a whole 30 ms slice first.',
      `Mean ${f(s.ping?.rttMeanMs)} ms, 95th percentile ${f(s.ping?.rttP95Ms)} ms, worst ${f(s.ping?.rttMaxMs)} ms.`,
    ],
  },
  {
    presetId: 'r1-vslicer',
    question: 'Same host, vSlicer with VM1 latency-sensitive. What mean ping RTT now?',
    answer: { kind: 'number', unit: 'ms', of: (s) => s.ping?.rttMeanMs ?? null },
    published: '≈ 10 ms, a cut of at least 65 % (vSlicer, R1)',
    explain: (s) => [
      'VM1 gets its 25 % as micro-slices after every NLSVM slice, so it never waits a full round.',
      `Mean ${f(s.ping?.rttMeanMs)} ms, worst ${f(s.ping?.rttMaxMs)} ms; each VM’s share stays ${guestShares(
        s,
      )
        .map((c) => f(c.sharePct, 1))
        .join(' / ')} %.`,
    ],
  },
  {
    presetId: 'r1-rtds',
    question:
      'RTDS gives each VM 2.5 ms of every 10 ms, earliest deadline first. What is the worst ping RTT?',
    answer: { kind: 'number', unit: 'ms', of: (s) => s.ping?.rttMaxMs ?? null },
    published: 'EDF bound: period − budget = 7.5 ms (Xen rt.c; no paper figure)',
    explain: (s) => [
      `Worst ${f(s.ping?.rttMaxMs)} ms, mean ${f(s.ping?.rttMeanMs)} ms: a VM is never more than one period minus its budget away from the CPU.`,
      `The price is context switches: ${f(s.scheduler.switchesPerSecond, 0)} per second.`,
    ],
  },
  {
    presetId: 'r2-vslicer',
    question: 'Two LSVMs and two NLSVMs under vSlicer. What share of the core will each VM get?',
    answer: { kind: 'number', unit: '%', of: (s) => meanOf(guestShares(s).map((c) => c.sharePct)) },
    published: '1/(m+n) = 25 % each, within ±2 % (vSlicer, R2)',
    explain: (s) => [
      `Shares: ${guestShares(s)
        .map((c) => `${c.vm} ${f(c.sharePct, 1)} %`)
        .join(', ')}.`,
      'Micro-slicing changes when an LSVM runs, not how much: an LSVM waits 5 ms at best and T_NLSVM + (m−1)·T_m = 35 ms at worst (zoom into the core lane).',
    ],
  },
  {
    presetId: 'r3-credit',
    question:
      'A G.711 call to a busy VoIP VM under credit. What upstream RFC 3550 jitter will the server measure?',
    answer: { kind: 'number', unit: 'ms', of: (s) => upstream(s)?.jitterMeanMs ?? null },
    published: '26.7 ms upstream, 25.8 ms downstream, 1.2 % discarded (vSlicer, R3)',
    explain: (s) => [
      `Upstream ${f(upstream(s)?.jitterMeanMs)} ms: the VM reads the client’s packets only in its slices, so they queue and are read in bursts.`,
      'The 10–30 ms random network delay alone gives a few ms; the rest is the schedule.',
    ],
  },
  {
    presetId: 'r3-vslicer',
    question:
      'The same call under vSlicer with the VoIP VM latency-sensitive. By how much will upstream jitter fall?',
    answer: { kind: 'number', unit: 'ms', of: (s) => upstream(s)?.jitterMeanMs ?? null },
    published:
      '10.1 ms upstream (a ≥ 45 % cut), 0 % discarded (vSlicer, R3); the model’s schedule bounds the cut near 36–41 % (docs/reference-results.md)',
    explain: (s) => [
      `Upstream ${f(upstream(s)?.jitterMeanMs)} ms, late ${f(upstream(s)?.latePct, 2)} %.`,
      'The LSVM runs in micro-slices after each NLSVM slice, so it is served sooner, but an NLSVM still holds the core for 30 ms at a time.',
    ],
  },
  {
    presetId: 'r4-native-1500',
    question:
      'Three VMs each offer 1 Gb/s of 1500-byte packets to one 1 Gb/s NIC, no control. What will VM2 (SLA 700 Mb/s) get?',
    answer: { kind: 'number', unit: 'Mb/s', of: (s) => nicVm(s, 'vm2')?.sentMbps ?? null },
    published: '≈ 330 Mb/s each (±20): the SLA cannot be honoured (DBA-VM, R4 scenario 1)',
    explain: (s) => [
      `Throughput: ${s.nic?.vms.map((v) => `${v.vm} ${f(v.sentMbps, 0)}`).join(', ') ?? '—'} Mb/s.`,
      'Netback serves the VMs’ rings in turn, so the line is shared equally whatever the SLAs say.',
    ],
  },
  {
    presetId: 'r4-native-64',
    question: 'VM1 and VM3 now send 64-byte packets. What will VM2 (1500-byte) get?',
    answer: { kind: 'number', unit: 'Mb/s', of: (s) => nicVm(s, 'vm2')?.sentMbps ?? null },
    published:
      'VM2 ≈ 520 Mb/s, VM1/VM3 ≈ 50 Mb/s, ≈ 190 kpkt/s in total, memory-bound (DBA-VM, R4 scenario 2)',
    explain: (s) => [
      `The driver domain tops out at ${f(s.nic?.totalKpps, 0)} kpkt/s (memory bus ${f(s.nic?.memoryBusyPct, 0)} % busy): small packets cost almost as much as large ones.`,
      'Served packet by packet in turn, the small-packet VMs take the packet budget and VM2’s bytes suffer.',
    ],
  },
  {
    presetId: 'r4-dba',
    question:
      'DBA-VM limits each VM’s packet rate from its SLA. What will VM1 send (limit 20 kpkt/s)?',
    answer: { kind: 'number', unit: 'kpkt/s', of: (s) => nicVm(s, 'vm1')?.sentKpps ?? null },
    published:
      'The pkt/s limits hold exactly (VM1 20, VM2 and VM3 60 kpkt/s) and VM2 gets more than natively (DBA-VM, R4)',
    explain: (s) => [
      `Sent: ${s.nic?.vms.map((v) => `${v.vm} ${f(v.sentKpps, 1)} kpkt/s`).join(', ') ?? '—'}.`,
      'Limiting packets before the copy frees the memory bus for VM2’s large packets.',
    ],
  },
  SIP_LESSON,
];

/** The lesson of a preset, if any. */
export function lessonFor(presetId: string): Lesson | undefined {
  return LESSONS.find((l) => l.presetId === presetId);
}

/** How close a numeric prediction came: within 25 % of the lab's answer (0.05 near zero) counts as close. */
export function judge(predicted: number, actual: number): 'close' | 'low' | 'high' {
  const tol = Math.max(0.05, Math.abs(actual) * 0.25);
  if (Math.abs(predicted - actual) <= tol) return 'close';
  return predicted < actual ? 'low' : 'high';
}
