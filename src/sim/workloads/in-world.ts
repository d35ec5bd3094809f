import type { Simulator } from '../engine/simulator';
import { ms, sec, type Micros } from '../engine/units';
import type { GuestServer } from '../host/guest-costs';
import type { Host } from '../host/host';
import type { DelayLink } from '../net/link';
import { PacketKind, type Packet, type PacketLedger } from '../net/packet';
import { TcpTransfer } from '../probes/tcp-transfer';
import { round } from '../results/round';
import type { Scenario } from '../scenario/scenario';
import { HttperfClients, type HttperfStats } from './httperf';
import { TcpMediaStream, UdpMediaStream } from './media-stream';
import { TcpMediaUpload } from './media-upload';
import {
  activeWorkloads,
  isWorkloadClient,
  slotOfClient,
  workloadClient,
  workloadStartUs,
  type WorkloadKind,
  type WorkloadSlot,
} from './slots';
import type { StreamStats } from './stream-receiver';
import { WorkloadMeter, type DoneClock, type WorkloadTotals } from './workload-meter';
import { TraceKind, type TraceRecorder } from '../engine/trace';
import { TcpListener, type ListenerStats } from './tcp-listener';

/** One workload's results (summary key `workloads`, one entry per active slot). */
export interface WorkloadSummary {
  slot: number;
  kind: WorkloadKind;
  vm: number;
  stream?: StreamStats;
  web?: HttperfStats & ListenerStats;
  transfer?: {
    segments: number;
    completionMs: number | null;
    throughputMbps: number;
    retransmissions: number;
    timeouts: number;
  };
}

/** The same object with every number rounded to 3 decimals (summaries are compared as JSON). */
function rounded<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'number' ? round(v, 3) : v;
  return out as T;
}

/** What the world gives the workloads once its links exist. */
export interface WorkloadWiring {
  /** The host running VM `k` now. */
  readonly hostOf: (k: number) => Host | undefined;
  /** A LAN link named `name` (its own random stream), and one with `extraUs` more one-way delay. */
  readonly link: (name: string, extraUs?: number) => DelayLink;
  /** Sends `p` over `l` to the host that owns its VM. */
  readonly toService: (l: DelayLink, p: Packet) => void;
}

/** Where a running workload marks its units done. */
function clockOf(r: Running): DoneClock {
  if ('web' in r) return r.web.clock;
  if ('transfer' in r) return r.transfer.clock;
  return ('udp' in r ? r.udp.rx : 'tcp' in r ? r.tcp.rx : r.upload.rx).clock;
}

/** A running workload's totals for its meter (workload-meter.ts). */
function totalsOf(r: Running): WorkloadTotals {
  if ('web' in r)
    return {
      good: r.web.counts.replies,
      bad: r.web.counts.timeouts,
      latencySumUs: r.web.replySumUs,
      doneAtUs: NaN,
    };
  if ('transfer' in r)
    return {
      good: r.transfer.acked,
      bad: r.transfer.retransmissions,
      latencySumUs: 0,
      doneAtUs: r.transfer.doneAtUs,
    };
  const rx = 'udp' in r ? r.udp.rx : 'tcp' in r ? r.tcp.rx : r.upload.rx;
  const t = rx.totals();
  // A TCP stream loses nothing for good: what it pays instead is segments sent again.
  const bad = 'udp' in r ? t.lost : rx.retransmissions;
  return { good: t.received, bad, latencySumUs: t.delaySumUs, doneAtUs: NaN };
}

type Running =
  | { slot: number; w: WorkloadSlot; udp: UdpMediaStream; down: DelayLink }
  | { slot: number; w: WorkloadSlot; tcp: TcpMediaStream; down: DelayLink }
  | { slot: number; w: WorkloadSlot; upload: TcpMediaUpload; down: DelayLink }
  | { slot: number; w: WorkloadSlot; web: HttperfClients; listener: TcpListener; down: DelayLink }
  | { slot: number; w: WorkloadSlot; transfer: TcpTransfer; down: DelayLink };

/**
 * The scenario's workloads w1 … w8 in a world (issue 11 item 5). Built before the hosts (its
 * guest-side server joins the hosts' guest costs), started once the LAN exists. The world hands
 * it the packets of its clients: `egress` (from a VM), `onUdpRead` (a VM's application read a
 * datagram) and `dropped`.
 */
export class WorldWorkloads implements GuestServer {
  private readonly slots: { slot: number; w: WorkloadSlot }[];
  private readonly running: (Running | undefined)[] = [];
  private readonly listeners: (TcpListener | undefined)[] = [];

  constructor(
    private readonly s: Scenario,
    private readonly sim: Simulator,
    private readonly ledger: PacketLedger,
    private readonly end: Micros,
    /** Where the workloads' progress per 100 ms goes (TraceKind.Workload, workload-meter.ts). */
    private readonly trace: TraceRecorder,
  ) {
    this.slots = activeWorkloads(s.workloads);
    for (const { slot, w } of this.slots)
      if (w.kind === 'web')
        this.listeners[slot] = new TcpListener(ledger, w.backlog, w.replyKB * 1024, w.costUs);
  }

  /** Whether any workload is set. */
  get any(): boolean {
    return this.slots.length > 0;
  }

  /** The guest-side server, when a web or TCP-stream workload needs one. */
  get server(): GuestServer | undefined {
    return this.slots.some((x) => x.w.kind === 'web' || x.w.kind === 'stream-tcp')
      ? this
      : undefined;
  }

  owns(p: Packet): boolean {
    if (!isWorkloadClient(p.client)) return false;
    const w = this.s.workloads?.[`w${slotOfClient(p.client)}`];
    const k = w?.kind;
    // A TCP stream's guest end: the ACKs of what it sends, or the segments it receives.
    const tcpIn = w?.direction === 'to-vm' ? PacketKind.TcpData : PacketKind.TcpAck;
    return (
      (k === 'web' && p.kind === PacketKind.HttpRequest) || (k === 'stream-tcp' && p.kind === tcpIn)
    );
  }

  costOf(p: Packet): number {
    const r = this.running[slotOfClient(p.client)];
    if (r && 'tcp' in r) return r.tcp.ackCostUs;
    if (r && 'upload' in r) return r.upload.segmentCostUs;
    return this.listeners[slotOfClient(p.client)]?.costOf(p) ?? 1;
  }

  reply(p: Packet, vm: number): Packet | undefined {
    const r = this.running[slotOfClient(p.client)];
    if (r && 'tcp' in r) {
      r.tcp.ack(p.seq);
      return undefined;
    }
    if (r && 'upload' in r) return r.upload.segment(p, this.sim.now);
    return this.listeners[slotOfClient(p.client)]?.handle(p, vm);
  }

  /** Starts every workload at its time. */
  start(x: WorkloadWiring): void {
    for (const { slot, w } of this.slots) {
      const start = Math.round(workloadStartUs(w)) as Micros;
      const client = workloadClient(slot);
      const name = `workload:w${slot}`;
      const up = x.link(`${name}:up`, w.kind === 'transfer' ? ms(w.wanDelayMs) : 0);
      const down = x.link(`${name}:down`, w.kind === 'transfer' ? ms(w.wanDelayMs) : 0);
      const send = (p: Packet) => x.toService(up, p);
      const setup = {
        sim: this.sim,
        ledger: this.ledger,
        vm: w.target,
        client,
        payloadBytes: w.bytes,
        rate: w.rate,
        start,
        end: this.end,
      };
      const hostOf = () => x.hostOf(w.target);
      if (w.kind === 'stream-udp') {
        const toVm = w.direction === 'to-vm';
        this.running[slot] = {
          slot,
          w,
          udp: new UdpMediaStream(setup, toVm, w.costUs, send, hostOf),
          down,
        };
      } else if (w.kind === 'stream-tcp' && w.direction === 'to-vm') {
        this.running[slot] = { slot, w, upload: new TcpMediaUpload(setup, w.costUs, send), down };
      } else if (w.kind === 'stream-tcp') {
        this.running[slot] = {
          slot,
          w,
          tcp: new TcpMediaStream(setup, w.costUs, hostOf, send),
          down,
        };
      } else if (w.kind === 'web') {
        const web = new HttperfClients(
          this.sim,
          this.ledger,
          {
            vm: w.target,
            client,
            rate: w.rate,
            rateEnd: w.rateEnd,
            requestBytes: w.bytes,
            timeout: sec(w.timeoutS),
          },
          start,
          this.end,
          send,
        );
        const listener = this.listeners[slot] as TcpListener;
        this.running[slot] = { slot, w, web, listener, down };
      } else if (w.kind === 'transfer') {
        const params = { target: w.target, windowKB: w.windowKB, transferKB: w.sizeKB };
        const transfer = new TcpTransfer(
          this.sim,
          this.ledger,
          params,
          start,
          this.end,
          send,
          client,
        );
        this.running[slot] = { slot, w, transfer, down };
      }
    }
    const metered = this.running.filter((r): r is Running => r !== undefined);
    // Its start, so a story can count a wait from it (one that starts during an outage).
    for (const r of metered)
      this.sim.at(Math.round(workloadStartUs(r.w)) as Micros, (t) =>
        this.trace.add(t, TraceKind.WorkloadStart, r.slot),
      );
    const first = Math.round(Math.min(...metered.map((r) => workloadStartUs(r.w))));
    new WorkloadMeter(
      this.sim,
      this.trace,
      metered.map((r) => ({ slot: r.slot, totals: () => totalsOf(r), clock: clockOf(r) })),
      first as Micros,
      this.end,
    );
  }

  /**
   * A packet leaves a VM's host on the wire at `leaves`; true when it was a workload's. `lost`
   * drops it (and says so) when its host crashed before it left.
   */
  egress(p: Packet, leaves: Micros, lost: (q: Packet) => boolean): boolean {
    if (!isWorkloadClient(p.client)) return false;
    const r = this.running[slotOfClient(p.client)];
    if (!r) return false;
    r.down.send(
      p,
      (q, now) => {
        if (lost(q)) return;
        if ('transfer' in r) return r.transfer.onAck(q, now);
        this.ledger.deliver(q);
        if ('upload' in r) return r.upload.ack(q.seq);
        if ('web' in r) r.web.onSegment(q, now);
        else if ('udp' in r) r.udp.arrive(q, now);
        else r.tcp.arrive(q, now);
      },
      leaves,
    );
    return true;
  }

  /** A VM's application read datagram `p` (delivered already); true when it was a workload's. */
  onUdpRead(p: Packet, now: Micros): boolean {
    if (!isWorkloadClient(p.client)) return false;
    const r = this.running[slotOfClient(p.client)];
    if (r && 'udp' in r) r.udp.arrive(p, now);
    return true;
  }

  /** A packet was dropped somewhere: a UDP stream's receiver counts it lost. */
  dropped(p: Packet): void {
    if (!isWorkloadClient(p.client) || p.kind !== PacketKind.Udp) return;
    const r = this.running[slotOfClient(p.client)];
    if (r && 'udp' in r) r.udp.dropped();
  }

  /** Results of every workload (undefined without any, so summaries stay as they were). */
  summary(now: number): WorkloadSummary[] | undefined {
    if (!this.any) return undefined;
    const out: WorkloadSummary[] = [];
    for (const r of this.running) {
      if (!r) continue;
      const base = { slot: r.slot, kind: r.w.kind, vm: r.w.target };
      if ('udp' in r) out.push({ ...base, stream: rounded(r.udp.rx.stats()) });
      else if ('tcp' in r) out.push({ ...base, stream: rounded(r.tcp.rx.stats()) });
      else if ('upload' in r) out.push({ ...base, stream: rounded(r.upload.rx.stats()) });
      else if ('web' in r)
        out.push({ ...base, web: rounded({ ...r.web.stats(now), ...r.listener.stats }) });
      else {
        const t = r.transfer.stats();
        out.push({
          ...base,
          transfer: rounded({
            segments: t.segments,
            completionMs: t.completionMs,
            throughputMbps: t.throughputMbps,
            retransmissions: t.retransmissions,
            timeouts: t.timeouts,
          }),
        });
      }
    }
    return out;
  }
}
