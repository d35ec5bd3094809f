import type { RunSummary } from '../../sim/results/summary';
import type { Lesson } from './lessons';

const f = (x: number | null | undefined, d = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);

/** The lesson of the preset 'sip-udp-vs-tcp-failover' (issue 8). */
export const SIP_LESSON: Lesson = {
  presetId: 'sip-udp-vs-tcp-failover',
  question:
    'The primary crashes while 100 REGISTER/s and 10 calls/s run over UDP. How many requests will the clients send again before everything is answered?',
  answer: {
    kind: 'number',
    unit: 'requests',
    of: (s: RunSummary) => s.sip.stack?.requestRetransmissions ?? null,
  },
  published:
    'Every registration succeeds through a failover under Net, because clients retransmit (R6, 1400 REGISTER/s over UDP: 100 %)',
  explain: (s) => {
    const st = s.sip.stack;
    return [
      `Requests that reached the dead primary, and answers it still held in its output buffer, are gone; Timers A and E resend at 0.5, 1.5, 3.5 s… until the backup answers (takeover at ${f(s.failover?.takeoverS, 3)} s).`,
      `${st?.requestRetransmissions ?? '—'} requests sent again; ${st?.registrations.successes ?? '—'} registrations and ${st?.calls.successes ?? '—'} calls succeeded, ${s.sip.lostAfterAck} acknowledged and then lost; slowest call set-up ${f(st?.setupTime.maxMs, 0)} ms.`,
      'Over TCP SIP sends nothing twice (RFC 3261 §17.1: Timers A and E are for unreliable transports): TCP resends the lost segments itself.',
    ];
  },
};
