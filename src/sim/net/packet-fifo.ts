import type { Packet } from './packet';

/**
 * Packets in arrival order, each with one number (when it lands, the epoch it belongs to), in
 * parallel arrays read from a head index: no object per packet, and taking from the front moves
 * the head instead of copying what stays. The consumed front is dropped once it is most of the
 * arrays (amortised O(1) a packet). The NIC's landing frames and the Remus output buffer use it.
 */
export class PacketFifo {
  private packets: (Packet | undefined)[] = [];
  private values: number[] = [];
  private head = 0;

  /** Packets queued. */
  get length(): number {
    return this.packets.length - this.head;
  }

  push(p: Packet, value: number): void {
    this.packets.push(p);
    this.values.push(value);
  }

  /** The `k`-th queued packet (0: the oldest) and its number. */
  packetAt(k: number): Packet {
    return this.packets[this.head + k] as Packet;
  }
  valueAt(k: number): number {
    return this.values[this.head + k] as number;
  }

  /**
   * Takes the `n` oldest packets off the queue, then hands them to `each` in order: the queue's
   * length already excludes them while `each` runs.
   */
  takeFront(n: number, each: (p: Packet) => void): void {
    const packets = this.packets;
    const from = this.head;
    this.head = from + n;
    for (let i = from; i < from + n; i++) {
      const p = packets[i] as Packet;
      packets[i] = undefined;
      each(p);
    }
    this.compact();
  }

  /** Empties the queue, handing every packet to `each` (a crash, a failover's discard). */
  clear(each: (p: Packet) => void): void {
    const packets = this.packets;
    const from = this.head;
    this.packets = [];
    this.values = [];
    this.head = 0;
    for (let i = from; i < packets.length; i++) each(packets[i] as Packet);
  }

  private compact(): void {
    if (this.head === this.packets.length) {
      this.packets = [];
      this.values = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.packets.length) {
      this.packets = this.packets.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}
