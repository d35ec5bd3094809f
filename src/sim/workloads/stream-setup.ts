import type { Simulator } from '../engine/simulator';
import type { Bytes, Micros } from '../engine/units';
import { PacketKind, type PacketLedger } from '../net/packet';

/** UDP 8 B + IPv4 20 B around a datagram's payload. */
export const UDP_IP_BYTES = 28;
/** IPv4 + TCP with timestamps (52 B) + RTSP's interleaved-frame header, '$', channel, length (4 B, RFC 2326 §10.12). */
export const TCP_RTSP_BYTES = 56;

/** What every stream shares: its timing and where its packets go. */
export interface StreamSetup {
  readonly sim: Simulator;
  readonly ledger: PacketLedger;
  readonly vm: number;
  readonly client: number;
  readonly payloadBytes: number;
  /** Packets per second. */
  readonly rate: number;
  readonly start: Micros;
  readonly end: Micros;
}

/** Sends a packet every 1/rate s from `start` until `end`, sequence numbers from 0. */
export function every(s: StreamSetup, tick: (seq: number, now: Micros) => void): void {
  let next = s.start as number;
  let seq = 0;
  const go = () => {
    const now = Math.round(next) as Micros;
    if (now >= s.end) return;
    tick(seq++, now);
    next += 1e6 / s.rate;
    s.sim.at(Math.max(now, Math.round(next)) as Micros, go);
  };
  s.sim.at(s.start, go);
}

export const packet = (
  s: StreamSetup,
  kind: PacketKind,
  bytes: number,
  seq: number,
  sentAt: number,
) =>
  s.ledger.create({
    kind,
    bytes: bytes as Bytes,
    tcp: kind !== PacketKind.Udp,
    vm: s.vm,
    client: s.client,
    flow: 0,
    seq,
    sentAt: sentAt as Micros,
  });
