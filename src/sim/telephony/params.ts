import type { Field } from '../scenario/field';
import { CODECS, CODEC_IDS, type CodecId } from './codec';
import { SIP_STACK_FIELDS, type SipStackParams } from './sip-params';

/** SIP and RTP parameters. */
/** relay: the VoIP VM relays calls between two clients; endpoint: it terminates them (R3). */
export type MediaMode = 'relay' | 'endpoint';

/** fixed: one delay anchored on the first packet; adaptive: Ramjee et al.'s d̂ + 4·v̂. */
export type PlayoutKind = 'fixed' | 'adaptive';

export interface TelephonyParams extends SipStackParams {
  mode: MediaMode;
  calls: number;
  codec: CodecId;
  playoutMs: number;
  playout: PlayoutKind;
  plc: boolean;
  registerRate: number;
  sipClients: number;
}

export const TELEPHONY_FIELDS: readonly Field[] = [
  {
    path: 'telephony.mode',
    kind: 'enum',
    group: 'telephony',
    label: 'Media path',
    options: [
      { value: 'relay', label: 'Relay — two clients, media through the VM' },
      { value: 'endpoint', label: 'Endpoint — the VM answers the call' },
    ],
    default: 'relay',
    help: 'Relay: RTPProxy-like, each call is two clients talking through the VoIP VM. Endpoint: each call is a client talking to the VoIP VM itself (IVR/conference), which sends its stream from a 20 ms timer and measures the client’s stream when its application reads it (the vSlicer VoIP test).',
  },
  {
    path: 'telephony.calls',
    kind: 'int',
    group: 'telephony',
    label: 'Concurrent calls',
    unit: 'calls',
    min: 0,
    max: 2000,
    step: 1,
    default: 1,
    help: 'Calls relayed by the media relay VM, one RTP stream in each direction in the codec of telephony.codec (G.711 by default: 20 ms packets, 160 B payload, 50 pkt/s, RFC 3551). Up to 2000 calls (4000 streams, the scale of an operator’s relay); a heavy combination gets a cost estimate before it runs (docs/runs.md).',
  },
  {
    path: 'telephony.codec',
    kind: 'enum',
    group: 'telephony',
    label: 'Voice codec',
    options: CODEC_IDS.map((id) => ({ value: id, label: CODECS[id].label })),
    default: 'g711',
    help: 'Packet size and the E-model’s Ie and Bpl per codec. G.711: 160 B per 20 ms, Ie 0, Bpl 25.1 with PLC / 4.3 without (RFC 3551; ITU-T G.113 Appendix I, Tables I.1 and I.3). G.729A: two 10 ms frames of 10 B per packet (60 B of IP), Ie 11, Bpl 19 (same tables, G.729A + VAD). Opus: 48 kHz RTP clock, 50 B per 20 ms at the 20 kb/s RFC 7587 recommends for wideband speech; G.113 lists no Opus values, so its Ie 0 / Bpl 25.1 are an assumption.',
  },
  {
    path: 'telephony.playoutMs',
    kind: 'int',
    group: 'telephony',
    label: 'Playout (jitter) buffer',
    unit: 'ms',
    min: 0,
    max: 500,
    step: 5,
    default: 60,
    help: 'Receiver’s playout delay (the adaptive buffer’s starting depth). A packet that arrives after its playout time is discarded as late.',
  },
  {
    path: 'telephony.playout',
    kind: 'enum',
    group: 'telephony',
    label: 'Playout buffer',
    options: [
      { value: 'fixed', label: 'Fixed — anchored on the first packet' },
      { value: 'adaptive', label: 'Adaptive — d̂ + 4·v̂ (Ramjee et al.)' },
    ],
    default: 'fixed',
    help: 'Fixed: every packet plays at the first packet’s arrival plus the buffer depth plus its timestamp offset. Adaptive: the playout delay follows the mean delay plus four times its mean deviation (Ramjee, Kurose, Towsley, Schulzrinne, INFOCOM 1994, α = 0.998002), moved at every packet as a stretching buffer does.',
  },
  {
    path: 'telephony.plc',
    kind: 'bool',
    group: 'telephony',
    label: 'Packet loss concealment',
    default: true,
    help: 'G.711 with PLC (G.113: Bpl 25.1) or without (Bpl 4.3) in the E-model. G.729A and Opus conceal losses in the codec itself: their Bpl does not change.',
  },
  {
    path: 'telephony.registerRate',
    kind: 'int',
    group: 'telephony',
    label: 'REGISTER rate (UDP)',
    unit: '/s',
    min: 0,
    max: 10000,
    step: 10,
    default: 0,
    help: 'SIPp-like clients send REGISTER at this constant rate; RFC 3261 retransmissions (T1 500 ms, doubling to T2 4 s, give up at 64·T1).',
  },
  {
    path: 'telephony.sipClients',
    kind: 'int',
    group: 'telephony',
    label: 'Registering users',
    unit: 'users',
    min: 1,
    max: 100000,
    step: 1,
    default: 1000,
    help: 'Distinct addresses-of-record; registrations cycle through them.',
  },
  ...SIP_STACK_FIELDS,
];
