import type { WorkloadSummary } from '../../sim/workloads/in-world';
import type { WorkloadKind } from '../../sim/workloads/slots';

/** "1 connection", "2 connections". */
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const fmt = (x: number | null | undefined, d = 1): string =>
  x !== null && x !== undefined && Number.isFinite(x) ? x.toFixed(d) : '—';

const KIND: Record<WorkloadKind, string> = {
  none: 'no workload',
  'stream-udp': 'UDP media stream',
  'stream-tcp': 'TCP media stream',
  web: 'web server',
  transfer: 'TCP transfer',
};

interface Face {
  readonly value: string;
  readonly detail: string;
}

/** What a workload's own protocol measures, the way its tool prints it (iperf, httperf, a transfer's clock). */
function face(w: WorkloadSummary): Face {
  // Nothing sent: no figure to show (a stream of zeros would read as a perfect one).
  const idle =
    (w.stream && w.stream.sent === 0) ||
    (w.web && w.web.connections === 0) ||
    (w.transfer && w.transfer.segments === 0);
  if (idle) return { value: 'not started', detail: 'it sent nothing before the run ended' };
  if (w.stream) {
    const s = w.stream;
    const tcp = w.kind === 'stream-tcp';
    return {
      value: tcp ? `${fmt(s.mbps, 2)} Mb/s` : `${fmt(s.lossPct, 2)} % lost`,
      detail: [
        `${s.received}/${s.sent} packets`,
        tcp ? `${s.retransmissions} retransmitted` : `${fmt(s.mbps, 2)} Mb/s`,
        `delay ${fmt(s.delayMeanMs)} ms (max ${fmt(s.delayMaxMs)})`,
        `jitter ${fmt(s.jitterMeanMs, 2)} ms`,
      ].join('; '),
    };
  }
  if (w.web) {
    const s = w.web;
    return {
      value: `${fmt(s.replyRate, s.replyRate < 10 ? 1 : 0)} replies/s`,
      detail: [
        `${count(s.connections, 'connection')}, ${count(s.replies, 'reply', 'replies')} (best second ${fmt(s.replyRateMax, 0)})`,
        `connect ${fmt(s.connectMsMean)} ms, reply ${fmt(s.replyMsMean)} ms`,
        `${count(s.synDrops, 'SYN')} dropped at the full backlog (${s.maxQueued} queued at most), ${count(s.synRetransmits, 'SYN retransmission')}`,
        count(s.timeouts, 'client time-out'),
      ].join('; '),
    };
  }
  if (w.transfer) {
    const s = w.transfer;
    return {
      value:
        s.completionMs === null ? 'not finished' : `done in ${fmt(s.completionMs / 1000, 2)} s`,
      detail: `${count(s.segments, 'segment')}, ${fmt(s.throughputMbps, 2)} Mb/s; ${count(s.retransmissions, 'retransmission')}, ${count(s.timeouts, 'time-out')} (RTO)`,
    };
  }
  return { value: '—', detail: 'no result' };
}

/** A card per workload slot in use (summary.workloads): each reports what its own tool would. */
export function WorkloadCards({
  workloads,
}: {
  workloads: readonly WorkloadSummary[] | undefined;
}) {
  if (!workloads || workloads.length === 0) return null;
  return (
    <>
      {workloads.map((w) => {
        const f = face(w);
        return (
          <div key={w.slot} className="card" data-testid={`card-workload-${w.slot}`}>
            <div className="card-title">
              w{w.slot} · {KIND[w.kind]} on vm{w.vm}
            </div>
            <div className="card-value">{f.value}</div>
            <div className="card-detail">{f.detail}</div>
          </div>
        );
      })}
    </>
  );
}
