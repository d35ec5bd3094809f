import { CODECS, samplesPerPacket, type RtpCodec } from '../telephony/codec';
import { PacketKind } from '../net/packet';
import { CaptureDir, type PacketCapture } from './capture';

/**
 * A classic libpcap file (magic a1b2c3d4, version 2.4, microsecond timestamps, LINKTYPE_ETHERNET)
 * of a capture: Ethernet II, IPv4 (header checksum computed), UDP (checksum 0, allowed over IPv4 by
 * RFC 768) and, inside, RTP (RFC 3550 §5.1: V=2) with the call codec's payload — PT 0 = PCMU,
 * 160 B of silence per 20 ms, or PT 18 = G729 (RFC 3551 Table 4), or Opus on dynamic PT 111 —
 * or SIP text (RFC 3261 REGISTER and 200 OK). Timestamps are simulated time. Addresses
 * come from ranges set aside for documentation and benchmarking (RFC 5737, RFC 2544), so a file
 * never names a real host. Wireshark and tshark read it; RTP needs `-o rtp.heuristic_rtp:TRUE`.
 */

/** The server (the VoIP VM's service address): 198.51.100.10, TEST-NET-2 (RFC 5737). */
const SERVER_IP = [198, 51, 100, 10] as const;
/** Client c: 198.18.0.0/15 (RFC 2544 benchmarking), c + 1 as the host part. */
const clientIp = (c: number): number[] => [
  198,
  18 + ((c + 1) >> 16),
  ((c + 1) >> 8) & 255,
  (c + 1) & 255,
];
const SERVER_MAC = [0x02, 0, 0, 0, 0, 0x01];
const clientMac = (c: number): number[] => [
  0x02,
  0,
  0x01,
  (c >> 16) & 255,
  (c >> 8) & 255,
  c & 255,
];
/** Client c's RTP port, and the relay's port facing client c (RTPProxy-style pairs, even ports). */
const clientRtpPort = (c: number): number => 16384 + 2 * (c % 20000);
const relayRtpPort = (c: number): number => 30000 + 2 * (c % 15000);
const SIP_PORT = 5060;
const PCMU_SILENCE = 0xff;
/** DSCP EF (46) for RTP and CS3 (24) for SIP, as RFC 4594 recommends, in the IPv4 TOS byte. */
const TOS_RTP = 46 << 2;
const TOS_SIP = 24 << 2;

const ETH = 14;
const IP = 20;
const UDP = 8;
const RTP = 12;

function sipText(kind: number, c: number, flow: number): string {
  const ip = clientIp(c).join('.');
  const srv = SERVER_IP.join('.');
  const user = `user${c}`;
  const head = kind === PacketKind.SipRequest ? `REGISTER sip:${srv} SIP/2.0` : 'SIP/2.0 200 OK';
  return [
    head,
    `Via: SIP/2.0/UDP ${ip}:${SIP_PORT};branch=z9hG4bK-${flow}`,
    'Max-Forwards: 70',
    `From: <sip:${user}@${srv}>;tag=${c}`,
    `To: <sip:${user}@${srv}>${kind === PacketKind.SipResponse ? `;tag=srv${flow}` : ''}`,
    `Call-ID: reg-${flow}@${ip}`,
    // A retransmission repeats the request exactly (RFC 3261 §17.1.1.2), so CSeq stays 1 whatever the attempt.
    'CSeq: 1 REGISTER',
    `Contact: <sip:${user}@${ip}:${SIP_PORT}>`,
    'Expires: 3600',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** SIP text is ASCII (no TextEncoder in the core's ES-only library). */
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

function ipChecksum(b: Uint8Array, off: number): number {
  let sum = 0;
  for (let i = 0; i < IP; i += 2) sum += ((b[off + i] as number) << 8) | (b[off + i + 1] as number);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** One frame: Ethernet + IPv4 + UDP around `payload`. */
function frame(
  src: readonly number[],
  dst: readonly number[],
  srcMac: readonly number[],
  dstMac: readonly number[],
  sport: number,
  dport: number,
  tos: number,
  id: number,
  payload: Uint8Array,
): Uint8Array {
  const b = new Uint8Array(ETH + IP + UDP + payload.length);
  const v = new DataView(b.buffer);
  b.set(dstMac, 0);
  b.set(srcMac, 6);
  v.setUint16(12, 0x0800);
  const ip = ETH;
  b[ip] = 0x45;
  b[ip + 1] = tos;
  v.setUint16(ip + 2, IP + UDP + payload.length);
  v.setUint16(ip + 4, id & 0xffff);
  v.setUint16(ip + 6, 0x4000); // don't fragment
  b[ip + 8] = 64;
  b[ip + 9] = 17;
  b.set(src, ip + 12);
  b.set(dst, ip + 16);
  v.setUint16(ip + 10, ipChecksum(b, ip));
  const u = ip + IP;
  v.setUint16(u, sport);
  v.setUint16(u + 2, dport);
  v.setUint16(u + 4, UDP + payload.length);
  b.set(payload, u + UDP);
  return b;
}

/** RTP payload types: PCMU 0 and G729 18 are static (RFC 3551 Table 4); Opus is dynamic (RFC 7587 §6.1), 111 as WebRTC offers it. */
const PAYLOAD_TYPE = { g711: 0, g729: 18, opus: 111 } as const;

function rtpPayload(stream: number, seq: number, codec: RtpCodec): Uint8Array {
  const b = new Uint8Array(RTP + codec.payloadBytes).fill(codec.id === 'g711' ? PCMU_SILENCE : 0);
  const v = new DataView(b.buffer);
  b[0] = 0x80; // V=2, no padding, no extension, no CSRC
  b[1] = PAYLOAD_TYPE[codec.id]; // M=0
  v.setUint16(2, seq & 0xffff);
  v.setUint32(4, (seq * samplesPerPacket(codec)) >>> 0);
  v.setUint32(8, 0x10000 + stream); // SSRC: one per stream
  return b;
}

/** The SSRC the file gives stream `stream` (to find it in tshark's output). */
export const ssrcOf = (stream: number): number => 0x10000 + stream;

/** The capture as a pcap file; its RTP in the calls' codec (telephony.codec). */
export function toPcap(cap: PacketCapture, codec: RtpCodec = CODECS.g711): Uint8Array {
  const frames: Uint8Array[] = [];
  // In time order: receivers that only measure are told of arrivals in batches (ADR 0021), so
  // the capture may see a packet after a later one; a stable sort keeps equal times as seen.
  const order = Array.from({ length: cap.count }, (_, i) => i).sort(
    (a, b) => (cap.t[a] as number) - (cap.t[b] as number) || a - b,
  );
  for (const i of order) {
    const kind = cap.kind[i] as number;
    const c = cap.client[i] as number;
    const toServer = cap.dir[i] === CaptureDir.ToServer;
    const flow = cap.flow[i] as number;
    const seq = cap.seq[i] as number;
    const rtp = kind === PacketKind.Rtp;
    const payload = rtp ? rtpPayload(flow, seq, codec) : ascii(sipText(kind, c, flow));
    const cport = rtp ? clientRtpPort(c) : SIP_PORT;
    const sport = rtp ? relayRtpPort(c) : SIP_PORT;
    frames.push(
      toServer
        ? frame(
            clientIp(c),
            SERVER_IP,
            clientMac(c),
            SERVER_MAC,
            cport,
            sport,
            rtp ? TOS_RTP : TOS_SIP,
            i,
            payload,
          )
        : frame(
            SERVER_IP,
            clientIp(c),
            SERVER_MAC,
            clientMac(c),
            sport,
            cport,
            rtp ? TOS_RTP : TOS_SIP,
            i,
            payload,
          ),
    );
  }
  const size = 24 + frames.reduce((a, f) => a + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  // Global header, little-endian (the magic tells readers the byte order).
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setInt32(8, 0, true);
  v.setUint32(12, 0, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 1, true); // LINKTYPE_ETHERNET
  let off = 24;
  frames.forEach((f, k) => {
    const t = cap.t[order[k] as number] as number;
    v.setUint32(off, Math.floor(t / 1e6), true);
    v.setUint32(off + 4, t % 1e6, true);
    v.setUint32(off + 8, f.length, true);
    v.setUint32(off + 12, f.length, true);
    out.set(f, off + 16);
    off += 16 + f.length;
  });
  return out;
}
