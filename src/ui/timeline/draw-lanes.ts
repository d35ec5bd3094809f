import type { ScaleLinear } from 'd3';
import { HbEvent, TraceFlag, type RunViews } from '../views/run-views';
import { OKABE_ITO, vmColour } from '../theme';
import { MARGIN_LEFT, lowerBound, type Lane } from './layout';
import { markWords } from './mark-words';
import { BUCKET_US, type Buckets } from '../views/buckets';
import { bufferMaxOver, busyOver } from './bucket-draw';
import { drawMigration } from './draw-migration';

export interface DrawContext {
  readonly ctx: CanvasRenderingContext2D;
  readonly x: ScaleLinear<number, number>;
  readonly views: RunViews;
  /** Only records up to the playhead are drawn ("predict, then play"). */
  readonly until: number;
  readonly width: number;
}

/** Draws every lane onto the canvas. */
export function drawLanes(d: DrawContext, lanes: readonly Lane[]): void {
  const { ctx } = d;
  for (const lane of lanes) {
    // A host's header is drawn by the overlay (HostHeaders), which also takes its clicks.
    if (lane.kind === 'host') continue;
    ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(MARGIN_LEFT, lane.y, d.width - MARGIN_LEFT, lane.height);
    ctx.fillStyle = '#111';
    ctx.font = '600 15px system-ui, sans-serif';
    ctx.textBaseline = 'alphabetic';
    // A compact lane (projector mode) has room for its label only.
    const roomy = lane.height >= 32;
    ctx.fillText(lane.label, 8, lane.y + (roomy ? 16 : Math.round(lane.height / 2) + 5));
    if (roomy) {
      ctx.fillStyle = '#444';
      ctx.font = '13px system-ui, sans-serif';
      const busy = lane.kind === 'cpu' ? busyShare(d, lane.key) : null;
      ctx.fillText(
        busy === null ? lane.sublabel : `${lane.sublabel} · ${busy} busy`,
        8,
        lane.y + 31,
      );
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN_LEFT, lane.y, d.width - MARGIN_LEFT, lane.height);
    ctx.clip();
    if (lane.kind === 'cpu') drawCpu(d, lane);
    else if (lane.kind === 'epochs') drawEpochs(d, lane);
    else if (lane.kind === 'buffer') drawBuffer(d, lane);
    else if (lane.kind === 'migration') drawMigration(d, lane);
    // The calls' marks are SVG (CallMarks), so that each takes its own click.
    else if (lane.kind !== 'calls') drawHeartbeat(d, lane);
    ctx.restore();
  }
}

/** Share of the visible time (up to the playhead) a core spent running vCPUs, as text. */
function busyShare(d: DrawContext, key: number): string | null {
  const s = d.views.slices.get(key);
  const [t0, t1] = d.x.domain() as [number, number];
  const end = Math.min(t1, d.until);
  if (!s || end <= t0) return null;
  let busy = 0;
  // Wide windows read the 1 ms buckets (at most one per pixel's worth of slices), not every slice.
  if (end - t0 > BUCKET_US * 1000) for (const bk of s.busy.values()) busy += busyOver(bk, t0, end);
  else
    for (let i = lowerBound(s.end, t0); i < s.start.length && (s.start[i] as number) < end; i++) {
      busy += Math.min(end, s.end[i] as number) - Math.max(t0, s.start[i] as number);
    }
  const pct = (100 * busy) / (end - t0);
  return pct >= 10 ? `${pct.toFixed(0)} %` : `${pct.toFixed(1)} %`;
}

function drawCpu(d: DrawContext, lane: Lane): void {
  const s = d.views.slices.get(lane.key);
  if (!s) return;
  const [t0, t1] = d.x.domain() as [number, number];
  const end = Math.min(t1, d.until);
  const first = lowerBound(s.end, t0);
  const usPerPx = (t1 - t0) / Math.max(1, (d.x.range()[1] as number) - (d.x.range()[0] as number));
  if (usPerPx >= BUCKET_US) {
    drawCpuBuckets(d, lane, s.busy, usPerPx);
    return;
  }
  // Zoomed out, slices are thinner than a pixel: draw each pixel column's busy fraction per VM
  // (stacked from the bottom) rather than 1-px slivers that would look 100 % busy.
  if (usPerPx > 200) {
    const x0 = d.x.range()[0] as number;
    const cols = Math.ceil((d.x.range()[1] as number) - x0);
    const busy = new Map<number, Float64Array>();
    for (let i = first; i < s.start.length && (s.start[i] as number) <= end; i++) {
      const vm = s.vm[i] as number;
      let arr = busy.get(vm);
      if (!arr) busy.set(vm, (arr = new Float64Array(cols)));
      const a = Math.max(t0, s.start[i] as number);
      const b = Math.min(end, s.end[i] as number);
      const c0 = Math.max(0, Math.floor((a - t0) / usPerPx));
      const c1 = Math.min(cols - 1, Math.floor((b - t0) / usPerPx));
      for (let c = c0; c <= c1; c++) {
        const overlap = Math.min(b, t0 + (c + 1) * usPerPx) - Math.max(a, t0 + c * usPerPx);
        if (overlap > 0) arr[c] = (arr[c] as number) + overlap / usPerPx;
      }
    }
    const h = lane.height - 6;
    const stack = new Float64Array(cols);
    for (const vm of [...busy.keys()].sort((p, q) => p - q)) {
      const arr = busy.get(vm) as Float64Array;
      d.ctx.fillStyle = vmColour(vm);
      for (let c = 0; c < cols; c++) {
        const f = Math.min(1, arr[c] as number);
        if (f <= 0) continue;
        const hh = Math.max(1, f * h);
        d.ctx.fillRect(x0 + c, lane.y + 3 + h - (stack[c] as number) - hh, 1, hh);
        stack[c] = (stack[c] as number) + hh;
      }
    }
    return;
  }
  for (let i = first; i < s.start.length && (s.start[i] as number) <= end; i++) {
    const a = d.x(s.start[i] as number);
    const b = d.x(Math.min(s.end[i] as number, d.until));
    const w = Math.max(1, b - a);
    d.ctx.fillStyle = vmColour(s.vm[i] as number);
    d.ctx.fillRect(a, lane.y + 3, w, lane.height - 6);
    if ((s.flags[i] as number) & TraceFlag.Boost) {
      d.ctx.fillStyle = OKABE_ITO.yellow;
      d.ctx.fillRect(a, lane.y + 1, w, 3);
    }
    if ((s.flags[i] as number) & TraceFlag.Micro) {
      // vSlicer micro-slice: a black base line and a white gap at its start, so each one reads separately.
      d.ctx.fillStyle = '#000';
      d.ctx.fillRect(a, lane.y + lane.height - 5, w, 2);
      if (w > 4) {
        d.ctx.fillStyle = '#fff';
        d.ctx.fillRect(a, lane.y + 3, 1, lane.height - 6);
      }
    }
  }
}

/** Zoomed far out: each pixel column's busy share per VM, stacked, from the 1 ms buckets. */
function drawCpuBuckets(
  d: DrawContext,
  lane: Lane,
  busy: ReadonlyMap<number, Buckets>,
  usPerPx: number,
): void {
  const [t0, t1] = d.x.domain() as [number, number];
  const end = Math.min(t1, d.until);
  const x0 = d.x.range()[0] as number;
  const cols = Math.min(
    Math.ceil((d.x.range()[1] as number) - x0),
    Math.ceil((end - t0) / usPerPx),
  );
  const h = lane.height - 6;
  const stack = new Float64Array(Math.max(0, cols));
  for (const vm of [...busy.keys()].sort((p, q) => p - q)) {
    const bk = busy.get(vm) as Buckets;
    d.ctx.fillStyle = vmColour(vm);
    for (let c = 0; c < cols; c++) {
      const a = t0 + c * usPerPx;
      const b = Math.min(end, a + usPerPx);
      const f = Math.min(1, busyOver(bk, a, b) / usPerPx);
      if (f <= 0) continue;
      const hh = Math.max(1, f * h);
      d.ctx.fillRect(x0 + c, lane.y + 3 + h - (stack[c] as number) - hh, 1, hh);
      stack[c] = (stack[c] as number) + hh;
    }
  }
}

function drawEpochs(d: DrawContext, lane: Lane): void {
  const { ctx, x } = d;
  const [t0, t1] = x.domain() as [number, number];
  const mid = lane.y + lane.height / 2;
  for (const e of d.views.epochs) {
    if (e.ack < t0 || e.suspend > t1 || e.suspend > d.until) continue;
    const seg = (a: number, b: number, colour: string, h: number) => {
      const xa = x(a);
      const xb = x(Math.min(b, d.until));
      if (xb <= xa - 1) return;
      ctx.fillStyle = colour;
      ctx.fillRect(xa, mid - h / 2, Math.max(1.5, xb - xa), h);
    };
    seg(e.resume, e.sent, OKABE_ITO.sky, 12);
    seg(e.sent, e.ack, '#b9dcf2', 12);
    seg(e.suspend, e.resume, OKABE_ITO.vermillion, lane.height - 6);
    if (e.ack <= d.until) {
      ctx.fillStyle = OKABE_ITO.black;
      ctx.fillRect(x(e.ack) - 1, lane.y + 3, 2, lane.height - 6);
    }
  }
  // Pauses of epochs not (yet) acknowledged, e.g. the one cut by a crash.
  const lastAck = d.views.epochs.at(-1)?.suspend ?? -1;
  for (const p of d.views.pauses) {
    if (p > lastAck && p <= d.until && p >= t0 && p <= t1) {
      ctx.fillStyle = OKABE_ITO.vermillion;
      ctx.fillRect(x(p) - 1, lane.y + 3, 3, lane.height - 6);
    }
  }
}

function drawBuffer(d: DrawContext, lane: Lane): void {
  const { ctx, x, views } = d;
  const [t0, t1] = x.domain() as [number, number];
  const bt = views.buffer.t;
  const bp = views.buffer.packets;
  const max = Math.max(1, views.buffer.max);
  const base = lane.y + lane.height - 3;
  const scale = (lane.height - 8) / max;
  const usPerPx = (t1 - t0) / Math.max(1, (x.range()[1] as number) - (x.range()[0] as number));
  if (usPerPx >= BUCKET_US) {
    // Zoomed far out: the most packets held within each pixel column, from the 1 ms buckets.
    const x0 = x.range()[0] as number;
    const until = Math.min(t1, d.until);
    ctx.fillStyle = 'rgba(0, 114, 178, 0.55)';
    for (let c = 0; t0 + c * usPerPx < until; c++) {
      const held = bufferMaxOver(views.bufferMax, t0 + c * usPerPx, t0 + (c + 1) * usPerPx);
      if (held > 0) ctx.fillRect(x0 + c, base - held * scale, 1, held * scale);
    }
  } else {
    ctx.fillStyle = 'rgba(0, 114, 178, 0.55)';
    ctx.beginPath();
    ctx.moveTo(x(Math.max(t0, 0)), base);
    let prev = 0;
    const start = Math.max(0, lowerBound(bt, t0) - 1);
    for (let i = start; i < bt.length; i++) {
      const t = bt[i] as number;
      if (t > t1 || t > d.until) break;
      const xi = x(t);
      ctx.lineTo(xi, base - prev * scale);
      prev = bp[i] as number;
      ctx.lineTo(xi, base - prev * scale);
    }
    ctx.lineTo(x(Math.min(t1, d.until)), base - prev * scale);
    ctx.lineTo(x(Math.min(t1, d.until)), base);
    ctx.closePath();
    ctx.fill();
  }
  ctx.fillStyle = OKABE_ITO.orange;
  for (const r of views.releases) {
    if (r.t < t0 || r.t > t1 || r.t > d.until) continue;
    const h = Math.min(lane.height - 6, Math.max(4, r.packets * scale));
    ctx.fillRect(x(r.t) - 1.5, base - h, 3, h);
  }
}

const HB_STYLE: Record<number, { colour: string; row: number; size: number }> = {
  [HbEvent.BeatSent]: { colour: OKABE_ITO.grey, row: 0, size: 3 },
  [HbEvent.BeatReceived]: { colour: OKABE_ITO.green, row: 1, size: 3 },
  [HbEvent.CheckpointReceived]: { colour: OKABE_ITO.sky, row: 1, size: 3 },
  [HbEvent.BeatMissed]: { colour: OKABE_ITO.vermillion, row: 1, size: 2 },
  [HbEvent.Warn]: { colour: OKABE_ITO.yellow, row: 2, size: 8 },
  [HbEvent.DeclaredDead]: { colour: OKABE_ITO.vermillion, row: 2, size: 10 },
  [HbEvent.Takeover]: { colour: OKABE_ITO.green, row: 2, size: 10 },
  [HbEvent.GratuitousArp]: { colour: OKABE_ITO.purple, row: 2, size: 10 },
  [HbEvent.Crash]: { colour: OKABE_ITO.black, row: 2, size: 12 },
  [HbEvent.Membership]: { colour: OKABE_ITO.blue, row: 2, size: 8 },
  [HbEvent.FenceRequest]: { colour: OKABE_ITO.orange, row: 2, size: 8 },
  [HbEvent.Fenced]: { colour: OKABE_ITO.black, row: 2, size: 10 },
  [HbEvent.ResourceStopped]: { colour: OKABE_ITO.vermillion, row: 2, size: 10 },
};

/** Why the cluster manager stopped a resource (the Hb record's c; narrator.ts tells the same). */
export const STOP_WHY: Record<number, string> = { 1: 'no quorum', 2: 'failback', 3: 'standby' };

const HB_LABELS: Record<number, string> = {
  [HbEvent.Warn]: 'warn',
  [HbEvent.DeclaredDead]: 'declared dead',
  [HbEvent.Takeover]: 'takeover',
  [HbEvent.GratuitousArp]: 'ARP',
  [HbEvent.Crash]: 'crash',
  [HbEvent.Membership]: 'membership',
  [HbEvent.FenceRequest]: 'fence',
  [HbEvent.Fenced]: 'fenced',
  [HbEvent.ResourceStopped]: 'stopped',
};

function drawHeartbeat(d: DrawContext, lane: Lane): void {
  const { ctx, x } = d;
  const [t0, t1] = x.domain() as [number, number];
  // Three rows (node 0's beats, what the peer hears, the big events): 13 px apart in a full
  // lane; closer in projector mode's compact lane, so the last row's words stay inside it.
  const step = Math.min(13, (lane.height - 16) / 2);
  const rowY = (row: number) => lane.y + 7 + row * step;
  const big: { cx: number; cy: number; label: string }[] = [];
  for (const h of d.views.hb) {
    if (h.t < t0 || h.t > t1 || h.t > d.until) continue;
    const st = HB_STYLE[h.ev];
    if (!st) continue;
    const row = h.ev === HbEvent.BeatSent ? h.node : st.row;
    const cx = x(h.t);
    const cy = rowY(row);
    ctx.fillStyle = st.colour;
    if (h.ev === HbEvent.BeatMissed) {
      // A miss is a hollow tick with a cross, readable without colour.
      ctx.strokeStyle = st.colour;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(cx - 4, cy - 4);
      ctx.lineTo(cx + 4, cy + 4);
      ctx.moveTo(cx + 4, cy - 4);
      ctx.lineTo(cx - 4, cy + 4);
      ctx.stroke();
    } else if (st.size <= 3) {
      ctx.fillRect(cx - 1, cy - 4, 2, 8);
    } else {
      // Big events are diamonds with a word, so they read without colour.
      ctx.beginPath();
      ctx.moveTo(cx, cy - st.size / 1.4);
      ctx.lineTo(cx + st.size / 1.4, cy);
      ctx.lineTo(cx, cy + st.size / 1.4);
      ctx.lineTo(cx - st.size / 1.4, cy);
      ctx.closePath();
      ctx.fill();
      const label =
        h.ev === HbEvent.DeclaredDead && h.flag
          ? 'declared dead — but the primary is alive!'
          : h.ev === HbEvent.ResourceStopped
            ? `stopped (${STOP_WHY[h.why] ?? 'by the manager'})`
            : (HB_LABELS[h.ev] ?? '');
      big.push({ cx, cy, label });
    }
  }
  ctx.fillStyle = '#111';
  ctx.font = '600 13px system-ui, sans-serif';
  const right = x.range()[1] as number;
  for (const w of markWords(big, right, (t) => ctx.measureText(t).width, MARGIN_LEFT))
    ctx.fillText(w.text, w.x, w.y);
}
