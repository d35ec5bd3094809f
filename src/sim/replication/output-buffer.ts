import { TraceKind, type TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';
import { DropReason, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { PacketFifo } from '../net/packet-fifo';
import type { OutputPolicy } from './params';

/**
 * Remus network output buffering (libxl_netbuffer.c + Linux sch_plug): a new plug starts when
 * the VM is suspended; packets behind it wait until the backup acknowledges that epoch, then
 * leave together. Net buffers everything, tcp-only buffers TCP and lets UDP bypass, none
 * (No-Net) buffers nothing. Over the byte limit, packets are dropped.
 */
export class OutputBuffer {
  /** Held packets, oldest first, each with the epoch it belongs to. */
  private readonly held = new PacketFifo();
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
    return this.held.length;
  }

  /** A packet from netback. Buffered, dropped over the limit, or sent straight on. */
  offer(p: Packet, now: Micros, send: (p: Packet) => void): void {
    if (!this.buffers(p)) return send(p);
    if (this.bytes + p.bytes > this.limitBytes) return this.ledger.drop(p, DropReason.BufferLimit);
    this.held.push(p, Math.max(p.epoch, this.plugEpoch));
    this.bytes += p.bytes;
    this.trace.setState(now, TraceKind.Buffer, this.vm, this.length, this.bytes);
  }

  /** The VM was suspended to end epoch `epoch − 1`: a new plug for `epoch` begins. */
  plug(epoch: number): void {
    this.plugEpoch = epoch;
  }

  /** The backup acknowledged `epoch`: release everything that belongs to it or earlier. */
  release(epoch: number, now: Micros, send: (p: Packet) => void): void {
    const held = this.held;
    let n = 0;
    let rtp = 0;
    while (n < held.length && held.valueAt(n) <= epoch) {
      const p = held.packetAt(n++);
      this.bytes -= p.bytes;
      if (p.kind === PacketKind.Rtp) rtp++;
    }
    if (n === 0) return;
    this.releases.push({ t: now, packets: n, rtp });
    this.trace.add(now, TraceKind.Release, this.vm, n, rtp, epoch);
    this.trace.setState(now, TraceKind.Buffer, this.vm, held.length - n, this.bytes);
    // Sent after the books and the trace are settled.
    held.takeFront(n, send);
  }

  /** Failover or crash: held output of unacknowledged epochs is discarded. */
  discard(now: Micros): void {
    this.held.clear((p) => this.ledger.drop(p, DropReason.Uncommitted));
    this.bytes = 0;
    this.trace.setState(now, TraceKind.Buffer, this.vm, 0, 0);
  }
}
