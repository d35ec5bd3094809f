import { AnswerGaps } from './answer-gaps';
import type { RngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import { ms, type Micros } from '../engine/units';
import type { Packet } from '../net/packet';
import { LoadGenerator, type Ramp } from '../sip/load-generator';
import { SipMethod, isSuccess, type SipMessage } from '../sip/message';
import { SipMetrics, summarizeDelays } from '../sip/sip-metrics';
import { sipTimers } from '../sip/timers';
import { SipTransport, type WirePacket } from '../sip/transport';
import { UserAgentClient } from '../sip/user-agent-client';
import type { RegisterStats } from './sip-register-clients';
import type { TelephonyParams } from './params';
import type { SipWireBridge } from './sip-wire-bridge';
import { exchangeId } from './sip-trace';

/** The clients' side as the world sees it, whichever SIP model runs. */
export interface SipClients {
  /** A SIP packet from the server reached the clients. */
  onResponse(p: Packet, now: Micros): void;
  /** REGISTER totals (the summary's `sip` keys). */
  stats(): RegisterStats;
}

/** A SIPp ramp from the scenario: start rate, step every period, ceiling (0: none). */
function ramp(start: number, step: number, t: TelephonyParams): Ramp {
  return {
    startRate: start,
    increment: step,
    periodS: t.rampPeriodS,
    maxRate: t.rampMaxRate > 0 ? t.rampMaxRate : Infinity,
  };
}

/**
 * The SIP clients of the RFC 3261 stack, as one SIPp process (ADR 18): a UserAgentClient behind
 * a SipTransport, driven by a LoadGenerator of REGISTERs and calls (`telephony.registerRate`,
 * `telephony.callRate` and their ramps), users taken in turn from `telephony.sipClients`.
 */
export class SipPopulation implements SipClients {
  readonly metrics = new SipMetrics();
  readonly transport: SipTransport;
  private readonly uac: UserAgentClient;
  /** REGISTER transactions answered 2xx, and calls answered 2xx: what the clients were told. */
  readonly acknowledgedRegistrations = new Set<number>();
  readonly acknowledgedCalls = new Set<number>();
  private readonly gaps = new AnswerGaps();

  constructor(
    private readonly sim: Simulator,
    private readonly bridge: SipWireBridge,
    t: TelephonyParams,
    end: Micros,
    send: (p: Packet) => void,
    rng: RngStream,
  ) {
    const timers = sipTimers(t.sipTransport);
    this.transport = new SipTransport(
      sim,
      t.sipTransport,
      0,
      (wp) => send(bridge.packet(wp, false)),
      (m, now) => {
        this.observe(m, now);
        this.uac.receive(m, now);
      },
    );
    this.uac = new UserAgentClient(
      sim,
      timers,
      (m, key) => this.transport.send(m, key),
      (key) => this.transport.release(key),
      { holdTime: ms(t.callHoldS * 1000), setupTimeout: timers.b },
      this.metrics,
      undefined,
      (tx) => {
        const m = tx.req;
        if (m.method === SipMethod.Register)
          bridge.registerTimedOut(exchangeId(m.dialog, m.tx), tx.transmissions);
      },
    );
    // The first attempt is drawn within one period of the faster rate, as the REGISTER-only model does.
    const fastest = Math.max(1, t.registerRate, t.callRate);
    const start = Math.round(rng.uniform(0, 1e6 / fastest)) as Micros;
    new LoadGenerator(sim, this.uac, {
      users: t.sipClients,
      registrations: ramp(t.registerRate, t.registerRampPerS, t),
      calls: ramp(t.callRate, t.callRampPerS, t),
      start,
      end,
    });
  }

  onResponse(p: Packet, now: Micros): void {
    const f = this.bridge.arrive(p, now);
    if (f) this.transport.receive(f.wp, now);
  }

  /** A packet the clients sent was dropped: TCP sends it again after its RTO (UDP: SIP's timers do). */
  lost(wp: WirePacket, now: Micros): void {
    this.transport.lost(wp, now);
  }

  stats(): RegisterStats {
    const m = this.metrics;
    const r = m.registrations;
    // Succeeded when the 2xx arrived (the transaction itself ends Timer K later).
    const succeeded = this.acknowledgedRegistrations.size;
    const failed = r.timeouts + r.errors;
    const t = summarizeDelays(m.registerTimes);
    return {
      started: r.attempts,
      succeeded,
      failed,
      pending: r.attempts - succeeded - failed,
      retransmissions: m.retransmissions.register,
      latencyMeanMs: succeeded ? t.meanMs : 0,
      latencyMaxMs: succeeded ? t.maxMs : 0,
      succeededIds: [...this.acknowledgedRegistrations],
      answerGapMaxMs: this.gaps.longestUs(this.sim.now) / 1000,
      lastAnswerUs: this.gaps.lastUs,
    };
  }

  private observe(m: SipMessage, now: Micros): void {
    if (!isSuccess(m.status)) return;
    if (m.method === SipMethod.Register) {
      // The first 2xx of a transaction (a retransmitted one answers again), as `succeeded` counts.
      if (!this.acknowledgedRegistrations.has(m.tx)) this.gaps.mark(now);
      this.acknowledgedRegistrations.add(m.tx);
    } else if (m.method === SipMethod.Invite) this.acknowledgedCalls.add(m.dialog);
  }
}
