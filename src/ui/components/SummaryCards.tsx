import { isReplicated } from '../../sim/scenario/topology';
import { formatDowntime } from '../../sim/cluster/availability';
import { cardDelta } from '../baseline/card-deltas';
import { useBaseline } from '../baseline/baseline-store';
import { useLab } from '../store/store';
import { ServiceCards } from './ServiceCards';
import { WorkloadCards } from './WorkloadCards';
import { percent } from './figure';
import { codecOf } from '../../sim/telephony/codec';
import { cameBack } from '../../sim/results/stream-summary';

interface Card {
  readonly id: string;
  readonly title: string;
  readonly value: string;
  readonly detail: string;
}

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** The run's headline numbers, each with a line that says what it means. */
export function SummaryCards() {
  const summary = useLab((s) => s.summary);
  const scenario = useLab((s) => s.scenario);
  const base = useBaseline((b) => b.summary);
  const cancelled = useLab((s) => s.status === 'cancelled');
  if (!summary) {
    return (
      <section className="cards" aria-label="Results" aria-busy={!cancelled}>
        <p className="computing">
          {cancelled ? 'No summary: the run was cancelled before its end.' : 'Computing results…'}
        </p>
      </section>
    );
  }
  const st = summary.streams;
  const cards: Card[] = [];
  if (st.length > 0) {
    const worstMos = Math.min(...st.map((s) => s.mos));
    const jMean = st.reduce((a, s) => a + s.jitterMeanMs, 0) / st.length;
    const jMax = Math.max(...st.map((s) => s.jitterMaxMs));
    const bad = st.reduce((a, s) => a + s.lossPct + s.latePct, 0) / st.length;
    cards.push({
      id: 'mos',
      title: 'Worst call MOS',
      value: fmt(worstMos, 2),
      detail: `E-model (G.107), ${codecOf(scenario.telephony.codec).label}, delay + loss + late`,
    });
    cards.push({
      id: 'jitter',
      title: 'RFC 3550 jitter',
      value: `${fmt(jMean, 1)} ms`,
      detail: `mean; peak ${fmt(jMax, 1)} ms`,
    });
    cards.push({
      id: 'loss',
      title: 'Lost or late',
      value: `${fmt(bad, 2)} %`,
      detail: `of packets, mean over streams; ${scenario.telephony.playout} playout buffer, ${fmt(
        st.reduce((a, s) => a + s.playoutMeanMs, 0) / st.length,
        0,
      )} ms`,
    });
  }
  if (isReplicated(scenario)) {
    cards.push({
      id: 'burst',
      title: 'RTP per release',
      value:
        summary.bursts.rtpPerReleaseMax > 0 ? fmt(summary.bursts.rtpPerCallDirectionMean, 1) : '0',
      detail:
        summary.bursts.rtpPerReleaseMax > 0
          ? `per call & direction, every ${fmt(summary.bursts.releaseIntervalMeanMs, 0)} ms`
          : scenario.telephony.calls === 0
            ? 'no calls in this scenario'
            : 'RTP bypasses the buffer',
    });
    cards.push({
      id: 'pause',
      title: 'Checkpoint pause',
      value: `${fmt(summary.epochs.pauseMeanMs, 2)} ms`,
      detail: `${fmt(summary.epochs.dirtyPagesMean, 0)} dirty pages; ack after ${fmt(summary.epochs.checkpointMeanMs, 1)} ms`,
    });
  }
  // Streams that never came back after the failover (silent to the end of the run, or nothing
  // after the takeover). When only some did not, the card says how many and what the rest saw: an
  // overloaded relay can starve a few streams for the whole run, and "never recovered" alone then
  // contradicted the service's 1 s outage beside it.
  const back = st.filter(cameBack);
  const silent = st.filter((x) => !cameBack(x));
  const silentNote = (gapMs: number): string => {
    if (back.length === 0) return `silent for ${fmt(gapMs / 1000, 2)} s to the end of the run`;
    const lost = silent.reduce((a, x) => a + x.lossPct, 0) / silent.length;
    const worst = Math.max(...back.map((x) => x.maxGapMs));
    return `${silent.length} of ${st.length} streams silent to the end (${fmt(lost, 0)} % of their packets lost over the whole run); the other streams' worst gap ${fmt(worst / 1000, 2)} s`;
  };
  if (summary.failover) {
    const fo = summary.failover;
    // The longer of the relay's silence (any stream's) and the registrar's (between REGISTER
    // answers): in a split deployment only the SIP VM may fail over, its media never stops.
    const rtpGap = st.length ? Math.max(...fo.gapMsByStream, 0) : null;
    const sipGap = summary.sip.succeeded > 0 ? summary.sip.answerGapMaxMs : null;
    const gap = Math.max(rtpGap ?? 0, sipGap ?? 0);
    const whose = sipGap !== null && sipGap > (rtpGap ?? -1) ? 'SIP registrar' : 'media relay';
    const mediaLost = st.length > 0 && !fo.recovered;
    const sipLost = summary.availability.neverRecovered && !mediaLost;
    const after =
      fo.declaredDeadS === null
        ? 'the backup never took over'
        : `dead at ${fmt(fo.declaredDeadS, 2)} s; ${fo.callsContinued}/${scenario.telephony.calls} calls continued`;
    cards.push({
      id: 'gap',
      title: 'Failover gap',
      value:
        rtpGap === null && sipGap === null
          ? '—'
          : mediaLost || sipLost
            ? 'never recovered'
            : `${fmt(gap / 1000, 2)} s`,
      detail: mediaLost
        ? `${silentNote(rtpGap ?? 0)}; ${fo.declaredDeadS === null ? 'the backup never took over' : `${fo.callsContinued}/${scenario.telephony.calls} calls continued`}`
        : sipLost
          ? `the registrar answered no REGISTER after the failure (silent ≥ ${fmt(gap / 1000, 2)} s); ${after}`
          : rtpGap === null && sipGap === null
            ? after
            : `${whose}; ${after}`,
    });
  }
  if (summary.detection.falseFailover) {
    cards.unshift({
      id: 'false-failover',
      title: 'False failover',
      value: `at ${fmt(summary.detection.declaredDeadS ?? 0, 2)} s`,
      // Fencing (STONITH before takeover) powers the primary off first: then one copy runs.
      detail: (() => {
        const split = Math.max(0, ...summary.services.map((x) => x.twoActiveCopiesS));
        return split > 0
          ? `the backup declared a running primary dead: two copies ran for ${fmt(split, 2)} s (split brain)`
          : 'the backup declared a running primary dead; fencing powered it off first, so one copy ran';
      })(),
    });
  }
  if (summary.sip.started > 0) {
    cards.push({
      id: 'sip',
      title: 'Registrations',
      // "answered": a client told 200 OK may still lose its binding at a failover (lost after).
      value: `${percent(summary.sip.successPct)} % answered`,
      detail: `${summary.sip.succeeded}/${summary.sip.started} answered 200 OK, ${summary.sip.retransmissions} retransmits${summary.sip.failed ? `, ${summary.sip.failed} failed` : ''}${summary.sip.lostAfterAck ? `; ${summary.sip.lostAfterAck} of them then lost by the backup` : ''}`,
    });
  }
  if (isReplicated(scenario)) {
    cards.push({
      id: 'commit',
      title: 'Output-commit breaches',
      value: String(summary.outputCommitViolations),
      detail:
        summary.outputCommitViolations === 0
          ? 'no packet left before its checkpoint'
          : 'packets left before their checkpoint was safe',
    });
  }
  const pr = summary.probes;
  if (summary.ping)
    cards.push({
      id: 'ping',
      title: 'Ping RTT',
      value: `${fmt(summary.ping.rttMeanMs, 1)} ms`,
      detail: `mean; p95 ${fmt(summary.ping.rttP95Ms, 1)}, worst ${fmt(summary.ping.rttMaxMs, 1)} ms`,
    });
  if (pr.web)
    cards.push({
      id: 'web',
      title: 'Web response',
      value: `${fmt(pr.web.p95Ms, 1)} ms`,
      detail: `95th percentile; mean ${fmt(pr.web.meanMs, 1)} ms over ${pr.web.answered} requests`,
    });
  if (pr.tcp)
    cards.push({
      id: 'tcp',
      title: 'TCP over the WAN',
      value: `${fmt(pr.tcp.throughputMbps, 1)} Mb/s`,
      detail: `window ${pr.tcp.windowSegments} segments / RTT ${fmt(pr.tcp.rttMeanMs, 1)} ms`,
    });
  if (pr.udp)
    cards.push({
      id: 'udp',
      title: 'UDP stream jitter',
      value: `${fmt(pr.udp.jitterMeanMs, 1)} ms`,
      detail: `iperf-style; loss ${fmt(pr.udp.lossPct, 2)} % at ${fmt(pr.udp.mbps, 2)} Mb/s`,
    });
  const dom0 = summary.cpu.find((c) => c.host === 'primary' && c.vm === 'dom0');
  const voip = summary.cpu.find((c) => c.host === 'primary' && c.vm === 'voip');
  // dom0's vCPU share counts everything the scheduler ran for it (netback for every vif, bulk
  // polls included, and checkpoint work; ADR 0017); the bulk polls' part, as a share of the
  // driver domain's netback cores (the NIC panel's figure), is named where bulk traffic runs.
  cards.push({
    id: 'cpu',
    title: 'Primary CPU',
    value: `${fmt(voip?.sharePct ?? 0, 1)} %`,
    detail: summary.nic
      ? `vm1 scheduled; dom0 vCPU ${fmt(dom0?.sharePct ?? 0, 1)} %, with the bulk driver-domain netback at ${fmt(summary.nic.dom0CpuPct, 0)} % of its cores`
      : `VoIP VM; dom0 ${fmt(dom0?.sharePct ?? 0, 1)} %`,
  });
  // Nines from a measured outage only: a run without a failover measures none, and a split
  // brain (a false failover) is not an outage the backup repaired.
  const a = summary.availability;
  const repaired =
    summary.failover !== null &&
    summary.failover.declaredDeadS !== null &&
    !summary.detection.falseFailover;
  if (a.neverRecovered)
    cards.push({
      id: 'availability',
      title: 'Availability',
      value: 'never recovered',
      detail: `the failover did not restore ${
        silent.length === 0
          ? 'the SIP registrar (no REGISTER answered after the failure)'
          : back.length > 0
            ? `every RTP stream (${silent.length} of ${st.length} silent to the end)`
            : 'the media relay (every RTP stream silent to the end)'
      }; without failover ${(a.availability * 100).toFixed(3)} % (MTBF/MTTR)`,
    });
  else if (a.withFailover && repaired)
    cards.push({
      id: 'availability',
      title: 'Availability',
      value: `${fmt(a.withFailover.nines, 1)} nines`,
      detail: `${formatDowntime(a.withFailover.downtimePerYearS)}/yr with failover vs ${formatDowntime(a.downtimePerYearS)}/yr without (MTBF/MTTR)`,
    });
  // Failback (ADR 23): the manager moved a group back to its home host by a stop and a start.
  for (const fb of summary.cluster?.failbacks ?? [])
    cards.push({
      id: `failback-${fb.vm}`,
      title: `Failback of ${fb.vm}`,
      value: `h${fb.from} → h${fb.to}`,
      detail:
        fb.outageS === null
          ? `stopped on h${fb.from} at ${fmt(fb.atS, 2)} s; the clients never followed it home`
          : `stopped on h${fb.from} at ${fmt(fb.atS, 2)} s; no server for ${fmt(fb.outageS * 1000, 1)} ms (a cluster message, the resume, the ARP)`,
    });
  return (
    <section className="cards" aria-label="Results">
      {summary.warnings.length > 0 && (
        <ul className="run-warnings" data-testid="run-warnings">
          {summary.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <ServiceCards
        services={summary.services}
        failedBack={(summary.cluster?.failbacks ?? []).map((f) => f.vm)}
      />
      {cards.map((c) => (
        <div key={c.id} className="card" data-testid={`card-${c.id}`}>
          <div className="card-title">{c.title}</div>
          <div className="card-value">{c.value}</div>
          <div className="card-detail">{c.detail}</div>
          {base && (
            <div className="card-delta" data-testid={`delta-${c.id}`}>
              {cardDelta(c.id, summary, base) ?? ''}
            </div>
          )}
        </div>
      ))}
      <WorkloadCards workloads={summary.workloads} />
    </section>
  );
}
