import { HbEvent, SipEvent, TraceFlag, TraceKind, type TraceBatch } from '../../sim/engine/trace';
import { Narrator } from '../../sim/results/narrator';
import { SipMessages } from '../sip-ladder/sip-messages';
import { exchangeOf, registerRetransmission, registrarAnswer } from '../../sim/telephony/sip-trace';
import { grownTo } from '../../sim/engine/grow';
import { Buckets, StepMax } from './buckets';
import { f64, u32, type Column } from './column';
import { Slab } from './slab';
import { Silences } from './silences';
import { ProbeLosses } from './probe-losses';
import { WorkloadViews } from './workload-views';
import {
  bump,
  laneCols,
  rtpCols,
  type EpochView,
  type LaneCols,
  type RtpCols,
  type RtpSeries,
  type SliceLane,
} from './run-view-cols';

export type { EpochView, RtpSeries, SliceLane } from './run-view-cols';

/**
 * Detail records the page keeps for one run: CPU slices, output-buffer changes, RTP arrivals,
 * late packets and drops, at 12–20 bytes each in typed columns — at most ~160 MB. A 200-call
 * minute is 5.3 M such records; ten minutes would be 53 M (~1 GB), which froze the page. Past the
 * cap the detail stops (`keptUntilUs` says where), while the 1 ms buckets, the per-second counts,
 * the sparse lanes (epochs, heartbeats) and the worker's summary still cover the whole run.
 */
export const MAX_KEPT_RECORDS = 8_000_000;

/**
 * Views derived from the trace records, built incrementally as chunks arrive: typed columns, 1 ms
 * buckets and per-second counts, never an object per record. The worker sends records; everything
 * the UI draws is computed here, never in the model. Each series is derived by its own small
 * method, so one can change without touching the others.
 */
export class RunViews {
  /** What happened, in words (crash, detection, takeover, first media after it, first losses). */
  readonly story = new Narrator();
  readonly slices = new Map<number, SliceLane>();
  readonly epochs: EpochView[] = [];
  readonly pauses: number[] = [];
  /** Output buffer occupancy: each change (t, packets held), and its maximum per 1 ms bucket. */
  readonly buffer: { t: Float64Array; packets: Uint32Array; max: number } = {
    t: new Float64Array(0),
    packets: new Uint32Array(0),
    max: 0,
  };
  readonly bufferMax = new StepMax();
  readonly releases: { t: number; packets: number; rtp: number }[] = [];
  readonly rtp = new Map<number, RtpSeries>();
  /** Late packets (time, stream) in columns. */
  readonly late: { t: Float64Array; stream: Uint32Array } = {
    t: new Float64Array(0),
    stream: new Uint32Array(0),
  };
  /** Heartbeat lane events; `why` is the record's c (ResourceStopped: 1 no quorum, 2 failback, 3 standby). */
  readonly hb: { t: number; node: number; ev: number; flag: number; why: number }[] = [];
  /** Deployment events (TopoEvent: hosts down and up, VMs moving, links, protection), for the cluster map. */
  readonly topo: { t: number; entity: number; ev: number; b: number; c: number }[] = [];
  /** Live-migration records (MigEvent in ev; b and c as docs/trace.md says). */
  readonly migration: { t: number; ev: number; b: number; c: number }[] = [];
  /** Per simulated second: RTP packets that never arrived (by the second they were sent in) and late packets, over all streams. */
  readonly lossPerS: number[] = [];
  readonly latePerS: number[] = [];
  readonly sipPerS = {
    sent: [] as number[],
    retrans: [] as number[],
    ok: [] as number[],
    timeout: [] as number[],
  };
  /** RFC 3261 stack: a bit per REGISTER transaction whose 200 OK has been counted (10 000/s for an hour is 4.5 MB). */
  private registerOk = new Uint8Array(1024);
  /** SIP message copies of the RFC 3261 stack, for the ladder diagram. */
  readonly sipMessages = new SipMessages();
  /** Drops counted by reason (DropReason): an overloaded queue drops tens of thousands a second, too many to keep one object each. */
  readonly drops: number[] = [];
  /** Bulk transmit per VM, per 100 ms bin: on-wire Mb/s, kpkt/s and TX-ring occupancy at the bin's end. */
  readonly nic = new Map<number, { t: number[]; mbps: number[]; kpps: number[]; ring: number[] }>();
  /** Bulk drops per VM by place (index 1–4, see DROP_PLACE_NAMES). */
  readonly nicDrops = new Map<number, number[]>();
  /** DBA-VM allocations per VM over time. */
  readonly dba = new Map<number, { t: number[]; mbps: number[]; kpps: number[] }>();
  /** Ping round-trip times (ms) with their arrival time. */
  readonly ping = { t: [] as number[], rttMs: [] as number[] };
  /** Spans in which a service answered nobody (media, REGISTER, ping), for the outage bars. */
  readonly silences = new Silences();
  /** The web server's and UDP probe's lost packets in runs, for their outage bars. */
  readonly probeLosses = new ProbeLosses();
  /** The workloads' progress per second, latency per 100 ms and silences (Workload records). */
  readonly workloads = new WorkloadViews();
  /** Simulated time covered so far (µs). */
  simTimeUs = 0;
  /** Records received. */
  records = 0;
  /** Detail records kept (counted against MAX_KEPT_RECORDS). */
  kept = 0;
  /** Where the detail stops when the cap was reached (µs), else null. */
  keptUntilUs: number | null = null;

  private readonly laneCols = new Map<number, LaneCols>();
  private readonly rtpCols = new Map<number, RtpCols>();
  /** The buffers the streams' columns are carved from. */
  private readonly slab = new Slab();
  /** The lane and VM bucket of the last slice (consecutive slices mostly share them). */
  private lastLane: LaneCols | null = null;
  private lastBusy: Buckets | null = null;
  private lastBusyVm = -1;
  /** RTP streams with arrivals in the batch being folded (only their views need refreshing). */
  private readonly rtpTouched = new Set<RtpCols>();
  private readonly bufferCols = {
    t: f64({ max: MAX_KEPT_RECORDS }),
    packets: u32({ max: MAX_KEPT_RECORDS }),
  };
  private readonly lateCols = {
    t: f64({ max: MAX_KEPT_RECORDS }),
    stream: u32({ max: MAX_KEPT_RECORDS }),
  };

  /** `maxKept`: the cap on detail records (tests use a small one). */
  constructor(private readonly maxKept = MAX_KEPT_RECORDS) {}

  /** Folds one batch into the views. */
  add(b: TraceBatch, simTimeUs: number): void {
    this.simTimeUs = simTimeUs;
    this.records += b.count;
    this.story.add(b);
    for (let i = 0; i < b.count; i++) {
      const t = b.t[i] as number;
      const e = b.entity[i] as number;
      const a = b.a[i] as number;
      const bb = b.b[i] as number;
      const c = b.c[i] as number;
      switch (b.kind[i]) {
        case TraceKind.Slice:
          this.addSlice(t, e, a, bb, c);
          break;
        case TraceKind.Epoch:
          this.epochs.push({ suspend: t, resume: a, sent: bb, ack: c });
          break;
        case TraceKind.Pause:
          this.pauses.push(t);
          break;
        case TraceKind.Buffer:
          this.addBuffer(t, a);
          break;
        case TraceKind.Release:
          this.releases.push({ t, packets: a, rtp: bb });
          break;
        case TraceKind.RtpRx:
          this.silences.see('media', t);
          this.addRtp(t, e, a, bb, c);
          break;
        case TraceKind.RtpLost:
          // The engine's own count of packets that never arrived, placed when they went missing
          // (the second they were sent in), so the chart and the loss card agree and reordering
          // is no loss.
          bump(this.lossPerS, a * 1e6, bb);
          this.drops[e] = (this.drops[e] ?? 0) + bb;
          break;
        case TraceKind.RtpLate:
          this.addLate(t, e);
          break;
        case TraceKind.Hb:
          this.hb.push({ t, node: e, ev: a, flag: bb, why: c });
          break;
        case TraceKind.Topo:
          this.topo.push({ t, entity: e, ev: a, b: bb, c });
          break;
        case TraceKind.Migration:
          this.migration.push({ t, ev: a, b: bb, c });
          break;
        case TraceKind.Sip:
          if (a === SipEvent.Success) this.silences.see('sip', t);
          this.countSip(t, a);
          break;
        case TraceKind.PingDone:
          this.silences.stop('ping', t);
          break;
        case TraceKind.Ping:
          this.silences.see('ping', t, a);
          this.ping.t.push(t);
          this.ping.rttMs.push(bb / 1000);
          break;
        case TraceKind.NicTx:
          this.addNicTx(t, e, a, bb, c);
          break;
        case TraceKind.NicDrop: {
          let d = this.nicDrops.get(e);
          if (!d) this.nicDrops.set(e, (d = [0, 0, 0, 0, 0]));
          d[a] = (d[a] ?? 0) + bb;
          break;
        }
        case TraceKind.DbaAlloc: {
          let d = this.dba.get(e);
          if (!d) this.dba.set(e, (d = { t: [], mbps: [], kpps: [] }));
          d.t.push(t);
          d.mbps.push(a / 1e6);
          d.kpps.push(bb / 1000);
          break;
        }
        case TraceKind.Drop:
          this.drops[e] = (this.drops[e] ?? 0) + 1;
          this.probeLosses.dropped(a, t);
          break;
        case TraceKind.QueueDrop:
          this.drops[e] = (this.drops[e] ?? 0) + bb;
          break;
        case TraceKind.SipMsg:
          // The RFC 3261 stack writes Sip records only for its time-outs: its registrar answers
          // are the 2xx to a REGISTER that reached the client (for the SIP row of the outage bars).
          if (registrarAnswer(a, bb)) {
            this.silences.see('sip', t);
            // The chart counts a registration's first 200 OK, as the simple model's Success.
            const tx = exchangeOf(e).n;
            const byte = tx >>> 3;
            const bit = 1 << (tx & 7);
            this.registerOk = grownTo(this.registerOk, byte + 1);
            if (((this.registerOk[byte] as number) & bit) === 0) {
              this.registerOk[byte] = (this.registerOk[byte] as number) | bit;
              bump(this.sipPerS.ok, t, 1);
            }
          } else if (registerRetransmission(a, bb)) bump(this.sipPerS.retrans, c, 1);
          if (this.keep(t)) this.sipMessages.add(t, e, a, bb, c);
          break;
        case TraceKind.Workload:
          this.workloads.bin(e, t, a, bb, c);
          break;
        case TraceKind.WorkloadDone:
          this.workloads.done(e, t);
          break;
        case TraceKind.WorkloadIdle:
          this.workloads.idle(e, t);
          break;
      }
    }
    this.commit();
  }

  /** Lane keys sorted host by host, core by core. */
  laneKeys(): number[] {
    return [...this.slices.keys()].sort((x, y) => x - y);
  }

  /** First heartbeat-lane event of a kind, or undefined. */
  firstHb(ev: number): number | undefined {
    return this.hb.find((h) => h.ev === ev)?.t;
  }

  /** Bytes held by the columns and buckets (for the bench and the cap's note). */
  get bytes(): number {
    let n = this.bufferMax.buckets.bytes;
    for (const c of this.columns()) n += c.bytes;
    for (const l of this.laneCols.values()) for (const bk of l.view.busy.values()) n += bk.bytes;
    return n;
  }

  /** Whether one more detail record may be kept; marks where the detail stops when not. */
  private keep(t: number): boolean {
    if (this.kept < this.maxKept) {
      this.kept++;
      return true;
    }
    if (this.keptUntilUs === null) {
      this.keptUntilUs = t;
      // Doubling left up to half of each column spare; no more pushes come, so give it back.
      for (const c of this.columns()) c.trim();
      // Every stream's view must move to its trimmed buffer (commit refreshes touched ones only).
      for (const r of this.rtpCols.values()) this.rtpTouched.add(r);
    }
    return false;
  }

  private columns(): Column<
    Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array
  >[] {
    const out: Column<Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array>[] = [];
    for (const l of this.laneCols.values()) out.push(l.start, l.end, l.vm, l.flags);
    for (const r of this.rtpCols.values()) out.push(r.t, r.jitter, r.delay, r.seq);
    for (const g of [this.bufferCols, this.lateCols]) out.push(...Object.values(g));
    return out;
  }

  /** A CPU slice: its 1 ms busy buckets always, its columns while under the cap. */
  private addSlice(t: number, lane: number, end: number, vm: number, flags: number): void {
    let l = this.lastLane;
    if (!l || l.view.key !== lane) {
      l = this.laneCols.get(lane) ?? null;
      if (!l) {
        l = laneCols(lane, this.maxKept);
        this.laneCols.set(lane, l);
        this.slices.set(lane, l.view);
      }
      this.lastLane = l;
      this.lastBusy = null;
    }
    let busy = this.lastBusy;
    if (!busy || this.lastBusyVm !== vm) {
      busy = l.view.busy.get(vm) ?? null;
      if (!busy) l.view.busy.set(vm, (busy = new Buckets()));
      this.lastBusy = busy;
      this.lastBusyVm = vm;
    }
    busy.addSpan(t, end);
    if (!this.keep(t)) return;
    l.start.push(t);
    l.end.push(end);
    l.vm.push(vm);
    l.flags.push(flags);
  }

  /** Output-buffer occupancy: the per-bucket maximum always, each change while under the cap. */
  private addBuffer(t: number, packets: number): void {
    this.bufferMax.set(t, packets);
    this.buffer.max = this.bufferMax.max;
    if (!this.keep(t)) return;
    this.bufferCols.t.push(t);
    this.bufferCols.packets.push(packets);
  }

  /** One RTP arrival: jitter and one-way delay of its stream. */
  private addRtp(t: number, stream: number, seq: number, delayUs: number, jitterMs: number): void {
    if (!this.keep(t)) return;
    let s = this.rtpCols.get(stream);
    if (!s) {
      s = rtpCols(this.slab, stream);
      this.rtpCols.set(stream, s);
      this.rtp.set(stream, s.view);
    }
    this.rtpTouched.add(s);
    s.t.push(t);
    s.jitter.push(jitterMs);
    s.delay.push(delayUs / 1000);
    s.seq.push(seq);
  }

  /** A packet discarded by the playout buffer: counted per second always, kept while under the cap. */
  private addLate(t: number, stream: number): void {
    bump(this.latePerS, t, 1);
    if (!this.keep(t)) return;
    this.lateCols.t.push(t);
    this.lateCols.stream.push(stream);
  }

  /** SIP outcomes per second. */
  private countSip(t: number, ev: number): void {
    if (ev === 1) bump(this.sipPerS.sent, t, 1);
    else if (ev === 2) bump(this.sipPerS.retrans, t, 1);
    else if (ev === 3) bump(this.sipPerS.ok, t, 1);
    else if (ev === 4) bump(this.sipPerS.timeout, t, 1);
  }

  /** Bulk transmit per 100 ms bin, plotted at the bin's middle. */
  private addNicTx(t: number, vm: number, bits: number, packets: number, ring: number): void {
    let n = this.nic.get(vm);
    if (!n) this.nic.set(vm, (n = { t: [], mbps: [], kpps: [], ring: [] }));
    n.t.push(t + 50_000);
    n.mbps.push(bits / 1e5);
    n.kpps.push(packets / 100);
    n.ring.push(ring);
  }

  /** Makes the readers' arrays show this batch. */
  private commit(): void {
    for (const l of this.laneCols.values()) {
      for (const c of [l.start, l.end, l.vm, l.flags]) c.commit();
      l.view.start = l.start.values;
      l.view.end = l.end.values;
      l.view.vm = l.vm.values;
      l.view.flags = l.flags.values;
    }
    for (const s of this.rtpTouched) {
      for (const c of [s.t, s.jitter, s.delay, s.seq]) c.commit();
      s.view.t = s.t.values;
      s.view.jitterMs = s.jitter.values;
      s.view.delayMs = s.delay.values;
      s.view.seq = s.seq.values;
    }
    this.rtpTouched.clear();
    const { bufferCols: bc, lateCols: lc } = this;
    for (const c of [bc.t, bc.packets, lc.t, lc.stream]) c.commit();
    this.buffer.t = bc.t.values;
    this.buffer.packets = bc.packets.values;
    this.late.t = lc.t.values;
    this.late.stream = lc.stream.values;
    this.sipMessages.commit();
  }
}

export { HbEvent, TraceFlag };
