import type { ArrowModel, ClusterModel, ClusterState, VmAt } from './model';

/** Sizes of the map, in px, from the page's font size (the projector's type is larger). */
export interface MapMetrics {
  readonly font: number;
  readonly pad: number;
  readonly header: number;
  readonly row: number;
  readonly gap: number;
  /** Space between host boxes, for the arrows. */
  readonly gutter: number;
}

export function mapMetrics(font: number): MapMetrics {
  return {
    font,
    pad: Math.round(font * 0.6),
    header: Math.round(font * 2.2),
    row: Math.round(font * 3.1),
    gap: Math.round(font * 0.5),
    gutter: Math.round(font * 5),
  };
}

export interface HostBox {
  readonly id: string;
  readonly label: string;
  readonly up: boolean;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface VmBox extends VmAt {
  /** Stable key across time: a VM's active copy keeps its key as it moves between hosts. */
  readonly key: string;
  /** Another active copy of this VM runs elsewhere at the same time (split brain). */
  readonly twin: boolean;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface ArrowPath extends ArrowModel {
  readonly d: string;
  /** Where its label sits. */
  readonly lx: number;
  readonly ly: number;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly hosts: readonly HostBox[];
  readonly vms: readonly VmBox[];
  readonly arrows: readonly ArrowPath[];
}

/** The most VM copies any host holds at any time (the boxes keep one height over the run). */
export function rowsNeeded(m: ClusterModel): number {
  let most = 1;
  for (const h of m.hosts) {
    let n = 0;
    for (const v of m.vms) if (v.placements.some((p) => p.host === h.id)) n++;
    most = Math.max(most, n);
  }
  return most;
}

/**
 * Hosts side by side, each VM copy a row inside its host (in the model's VM order), arrows from
 * the source copy's edge to the target copy's edge. A VM's active copy keys on the VM alone, so
 * when it moves (takeover, migration) the same box slides to its new host.
 */
export function layoutMap(
  st: ClusterState,
  rows: number,
  width: number,
  m: MapMetrics,
  /** Some arrow of the run arcs over a host (`farArrows`): room above the boxes all run long. */
  arcs = false,
): MapLayout {
  // An arc over the boxes between two hosts that are not neighbours rises above the first row.
  // The room is kept for the whole run, so the page below does not jump as arrows come and go;
  // should an arc still rise higher, the map is laid out again that much lower.
  const first = place(st, rows, width, m, arcs ? arcRoom(rows, m) : 0);
  return first.top >= 0
    ? first
    : place(st, rows, width, m, first.hostsTop + Math.ceil(-first.top) + 2);
}

/** Hosts a row at this width: as many as fit at a readable width (a phone stacks them). */
function columns(n: number, width: number, m: MapMetrics): number {
  const minW = m.font * 16;
  return Math.max(1, Math.min(n, Math.floor((width + m.gutter) / (minW + m.gutter))));
}

/** Whether any arrow of the run joins two hosts of one row that are not neighbours. */
export function farArrows(model: ClusterModel, width: number, m: MapMetrics): boolean {
  const cols = columns(Math.max(1, model.hosts.length), width, m);
  const index = new Map(model.hosts.map((h, i) => [h.id, i] as const));
  return model.arrows.some((a) => {
    const i = index.get(a.fromHost);
    const j = index.get(a.toHost);
    if (i === undefined || j === undefined) return false;
    return Math.floor(i / cols) === Math.floor(j / cols) && Math.abs(i - j) > 1;
  });
}

/**
 * The room an arc needs above its row, at worst: from the top VM row to the bottom one (the
 * arc's height, below, falls as its ends do), so its word is above 0.
 */
function arcRoom(rows: number, m: MapMetrics): number {
  // The highest end: a VM's top row, or a host's header when the copy is not drawn.
  const y1 = m.header / 2;
  const y2 = m.header + (rows - 1) * (m.row + m.gap) + m.row / 2;
  const c = -(0.52 * y2 + m.font * 0.3) / 0.48;
  const word = 0.125 * (y1 + y2) + 0.75 * c - m.font * 0.3 - m.font;
  return Math.ceil(-word) + 2;
}

function place(
  st: ClusterState,
  rows: number,
  width: number,
  m: MapMetrics,
  /** How far down the first row of hosts starts. */
  top: number,
): MapLayout & { top: number; hostsTop: number } {
  /** The highest point drawn (an arc's word). */
  let highest = 0;
  const n = Math.max(1, st.hosts.length);
  const cols = columns(n, width, m);
  const w = Math.max(m.font * 10, (width - m.gutter * (cols - 1)) / cols);
  const h = m.header + rows * (m.row + m.gap) + m.pad;
  const vgap = Math.round(m.gutter * 0.6);
  const hosts: HostBox[] = st.hosts.map((host, i) => ({
    ...host,
    x: (i % cols) * (w + m.gutter),
    y: top + Math.floor(i / cols) * (h + vgap),
    w,
    h,
  }));
  const hostRows = Math.ceil(n / cols);
  const at = new Map(hosts.map((b) => [b.id, b]));
  const used = new Map<string, number>();
  const keys = new Set<string>();
  const vms: VmBox[] = [];
  for (const v of st.vms) {
    const box = at.get(v.host);
    if (!box) continue;
    const slot = used.get(v.host) ?? 0;
    used.set(v.host, slot + 1);
    let key = v.role === 'active' ? v.id : `${v.id}:${v.role}@${v.host}`;
    // Two active copies (a false failover): the second one keys on its host too.
    if (keys.has(key)) key = `${key}@${v.host}`;
    keys.add(key);
    const twin =
      v.role === 'active' &&
      st.vms.some((o) => o !== v && o.id === v.id && o.role === 'active' && o.state !== 'down');
    vms.push({
      ...v,
      key,
      twin: twin && v.state !== 'down',
      x: box.x + m.pad,
      y: box.y + m.header + slot * (m.row + m.gap),
      w: box.w - 2 * m.pad,
      h: m.row,
    });
  }
  const arrows: ArrowPath[] = [];
  for (const a of st.arrows) {
    const src =
      vms.find((v) => v.id === a.vm && v.host === a.fromHost && v.role === 'active') ??
      vms.find((v) => v.id === a.vm && v.host === a.fromHost);
    const dst = vms.find((v) => v.id === a.vm && v.host === a.toHost && v !== src);
    const from = at.get(a.fromHost);
    const to = at.get(a.toHost);
    if (!from || !to) continue;
    if (from.y !== to.y) {
      // Hosts stacked: from the middle of one box's edge to the other's.
      const down = to.y > from.y;
      const x1 = from.x + from.w / 2;
      const x2 = to.x + to.w / 2;
      const y1 = down ? from.y + from.h : from.y;
      const y2 = down ? to.y : to.y + to.h;
      const d = `M${x1},${y1} L${x2},${y2}`;
      arrows.push({ ...a, d, lx: (x1 + x2) / 2 + m.font * 2.5, ly: (y1 + y2) / 2 + m.font * 0.3 });
      continue;
    }
    const y1 = src ? src.y + src.h / 2 : from.y + m.header / 2;
    const y2 = dst ? dst.y + dst.h / 2 : to.y + m.header / 2;
    const right = to.x > from.x;
    const x1 = right ? from.x + from.w - m.pad / 2 : from.x + m.pad / 2;
    const x2 = right ? to.x + m.pad / 2 : to.x + to.w - m.pad / 2;
    // Neighbours: a straight line; farther hosts: an arc above the boxes between them.
    const adjacent = Math.abs(to.x - from.x) <= w + m.gutter + 1;
    if (adjacent) {
      const d = `M${x1},${y1} L${x2},${y2}`;
      arrows.push({ ...a, d, lx: (x1 + x2) / 2, ly: Math.min(y1, y2) - m.font * 0.5 });
      continue;
    }
    // A cubic Bézier with both controls at height c is at 0.52·y1 + 0.48·c a fifth of the way
    // along (where it passes the next box's edge): c is chosen so that point clears the boxes'
    // tops by 0.3 font sizes. Its top, at the middle (¼ the ends, ¾ the controls), carries the word.
    const dy = Math.max(y1, y2) - from.y;
    const c = from.y - (0.52 * dy + m.font * 0.3) / 0.48;
    const d = `M${x1},${y1} C${x1},${c} ${x2},${c} ${x2},${y2}`;
    const ly = 0.125 * (y1 + y2) + 0.75 * c - m.font * 0.3;
    highest = Math.min(highest, ly - m.font);
    arrows.push({ ...a, d, lx: (x1 + x2) / 2, ly });
  }
  return {
    width: Math.max(width, cols * w + (cols - 1) * m.gutter),
    height: top + hostRows * h + (hostRows - 1) * vgap,
    hosts,
    vms,
    arrows,
    top: highest,
    hostsTop: top,
  };
}
