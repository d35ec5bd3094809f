/** The SIP transport's wire: what a packet is, header sizes and Linux TCP's retransmission timers (ADR 11). */
import { ms } from '../engine/units';
import type { SipMessage } from './message';

/** What a packet on the wire is. */
export const WireKind = {
  Sip: 1,
  Syn: 2,
  SynAck: 3,
  /** Third packet of the handshake. */
  HandshakeAck: 4,
  Fin: 5,
  /** Acknowledgement of a FIN. */
  FinAck: 6,
  /** A duplicate ACK with a SACK block, sent at once for an out-of-order segment (`seq` = the hole). */
  Sack: 7,
} as const;
export type WireKind = (typeof WireKind)[keyof typeof WireKind];

/** One IP packet a SIP transport emits. */
export interface WirePacket {
  readonly kind: WireKind;
  /** TCP connection id (-1 for UDP). */
  readonly conn: number;
  /** Segment number in the sender's stream (data and FIN), -1 otherwise. */
  readonly seq: number;
  /** IP packet size: IPv4 + UDP/TCP headers + SIP message. */
  readonly ipBytes: number;
  readonly msg: SipMessage | undefined;
  /** Exchange key (transaction id) the segment belongs to. */
  readonly key: number;
  /** 0 for the first copy, n for TCP's n-th retransmission. */
  readonly attempt: number;
}

/** IPv4 header without options (RFC 791). */
export const IPV4_HEADER = 20;
/** UDP header (RFC 768). */
export const UDP_HEADER = 8;
/**
 * TCP header with the timestamps option (RFC 9293 20 B + RFC 7323 10 B padded to 12), which
 * Linux sends on every segment by default (net.ipv4.tcp_timestamps = 1).
 */
export const TCP_HEADER = 32;
/** SYN and SYN-ACK: 20 B + MSS 4, SACK-permitted 2, timestamps 10, window scale 3, NOP padding. */
export const TCP_SYN_HEADER = 40;
/** A duplicate ACK: the timestamps header plus one SACK block (RFC 2018: 2 + 8 B, 2 NOPs). */
export const TCP_SACK_HEADER = TCP_HEADER + 12;
/**
 * Retransmission timeouts, Linux include/net/tcp.h: TCP_TIMEOUT_INIT (1 s, RFC 6298 §2.1) for
 * SYN and SYN-ACK, which have no RTT sample yet; TCP_RTO_MIN (200 ms) once the handshake gave
 * one (on a LAN srtt ≪ 200 ms, so tcp_set_rto lands on the minimum). Each retry doubles.
 */
export const TCP_RTO_SYN = ms(1000);
export const TCP_RTO_DATA = ms(200);
/** Linux's net.ipv4.tcp_syn_retries (6) and tcp_retries2 (15): then the connection is dropped. */
export const TCP_SYN_RETRIES = 6;
export const TCP_DATA_RETRIES = 15;

/** Packet and CPU counts of one end of a transport. */
export interface TransportStats {
  packetsSent: number;
  packetsReceived: number;
  bytesSent: number;
  sipMessagesSent: number;
  /** SYN, SYN-ACK and the handshake's ACK sent from this end (first copies). */
  handshakePackets: number;
  /** FIN and FIN acknowledgements sent from this end (first copies). */
  teardownPackets: number;
  /** Segments TCP sent again after a loss (SIP never sees these). */
  tcpRetransmissions: number;
  /** Of those, sent on a SACK before the RTO (RACK's fast recovery). */
  fastRetransmissions: number;
  /** Duplicate ACKs with SACK sent for out-of-order segments. */
  sackPackets: number;
  connectionsOpened: number;
  /** Connections given up after too many retries (Linux: 127 s after an unanswered SYN). */
  connectionsAborted: number;
  /** CPU time the cost hook charged for packets sent and received (µs). */
  cpuUs: number;
}

/** Where packets go. The link must call `lost(p, now)` on the sender for a packet it drops. */
export type SipWire = (p: WirePacket) => void;

/** CPU charged per packet (µs), e.g. a guest's network stack cost; 'tx' or 'rx' side. */
export type PacketCost = (p: WirePacket, direction: 'tx' | 'rx') => number;
