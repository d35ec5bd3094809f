import type { RunSummary } from '../../sim/results/summary';
import type { Lesson } from './lessons';

const f = (x: number | null | undefined, d = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
const meanMos = (s: RunSummary): number | null =>
  s.streams.length ? s.streams.reduce((a, x) => a + x.mos, 0) / s.streams.length : null;
const unit = (s: RunSummary, vm: string) => s.services.find((u) => u.vm === vm);

/** Lessons of the deployment presets (issue 8): predict, run, explain from the run's numbers. */
export const DEPLOYMENT_LESSONS: readonly Lesson[] = [
  {
    presetId: 'r6-all-net',
    question:
      'Forty calls and 200 REGISTER/s in one VM under Net at 100 ms. What MOS will the calls get?',
    answer: { kind: 'number', unit: 'MOS', of: meanMos },
    published:
      'Net mode is far worse for media than No-Net (Towards High-Availability for IP Telephony using Virtual Machines, R6)',
    explain: (s) => [
      `Every RTP packet waits for its epoch’s acknowledgement: mean mouth-to-ear delay ${f(s.streams[0]?.delayMeanMs, 0)} ms, MOS ${f(meanMos(s), 2)}.`,
      `Signalling is safe: ${s.sip.lostAfterAck} registrations acknowledged and then lost through the crash at ${f(s.failover?.crashS, 1)} s.`,
      'Pin this run as A, then load “R6’s split deployment” to compare.',
    ],
  },
  {
    presetId: 'r6-split',
    question:
      'SIP stays under Net, media moves to its own VM under No-Net. Will the registrations still survive the crash without loss?',
    answer: {
      kind: 'choice',
      choices: ['yes', 'no'],
      of: (s) => (s.sip.lostAfterAck === 0 ? 0 : 1),
    },
    published: 'R6’s advice: Net for the signalling VM, No-Net or TCP-only for the media VM',
    explain: (s) => [
      `The SIP VM keeps output commit: ${s.sip.lostAfterAck} acknowledged registrations lost through the failover.`,
      `Media leaves at once: MOS ${f(meanMos(s), 2)}, delay ${f(s.streams[0]?.delayMeanMs, 0)} ms.`,
      `The media VM’s backup was h1, which crashed: it runs unprotected from ${f(unit(s, 'vm2')?.unprotectedFromS, 2)} s.`,
    ],
  },
  {
    presetId: 'backup-crash',
    question: 'The backup host crashes. How long will the callers hear nothing?',
    answer: {
      kind: 'number',
      unit: 's',
      of: (s) => (s.streams.length ? Math.max(...s.streams.map((x) => x.maxGapMs)) / 1000 : null),
    },
    explain: (s) => [
      'Under Net the primary holds its output until the backup acknowledges; the backup is gone, so nothing leaves.',
      `Remus gives the backup up after its timeout (${f(unit(s, 'vm1')?.unprotectedFromS, 2)} s), releases what it held and runs on unprotected.`,
      'Nothing failed over, yet the callers heard a gap, and a crash of the primary now would lose the service.',
    ],
  },
  {
    presetId: 'partition-no-fencing',
    question:
      'The hosts stop hearing each other, but the clients hear both. How many copies of the VM will run?',
    answer: {
      kind: 'choice',
      choices: ['one', 'two'],
      of: (s) => ((unit(s, 'vm1')?.twoActiveCopiesS ?? 0) > 0 ? 1 : 0),
    },
    explain: (s) => [
      `The backup missed the beats and took over at ${f(s.failover?.takeoverS, 2)} s; the primary still ran.`,
      `Two active copies for ${f(unit(s, 'vm1')?.twoActiveCopiesS, 1)} s: registrations one copy took are missing on the other (${s.sip.lostAfterAck}).`,
      'Fencing (STONITH) powers the other node off before taking over: load “Partition with fencing”.',
    ],
  },
  {
    presetId: 'partition-fencing',
    question: 'With fencing on, how much later than without it will the backup take over?',
    answer: {
      kind: 'number',
      unit: 's',
      of: (s) =>
        s.failover?.takeoverS != null && s.failover.declaredDeadS != null
          ? s.failover.takeoverS - s.failover.declaredDeadS
          : null,
    },
    explain: (s) => [
      `Declared dead at ${f(s.failover?.declaredDeadS, 2)} s, fenced, then resumed at ${f(s.failover?.takeoverS, 2)} s: never two copies.`,
      `But ${s.sip.lostAfterAck} registrations were acknowledged by the primary after it gave its backup up and before it was powered off: fencing prevents split brain, not that loss.`,
    ],
  },
  {
    presetId: 'three-node-cluster',
    question:
      'h1 (SIP) crashes; its standby on h3 takes over with no replicated state. Will registrations made before the crash survive?',
    answer: {
      kind: 'choice',
      choices: ['yes', 'no'],
      of: (s) => (s.sip.lostAfterAck === 0 ? 0 : 1),
    },
    explain: (s) => [
      `SIP moved to h${unit(s, 'vm1')?.activeHost ?? '—'}; media on h${unit(s, 'vm2')?.activeHost ?? '—'} never stopped.`,
      `${s.sip.lostAfterAck} registrations the clients saw succeed are gone with h1’s memory: a standby restarts the service, it does not replicate it.`,
    ],
  },
  {
    presetId: 'pacemaker-partition',
    question:
      'Three Pacemaker nodes, no fencing; h1 (running the VM) is cut off from the other two, but clients still reach it. How many copies of the VM will run?',
    answer: {
      kind: 'choice',
      choices: ['one', 'two'],
      of: (s) => ((unit(s, 'vm1')?.twoActiveCopiesS ?? 0) > 0 ? 1 : 0),
    },
    published:
      'Pacemaker’s no-quorum-policy defaults to stop (pacemaker-schedulerd(7)); votequorum gives quorum to more than half the votes (corosync votequorum.c)',
    explain: (s) => [
      `Corosync needs token + consensus to give up on h1: the memberships formed ${f((s.failover?.declaredDeadS ?? NaN) - 10, 2)} s after the partition.`,
      `h1 alone had no quorum and stopped its copy (${s.cluster?.quorumLosses ?? 0} view without quorum, ${s.cluster?.stops ?? 0} stop); h2 and h3 started the VM on h${unit(s, 'vm1')?.activeHost ?? '—'} at ${f(s.failover?.takeoverS, 2)} s.`,
      `Two active copies for ${f(unit(s, 'vm1')?.twoActiveCopiesS, 1)} s: quorum alone kept one. Compare “Partition without fencing”, where two-node Heartbeat ran two.`,
    ],
  },
  {
    presetId: 'remus-failback',
    question:
      'After the failback to h1, the VM moves by a stop on h3 and a start on h1. How long (ms) will the clients have no server during that move?',
    answer: {
      kind: 'number',
      unit: 'ms',
      of: (s) => {
        const o = s.cluster?.failbacks?.[0]?.outageS;
        return o === undefined || o === null ? null : o * 1000;
      },
    },
    published:
      'Heartbeat auto_failback on: the holder gives the group up, then the home node acquires it (heartbeat hb_resource.c standby handshake)',
    explain: (s) => {
      const fb = s.cluster?.failbacks?.[0];
      const u = unit(s, 'vm1');
      return [
        `h3 took over at ${f(s.failover?.takeoverS, 2)} s and ran unprotected; h1 held a synchronised replica again by the resynchronisation, then the VM went home at ${f(fb?.atS, 2)} s.`,
        `The move cost ${f((fb?.outageS ?? NaN) * 1000, 1)} ms: one cluster message, the resume from the replica and the clients’ ARP; ${s.sip.lostAfterAck} acknowledged registrations lost, since the replica holds every released state.`,
        `Back on h1 it is unprotected until Remus has resynchronised towards h3 (protected again at ${f(u?.reprotectedAtS, 2)} s).`,
      ];
    },
  },
];
