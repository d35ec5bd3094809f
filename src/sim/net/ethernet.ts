import type { Bytes } from '../engine/units';

/** Ethernet header 14 B + FCS 4 B around the IP packet. */
export const ETH_FRAME_OVERHEAD = 18;
/** Preamble + SFD 8 B and inter-frame gap 12 B occupy the wire too. */
export const ETH_WIRE_OVERHEAD = 20;
/** Minimum frame (64 B) — small packets are padded. */
export const ETH_MIN_FRAME = 64;

/**
 * Bytes a packet occupies on the wire: frame (IP + 18, at least 64) + preamble + IFG.
 * G.711 20 ms: 200 B IP → 218 B frame → 238 B on the wire = 95.2 kbit/s at 50 pkt/s.
 */
export function onWireBytes(ipBytes: Bytes): Bytes {
  return (Math.max(ETH_MIN_FRAME, ipBytes + ETH_FRAME_OVERHEAD) + ETH_WIRE_OVERHEAD) as Bytes;
}
