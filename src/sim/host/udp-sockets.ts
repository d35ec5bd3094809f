import { DropReason, type Packet, type PacketLedger } from '../net/packet';
import { NETFRONT_RX_TRUESIZE, SOCKET_RCVBUF } from '../net/queue-limits';

/**
 * The guests' UDP receiver sockets on one host, by VM id: bytes charged (truesize) against the
 * receive buffer. The guest kernel queues a datagram, or drops it when the socket is over its
 * buffer (__udp_enqueue_schedule_skb refuses once the charged truesize passes sk_rcvbuf); the
 * application's read gives the bytes back.
 */
export class UdpSockets {
  private readonly held: number[] = [];

  constructor(private readonly ledger: PacketLedger) {}

  /** Queues `p` on VM `vm`'s socket; false (and dropped) when the buffer is full. */
  enqueue(vm: number, p: Packet): boolean {
    const held = this.held[vm] ?? 0;
    if (held > SOCKET_RCVBUF) {
      this.ledger.drop(p, DropReason.SocketBufferFull);
      return false;
    }
    this.held[vm] = held + NETFRONT_RX_TRUESIZE;
    return true;
  }

  /** The application read one datagram. */
  read(vm: number): void {
    this.held[vm] = (this.held[vm] ?? NETFRONT_RX_TRUESIZE) - NETFRONT_RX_TRUESIZE;
  }

  /** A crash empties every socket. */
  clear(): void {
    this.held.length = 0;
  }
}
