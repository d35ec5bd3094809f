/**
 * The limits of the queues a packet can wait in between a client and a guest application, each
 * as the real system sets it by default. Past a limit, the packet is dropped with a reason
 * (DropReason in packet.ts), so no scenario can pile packets up without bound. docs/adr/0013
 * walks the path queue by queue.
 */

/**
 * Linux's default txqueuelen: DEFAULT_TX_QUEUE_LEN = 1000 packets (include/net/pkt_sched.h, set
 * by ether_setup in net/ethernet/eth.c), the limit of the default pfifo_fast qdisc. The LAN's
 * last hop towards a host (a Linux bridge or router port) queues this many frames for the host's
 * line; the guest's own eth0 (netfront) has it too.
 */
export const DEFAULT_TX_QUEUE_LEN = 1000;

/**
 * Descriptors in a NIC's transmit and receive rings: IGB_DEFAULT_TXD = IGB_DEFAULT_RXD = 256
 * (Linux drivers/net/ethernet/intel/igb/igb.h, the usual 1 GbE server NIC). The transmit ring
 * holds frames the qdisc has handed to the NIC; the receive ring holds frames the driver domain
 * has not polled yet — when it is full the NIC drops (rx_missed_errors).
 */
export const NIC_TX_DESCRIPTORS = 256;
export const NIC_RX_DESCRIPTORS = 256;

/**
 * Xen's netif rings: one 4 KiB page of 256 request/response slots each way (NET_TX_RING_SIZE and
 * NET_RX_RING_SIZE = __CONST_RING_SIZE(xen_netif_*, XEN_PAGE_SIZE), Linux
 * drivers/net/xen-netfront.c over xen/include/public/io/netif.h).
 */
export const NETIF_RING_SLOTS = 256;

/**
 * A guest's transmit path to netback holds its netfront TX ring, then (once netfront stops the
 * queue) its eth0 qdisc: past both, the guest's packets are dropped.
 */
export const GUEST_TX_LIMIT = NETIF_RING_SLOTS + DEFAULT_TX_QUEUE_LEN;

/**
 * A UDP socket's receive buffer: net.core.rmem_default = SK_RMEM_MAX = SKB_TRUESIZE(256) × 256 =
 * 832 × 256 = 212 992 bytes on x86-64 (include/net/sock.h), charged by each datagram's truesize.
 */
export const SOCKET_RCVBUF = 212_992;

/**
 * The truesize of a datagram netfront received, whatever its length: a 256-byte head
 * (RX_COPY_THRESHOLD, SKB_TRUESIZE(256) = 832 B) plus the whole 4 KiB page of its RX slot
 * (xennet_alloc_one_rx_buffer, drivers/net/xen-netfront.c).
 */
export const NETFRONT_RX_TRUESIZE = 832 + 4096;

/**
 * Datagrams a socket takes before it refuses: UDP drops while the memory already charged is over
 * sk_rcvbuf (__udp_enqueue_schedule_skb, net/ipv4/udp.c), so one more fits than whole truesizes
 * do: 43 + 1 = 44.
 */
export const SOCKET_DATAGRAMS = Math.floor(SOCKET_RCVBUF / NETFRONT_RX_TRUESIZE) + 1;

/** The host's transmit queue to the wire: the driver domain's qdisc, then the NIC's TX ring. */
export function nicTxLimit(qdiscPackets: number): number {
  return qdiscPackets + NIC_TX_DESCRIPTORS;
}
