import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import { bps, ms, us, type Micros } from '../engine/units';
import { onWireBytes } from '../net/ethernet';
import { NicPort } from '../net/nic';
import { TimedHeap } from '../engine/timed-heap';
import { DropReason, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import {
  DEFAULT_TX_QUEUE_LEN,
  GUEST_TX_LIMIT,
  NETIF_RING_SLOTS,
  NETFRONT_RX_TRUESIZE,
  NIC_RX_DESCRIPTORS,
  SOCKET_RCVBUF,
  nicTxLimit,
} from '../net/queue-limits';
import { Dom0Workload } from './dom0-workload';
import { CpuScheduler } from './scheduler';
import { RtdsPolicy } from './rtds-policy';
import { KERNEL_UDP_US, guestCostOf, guestReplyTo, type GuestCosts } from './guest-costs';
import { schedulerPolicy } from './scheduler-policy';
import { VSlicerPolicy } from './vslicer-policy';
import type { HostParams } from './params';
import { guestCores, placeVms } from './placement';
import { Vcpu } from './vcpu';
import type { VmSlots } from './vm-params';
import { Burner, VmWorkload } from './workload';

/** Xen netif ring: 256 slots per 4 KiB page (io/netif.h). A full RX ring drops in the driver domain. */
export const RX_RING_SLOTS = NETIF_RING_SLOTS;
/** Burner demand is topped up every 1 ms (a lookbusy-like fine-grained duty cycle). Coarser top-ups aligned with the 10 ms scheduler tick let a burner finish its demand between ticks and keep BOOST for ever. */
export const BURNER_PERIOD = ms(1);

/** VM ids: 0 is dom0, then the slots vm1 … vm8 (vm1 the VoIP VM), the same on every host. */
export const VM_DOM0 = 0;
export const VM_VOIP = 1;

export type { GuestCosts } from './guest-costs';

/** Where a guest's outbound packet goes after netback (the Remus output buffer hooks in here). */
export type OutputStage = (p: Packet, now: Micros, send: (p: Packet) => void) => void;

/**
 * A physical host: pCPUs under the scheduler, dom0 (the driver domain, which does the netback
 * work for every packet and the checkpoint copies), and the guest VMs of the enabled slots, each
 * with an RX ring and optionally a CPU burner. Packets: wire → NIC → dom0 → guest ring → guest CPU
 * → app → guest TX → dom0 → output stage (vm1 only) → NIC → wire. Every queue on the way has its
 * real limit (queue-limits.ts) and drops past it with the place's DropReason.
 */
export class Host {
  readonly scheduler: CpuScheduler;
  /** The vSlicer policy when that scheduler runs (for class changes during a run). */
  readonly vslicer: VSlicerPolicy | undefined;
  readonly dom0: Vcpu;
  /** Guest vCPUs by VM id (index 0 unused). */
  readonly vms: (Vcpu | undefined)[] = [];
  /** dom0's work: netback first, then the checkpoint tool (dom0-workload.ts). */
  readonly dom0Jobs = new Dom0Workload();
  /** Guests with a CPU burner, in slot order (fixed once built; topped up every 1 ms). */
  private readonly burners: { readonly v: Vcpu; readonly b: Burner }[] = [];
  /** Line rate of the NIC (b/s). */
  private readonly lineBps: number;
  /** The NIC's receive side: the LAN's queue towards it and the line. */
  readonly nicRx: NicPort;
  /** The NIC's transmit side (shared by the VoIP VM and the bulk senders). */
  readonly nicTx: NicPort;
  alive = true;
  crashedAt = Infinity;
  /** Received frames waiting for dom0's netback work (they sit in the NIC's RX ring meanwhile). */
  private rxPending = 0;
  /** Each guest's packets waiting for netback (its netfront TX ring, then its qdisc), by VM id. */
  private readonly txPending: number[] = [];
  /** Bytes (truesize) charged to each guest's UDP receiver socket, by VM id. */
  private readonly socketBytes: number[] = [];

  /**
   * Service VMs' applications by VM id (SIP, media): each gets a packet once the guest has spent
   * its CPU on it, and delivers or drops it. A VM without one delivers what it reads.
   */
  readonly apps: (((p: Packet, now: Micros) => void) | undefined)[] = [];
  /** Packets each service VM's application handled, by VM id (for the dirty-page model). */
  readonly appPackets: number[] = [];
  /**
   * Where packets go once on the NIC: `leavesAt` is when the last bit leaves (≥ now), `queuedAt`
   * when it was queued; the receiver drops it if `lostInNic` says the host crashed in between.
   */
  egress: (p: Packet, leavesAt: Micros, queuedAt: Micros, from: Host) => void = () => undefined;
  /** Output stage between netback and the NIC, by VM id (Remus's buffer; none: straight on). */
  readonly outputStages: (OutputStage | undefined)[] = [];
  /** Epoch stamped on a protected VM's output, by VM id. */
  readonly epochs: ((() => number) | undefined)[] = [];
  /** Called for every packet the NIC puts on the wire (the output-commit monitors). */
  onWire: (p: Packet, now: Micros) => void = () => undefined;
  /** VMs this host runs as its own (not replicas or standbys): they come back when it is repaired. */
  private readonly ownVms = new Set<number>();

  constructor(
    private readonly sim: Simulator,
    trace: TraceRecorder,
    private readonly ledger: PacketLedger,
    private readonly params: HostParams,
    vmSlots: VmSlots,
    private readonly costs: GuestCosts,
    readonly id: number,
    /** VMs present here that start offline: Remus replicas and standby copies. */
    standby: ReadonlySet<number>,
    nicGbps: number,
    /** The driver domain's qdisc in front of the NIC (nic.qdiscPackets). */
    qdiscPackets: number,
    /** Receive interrupts per second at most (nic.rxInterruptRate; 0: one per frame). */
    rxInterruptRate = 0,
  ) {
    this.irqGap = rxInterruptRate > 0 ? Math.round(1_000_000 / rxInterruptRate) : 0;
    const cores = guestCores(params);
    const policy = schedulerPolicy(params, cores);
    this.vslicer = policy instanceof VSlicerPolicy ? policy : undefined;
    this.scheduler = new CpuScheduler(sim, trace, policy, {
      cores: params.cores,
      ctxSwitch: us(params.ctxSwitchUs),
      // The rate limit is credit's (sched_ratelimit_us); RTDS preempts at once.
      rateLimit: params.scheduler === 'rtds' ? us(0) : us(params.rateLimitUs),
      host: id,
    });
    this.dom0 = new Vcpu(VM_DOM0, 'dom0', 256, 0, this.dom0Jobs);
    this.scheduler.add(this.dom0);
    policy.add(this.dom0);
    for (const place of placeVms(params, vmSlots)) {
      const slot = vmSlots[`vm${place.slot}`];
      if (!slot) continue;
      const burner = slot.burnPct > 0 ? new Burner(slot.burnPct / 100) : undefined;
      const work = new VmWorkload(burner, slot.memoryBound, params.cacheRefillUs);
      const traits = { capPct: slot.capPct, pinned: place.pinned, lsvm: slot.lsvm };
      const v = new Vcpu(
        place.slot,
        place.slot === VM_VOIP ? 'voip' : `vm${place.slot}`,
        slot.weight,
        place.core,
        work,
        traits,
      );
      this.vms[place.slot] = v;
      if (burner) this.burners.push({ v, b: burner });
      this.scheduler.add(v, !standby.has(place.slot));
      if (!standby.has(place.slot)) this.ownVms.add(place.slot);
      if (policy instanceof RtdsPolicy) {
        // A VM's own RTDS period and budget; 0 takes the host's.
        const period = Math.round((slot.rtdsPeriodMs || params.rtdsPeriodMs) * 1000);
        const budget = Math.round((slot.rtdsBudgetMs || params.rtdsBudgetMs) * 1000);
        policy.add(v, { period, budget });
      } else policy.add(v);
    }
    this.vslicer?.finalize(this.scheduler.all);
    if (this.burners.length > 0) sim.after(0, (now) => this.topUpBurners(now));
    const rate = bps(nicGbps * 1e9);
    this.lineBps = rate;
    // Inbound, frames wait for the host's line in the LAN's last hop (a port with Linux's default
    // txqueuelen); outbound, in the driver domain's qdisc and then the NIC's TX ring.
    this.nicRx = new NicPort(sim, rate, DEFAULT_TX_QUEUE_LEN);
    this.nicTx = new NicPort(sim, rate, nicTxLimit(qdiscPackets));
  }

  /** The VoIP VM (vm1). */
  get voip(): Vcpu {
    return this.vms[VM_VOIP] as Vcpu;
  }

  /** Guest `k`'s vCPU on this host (a replica or standby copy counts). */
  vm(k: number): Vcpu | undefined {
    return this.vms[k];
  }

  /** Packets vm1's application handled (the dirty-page model's count for the classic VoIP VM). */
  get guestPackets(): number {
    return this.appPackets[VM_VOIP] ?? 0;
  }

  /** Enabled guest vCPUs in slot order. */
  guests(): Vcpu[] {
    return this.vms.filter((v): v is Vcpu => v !== undefined);
  }

  /** The workload of a guest vCPU. */
  workOf(v: Vcpu): VmWorkload {
    return v.workload as VmWorkload;
  }

  /** Packets waiting in the VoIP VM's RX ring (0 when vm1 is not on this host). */
  get ringOccupancy(): number {
    const v = this.vms[VM_VOIP];
    return v ? this.workOf(v).packets.length : 0;
  }

  /** Most received frames that waited for dom0 at once (≤ NIC_RX_DESCRIPTORS). */
  peakRxPending = 0;
  /** Least time between two receive interrupts, µs (interrupt moderation; 0: none). */
  private readonly irqGap: number;
  /** Frames on their way to this host, by when they reach its NIC (no event each: ADR 0021). */
  private readonly inbound = new TimedHeap<Packet>();
  /** Frames through the line, oldest first from `landedHead`: when each lands in the RX ring, and the frame. */
  private landing: { at: number; p: Packet }[] = [];
  private landedHead = 0;
  private lastIrq = -Infinity;
  /** When the next interrupt is planned (Infinity: none); bumping the token cancels it. */
  private nextIrq = Infinity;
  private irqToken = 0;
  /** Receive interrupts raised. */
  rxInterrupts = 0;

  /** A packet arrives from the wire now. */
  receive(p: Packet): void {
    this.receiveAt(p, this.sim.now);
  }

  /**
   * A packet sent now reaches this host's NIC at `at` (≥ now). It waits for the line (the LAN's
   * queue towards the NIC) and lands in the NIC's RX ring; the NIC raises an interrupt at most
   * every `irqGap` µs, and each one hands what has landed since to netback as one batch (ADR
   * 0021). The frame is an entry in the host's inbound heap, not an event.
   */
  receiveAt(p: Packet, at: number): void {
    if (!this.alive) return this.ledger.drop(p, DropReason.HostDown);
    this.inbound.push(at, p);
    this.planInterrupt(at + this.serialisation(p));
  }

  /** Time the line takes to carry `p` (µs): the earliest it can land after it arrives. */
  private serialisation(p: Packet): number {
    return (onWireBytes(p.bytes) * 8 * 1_000_000) / this.lineBps;
  }

  /** Plans the interrupt for a frame that lands at `landsAt` at the earliest (moderated). */
  private planInterrupt(landsAt: number): void {
    const when = Math.max(Math.ceil(landsAt), this.lastIrq + this.irqGap, this.sim.now);
    if (when >= this.nextIrq) return;
    this.nextIrq = when;
    const token = ++this.irqToken;
    this.sim.at(when as Micros, (now) => {
      if (token === this.irqToken) this.interrupt(now);
    });
  }

  /** The receive interrupt: the frames that have arrived go through the line; netback takes every frame that has landed, in order. */
  private interrupt(now: Micros): void {
    this.nextIrq = Infinity;
    this.lastIrq = now;
    this.rxInterrupts++;
    const inbound = this.inbound;
    while (inbound.peekTime() <= now) {
      const arrived = inbound.peekTime();
      const p = inbound.pop() as Packet;
      const lands = this.nicRx.admitAt(arrived, onWireBytes(p.bytes));
      if (lands < 0) this.ledger.drop(p, DropReason.LanQueueFull);
      else this.landing.push({ at: lands, p });
    }
    const l = this.landing;
    while (this.landedHead < l.length) {
      const f = l[this.landedHead] as { at: number; p: Packet };
      if (f.at > now) break;
      l[this.landedHead++] = undefined as unknown as { at: number; p: Packet };
      const q = f.p;
      // The frame took a free RX descriptor; none is free while dom0 is behind.
      if (this.rxPending >= NIC_RX_DESCRIPTORS) {
        this.ledger.drop(q, DropReason.NicRxRingFull);
        continue;
      }
      this.rxPending++;
      if (this.rxPending > this.peakRxPending) this.peakRxPending = this.rxPending;
      this.dom0Work(this.params.dom0PacketCostUs, q, () => {
        this.rxPending--;
        this.deliverToGuest(q);
      });
    }
    if (this.landedHead > 1024 && this.landedHead * 2 > l.length) {
      this.landing = l.slice(this.landedHead);
      this.landedHead = 0;
    }
    const next = this.landing[this.landedHead];
    if (next) this.planInterrupt(next.at);
    if (inbound.size > 0) this.planInterrupt(inbound.peekTime());
  }

  /** Frames still on their way in are lost with the host; those not yet arrived find it down. */
  private dropLanding(now: number): void {
    for (let i = this.landedHead; i < this.landing.length; i++) {
      const f = this.landing[i];
      if (f) this.ledger.drop(f.p, DropReason.HostCrash);
    }
    this.landing = [];
    this.landedHead = 0;
    while (this.inbound.size > 0) {
      const arrived = this.inbound.peekTime();
      const p = this.inbound.pop() as Packet;
      // In the LAN's queue or on the line already: lost with the host; still on the way: it
      // reaches a host that is down (dropped now, not when it arrives: a repair takes seconds).
      this.ledger.drop(p, arrived <= now ? DropReason.HostCrash : DropReason.HostDown);
    }
    this.irqToken++;
    this.nextIrq = Infinity;
  }

  /** A guest sends a packet: netfront → netback (dom0 CPU) → output stage (VoIP VM) → NIC. */
  guestSend(p: Packet, fromVm = VM_VOIP): void {
    if (!this.alive) return this.ledger.drop(p, DropReason.HostCrash);
    const stage = this.outputStages[fromVm];
    const epoch = this.epochs[fromVm];
    if (epoch) p.epoch = epoch();
    const pending = this.txPending[fromVm] ?? 0;
    if (pending >= GUEST_TX_LIMIT) return this.ledger.drop(p, DropReason.GuestTxFull);
    this.txPending[fromVm] = pending + 1;
    this.dom0Work(this.params.dom0PacketCostUs, p, (now) => {
      this.txPending[fromVm] = (this.txPending[fromVm] ?? 1) - 1;
      if (stage) stage(p, now, (q) => this.toWire(q));
      else this.toWire(p);
    });
  }

  /** Packets a guest has sent that netback has not taken yet (ring and qdisc; ≤ GUEST_TX_LIMIT). */
  txPendingOf(vm: number): number {
    return this.txPending[vm] ?? 0;
  }

  /** Queues netback CPU work on dom0 (a packet through netback, or a batch of bulk frames). */
  dom0Work(cost: number, p: Packet | undefined, done: (now: Micros) => void): void {
    if (!this.alive) return;
    const q = this.dom0Jobs;
    // Netback preempts the checkpoint tool inside dom0: charge the running background job up to
    // now, then let the scheduler re-plan the vCPU's current job.
    const preempts = q.netback.length === 0 && q.background.length > 0;
    if (preempts) this.scheduler.settle(this.dom0);
    q.netback.push(cost, done, p);
    if (preempts) this.scheduler.workArrived(this.dom0);
    else this.scheduler.wake(this.dom0);
  }

  /** Queues the checkpoint tool's CPU work on dom0 (runs when netback has nothing to do). */
  dom0Background(cost: number, done: (now: Micros) => void): void {
    if (!this.alive) return;
    this.dom0Jobs.background.push(cost, done);
    this.scheduler.wake(this.dom0);
  }

  /**
   * Queues `cost` µs of CPU work on a guest (a timer handler); `done` runs once the guest has done
   * it. `packet`, when given, is what the job will send: a crash before the job runs drops it.
   */
  guestJob(vm: number, cost: number, done: (now: Micros) => void, packet?: Packet): void {
    const v = this.vms[vm];
    if (!this.alive || !v || v.state === 'offline') return;
    this.scheduler.settle(v);
    this.workOf(v).packets.push(cost, done, packet);
    this.scheduler.workArrived(v);
  }

  /** The host crashes: everything it holds is lost. */
  crash(now: Micros): void {
    if (!this.alive) return;
    this.alive = false;
    this.crashedAt = now;
    this.lastCrash = now;
    this.scheduler.halt(now);
    const lost = (p: Packet) => this.ledger.drop(p, DropReason.HostCrash);
    this.dom0Jobs.clear(lost);
    this.dropLanding(now);
    this.rxPending = 0;
    this.txPending.length = 0;
    this.socketBytes.length = 0;
    for (const v of this.guests()) {
      this.workOf(v).packets.clear(lost);
      this.workOf(v).reads.clear(lost);
    }
  }

  /** Guest `k` dies (kernel panic) or is shut down: what it held is lost; the host runs on. */
  stopVm(k: number): void {
    const v = this.vms[k];
    if (!v || !this.alive) return;
    this.scheduler.stopVcpu(v);
    const lost = (p: Packet) => this.ledger.drop(p, DropReason.HostDown);
    this.workOf(v).packets.clear(lost);
    this.workOf(v).reads.clear(lost);
    this.ownVms.delete(k);
  }

  /** Guest `k` now runs elsewhere: this host's copy stays offline when it is repaired. */
  disown(k: number): void {
    this.ownVms.delete(k);
  }

  /** Guest `k` starts (a replica resumed, a standby activated, a restart booted) and is this host's own. */
  startVm(k: number): void {
    const v = this.vms[k];
    if (!v || !this.alive) return;
    this.ownVms.add(k);
    this.scheduler.resume(v);
  }

  /**
   * The host is repaired and boots: dom0 and the per-host copies come back; the VMs that failed
   * over elsewhere stay there (this host holds only offline copies of them, ready to be replicas).
   */
  revive(): void {
    if (this.alive) return;
    this.alive = true;
    this.crashedAt = Infinity;
    const online = [this.dom0, ...this.guests().filter((v) => this.ownVms.has(v.vm))];
    this.scheduler.revive(online);
    if (this.burners.length > 0) this.sim.after(0, (now) => this.topUpBurners(now));
  }

  /**
   * Puts a packet on the NIC towards the wire (also the release path of the output buffer). The
   * frame is an entry in the NIC's queue, not an event: the egress learns now when its last bit
   * will leave, and whoever carries it on checks `lostInNic` (a crash before it left loses it).
   */
  toWire(p: Packet): void {
    if (!this.alive) return this.ledger.drop(p, DropReason.HostCrash);
    const at = this.nicTx.admit(onWireBytes(p.bytes));
    if (at < 0) return this.ledger.drop(p, DropReason.NicQueueFull);
    // The output-commit monitor looks when the frame enters the NIC's queue: stricter than when
    // it leaves, since the acknowledged epoch only grows.
    this.onWire(p, this.sim.now);
    this.egress(p, at as Micros, this.sim.now, this);
  }

  /** Latest crash of this host (µs; -1 if none); kept after a repair, unlike `crashedAt`. */
  private lastCrash = -1;

  /** Whether a frame queued on the NIC at `queuedAt` to leave at `leavesAt` was lost in a crash. */
  lostInNic(queuedAt: number, leavesAt: number): boolean {
    return this.lastCrash >= queuedAt && this.lastCrash < leavesAt;
  }

  private deliverToGuest(p: Packet): void {
    const v = this.vms[p.vm];
    if (!v || v.state === 'offline') return this.ledger.drop(p, DropReason.HostDown);
    const ring = this.workOf(v).packets;
    if (ring.length >= RX_RING_SLOTS) return this.ledger.drop(p, DropReason.RingFull);
    const cost = guestCostOf(p, this.costs);
    this.scheduler.settle(v);
    ring.push(cost, (now) => this.serve(v, p, now), p);
    this.scheduler.workArrived(v);
  }

  /** Where the UDP probe's receiver hears of datagrams its application read. */
  onUdpRead: (p: Packet, now: Micros) => void = () => undefined;

  /** The guest has spent its CPU on `p`: the VoIP application, a probe service, or the kernel's echo reply. */
  private serve(v: Vcpu, p: Packet, now: Micros): void {
    if (p.kind === PacketKind.Udp) return this.toSocket(v, p);
    const answer = guestReplyTo(this.ledger, p, v.vm, this.costs);
    if (answer) {
      this.ledger.deliver(p);
      return this.guestSend(answer, v.vm);
    }
    if (p.kind === PacketKind.Icmp) {
      this.ledger.deliver(p);
      const reply = this.ledger.create({
        kind: PacketKind.Icmp,
        bytes: p.bytes,
        tcp: false,
        client: p.client,
        flow: p.flow,
        seq: p.seq,
        sentAt: p.sentAt,
        vm: v.vm,
      });
      this.guestSend(reply, v.vm);
      return;
    }
    const app = this.apps[v.vm];
    if (app) {
      this.appPackets[v.vm] = (this.appPackets[v.vm] ?? 0) + 1;
      app(p, now);
    } else {
      this.ledger.deliver(p);
    }
  }

  /**
   * The guest kernel queues a datagram on the receiver's socket, or drops it when the socket is
   * over its buffer (__udp_enqueue_schedule_skb refuses once the charged truesize passes
   * sk_rcvbuf); the application reads it when the guest next runs user space.
   */
  private toSocket(v: Vcpu, p: Packet): void {
    const held = this.socketBytes[v.vm] ?? 0;
    if (held > SOCKET_RCVBUF) return this.ledger.drop(p, DropReason.SocketBufferFull);
    this.socketBytes[v.vm] = held + NETFRONT_RX_TRUESIZE;
    const read = Math.max(1, this.costs.udpUs - KERNEL_UDP_US);
    // Queued from the vCPU's own job completion: the scheduler sees the read when it re-plans.
    this.workOf(v).reads.push(
      read,
      (now) => {
        this.socketBytes[v.vm] =
          (this.socketBytes[v.vm] ?? NETFRONT_RX_TRUESIZE) - NETFRONT_RX_TRUESIZE;
        this.ledger.deliver(p);
        this.onUdpRead(p, now);
      },
      p,
    );
  }

  private topUpBurners(now: Micros): void {
    if (!this.alive) return;
    for (const { v, b } of this.burners) if (b.accrue(BURNER_PERIOD)) this.scheduler.workArrived(v);
    this.sim.at((now + BURNER_PERIOD) as Micros, (t) => this.topUpBurners(t));
  }
}
