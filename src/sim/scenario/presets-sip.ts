import type { Preset } from './presets';

/** Issue 8's SIP story: the RFC 3261 stack's transports through a primary failure (ADR 18). */
export const SIP_PRESETS: readonly Preset[] = [
  {
    id: 'sip-udp-vs-tcp-failover',
    title: 'SIP over UDP vs TCP through a failover',
    explain: [
      '100 REGISTER/s and 10 calls/s (INVITE, 100, 180, 200, ACK, 10 s of talk, BYE) over UDP to a registrar VM under Remus (Net, 100 ms), with one relayed call; the primary crashes at 15 s.',
      // npm run sim -- sip-udp-vs-tcp-failover [--set telephony.sipTransport=tcp]: SIP request
      // retransmissions 193 → 0, TCP resends 0 → 263, slowest set-up 1.5 → 1.4 s.
      'No registration or call is lost: the clients retransmit (Timers A and E, slowest set-up 1.5 s). Switch the SIP transport to TCP: SIP sends nothing twice and TCP resends instead; a connection per transaction quadruples the packets.',
    ],
    set: {
      durationS: 30,
      'replication.intervalMs': 100,
      'telephony.calls': 1,
      'telephony.sipStack': 'rfc3261',
      'telephony.sipTransport': 'udp',
      'telephony.registerRate': 100,
      'telephony.callRate': 10,
      'telephony.callHoldS': 10,
      'failures.f1.kind': 'host-crash',
      'failures.f1.atS': 15,
    },
  },
];
