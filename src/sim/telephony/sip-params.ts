import type { Field } from '../scenario/field';
import type { SipTransportKind } from '../sip/timers';

/**
 * register: today's REGISTER-over-UDP generator and registrar (sip-register-clients.ts,
 * voip-server.ts); rfc3261: the transaction stack of src/sim/sip (ADR 11) with INVITE calls,
 * a choice of transport and SIPp-style ramps (ADR 18).
 */
export type SipStackKind = 'register' | 'rfc3261';

/** The fields of the RFC 3261 stack; all ignored by the 'register' stack. */
export interface SipStackParams {
  sipStack: SipStackKind;
  sipTransport: SipTransportKind;
  callRate: number;
  callHoldS: number;
  registerRampPerS: number;
  callRampPerS: number;
  rampPeriodS: number;
  rampMaxRate: number;
}

const RFC3261_ONLY = ' Used by the RFC 3261 SIP stack only.';

export const SIP_STACK_FIELDS: readonly Field[] = [
  {
    path: 'telephony.sipStack',
    kind: 'enum',
    group: 'telephony',
    label: 'SIP model',
    options: [
      { value: 'register', label: 'REGISTER over UDP (simple registrar)' },
      { value: 'rfc3261', label: 'RFC 3261 transactions: REGISTER and INVITE calls' },
    ],
    default: 'register',
    help: 'REGISTER over UDP: SIPp-like REGISTERs with Timer E/F retransmissions against an in-memory registrar. RFC 3261: the client and server transactions of RFC 3261 §17 (Timers A, B, D, E, F, H, I, J, K), INVITE dialogs (INVITE, 100, 180, 200, ACK, BYE; SIPp’s uac/uas message sizes), UDP or TCP, SIPp-style ramps (ADR 11, ADR 18).',
  },
  {
    path: 'telephony.sipTransport',
    kind: 'enum',
    group: 'telephony',
    label: 'SIP transport',
    options: [
      { value: 'udp', label: 'UDP' },
      { value: 'tcp', label: 'TCP, one persistent connection' },
      { value: 'tcp-per-transaction', label: 'TCP, a connection per transaction' },
    ],
    default: 'udp',
    help:
      'UDP: SIP retransmits (Timers A, E; T1 500 ms). TCP: Linux TCP retransmits instead (RTO 200 ms, SYN 1 s; include/net/tcp.h); one connection for all traffic, or one per transaction with its handshake (3 packets) and teardown (4 packets) on the wire, as R6 compares.' +
      RFC3261_ONLY,
  },
  {
    path: 'telephony.callRate',
    kind: 'number',
    group: 'telephony',
    label: 'Call attempt rate',
    unit: 'calls/s',
    min: 0,
    max: 500,
    step: 1,
    default: 0,
    help:
      'New INVITE dialogs per second (SIPp -r), evenly paced, users taken in turn.' + RFC3261_ONLY,
  },
  {
    path: 'telephony.callHoldS',
    kind: 'number',
    group: 'telephony',
    label: 'Call hold time',
    unit: 's',
    min: 0,
    max: 600,
    step: 1,
    default: 10,
    help: 'Established call → BYE (SIPp -d). A lab choice, not a measured figure.' + RFC3261_ONLY,
  },
  {
    path: 'telephony.registerRampPerS',
    kind: 'number',
    group: 'telephony',
    label: 'REGISTER ramp step',
    unit: '/s',
    min: 0,
    max: 2000,
    step: 10,
    default: 0,
    help:
      'Added to the REGISTER rate every ramp period (SIPp -rate_increase), starting from the REGISTER rate.' +
      RFC3261_ONLY,
  },
  {
    path: 'telephony.callRampPerS',
    kind: 'number',
    group: 'telephony',
    label: 'Call ramp step',
    unit: 'calls/s',
    min: 0,
    max: 500,
    step: 1,
    default: 0,
    help:
      'Added to the call rate every ramp period (SIPp -rate_increase), starting from the call rate.' +
      RFC3261_ONLY,
  },
  {
    path: 'telephony.rampPeriodS',
    kind: 'number',
    group: 'telephony',
    label: 'Ramp period',
    unit: 's',
    min: 1,
    max: 600,
    step: 1,
    default: 10,
    help: 'How often the ramps step up (SIPp -rate_interval).' + RFC3261_ONLY,
  },
  {
    path: 'telephony.rampMaxRate',
    kind: 'number',
    group: 'telephony',
    label: 'Ramp ceiling',
    unit: '/s',
    min: 0,
    max: 2000,
    step: 10,
    default: 0,
    help: 'Neither ramp goes above this rate (SIPp -rate_max); 0: no ceiling.' + RFC3261_ONLY,
  },
];
