import { ms, type Micros } from '../engine/units';

/** RFC 3261 §17 timers: T1 = 500 ms RTT estimate, T2 = 4 s cap, Timer F = 64·T1 = 32 s. */
export const SIP_TIMERS = { t1: ms(500), t2: ms(4000), timerF: ms(32_000) } as const;

/**
 * Retransmission times of a non-INVITE request over UDP (Timer E), relative to the first send:
 * intervals T1, 2T1, 4T1, … capped at T2, until Timer F. REGISTER: 0, 0.5, 1.5, 3.5, 7.5, then every 4 s.
 */
export function nonInviteRetransmitTimes(): Micros[] {
  const out: Micros[] = [];
  let t = 0;
  let interval: number = SIP_TIMERS.t1;
  for (;;) {
    t += interval;
    if (t >= SIP_TIMERS.timerF) break;
    out.push(t as Micros);
    interval = Math.min(interval * 2, SIP_TIMERS.t2);
  }
  return out;
}
