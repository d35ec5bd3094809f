import type { WorkloadSummary } from '../workloads/in-world';
import { nicSummary, pingSummary } from './summary-parts';
import type { ServiceVmSummary } from '../cluster/service-vm';
import type { ClusterSummary } from '../cluster/cluster-manager';
import { deploymentWarnings } from './deployment-warnings';
import { firstServiceFailure, hostLabel } from '../scenario/topology';
import { availability, availabilityFigures } from '../cluster/availability';
import { mean } from '../metrics/stats';
import { DROP_REASON_NAMES, type DropReason } from '../net/packet';
import { round } from './round';
import { runWarnings } from './run-warnings';
import { cameBack, summarizeStream, type StreamSummary } from './stream-summary';
import type { SipStackSummary } from '../telephony/sip-stack';
import type { World } from '../world';
import type { MigrationSummary } from '../migration/live-migration';

export type { StreamSummary };

/** The run's results. Keys are public (docs/cli.md); change them only with a new `summaryVersion`. */
export interface RunSummary {
  summaryVersion: 2;
  /** Each service VM and its protection, as the unit reports itself (ADR 16). */
  services: ServiceVmSummary[];
  /** Heartbeat or Pacemaker over all hosts, as the manager reports itself (absent under pairwise). */
  cluster?: ClusterSummary;
  scenarioVersion: number;
  seed: number;
  durationS: number;
  /** What went wrong that the numbers alone do not say: a failover that could not happen, a service that never recovered. */
  warnings: string[];
  events: number;
  traceRecords: number;
  streams: StreamSummary[];
  bursts: {
    releases: number;
    rtpPerReleaseMean: number;
    rtpPerReleaseMax: number;
    rtpPerCallDirectionMean: number;
    releaseIntervalMeanMs: number;
  };
  epochs: {
    count: number;
    pauseMeanMs: number;
    pauseMaxMs: number;
    dirtyPagesMean: number;
    checkpointMeanMs: number;
    epochMeanMs: number;
  };
  failover: null | {
    crashS: number;
    declaredDeadS: number | null;
    takeoverS: number | null;
    arpS: number | null;
    committedEpoch: number;
    gapMsByStream: number[];
    callsContinued: number;
    /** Every stream received media again after the failover; false: the service never recovered in this run. */
    recovered: boolean;
  };
  /** What the failure detector decided, crash or not (a healthy primary can be declared dead). */
  detection: { declaredDeadS: number | null; falseFailover: boolean };
  sip: {
    started: number;
    succeeded: number;
    failed: number;
    pending: number;
    retransmissions: number;
    latencyMeanMs: number;
    latencyMaxMs: number;
    lostAfterAck: number;
    successPct: number;
    /** The longest time no REGISTER was answered 2xx, from the first answer to the end (ms). */
    answerGapMaxMs: number;
    /** The RFC 3261 stack's own summary; absent unless telephony.sipStack = rfc3261 (so older summaries stay as they were). */
    stack?: SipStackSummary;
  };
  cpu: {
    host: string;
    vm: string;
    sharePct: number;
    switches: number;
    lsvm: boolean;
    burnerProgressPct: number;
    /** Credit weight (dom0: 256). */
    weight: number;
    /** pCPU it ended the run on. */
    core: number;
    /** Its RTDS period and budget, ms (its own or the host's; set whatever the scheduler). */
    rtdsPeriodMs: number;
    rtdsBudgetMs: number;
  }[];
  /** Scheduler of each host and, under vSlicer, its per-core plan. */
  scheduler: { kind: string; switchesPerSecond: number };
  /** Bulk transmit through the driver domain (R4); null when no VM sends bulk traffic. */
  nic: null | {
    policy: string;
    totalKpps: number;
    totalMbps: number;
    memoryBusyPct: number;
    /** Driver-domain CPU on the bulk path, % of its netback cores (nic.driverDomainCores). */
    dom0CpuPct: number;
    vms: {
      vm: string;
      offeredMbps: number;
      sentMbps: number;
      sentKpps: number;
      allocMbps: number | null;
      allocKpps: number | null;
      drops: Record<string, number>;
    }[];
  };
  /** Workloads w1 … w8, one entry per active slot (absent when none is set). */
  workloads?: WorkloadSummary[];
  /** Other probes; each null when off. */
  probes: {
    udp: null | {
      sent: number;
      received: number;
      inFlight: number;
      lossPct: number;
      jitterMeanMs: number;
      mbps: number;
      /** Longest time between two datagrams read, and the outage it shows (less one period). */
      maxGapMs: number;
      outageMs: number;
    };
    web: null | {
      sent: number;
      answered: number;
      meanMs: number;
      medianMs: number;
      p95Ms: number;
      maxMs: number;
    };
    tcp: null | {
      segments: number;
      throughputMbps: number;
      rttMeanMs: number;
      windowSegments: number;
      /** A transfer of tcp.transferKB: completion time, ms (null: endless or unfinished). */
      completionMs: number | null;
      retransmissions: number;
      timeouts: number;
    };
  };
  ping: null | {
    target: number;
    sent: number;
    received: number;
    rttMeanMs: number;
    rttMedianMs: number;
    rttP95Ms: number;
    rttMaxMs: number;
    rttMinMs: number;
  };
  packets: {
    created: number;
    delivered: number;
    inFlight: number;
    dropped: Record<string, number>;
  };
  outputCommitViolations: number;
  /** The live migration's own summary; present only when the scenario migrates. */
  migration?: MigrationSummary;
  availability: {
    availability: number;
    nines: number;
    downtimePerYearS: number;
    measuredOutageS: number | null;
    /** A crash from which the service never recovered: measuredOutageS is only a lower bound and withFailover is null. */
    neverRecovered: boolean;
    withFailover: null | { availability: number; nines: number; downtimePerYearS: number };
  };
}

const sOrNull = (t: number): number | null => (Number.isFinite(t) ? round(t / 1e6, 4) : null);

/** Summarises a finished (or partly run) world. A pure function of the world's state. */
export function summarize(w: World): RunSummary {
  const s = w.scenario;
  const crashed = firstServiceFailure(s) !== undefined;
  const now = w.sim.now;
  const streams = w.receivers.map((rx) => summarizeStream(rx.stats(now), s));

  const rel = w.replicator?.buffer.releases ?? [];
  const withRtp = rel.filter((r) => r.rtp > 0);
  const callDirs = Math.max(1, 2 * s.telephony.calls);
  const gaps = rel.slice(1).map((r, i) => r.t - (rel[i] as { t: number }).t);
  const ep = w.replicator?.epochs ?? [];
  const epochLens = ep.slice(1).map((e, i) => e.suspend - (ep[i] as { suspend: number }).suspend);

  const t = w.failover.times;
  const calls = new Set<number>();
  for (const st of streams) if (st.receivedAfterFailover > 0) calls.add(st.call);
  const reg = w.registrations.stats();
  // The longest silence of the services a failure can hit: any RTP stream's (the relay's), or the
  // registrar's between two REGISTER answers — in a split deployment only the SIP VM may fail
  // over, and the media's gap alone then read as a 0.04 s failover. Either may last to the end.
  const rtpGapMs = streams.length > 0 ? Math.max(...streams.map((x) => x.maxGapMs)) : null;
  const sipGapMs = reg.succeeded > 0 ? reg.answerGapMaxMs : null;
  const measuredOutageS =
    crashed && (rtpGapMs !== null || sipGapMs !== null)
      ? round(Math.max(rtpGapMs ?? 0, sipGapMs ?? 0) / 1000, 6)
      : null;
  // Recovered: media reached every receiver again after the gratuitous ARP, and the registrar
  // answered again after the failure (when it had answered before it).
  const recovered = streams.every(cameBack);
  // Answers already on the wire when the failure struck land up to one LAN trip later.
  const onTheWayUs = (s.network.lanDelayMs + s.network.extraDelayMs) * 1000 + 1000;
  const failedAtUs = (firstServiceFailure(s)?.f.atS ?? Infinity) * 1e6;
  const registrarSilent = reg.lastAnswerUs >= 0 && reg.lastAnswerUs <= failedAtUs + onTheWayUs;
  const neverRecovered =
    crashed && ((streams.length > 0 && !recovered) || (sipGapMs !== null && registrarSilent));

  const dropped: Record<string, number> = {};
  for (const [k, v] of w.ledger.dropped) dropped[DROP_REASON_NAMES[k as DropReason]] = v;

  const cpu: RunSummary['cpu'] = [];
  for (const h of w.hosts) {
    if (!h) continue;
    const name = hostLabel(h.id + 1);
    for (const v of h.scheduler.all) {
      const progress = v.vm === 0 ? 0 : h.workOf(v).progress;
      const slot = v.vm === 0 ? undefined : s.vms[`vm${v.vm}`];
      cpu.push({
        host: name,
        vm: v.name,
        sharePct: round((100 * v.runTime) / w.end, 2),
        switches: v.switches,
        lsvm: v.traits.lsvm,
        burnerProgressPct: round((100 * progress) / w.end, 2),
        weight: v.weight,
        core: v.core,
        // 0 in a VM's slot means the host's (host.ts gives the RTDS policy the same).
        rtdsPeriodMs: slot?.rtdsPeriodMs || s.host.rtdsPeriodMs,
        rtdsBudgetMs: slot?.rtdsBudgetMs || s.host.rtdsBudgetMs,
      });
    }
  }

  const av = s.availability;
  const base = availability(av.mtbfH * 3600, av.mttrMin * 60);
  const withFailover =
    measuredOutageS !== null && !neverRecovered
      ? availability(av.mtbfH * 3600, measuredOutageS)
      : null;

  const services = w.services.map((u) => u.summary(now));
  return {
    summaryVersion: 2,
    services,
    ...(w.cluster ? { cluster: w.cluster.summary(now) } : {}),
    scenarioVersion: s.version,
    seed: s.seed,
    durationS: s.durationS,
    warnings: [
      ...runWarnings({
        scenario: s,
        nowUs: now,
        times: t,
        streams,
        committedEpochs: w.failover.committedEpoch,
        firstCommitUs: w.failover.firstCommitAt,
      }),
      ...deploymentWarnings(services, now / 1e6),
    ],
    events: w.sim.eventsFired,
    traceRecords: w.trace.recorded,
    streams,
    bursts: {
      releases: rel.length,
      rtpPerReleaseMean: round(mean(withRtp.map((r) => r.rtp)), 2),
      rtpPerReleaseMax: withRtp.reduce((m, r) => Math.max(m, r.rtp), 0),
      rtpPerCallDirectionMean: round(mean(withRtp.map((r) => r.rtp)) / callDirs, 2),
      releaseIntervalMeanMs: round(mean(gaps) / 1000, 2),
    },
    epochs: {
      count: ep.length,
      pauseMeanMs: round(mean(ep.map((e) => e.resume - e.suspend)) / 1000),
      pauseMaxMs: round(ep.reduce((m, e) => Math.max(m, e.resume - e.suspend), 0) / 1000),
      dirtyPagesMean: round(mean(ep.map((e) => e.dirtyPages)), 1),
      checkpointMeanMs: round(mean(ep.map((e) => e.ack - e.suspend)) / 1000),
      epochMeanMs: round(mean(epochLens) / 1000, 2),
    },
    failover: crashed
      ? {
          // The first failure that hit a service VM (a crash, a cut link, a partition, a shutdown).
          crashS: round(
            Number.isFinite(t.crash) ? t.crash / 1e6 : (firstServiceFailure(s)?.f.atS ?? 0),
            4,
          ),
          declaredDeadS: sOrNull(t.declaredDead),
          takeoverS: sOrNull(t.takeover),
          arpS: sOrNull(t.arp),
          committedEpoch: t.committedEpoch,
          gapMsByStream: streams.map((x) => x.maxGapMs),
          callsContinued: calls.size,
          recovered,
        }
      : null,
    detection: { declaredDeadS: sOrNull(t.declaredDead), falseFailover: t.falseFailover },
    sip: {
      started: reg.started,
      succeeded: reg.succeeded,
      failed: reg.failed,
      pending: reg.pending,
      retransmissions: reg.retransmissions,
      latencyMeanMs: round(reg.latencyMeanMs),
      latencyMaxMs: round(reg.latencyMaxMs),
      lostAfterAck: w.lostAfterAck,
      successPct: reg.started ? round((100 * reg.succeeded) / reg.started, 2) : 0,
      answerGapMaxMs: round(reg.answerGapMaxMs),
      ...(w.sip ? { stack: w.sip.summary() } : {}),
    },
    cpu,
    scheduler: {
      kind: s.host.scheduler,
      switchesPerSecond: round(
        w.primary.scheduler.all.reduce((n, v) => n + v.switches, 0) / s.durationS,
        2,
      ),
    },
    ping: pingSummary(w),
    nic: nicSummary(w),
    ...(w.workloads.any ? { workloads: w.workloads.summary(w.sim.now) ?? [] } : {}),
    probes: {
      udp: w.udp
        ? (({ sent, received, inFlight, lossPct, jitterMeanMs, mbps, maxGapMs, outageUs }) => ({
            sent,
            received,
            inFlight,
            lossPct: round(lossPct),
            jitterMeanMs: round(jitterMeanMs),
            mbps: round(mbps),
            maxGapMs: round(maxGapMs),
            outageMs: round(outageUs / 1000),
          }))(w.udp.stats())
        : null,
      web: w.web
        ? (({ sent, answered, meanMs, medianMs, p95Ms, maxMs }) => ({
            sent,
            answered,
            meanMs: round(meanMs),
            medianMs: round(medianMs),
            p95Ms: round(p95Ms),
            maxMs: round(maxMs),
          }))(w.web.stats())
        : null,
      tcp: w.tcp
        ? ((t) => ({
            segments: t.segments,
            throughputMbps: round(t.throughputMbps),
            rttMeanMs: round(t.rttMeanMs),
            windowSegments: t.windowSegments,
            completionMs: t.completionMs === null ? null : round(t.completionMs),
            retransmissions: t.retransmissions,
            timeouts: t.timeouts,
          }))(w.tcp.stats())
        : null,
    },
    packets: {
      created: w.ledger.created,
      delivered: w.ledger.delivered,
      inFlight: w.ledger.inFlight,
      dropped,
    },
    outputCommitViolations: w.commitViolations,
    ...(w.migration ? { migration: w.migration.summary() } : {}),
    availability: {
      availability: base.availability,
      nines: round(base.nines, 3),
      downtimePerYearS: round(base.downtimePerYearS, 1),
      measuredOutageS,
      neverRecovered,
      withFailover: withFailover
        ? {
            availability: withFailover.availability,
            nines: round(withFailover.nines, 3),
            downtimePerYearS: round(withFailover.downtimePerYearS, 2),
          }
        : null,
    },
  };
}

export { availabilityFigures };
