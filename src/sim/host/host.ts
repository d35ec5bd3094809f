import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import { bps, us, type Micros } from '../engine/units';
import { onWireBytes } from '../net/ethernet';
import { NicPort } from '../net/nic';
import { DropReason, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { DEFAULT_TX_QUEUE_LEN, GUEST_TX_LIMIT, nicTxLimit } from '../net/queue-limits';
import { Dom0Workload } from './dom0-workload';
import { addGuests } from './guest-vcpus';
import { NicReceive } from './nic-receive';
import { UdpSockets } from './udp-sockets';
import { CpuScheduler } from './scheduler';
import * as guest from './guest-costs';
import type { GuestCosts } from './guest-costs';
import { schedulerPolicy } from './scheduler-policy';
import { VSlicerPolicy } from './vslicer-policy';
import type { HostParams } from './params';
import { guestCores } from './placement';
import { Vcpu } from './vcpu';
import type { VmSlots } from './vm-params';
import type { VmWorkload } from './workload';
import { HostBurners } from './host-burners';

export type { GuestCosts } from './guest-costs';
export { BURNER_PERIOD, RX_RING_SLOTS, VM_DOM0, VM_VOIP, type OutputStage } from './host-constants';
import * as c from './host-constants';
import type { OutputStage } from './host-constants';

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
  readonly vms: (Vcpu | undefined)[];
  /** dom0's work: netback first, then the checkpoint tool (dom0-workload.ts). */
  readonly dom0Jobs = new Dom0Workload();
  /** Guests with a CPU burner (topped up every 1 ms while the host is up). */
  private readonly burners: HostBurners;
  /** The NIC's receive side: the LAN's queue towards it and the line. */
  readonly nicRx: NicPort;
  /** The NIC's transmit side (shared by the VoIP VM and the bulk senders). */
  readonly nicTx: NicPort;
  alive = true;
  crashedAt = Infinity;
  /** Each guest's packets waiting for netback (its netfront TX ring, then its qdisc), by VM id. */
  private readonly txPending: number[] = [];
  /** The guests' UDP receiver sockets (their buffers' limits). */
  private readonly sockets: UdpSockets;

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
  private readonly ownVms: Set<number>;

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
    this.dom0 = new Vcpu(c.VM_DOM0, 'dom0', 256, 0, this.dom0Jobs);
    this.scheduler.add(this.dom0);
    policy.add(this.dom0);
    const guests = addGuests(params, vmSlots, standby, this.scheduler, policy);
    this.vms = guests.vms;
    this.ownVms = guests.own;
    this.vslicer?.finalize(this.scheduler.all);
    this.dom0Jobs.netback.onPacket = (kind, p, now) => this.netbackDone(kind, p, now);
    this.sockets = new UdpSockets(ledger);
    for (const v of this.guests()) {
      this.workOf(v).packets.onPacket = (_kind, p, now) => this.serve(v, p, now);
      this.workOf(v).reads.onPacket = (_kind, p, now) => this.socketRead(v, p, now);
    }
    this.burners = new HostBurners(sim, this.scheduler, guests.burners);
    this.burners.start();
    const rate = bps(nicGbps * 1e9);
    // Inbound, frames wait for the host's line in the LAN's last hop (a port with Linux's default
    // txqueuelen); outbound, in the driver domain's qdisc and then the NIC's TX ring.
    this.nicRx = new NicPort(sim, rate, DEFAULT_TX_QUEUE_LEN);
    const irqGap = rxInterruptRate > 0 ? Math.round(1_000_000 / rxInterruptRate) : 0;
    this.rx = new NicReceive(sim, ledger, this.nicRx, rate, irqGap, (p) =>
      this.dom0Packet(c.NETBACK_RX, p),
    );
    this.nicTx = new NicPort(sim, rate, nicTxLimit(qdiscPackets));
  }

  /** The VoIP VM (vm1). */
  get voip(): Vcpu {
    return this.vms[c.VM_VOIP] as Vcpu;
  }

  /** Guest `k`'s vCPU on this host (a replica or standby copy counts). */
  vm(k: number): Vcpu | undefined {
    return this.vms[k];
  }

  /** Packets vm1's application handled (the dirty-page model's count for the classic VoIP VM). */
  get guestPackets(): number {
    return this.appPackets[c.VM_VOIP] ?? 0;
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
    const v = this.vms[c.VM_VOIP];
    return v ? this.workOf(v).packets.length : 0;
  }

  /** The NIC's receive side: inbound heap, moderated interrupts, RX descriptors (nic-receive.ts). */
  private readonly rx: NicReceive;

  /** Most received frames that waited for dom0 at once (≤ NIC_RX_DESCRIPTORS). */
  get peakRxPending(): number {
    return this.rx.peakPending;
  }

  /**
   * A packet sent now reaches this host's NIC at `at` (≥ now): an entry in the NIC's inbound heap
   * until a (moderated) interrupt hands it to netback with what else has landed (ADR 0021).
   */
  receiveAt(p: Packet, at: number): void {
    if (!this.alive) return this.ledger.drop(p, DropReason.HostDown);
    this.rx.arrive(p, at);
  }

  /** A guest sends a packet: netfront → netback (dom0 CPU) → output stage (VoIP VM) → NIC. */
  guestSend(p: Packet, fromVm = c.VM_VOIP): void {
    if (!this.alive) return this.ledger.drop(p, DropReason.HostCrash);
    const epoch = this.epochs[fromVm];
    if (epoch) p.epoch = epoch();
    const pending = this.txPending[fromVm] ?? 0;
    if (pending >= GUEST_TX_LIMIT) return this.ledger.drop(p, DropReason.GuestTxFull);
    this.txPending[fromVm] = pending + 1;
    this.dom0Packet(c.NETBACK_TX + fromVm, p);
  }

  /** Netback has done a packet's work: a received frame goes to its guest, a sent one on to the NIC. */
  private netbackDone(kind: number, p: Packet, now: Micros): void {
    if (kind === c.NETBACK_RX) {
      this.rx.done();
      return this.deliverToGuest(p);
    }
    const fromVm = kind - c.NETBACK_TX;
    this.txPending[fromVm] = (this.txPending[fromVm] ?? 1) - 1;
    const stage = this.outputStages[fromVm];
    if (stage) stage(p, now, this.toWireFn);
    else this.toWire(p);
  }

  /** `toWire`, bound once (the output stage's release path). */
  private readonly toWireFn = (q: Packet): void => this.toWire(q);

  /** Packets a guest has sent that netback has not taken yet (ring and qdisc; ≤ GUEST_TX_LIMIT). */
  txPendingOf(vm: number): number {
    return this.txPending[vm] ?? 0;
  }

  /** Queues netback CPU work on dom0 (a packet through netback, or a batch of bulk frames). */
  dom0Work(cost: number, p: Packet | undefined, done: (now: Micros) => void): void {
    if (!this.alive) return;
    const preempts = this.beforeNetback();
    this.dom0Jobs.netback.push(cost, done, p);
    this.afterNetback(preempts);
  }

  /** Queues one packet's netback work on dom0: `netbackDone(kind, p)` when it is done (no closure per packet). */
  private dom0Packet(kind: number, p: Packet): void {
    if (!this.alive) return;
    const preempts = this.beforeNetback();
    this.dom0Jobs.netback.pushPacket(this.params.dom0PacketCostUs, kind, p);
    this.afterNetback(preempts);
  }

  /** Netback preempts the checkpoint tool inside dom0: the running background job is charged up to now. */
  private beforeNetback(): boolean {
    const q = this.dom0Jobs;
    const preempts = q.netback.length === 0 && q.background.length > 0;
    if (preempts) this.scheduler.settle(this.dom0);
    return preempts;
  }

  /** …and the scheduler re-plans the vCPU's current job (or wakes dom0). */
  private afterNetback(preempted: boolean): void {
    if (preempted) this.scheduler.workArrived(this.dom0);
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
    this.burners.stop();
    const lost = (p: Packet) => this.ledger.drop(p, DropReason.HostCrash);
    this.dom0Jobs.clear(lost);
    this.rx.crash(now);
    this.txPending.length = 0;
    this.sockets.clear();
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
    // The host runs on: what the guest had queued is lost with the guest, not the host.
    const lost = (p: Packet) => this.ledger.drop(p, DropReason.VmDown);
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
    this.burners.start();
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
    if (!v) return this.ledger.drop(p, DropReason.HostDown);
    if (v.state === 'offline') return this.ledger.drop(p, DropReason.VmDown);
    const ring = this.workOf(v).packets;
    if (ring.length >= c.RX_RING_SLOTS) return this.ledger.drop(p, DropReason.RingFull);
    const cost = guest.guestCostOf(p, this.costs);
    this.scheduler.settle(v);
    ring.pushPacket(cost, 0, p);
    this.scheduler.workArrived(v);
  }

  /** Where the UDP probe's receiver hears of datagrams its application read. */
  onUdpRead: (p: Packet, now: Micros) => void = () => undefined;

  /** The guest has spent its CPU on `p`: the VoIP application, a probe service, or the kernel's echo reply. */
  private serve(v: Vcpu, p: Packet, now: Micros): void {
    if (p.kind === PacketKind.Udp) return this.toSocket(v, p);
    const answer = guest.guestReplyTo(this.ledger, p, v.vm, this.costs);
    if (answer) {
      this.ledger.deliver(p);
      return this.guestSend(answer, v.vm);
    }
    if (p.kind === PacketKind.Icmp) {
      this.ledger.deliver(p);
      return this.guestSend(guest.echoReply(this.ledger, p, v.vm), v.vm);
    }
    const app = this.apps[v.vm];
    if (app) {
      this.appPackets[v.vm] = (this.appPackets[v.vm] ?? 0) + 1;
      app(p, now);
    } else {
      this.ledger.deliver(p);
    }
  }

  /** A datagram for a guest's UDP socket; the application reads it when the guest next runs user space. */
  private toSocket(v: Vcpu, p: Packet): void {
    if (!this.sockets.enqueue(v.vm, p)) return;
    // Queued from the vCPU's own job completion: the scheduler sees the read when it re-plans.
    this.workOf(v).reads.pushPacket(Math.max(1, this.costs.udpUs - guest.KERNEL_UDP_US), 0, p);
  }

  /** The application has read datagram `p`. */
  private socketRead(v: Vcpu, p: Packet, now: Micros): void {
    this.sockets.read(v.vm);
    this.ledger.deliver(p);
    this.onUdpRead(p, now);
  }
}
