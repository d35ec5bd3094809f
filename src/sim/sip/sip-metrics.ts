import type { Micros } from '../engine/units';
import { SipMethod } from './message';

/** Outcomes of one kind of request, each transaction counted once when it ends. */
export interface OutcomeCounts {
  attempts: number;
  successes: number;
  /** No final response: Timer B/F, or the UAC's set-up timeout. */
  timeouts: number;
  /** A final response ≥ 300. */
  errors: number;
}

const outcome = (): OutcomeCounts => ({ attempts: 0, successes: 0, timeouts: 0, errors: 0 });

/** Summary of a delay sample in milliseconds (NaN when there is none). */
export interface DelaySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function summarizeDelays(samples: readonly number[]): DelaySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: n,
    meanMs: n === 0 ? NaN : sum / n / 1000,
    p95Ms: percentile(sorted, 95) / 1000,
    maxMs: n === 0 ? NaN : (sorted[n - 1] as number) / 1000,
  };
}

/**
 * What SIPp's statistics screen reports for a UAC: per request kind the attempts and how they
 * ended, retransmissions, response times, calls completed and dropped.
 */
export class SipMetrics {
  readonly registrations = outcome();
  /** INVITE transactions; success is a 2xx (the call is set up). */
  readonly calls = outcome();
  readonly byes = outcome();
  /** Requests sent again by the UAC's client transactions (Timer A/E) per method. */
  readonly retransmissions = { register: 0, invite: 0, bye: 0 };
  /** ACKs sent again for retransmitted 2xx responses (§13.2.2.4). */
  ackRetransmissions = 0;
  /** INVITE sent → first 180 received (µs). */
  readonly postDialDelays: number[] = [];
  /** INVITE sent → 200 received (µs). */
  readonly setupTimes: number[] = [];
  /** REGISTER sent → 200 received (µs). */
  readonly registerTimes: number[] = [];
  /** Calls ended by a BYE answered 2xx. */
  callsCompleted = 0;
  /** Established calls whose BYE timed out or was refused (the server lost the dialog). */
  callsDropped = 0;

  get requestRetransmissions(): number {
    const r = this.retransmissions;
    return r.register + r.invite + r.bye;
  }

  /** Established calls still up (not yet hung up, or their BYE still pending). */
  get callsActive(): number {
    return this.calls.successes - this.callsCompleted - this.callsDropped;
  }

  /** The outcome counters of requests with `method` (ACK has none: it gets no response). */
  outcomes(method: SipMethod): OutcomeCounts {
    if (method === SipMethod.Register) return this.registrations;
    return method === SipMethod.Invite ? this.calls : this.byes;
  }

  countRetransmission(method: SipMethod): void {
    const r = this.retransmissions;
    if (method === SipMethod.Register) r.register++;
    else if (method === SipMethod.Invite) r.invite++;
    else if (method === SipMethod.Bye) r.bye++;
  }

  /** A plain snapshot (numbers only), e.g. for a summary or a sweep row. */
  summary() {
    return {
      registrations: { ...this.registrations },
      calls: { ...this.calls },
      byes: { ...this.byes },
      requestRetransmissions: this.requestRetransmissions,
      ackRetransmissions: this.ackRetransmissions,
      postDialDelay: summarizeDelays(this.postDialDelays),
      setupTime: summarizeDelays(this.setupTimes),
      registerTime: summarizeDelays(this.registerTimes),
      callsCompleted: this.callsCompleted,
      callsDropped: this.callsDropped,
      callsActive: this.callsActive,
    };
  }

  recordPostDial(d: Micros): void {
    this.postDialDelays.push(d);
  }

  recordSetup(d: Micros): void {
    this.setupTimes.push(d);
  }
}
