import { isReplicated } from '../scenario/topology';
import type { Scenario } from '../scenario/scenario';
import {
  DEFAULT_TX_QUEUE_LEN,
  GUEST_TX_LIMIT,
  NETIF_RING_SLOTS,
  NIC_RX_DESCRIPTORS,
  SOCKET_DATAGRAMS,
  nicTxLimit,
} from './queue-limits';

/** G.711 packets every 20 ms per stream (RFC 3551). */
const RTP_PERIOD_S = 0.02;
/** RFC 3261 17.1.2.2: a non-INVITE request is sent at most every T1 = 500 ms, for at most Timer F = 32 s. */
const SIP_MIN_GAP_S = 0.5;
const SIP_TIMER_F_S = 32;
/** The smallest packet the VoIP VM sends (a TCP ACK, 52 B of IP) — the most the output buffer can hold per byte. */
const SMALLEST_GUEST_PACKET = 52;
/** A TCP segment's payload (1500-byte MTU, timestamps on). */
const TCP_MSS = 1448;

/** Packets a source sending at least `gapS` apart puts on a link of delay `delayS` at once. */
const onLink = (delayS: number, gapS: number): number => Math.floor(delayS / gapS) + 1;

/**
 * The most packets a scenario can have in flight at once (docs/adr/0013-bounded-queues.md): every
 * bounded queue full, plus what the links carry — each source's packets within one link delay at
 * its shortest sending gap. It does not grow with the run's length, so neither can the memory
 * the packets take. The web probe's Poisson requests have no shortest gap but the engine's 1 µs.
 */
export function inFlightBound(s: Scenario): number {
  const vms = Object.entries(s.vms).filter(([name, v]) => name === 'vm1' || v.enabled).length;
  const perHost =
    DEFAULT_TX_QUEUE_LEN +
    nicTxLimit(s.nic.qdiscPackets) +
    NIC_RX_DESCRIPTORS +
    vms * (NETIF_RING_SLOTS + SOCKET_DATAGRAMS + GUEST_TX_LIMIT);
  const outputBuffer = isReplicated(s)
    ? Math.floor((s.replication.bufferLimitKB * 1000) / SMALLEST_GUEST_PACKET)
    : 0;

  const lan = (s.network.lanDelayMs + s.network.extraDelayMs) / 1000;
  // Both directions: RTP up and down per stream, requests up and their answers down.
  const rtp = 4 * s.telephony.calls * onLink(lan, RTP_PERIOD_S);
  const udp = s.udp.enabled ? onLink(lan, (s.udp.bytes * 8) / (s.udp.rateMbps * 1e6)) : 0;
  const ping = s.ping.enabled ? 2 * onLink(lan, (0.5 * s.ping.intervalMs) / 1000) : 0;
  const transactions = s.telephony.registerRate * SIP_TIMER_F_S + 1;
  const sip = s.telephony.registerRate > 0 ? 2 * transactions * onLink(lan, SIP_MIN_GAP_S) : 0;
  const web = s.web.enabled ? 2 * onLink(lan, 1e-6) : 0;
  const tcp = s.tcp.enabled ? 2 * (Math.ceil((s.tcp.windowKB * 1024) / TCP_MSS) + 1) : 0;
  return 2 * perHost + outputBuffer + rtp + udp + ping + sip + web + tcp;
}
