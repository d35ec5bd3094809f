import { MigEvent } from '../../sim/engine/trace';
import type { RunViews } from '../views/run-views';
import { OKABE_ITO } from '../theme';
import type { Lane } from './layout';
import type { DrawContext } from './draw-lanes';

/** One band of the migration lane: a pre-copy round, or the downtime. */
export interface MigrationBand {
  readonly kind: 'round' | 'downtime';
  /** 1-based round number (0 for the downtime). */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Pages the round sent (the downtime: the stop-and-copy round's). */
  readonly pages: number;
  /** The downtime: when the target plugged the VM's devices (both copies paused), if it did. */
  readonly plug?: { readonly start: number; readonly end: number };
}

/** Live rounds from their records; the downtime from the pause to the resume. */
export function migrationBands(views: RunViews): MigrationBand[] {
  const out: MigrationBand[] = [];
  let pause: number | undefined;
  let stopPages = 0;
  let plug: { start: number; end: number } | undefined;
  for (const m of views.migration) {
    if (m.ev === MigEvent.Round)
      out.push({ kind: 'round', index: out.length + 1, start: m.t, end: m.c, pages: m.b });
    else if (m.ev === MigEvent.Pause) pause = m.t;
    else if (m.ev === MigEvent.StopCopy) stopPages = m.b;
    else if (m.ev === MigEvent.DevicesPlugged && m.t > m.c) plug = { start: m.c, end: m.t };
    else if (m.ev === MigEvent.Resume && pause !== undefined)
      out.push({
        kind: 'downtime',
        index: 0,
        start: pause,
        end: m.t,
        pages: stopPages,
        ...(plug ? { plug } : {}),
      });
  }
  return out;
}

/** Every other round: a paler sky, so that neighbouring rounds part without looking like vm1's blue. */
const ROUND_ALT = '#a9d8f3';

const MARKS: Record<number, { colour: string; label: string }> = {
  [MigEvent.Requested]: { colour: OKABE_ITO.black, label: 'migrate' },
  [MigEvent.Arp]: { colour: OKABE_ITO.purple, label: 'ARP' },
  [MigEvent.ClientsFollow]: { colour: OKABE_ITO.green, label: 'clients follow' },
  [MigEvent.Interrupted]: { colour: OKABE_ITO.vermillion, label: 'interrupted' },
};

/**
 * The migration lane: a band per pre-copy round (sky and a paler sky in turn, with its number and pages
 * where they fit), the downtime as a vermillion band at least 3 px wide so that a short pause
 * stays visible on a minute-long axis (the target's vif plug hatched inside it), and diamonds for
 * the request, the ARP and the clients following it.
 */
export function drawMigration(d: DrawContext, lane: Lane): void {
  const { ctx, x } = d;
  const [t0, t1] = x.domain() as [number, number];
  const top = lane.y + 6;
  const h = Math.max(8, lane.height - 22);
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const b of migrationBands(d.views)) {
    if (b.end < t0 || b.start > t1 || b.start > d.until) continue;
    const x0 = x(Math.max(b.start, t0));
    const x1 = x(Math.min(b.end, t1, d.until));
    const w = Math.max(b.kind === 'downtime' ? 3 : 1, x1 - x0);
    ctx.fillStyle =
      b.kind === 'downtime' ? OKABE_ITO.vermillion : b.index % 2 ? OKABE_ITO.sky : ROUND_ALT;
    ctx.fillRect(x0, top, w, h);
    // The vif plug inside the downtime, hatched so it reads without colour too.
    if (b.plug && x(b.plug.end) - x(b.plug.start) >= 3) {
      const p0 = x(Math.max(b.plug.start, t0));
      const p1 = x(Math.min(b.plug.end, t1, d.until));
      ctx.save();
      ctx.beginPath();
      ctx.rect(p0, top, Math.max(0, p1 - p0), h);
      ctx.clip();
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 1;
      for (let k = p0 - h; k < p1; k += 6) {
        ctx.moveTo(k, top + h);
        ctx.lineTo(k + h, top);
      }
      ctx.stroke();
      ctx.restore();
    }
    const text =
      b.kind === 'downtime'
        ? `downtime ${((b.end - b.start) / 1000).toFixed(1)} ms${b.plug ? ` (hatched: vif plug ${((b.plug.end - b.plug.start) / 1000).toFixed(0)} ms)` : ''}`
        : `round ${b.index} · ${b.pages} pages`;
    const tw = ctx.measureText(text).width;
    if (b.kind === 'round' && tw + 8 <= w) {
      ctx.fillStyle = '#111';
      ctx.fillText(text, x0 + 4, top + h / 2);
    } else if (b.kind === 'downtime') {
      ctx.fillStyle = '#111';
      ctx.fillText(text, x0 + w + 4, top + h / 2);
    }
  }
  const cy = lane.y + lane.height - 8;
  ctx.font = '600 12px system-ui, sans-serif';
  let lastEnd = -Infinity;
  for (const m of d.views.migration) {
    const mark = MARKS[m.ev];
    if (!mark || m.t < t0 || m.t > t1 || m.t > d.until) continue;
    const cx = x(m.t);
    ctx.fillStyle = mark.colour;
    ctx.beginPath();
    ctx.moveTo(cx, cy - 5);
    ctx.lineTo(cx + 5, cy);
    ctx.lineTo(cx, cy + 5);
    ctx.lineTo(cx - 5, cy);
    ctx.closePath();
    ctx.fill();
    // Words only where they do not run into the previous one (zoom in for the rest).
    if (cx + 8 > lastEnd + 4) {
      ctx.fillStyle = '#111';
      ctx.fillText(mark.label, cx + 8, cy);
      lastEnd = cx + 8 + ctx.measureText(mark.label).width;
    }
  }
  ctx.textBaseline = 'alphabetic';
}
