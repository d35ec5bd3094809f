import { SipEvent, TraceKind, type TraceBatch } from '../engine/trace';
import { SipMethod } from '../sip/message';
import { SipMsgFlag, registerRetransmission, registrarAnswer } from '../telephony/sip-trace';
import { WORKLOAD_BIN_US } from '../workloads/workload-meter';

/** One CSV file: its name and rows (the header first). */
export interface CsvTable {
  readonly name: string;
  readonly rows: (string | number)[][];
}

const sec = (us: number): number => us / 1e6;
/** A REGISTER record with none of these is the client's first copy of it. */
const CLIENT_COPY_FLAGS =
  SipMsgFlag.FromServer | SipMsgFlag.SipRetransmission | SipMsgFlag.TcpRetransmission;
const bump = (arr: number[], i: number, n: number): void => {
  while (arr.length <= i) arr.push(0);
  arr[i] = (arr[i] as number) + n;
};

/**
 * The series behind the lab's charts and lanes, as CSV tables, from a run's trace (the same
 * records the page draws): every RTP arrival with its delay and RFC 3550 jitter, packets lost
 * (by the second they were sent) and late per second, SIP outcomes per second, checkpoint epochs,
 * output-buffer releases, ping round trips, bulk transmit per 100 ms, CPU slices, and the
 * workloads' progress per 100 ms (only when the scenario has workloads).
 */
export function traceTables(batches: readonly TraceBatch[]): CsvTable[] {
  const rtp: (string | number)[][] = [['time_s', 'stream', 'seq', 'delay_ms', 'jitter_ms']];
  const epochs: (string | number)[][] = [['suspend_s', 'resume_s', 'sent_s', 'ack_s']];
  const releases: (string | number)[][] = [['time_s', 'packets', 'rtp_packets', 'epoch']];
  const ping: (string | number)[][] = [['time_s', 'target_vm', 'seq', 'rtt_ms']];
  const nic: (string | number)[][] = [['bin_start_s', 'vm', 'mbps', 'kpps', 'tx_ring']];
  const slices: (string | number)[][] = [['start_s', 'end_s', 'host', 'core', 'vm', 'flags']];
  const workloads: (string | number)[][] = [
    ['time_s', 'bin_start_s', 'slot', 'done', 'failed', 'latency_mean_ms', 'event'],
  ];
  const lost: number[] = [];
  const late: number[] = [];
  const sip = {
    sent: [] as number[],
    retrans: [] as number[],
    ok: [] as number[],
    timeout: [] as number[],
  };
  // RFC 3261 stack: registrations whose 200 OK was counted (its registrar may send it twice).
  const answered = new Set<number>();
  for (const b of batches)
    for (let i = 0; i < b.count; i++) {
      const t = b.t[i] as number;
      const e = b.entity[i] as number;
      const a = b.a[i] as number;
      const bb = b.b[i] as number;
      const c = b.c[i] as number;
      switch (b.kind[i]) {
        case TraceKind.RtpRx:
          rtp.push([sec(t), e, a, bb / 1000, c]);
          break;
        case TraceKind.RtpLost:
          bump(lost, a, bb);
          break;
        case TraceKind.RtpLate:
          bump(late, Math.floor(sec(t)), 1);
          break;
        case TraceKind.Sip: {
          const k = Math.floor(sec(t));
          if (a === SipEvent.Sent) bump(sip.sent, k, 1);
          else if (a === SipEvent.Retransmit) bump(sip.retrans, k, 1);
          else if (a === SipEvent.Success) bump(sip.ok, k, 1);
          else if (a === SipEvent.Timeout) bump(sip.timeout, k, 1);
          break;
        }
        case TraceKind.SipMsg:
          // The RFC 3261 stack writes each message copy (its time-outs are Sip records, above):
          // a REGISTER's first and SIP-layer copies by the second sent, its first 200 OK to reach
          // the client by the second it arrived, as the page's REGISTER chart counts them.
          if (registrarAnswer(a, bb)) {
            if (!answered.has(e)) {
              answered.add(e);
              bump(sip.ok, Math.floor(sec(t)), 1);
            }
          } else if (registerRetransmission(a, bb)) bump(sip.retrans, Math.floor(sec(c)), 1);
          else if (a === SipMethod.Register && (bb & CLIENT_COPY_FLAGS) === 0)
            bump(sip.sent, Math.floor(sec(c)), 1);
          break;
        case TraceKind.Epoch:
          epochs.push([sec(t), sec(a), sec(bb), sec(c)]);
          break;
        case TraceKind.Release:
          releases.push([sec(t), a, bb, c]);
          break;
        case TraceKind.Ping:
          ping.push([sec(t), e, a, bb / 1000]);
          break;
        case TraceKind.NicTx:
          nic.push([sec(t), e, a / 1e5, bb / 100, c]);
          break;
        case TraceKind.Slice:
          slices.push([sec(t), sec(a), e >> 8, e & 255, bb, c]);
          break;
        case TraceKind.Workload: {
          const bin = sec(t - (t % WORKLOAD_BIN_US));
          workloads.push([sec(t), bin, e, a, bb, a > 0 && c > 0 ? c / a / 1000 : '', 'bin']);
          break;
        }
        case TraceKind.WorkloadIdle:
          workloads.push([sec(t), '', e, '', '', '', 'last-before-idle']);
          break;
        case TraceKind.WorkloadDone:
          workloads.push([sec(t), '', e, '', '', '', 'finished']);
          break;
      }
    }
  const seconds = Math.max(lost.length, late.length);
  const perSecond: (string | number)[][] = [['second', 'lost', 'late']];
  for (let k = 0; k < seconds; k++) perSecond.push([k, lost[k] ?? 0, late[k] ?? 0]);
  const sipRows: (string | number)[][] = [['second', 'sent', 'retransmissions', 'ok', 'timeouts']];
  const n = Math.max(...Object.values(sip).map((x) => x.length), 0);
  for (let k = 0; k < n; k++)
    sipRows.push([k, sip.sent[k] ?? 0, sip.retrans[k] ?? 0, sip.ok[k] ?? 0, sip.timeout[k] ?? 0]);
  return [
    { name: 'rtp-arrivals.csv', rows: rtp },
    { name: 'rtp-loss-per-second.csv', rows: perSecond },
    { name: 'sip-per-second.csv', rows: sipRows },
    { name: 'epochs.csv', rows: epochs },
    { name: 'buffer-releases.csv', rows: releases },
    { name: 'ping.csv', rows: ping },
    { name: 'nic-tx.csv', rows: nic },
    { name: 'cpu-slices.csv', rows: slices },
    ...(workloads.length > 1 ? [{ name: 'workloads.csv', rows: workloads }] : []),
  ];
}
