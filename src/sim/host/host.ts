import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import { bps, ms, us, type Micros } from '../engine/units';
import { NicPort } from '../net/nic';
import { DropReason, PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { CreditScheduler } from './credit-scheduler';
import type { HostParams } from './params';
import { Vcpu } from './vcpu';
import { Burner, JobQueue } from './workload';

/** Xen netif ring: 256 slots per 4 KiB page (io/netif.h). A full RX ring drops in the driver domain. */
export const RX_RING_SLOTS = 256;
/** Burner demand is topped up at this period (lookbusy's fine-grained duty cycle). */
const BURNER_PERIOD = ms(10);

/** VM ids: 0 is dom0, 1 the VoIP VM, 2.. the burners (the same on every host). */
export const VM_DOM0 = 0;
export const VM_VOIP = 1;

/** Where a guest's outbound packet goes after netback (the Remus output buffer hooks in here). */
export type OutputStage = (p: Packet, now: Micros, send: (p: Packet) => void) => void;

/**
 * A physical host: pCPUs under the credit scheduler, dom0 (the driver domain, which does the
 * netback work for every packet and the checkpoint copies), the VoIP VM with its RX ring, and
 * burner VMs on the VoIP VM's core. Packets: wire → NIC → dom0 → guest ring → guest CPU → app →
 * guest TX → dom0 → output stage → NIC → wire.
 */
export class Host {
  readonly scheduler: CreditScheduler;
  readonly dom0: Vcpu;
  readonly voip: Vcpu;
  readonly burners: Vcpu[] = [];
  private readonly dom0Jobs = new JobQueue();
  private readonly guestJobs = new JobQueue();
  private readonly nicRx: NicPort;
  private readonly nicTx: NicPort;
  alive = true;
  crashedAt = Infinity;
  /** Guest packets handled (for the dirty-page model). */
  guestPackets = 0;

  /** The guest application: gets each packet once the guest has spent its CPU on it, and delivers or drops it. */
  onGuestPacket: (p: Packet, now: Micros) => void = (p) => this.ledger.deliver(p);
  /** Where packets go when they leave the NIC. */
  egress: (p: Packet, now: Micros) => void = () => undefined;
  /** Output stage between netback and the NIC (identity unless replication buffers). */
  outputStage: OutputStage = (p, _now, send) => send(p);
  /** Called for every packet the NIC puts on the wire (the output-commit monitor). */
  onWire: (p: Packet, now: Micros) => void = () => undefined;
  /** Epoch stamped on the guest's output (−1 when unprotected). */
  currentEpoch: () => number = () => -1;

  constructor(
    private readonly sim: Simulator,
    trace: TraceRecorder,
    private readonly ledger: PacketLedger,
    private readonly params: HostParams,
    readonly id: number,
    voipOnline: boolean,
    nicGbps: number,
  ) {
    const cores = params.cores;
    const ownCore = params.dom0OwnCore && cores >= 2;
    const guestCore = ownCore ? 1 : 0;
    this.scheduler = new CreditScheduler(sim, trace, {
      cores,
      slice: ms(params.sliceMs),
      ctxSwitch: us(params.ctxSwitchUs),
      host: id,
    });
    this.dom0 = new Vcpu(VM_DOM0, 'dom0', 256, 0, this.dom0Jobs);
    this.voip = new Vcpu(VM_VOIP, 'voip', params.voipWeight, guestCore, this.guestJobs);
    this.scheduler.add(this.dom0);
    this.scheduler.add(this.voip, voipOnline);
    for (let i = 0; i < params.burners; i++) {
      const b = new Vcpu(
        VM_VOIP + 1 + i,
        `burner${i + 1}`,
        256,
        guestCore,
        new Burner(params.burnerUtilPct / 100),
      );
      this.burners.push(b);
      this.scheduler.add(b);
    }
    if (this.burners.length > 0) sim.after(0, (now) => this.topUpBurners(now));
    const rate = bps(nicGbps * 1e9);
    this.nicRx = new NicPort(sim, rate);
    this.nicTx = new NicPort(sim, rate);
  }

  /** Packets waiting in the VoIP VM's RX ring. */
  get ringOccupancy(): number {
    return this.guestJobs.length;
  }

  /** A packet arrives from the wire. */
  receive(p: Packet): void {
    if (!this.alive) return this.ledger.drop(p, DropReason.HostDown);
    this.nicRx.send(p, (q) => {
      if (!this.alive) return this.ledger.drop(q, DropReason.HostCrash);
      this.dom0Work(this.params.dom0PacketCostUs, q, () => this.deliverToGuest(q));
    });
  }

  /** The guest sends a packet: netfront → netback (dom0 CPU) → output stage → NIC. */
  guestSend(p: Packet): void {
    p.epoch = this.currentEpoch();
    this.dom0Work(this.params.dom0PacketCostUs, p, (now) =>
      this.outputStage(p, now, (q) => this.toWire(q)),
    );
  }

  /** Queues CPU work on dom0 (netback or checkpoint copies). */
  dom0Work(cost: number, p: Packet | undefined, done: (now: Micros) => void): void {
    if (!this.alive) return;
    this.dom0Jobs.push(cost, done, p);
    this.scheduler.wake(this.dom0);
  }

  /** The host crashes: everything it holds is lost. */
  crash(now: Micros): void {
    if (!this.alive) return;
    this.alive = false;
    this.crashedAt = now;
    this.scheduler.halt(now);
    this.dom0Jobs.clear((p) => this.ledger.drop(p, DropReason.HostCrash));
    this.guestJobs.clear((p) => this.ledger.drop(p, DropReason.HostCrash));
  }

  private deliverToGuest(p: Packet): void {
    if (this.voip.state === 'offline') return this.ledger.drop(p, DropReason.HostDown);
    if (this.guestJobs.length >= RX_RING_SLOTS) return this.ledger.drop(p, DropReason.RingFull);
    const cost = p.kind === PacketKind.Rtp ? this.params.relayCostUs : this.params.sipCostUs;
    this.guestJobs.push(
      cost,
      (now) => {
        this.guestPackets++;
        this.onGuestPacket(p, now);
      },
      p,
    );
    this.scheduler.wake(this.voip);
  }

  /** Puts a packet on the NIC towards the wire (also the release path of the output buffer). */
  toWire(p: Packet): void {
    if (!this.alive) return this.ledger.drop(p, DropReason.HostCrash);
    this.nicTx.send(p, (q, now) => {
      if (!this.alive) return this.ledger.drop(q, DropReason.HostCrash);
      this.onWire(q, now);
      this.egress(q, now);
    });
  }

  private topUpBurners(now: Micros): void {
    if (!this.alive) return;
    for (const b of this.burners) {
      if ((b.workload as Burner).accrue(BURNER_PERIOD)) this.scheduler.wake(b);
    }
    this.sim.at((now + BURNER_PERIOD) as Micros, (t) => this.topUpBurners(t));
  }
}
