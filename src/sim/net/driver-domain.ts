import type { Simulator } from '../engine/simulator';
import { TraceKind, type TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import { allocate, type SlaDemand, type VmAllocation } from './dba-vm';
import type { NicPort } from './nic';
import type { NicParams } from './nic-params';
import { NETIF_RING_SLOTS } from './queue-limits';
import { TokenBucket } from './token-bucket';

/** Where a bulk packet was dropped. */
export const DropPlace = { NetfrontLimit: 1, RingFull: 2, Tc: 3, Qdisc: 4 } as const;
export const DROP_PLACE_NAMES = ['', 'netfront-limit', 'ring-full', 'tc', 'qdisc'] as const;

/** Xen netif TX ring: 256 slots (io/netif.h). */
const TX_RING = NETIF_RING_SLOTS;
/** DRR quantum of netback time per visit (µs): larger than any one packet's cost. */
const QUANTUM = 50;
/** Statistics bin (µs). */
const BIN = ms(100);
/**
 * Frames per netback poll: NAPI weight 64 (XENVIF_NAPI_WEIGHT, drivers/net/xen-netback/interface.c,
 * Linux 3.x–4.x). One poll is one dom0 job.
 */
export const NETBACK_BATCH = 64;

/** One VM's bulk sender and its vif. */
export interface BulkSource {
  readonly vm: number;
  readonly offeredBps: number;
  readonly frameBytes: number;
  readonly sla: {
    readonly maxBps: number;
    readonly maxPps: number;
    readonly minBps: number;
    readonly priority: number;
  };
}

/** Counters of one vif (packets). offered = admitted + netfront-limit + ring-full drops; admitted = copied + in ring (+ one in the copy); copied = tc + qdisc drops + sent + on the NIC. */
export interface VifCounters {
  offered: number;
  admitted: number;
  copied: number;
  /** Taken from the ring and not yet handed on: in the copy or waiting for dom0's netback poll. */
  copying: number;
  onNic: number;
  sent: number;
  sentBits: number;
  drops: [number, number, number, number, number];
  ring: number;
}

interface Vif extends VifCounters {
  readonly src: BulkSource;
  readonly wire: number;
  readonly memCost: number;
  readonly offeredPerUs: number;
  pending: number;
  lastFill: number;
  deficit: number;
  limitBps: TokenBucket | undefined;
  limitPps: TokenBucket | undefined;
  readonly shaper: TokenBucket | undefined;
  bin: { bits: number; pkts: number; drops: number[] };
  /** Counters at the start of the measured span. */
  mark: { sent: number; sentBits: number; offered: number };
}

/**
 * The driver domain's transmit path for bulk traffic: each VM's saturating UDP sender fills its
 * netfront TX ring (arrivals and the drops of a full ring are counted, not simulated one by one);
 * DBA-VM limits at the netfront, before the copy; netback moves packets through the memory bus, a
 * single server shared by deficit round robin, each packet costing a + b·frame bytes of memory
 * time — the host's packet-rate ceiling; the dom0 CPU of each packet is netback work on dom0's
 * vCPU in the scheduler, one job per poll of up to 64 frames (the same queue the VoIP packets'
 * netback work takes, so bulk traffic delays them), and the next poll starts when both the copies
 * and dom0's job are done, so the CPU is the ceiling when it is the slower. tc shapes after the copy, so its
 * drops have cost both; the driver-domain queue feeds the NIC at line rate.
 */
export class DriverDomain {
  private readonly vifs: Vif[];
  private cursor = 0;
  private busy = false;
  /** Memory-bus clock in fractional µs while busy. */
  private clock = 0;
  private wakeToken = 0;
  /** The netback poll under way: its frames, those still to copy, and whether dom0 has done its part. */
  private poll: {
    size: number;
    left: number;
    copiedN: number;
    /** Copied frames waiting for dom0 to finish the poll's work. */
    waiting: Vif[];
    cpuDone: boolean;
  } = { size: 0, left: 0, copiedN: 0, waiting: [], cpuDone: true };
  memBusy = 0;
  private memMark = 0;
  /** Driver-domain CPU spent on bulk packets, µs (summed over its cores). */
  cpuBusy = 0;
  private cpuMark = 0;
  private markAt = 0;
  allocations: VmAllocation[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly trace: TraceRecorder,
    private readonly nic: NicPort,
    private readonly params: NicParams,
    sources: readonly BulkSource[],
    private readonly lineBps: number,
    private readonly end: Micros,
    /** Driver-domain CPU per packet, µs (host.dom0PacketCostUs). */
    private readonly cpuCost: number,
    /** Queues netback work on dom0's vCPU (Host.dom0Work); `done` runs when dom0 has done it. */
    private readonly dom0: (cost: number, done: (now: Micros) => void) => void,
  ) {
    this.vifs = sources.map((src) => {
      const wire = src.frameBytes + 20;
      const memCost = params.memBaseUs + (params.memPerByteNs * src.frameBytes) / 1000;
      return {
        src,
        wire,
        memCost,
        offeredPerUs: src.offeredBps / (wire * 8) / 1e6,
        pending: 0,
        lastFill: 0,
        deficit: QUANTUM,
        limitBps: undefined,
        limitPps: undefined,
        shaper:
          params.txPolicy === 'tc'
            ? new TokenBucket(
                src.sla.maxBps / 1e6,
                Math.max(wire * 8 * 4, src.sla.maxBps / 1000),
                0,
              )
            : undefined,
        offered: 0,
        admitted: 0,
        copied: 0,
        copying: 0,
        onNic: 0,
        sent: 0,
        sentBits: 0,
        drops: [0, 0, 0, 0, 0],
        ring: 0,
        bin: { bits: 0, pkts: 0, drops: [0, 0, 0, 0, 0] },
        mark: { sent: 0, sentBits: 0, offered: 0 },
      };
    });
    if (params.txPolicy === 'dba') this.readjust(0 as Micros);
    sim.after(0, (now) => this.serve(now));
    sim.after(BIN, (now) => this.flushBin(now));
  }

  /** Starts the measurement window (rates in the summary count from here). */
  markWindow(now: number): void {
    this.markAt = now;
    this.memMark = this.memBusy;
    this.cpuMark = this.cpuBusy;
    for (const v of this.vifs) v.mark = { sent: v.sent, sentBits: v.sentBits, offered: v.offered };
  }

  /** Per-VM results over the measured span. */
  results(now: number): {
    vm: number;
    offeredMbps: number;
    sentMbps: number;
    sentKpps: number;
    counters: VifCounters;
  }[] {
    const span = Math.max(1, now - this.markAt) / 1e6;
    return this.vifs.map((v) => ({
      vm: v.src.vm,
      offeredMbps: ((v.offered - v.mark.offered) * v.wire * 8) / span / 1e6,
      sentMbps: (v.sentBits - v.mark.sentBits) / span / 1e6,
      sentKpps: (v.sent - v.mark.sent) / span / 1000,
      counters: {
        offered: v.offered,
        admitted: v.admitted,
        copied: v.copied,
        copying: v.copying,
        onNic: v.onNic,
        sent: v.sent,
        sentBits: v.sentBits,
        drops: [...v.drops],
        ring: v.ring,
      },
    }));
  }

  /** Memory-bus utilisation over the window, 0–1. */
  memUtilisation(now: number): number {
    return (this.memBusy - this.memMark) / Math.max(1, now - this.markAt);
  }

  /** Driver-domain CPU on the bulk path over the window, 0–1 of its netback cores. */
  cpuUtilisation(now: number): number {
    return (
      (this.cpuBusy - this.cpuMark) / Math.max(1, now - this.markAt) / this.params.driverDomainCores
    );
  }

  /** Frames on the NIC (for conservation checks). */
  get onNic(): number {
    return this.nic.queued;
  }

  /** Arrivals since the last visit enter the ring through the netfront limiter (DBA-VM). */
  private fill(v: Vif, now: number): void {
    const arrivals = v.pending + v.offeredPerUs * (now - v.lastFill);
    const n = Math.floor(arrivals);
    v.pending = arrivals - n;
    v.lastFill = now;
    if (n === 0) return;
    v.offered += n;
    let k = n;
    if (v.limitBps && v.limitPps) {
      k = Math.min(
        n,
        Math.floor(v.limitPps.level(now)),
        Math.floor(v.limitBps.level(now) / (v.wire * 8)),
      );
      if (k > 0) {
        v.limitPps.take(now, k);
        v.limitBps.take(now, k * v.wire * 8);
      }
      this.drop(v, DropPlace.NetfrontLimit, n - k);
    }
    const adm = Math.min(k, TX_RING - v.ring);
    v.ring += adm;
    v.admitted += adm;
    this.drop(v, DropPlace.RingFull, k - adm);
  }

  private drop(v: Vif, place: number, count: number): void {
    if (count <= 0) return;
    v.drops[place] = (v.drops[place] as number) + count;
    v.bin.drops[place] = (v.bin.drops[place] as number) + count;
  }

  /**
   * Netback: one poll at a time takes up to 64 frames from the rings; the memory bus copies them
   * one per event, chosen by deficit round robin over the vifs in memory time, while dom0 does the
   * poll's CPU work. The lab's one dom0 vCPU stands for the driver domain's `driverDomainCores`
   * netback threads, so a poll of k frames takes k·cpu/cores of it. The poll ends when both are
   * done: one frame per max(mem, cpu/cores) at saturation, the slower of the bus and the CPU.
   */
  private serve(now: number): void {
    if (!this.busy) this.clock = now;
    const t = this.clock;
    if (this.poll.size === 0 && !this.startPoll(t)) return this.sleep(t);
    if (this.poll.left === 0) {
      this.busy = false; // every frame of the poll is copied: wait for dom0's part
      return;
    }
    const n = this.vifs.length;
    for (let tries = 0; tries <= n; tries++) {
      const v = this.vifs[this.cursor] as Vif;
      this.fill(v, t);
      if (v.ring > 0 && v.deficit >= v.memCost) {
        v.deficit -= v.memCost;
        v.ring--;
        v.copying++;
        this.poll.left--;
        this.busy = true;
        this.memBusy += v.memCost;
        this.clock = t + v.memCost;
        const done = this.clock;
        this.sim.at(Math.ceil(done) as Micros, () => {
          const poll = this.poll;
          poll.copiedN++;
          // A frame goes on once it is copied and dom0 has done the poll's work.
          if (poll.cpuDone) this.copied(v, done);
          else poll.waiting.push(v);
          if (poll.left > 0) this.serve(done);
          else {
            this.busy = false;
            this.endPoll(done);
          }
        });
        return;
      }
      if (v.ring === 0) v.deficit = 0;
      this.cursor = (this.cursor + 1) % n;
      (this.vifs[this.cursor] as Vif).deficit += QUANTUM;
    }
    this.sleep(t);
  }

  /** Starts a poll of what the rings hold (≤ 64 frames) and queues its CPU on dom0; false if none. */
  private startPoll(t: number): boolean {
    let k = 0;
    for (const v of this.vifs) {
      this.fill(v, t);
      k += v.ring;
    }
    k = Math.min(k, NETBACK_BATCH);
    if (k === 0) return false;
    const poll = { size: k, left: k, copiedN: 0, waiting: [] as Vif[], cpuDone: false };
    this.poll = poll;
    this.cpuBusy += k * this.cpuCost;
    this.dom0((k * this.cpuCost) / this.params.driverDomainCores, (now) => {
      poll.cpuDone = true;
      for (const v of poll.waiting) this.copied(v, now);
      poll.waiting = [];
      this.endPoll(now);
    });
    return true;
  }

  /** The poll is over once dom0 has done its work and the bus its copies: the next one may start. */
  private endPoll(now: number): void {
    const poll = this.poll;
    if (!poll.cpuDone || poll.copiedN < poll.size) return;
    this.poll = { size: 0, left: 0, copiedN: 0, waiting: [], cpuDone: true };
    if (!this.busy) this.serve(Math.max(now, this.clock));
  }

  /** Nothing to copy: sleep until a vif can next admit a packet. */
  private sleep(t: number): void {
    this.busy = false;
    let wait = Infinity;
    for (const v of this.vifs) {
      if (v.offeredPerUs <= 0) continue;
      let w = (1 - v.pending) / v.offeredPerUs;
      if (v.limitPps && v.limitBps)
        w = Math.max(w, v.limitPps.waitFor(t, 1), v.limitBps.waitFor(t, v.wire * 8));
      wait = Math.min(wait, w);
    }
    if (!Number.isFinite(wait)) return;
    const token = ++this.wakeToken;
    const at = Math.max(Math.ceil(t + wait), this.sim.now + 1);
    if (at >= this.end) return;
    this.sim.at(at as Micros, (tt) => {
      if (token === this.wakeToken && !this.busy) this.serve(tt);
    });
  }

  /** dom0 has done a frame's netback work: tc (after the copy), the driver-domain queue, the NIC. */
  private copied(v: Vif, t: number): void {
    v.copying--;
    v.copied++;
    if (v.shaper && !v.shaper.take(t, v.wire * 8)) return this.drop(v, DropPlace.Tc, 1);
    const queued = this.nic.sendWire(v.wire, () => {
      v.onNic--;
      v.sent++;
      v.sentBits += v.wire * 8;
      v.bin.bits += v.wire * 8;
      v.bin.pkts++;
    });
    if (!queued) return this.drop(v, DropPlace.Qdisc, 1);
    v.onNic++;
  }

  /** DBA-VM daemon: measure demand, allocate by SLA, set the netfront limiters. */
  private readjust(now: Micros): void {
    const period = ms(this.params.readjustMs);
    const demands: SlaDemand[] = this.vifs.map((v) => ({
      vm: v.src.vm,
      priority: v.src.sla.priority,
      minBps: v.src.sla.minBps,
      maxBps: v.src.sla.maxBps,
      maxPps: v.src.sla.maxPps,
      // A saturating sender's demand is its offered rate (what the daemon measures at the netfront).
      vifDemandBps: [v.src.offeredBps],
    }));
    this.allocations = allocate(this.lineBps, demands);
    this.allocations.forEach((a, i) => {
      const v = this.vifs[i] as Vif;
      const bps = a.vifBps[0] as number;
      const pps = a.vifPps[0] as number;
      v.limitBps = new TokenBucket(bps / 1e6, Math.max(v.wire * 8 * 4, bps / 1000), now);
      v.limitPps = new TokenBucket(pps / 1e6, Math.max(4, pps / 1000), now);
      this.trace.add(now, TraceKind.DbaAlloc, v.src.vm, bps, pps);
    });
    if (now + period < this.end) this.sim.at((now + period) as Micros, (t) => this.readjust(t));
  }

  private flushBin(now: Micros): void {
    for (const v of this.vifs) {
      this.trace.add(now - BIN, TraceKind.NicTx, v.src.vm, v.bin.bits, v.bin.pkts, v.ring);
      for (let place = 1; place <= 4; place++) {
        const c = v.bin.drops[place] as number;
        if (c > 0) this.trace.add(now - BIN, TraceKind.NicDrop, v.src.vm, place, c);
      }
      v.bin = { bits: 0, pkts: 0, drops: [0, 0, 0, 0, 0] };
    }
    if (now + BIN <= this.end) this.sim.at((now + BIN) as Micros, (t) => this.flushBin(t));
  }
}
