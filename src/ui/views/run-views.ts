import { HbEvent, TraceFlag, TraceKind, type TraceBatch } from '../../sim/engine/trace';

/** Slices of one core, in columns. */
export interface SliceLane {
  readonly key: number;
  start: number[];
  end: number[];
  vm: number[];
  flags: number[];
}

export interface EpochView {
  suspend: number;
  resume: number;
  sent: number;
  ack: number;
}

/** RTP arrivals of one stream. */
export interface RtpSeries {
  t: number[];
  jitterMs: number[];
  delayMs: number[];
}

/**
 * Views derived from the trace records, built incrementally as chunks arrive. The worker sends
 * records; everything the UI draws is computed here, never in the model.
 */
export class RunViews {
  readonly slices = new Map<number, SliceLane>();
  readonly epochs: EpochView[] = [];
  readonly pauses: number[] = [];
  readonly buffer = { t: [] as number[], packets: [] as number[] };
  readonly releases: { t: number; packets: number; rtp: number }[] = [];
  readonly rtp = new Map<number, RtpSeries>();
  readonly late: { t: number; stream: number }[] = [];
  readonly hb: { t: number; node: number; ev: number; flag: number }[] = [];
  /** Per simulated second: RTP packets that never arrived (by the second they were sent in) and late packets, over all streams. */
  readonly lossPerS: number[] = [];
  readonly latePerS: number[] = [];
  readonly sipPerS = {
    sent: [] as number[],
    retrans: [] as number[],
    ok: [] as number[],
    timeout: [] as number[],
  };
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
  /** Simulated time covered so far (µs). */
  simTimeUs = 0;
  records = 0;

  /** Folds one batch into the views. */
  add(b: TraceBatch, simTimeUs: number): void {
    this.simTimeUs = simTimeUs;
    this.records += b.count;
    for (let i = 0; i < b.count; i++) {
      const t = b.t[i] as number;
      const e = b.entity[i] as number;
      const a = b.a[i] as number;
      const bb = b.b[i] as number;
      const c = b.c[i] as number;
      switch (b.kind[i]) {
        case TraceKind.Slice: {
          let lane = this.slices.get(e);
          if (!lane) {
            lane = { key: e, start: [], end: [], vm: [], flags: [] };
            this.slices.set(e, lane);
          }
          lane.start.push(t);
          lane.end.push(a);
          lane.vm.push(bb);
          lane.flags.push(c);
          break;
        }
        case TraceKind.Epoch:
          this.epochs.push({ suspend: t, resume: a, sent: bb, ack: c });
          break;
        case TraceKind.Pause:
          this.pauses.push(t);
          break;
        case TraceKind.Buffer:
          this.buffer.t.push(t);
          this.buffer.packets.push(a);
          break;
        case TraceKind.Release:
          this.releases.push({ t, packets: a, rtp: bb });
          break;
        case TraceKind.RtpRx: {
          let s = this.rtp.get(e);
          if (!s) {
            s = { t: [], jitterMs: [], delayMs: [] };
            this.rtp.set(e, s);
          }
          s.t.push(t);
          s.jitterMs.push(c);
          s.delayMs.push(bb / 1000);
          break;
        }
        case TraceKind.RtpLost:
          // The engine's own count of packets that never arrived, placed when they went missing
          // (the second they were sent in), so the chart and the loss card agree and reordering
          // is no loss.
          bump(this.lossPerS, a * 1e6, bb);
          this.drops[e] = (this.drops[e] ?? 0) + bb;
          break;
        case TraceKind.RtpLate:
          this.late.push({ t, stream: e });
          bump(this.latePerS, t, 1);
          break;
        case TraceKind.Hb:
          this.hb.push({ t, node: e, ev: a, flag: bb });
          break;
        case TraceKind.Sip:
          if (a === 1) bump(this.sipPerS.sent, t, 1);
          else if (a === 2) bump(this.sipPerS.retrans, t, 1);
          else if (a === 3) bump(this.sipPerS.ok, t, 1);
          else if (a === 4) bump(this.sipPerS.timeout, t, 1);
          break;
        case TraceKind.Ping:
          this.ping.t.push(t);
          this.ping.rttMs.push(bb / 1000);
          break;
        case TraceKind.NicTx: {
          let n = this.nic.get(e);
          if (!n) this.nic.set(e, (n = { t: [], mbps: [], kpps: [], ring: [] }));
          // Plotted at the bin's middle; bins are 100 ms.
          n.t.push(t + 50_000);
          n.mbps.push(a / 1e5);
          n.kpps.push(bb / 100);
          n.ring.push(c);
          break;
        }
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
          break;
        case TraceKind.QueueDrop:
          this.drops[e] = (this.drops[e] ?? 0) + bb;
          break;
      }
    }
  }

  /** Lane keys sorted host by host, core by core. */
  laneKeys(): number[] {
    return [...this.slices.keys()].sort((x, y) => x - y);
  }

  /** First heartbeat-lane event of a kind, or undefined. */
  firstHb(ev: number): number | undefined {
    return this.hb.find((h) => h.ev === ev)?.t;
  }
}

function bump(arr: number[], tUs: number, n: number): void {
  const k = Math.floor(tUs / 1e6);
  while (arr.length <= k) arr.push(0);
  arr[k] = (arr[k] as number) + n;
}

export { HbEvent, TraceFlag };
