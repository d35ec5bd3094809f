import type { Micros } from '../engine/units';

/** The voice codecs a call can use (telephony.codec). */
export type CodecId = 'g711' | 'g729' | 'opus';

/** One codec: how it packs speech into RTP and what the E-model charges for it. */
export interface RtpCodec {
  readonly id: CodecId;
  readonly label: string;
  /** Packetisation time: audio per RTP packet (µs). */
  readonly ptime: Micros;
  /** Codec payload per packet (bytes), without RTP, UDP and IP headers. */
  readonly payloadBytes: number;
  /** RTP timestamp clock (Hz); the timestamp advances by clockHz·ptime per packet. */
  readonly clockHz: number;
  /** Equipment impairment factor Ie (G.113 Appendix I, Table I.1). */
  readonly ie: number;
  /** Packet-loss robustness Bpl with the codec's packet loss concealment (G.113 Appendix I, Table I.3). */
  readonly bplPlc: number;
  /** Bpl without concealment (telephony.plc = false); codecs whose concealment is built in keep bplPlc. */
  readonly bplNoPlc: number;
}

/** RTP 12 B (RFC 3550 §5.1) + UDP 8 B + IPv4 20 B around every codec payload. */
export const RTP_UDP_IP_HEADER_BYTES = 40;

/**
 * The codec table. Sources, per entry:
 *
 * - G.711 (PCMU): RFC 3551 §4.5.14 — 8000 Hz, one byte per sample, so 20 ms = 160 samples =
 *   160 B (200 B of IP). ITU-T G.113 (11/2007) Appendix I: Ie 0 (Table I.1); Bpl 25.1 with
 *   G.711 Appendix I PLC, 4.3 without (Table I.3). These are the values the lab has always used.
 * - G.729 (Annex A): RFC 3551 §4.5.6 — 8000 Hz clock, 10 ms frames of 80 bits (10 B), so a 20 ms
 *   packet carries two frames, 20 B (60 B of IP). G.113 Appendix I: G.729A + VAD, Ie 11 (Table I.1),
 *   Bpl 19.0 (Table I.3, random loss). Its concealment is part of the codec: no separate no-PLC
 *   value exists, so telephony.plc does not change it.
 * - Opus: RFC 7587 §4.1 — the RTP clock is 48000 Hz whatever the audio bandwidth (20 ms = 960
 *   ticks); §3.1.1 recommends 16–20 kb/s for wideband speech, so 20 kb/s at 20 ms = 50 B (90 B of
 *   IP). G.113 Appendix I has no Opus entry: Ie 0 and Bpl 25.1 (G.711 with PLC) are an
 *   assumption, not a published figure — Opus's in-band concealment at least matches G.711 PLC.
 */
export const CODECS: Readonly<Record<CodecId, RtpCodec>> = {
  g711: {
    id: 'g711',
    label: 'G.711 µ-law, 20 ms (64 kb/s)',
    ptime: 20_000 as Micros,
    payloadBytes: 160,
    clockHz: 8000,
    ie: 0,
    bplPlc: 25.1,
    bplNoPlc: 4.3,
  },
  g729: {
    id: 'g729',
    label: 'G.729A, 2 × 10 ms frames (8 kb/s)',
    ptime: 20_000 as Micros,
    payloadBytes: 20,
    clockHz: 8000,
    ie: 11,
    bplPlc: 19,
    bplNoPlc: 19,
  },
  opus: {
    id: 'opus',
    label: 'Opus wideband speech, 20 ms (20 kb/s)',
    ptime: 20_000 as Micros,
    payloadBytes: 50,
    clockHz: 48_000,
    ie: 0,
    bplPlc: 25.1,
    bplNoPlc: 25.1,
  },
};

export const CODEC_IDS = Object.keys(CODECS) as CodecId[];

/** The codec named `id`; anything unknown is G.711 (validation reports it before a run). */
export const codecOf = (id: string | undefined): RtpCodec =>
  CODECS[(id ?? 'g711') as CodecId] ?? CODECS.g711;

/** IP bytes of one RTP packet of `c`. */
export const rtpIpBytes = (c: RtpCodec): number => c.payloadBytes + RTP_UDP_IP_HEADER_BYTES;

/** RTP timestamp ticks per packet. */
export const samplesPerPacket = (c: RtpCodec): number => Math.round((c.clockHz * c.ptime) / 1e6);

/** Packets per second in one direction. */
export const packetsPerSecond = (c: RtpCodec): number => 1e6 / c.ptime;
