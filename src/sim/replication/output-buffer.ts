import { TraceKind, type TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';
import { DropReason, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import type { OutputPolicy } from './params';

/**
 * Remus network output buffering (libxl_netbuffer.c + Linux sch_plug): a new plug starts when
 * the VM is suspended; packets behind it wait until the backup acknowledges that epoch, then
 * leave together. Net buffers everything, tcp-only buffers TCP and lets UDP bypass, none
 * (No-Net) buffers nothing. Over the byte limit, packets are dropped.
 */
export class OutputBuffer {
  /**
   * Held packets and their epochs, oldest first from `head` (parallel arrays: no object per held
   * packet, and a release moves `head` instead of copying what stays).
   */
  private heldPackets: (Packet | undefined)[] = [];
  private heldEpochs: number[] = [];
  private head = 0;
  private bytes = 0;
  /** Epoch of the current plug: output now belongs to this epoch at the earliest. */
  private plugEpoch = 0;
  /** Released batches: size in packets (and RTP among them). */
  readonly releases: { t: number; packets: number; rtp: number }[] = [];

  constructor(
    private readonly vm: number,
    private readonly policy: OutputPolicy,
    private readonly limitBytes: number,
    private readonly ledger: PacketLedger,
    private readonly trace: TraceRecorder,
  ) {}

  /** Whether this policy holds `p` back. */
  buffers(p: Packet): boolean {
    return this.policy === 'net' || (this.policy === 'tcp-only' && p.tcp);
  }

  /** Packets currently held. */
  get length(): number {
    return this.heldPackets.length - this.head;
  }

  /** A packet from netback. Buffered, dropped over the limit, or sent straight on. */
  offer(p: Packet, now: Micros, send: (p: Packet) => void): void {
    if (!this.buffers(p)) return send(p);
    if (this.bytes + p.bytes > this.limitBytes) return this.ledger.drop(p, DropReason.BufferLimit);
    this.heldPackets.push(p);
    this.heldEpochs.push(Math.max(p.epoch, this.plugEpoch));
    this.bytes += p.bytes;
    this.trace.setState(now, TraceKind.Buffer, this.vm, this.length, this.bytes);
  }

  /** The VM was suspended to end epoch `epoch − 1`: a new plug for `epoch` begins. */
  plug(epoch: number): void {
    this.plugEpoch = epoch;
  }

  /** The backup acknowledged `epoch`: release everything that belongs to it or earlier. */
  release(epoch: number, now: Micros, send: (p: Packet) => void): void {
    const packets = this.heldPackets;
    const epochs = this.heldEpochs;
    const from = this.head;
    let to = from;
    while (to < packets.length && (epochs[to] as number) <= epoch) to++;
    if (to === from) return;
    let rtp = 0;
    for (let i = from; i < to; i++) {
      const p = packets[i] as Packet;
      this.bytes -= p.bytes;
      if (p.kind === PacketKind.Rtp) rtp++;
    }
    this.head = to;
    const n = to - from;
    this.releases.push({ t: now, packets: n, rtp });
    this.trace.add(now, TraceKind.Release, this.vm, n, rtp, epoch);
    this.trace.setState(now, TraceKind.Buffer, this.vm, this.length, this.bytes);
    // Sent after the books and the trace are settled.
    for (let i = from; i < to; i++) {
      const p = packets[i] as Packet;
      packets[i] = undefined;
      send(p);
    }
    this.compact();
  }

  /** Drops the released front once it is most of the arrays (amortised O(1) per packet). */
  private compact(): void {
    if (this.head === this.heldPackets.length) {
      this.heldPackets = [];
      this.heldEpochs = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.heldPackets.length) {
      this.heldPackets = this.heldPackets.slice(this.head);
      this.heldEpochs = this.heldEpochs.slice(this.head);
      this.head = 0;
    }
  }

  /** Failover or crash: held output of unacknowledged epochs is discarded. */
  discard(now: Micros): void {
    const packets = this.heldPackets;
    for (let i = this.head; i < packets.length; i++)
      this.ledger.drop(packets[i] as Packet, DropReason.Uncommitted);
    this.heldPackets = [];
    this.heldEpochs = [];
    this.head = 0;
    this.bytes = 0;
    this.trace.setState(now, TraceKind.Buffer, this.vm, 0, 0);
  }
}
