/** A big mark of the heartbeat lane (a diamond) and the word it carries. */
export interface Mark {
  readonly cx: number;
  readonly cy: number;
  readonly label: string;
}

/** A line of words to write at (x, y), its baseline. */
export interface MarkWords {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Where the marks' words go, marks in time order. Words follow their marks, and only where the
 * whole line fits before the next diamond (the warning diamond drawn over "crash" hid it).
 * Diamonds a few pixels apart — declared dead, the takeover and its ARP within a few ms — share
 * one line ("declared dead · takeover · ARP"), else the last word hid the first; a line that does
 * not fit gives way to its first word alone. The last marks, near the right edge, take their words
 * on their left. Zooming in makes room for the ones left out.
 */
export function markWords(
  marks: readonly Mark[],
  /** The plot's right and left edges: no word crosses them. */
  right: number,
  width: (text: string) => number,
  left = 0,
): MarkWords[] {
  const groups: { first: number; cx: number; cy: number; labels: string[] }[] = [];
  for (const m of marks) {
    const g = groups[groups.length - 1];
    if (g && m.cx - g.cx <= 8 && m.cy === g.cy) {
      g.cx = m.cx;
      if (!g.labels.includes(m.label)) g.labels.push(m.label);
    } else groups.push({ first: m.cx, cx: m.cx, cy: m.cy, labels: [m.label] });
  }
  const out: MarkWords[] = [];
  let lastEnd = -Infinity;
  groups.forEach((g, i) => {
    const next = groups[i + 1];
    // Up to the next group's first diamond (a group is up to 8 px a diamond wide).
    const room = (next ? next.first - 9 : right) - (g.cx + 9);
    if (g.cx + 9 <= lastEnd + 4) return;
    for (const text of [g.labels.join(' · '), g.labels[0] as string]) {
      const w = width(text);
      const x = !next && w > room ? g.first - 9 - w : g.cx + 9;
      if (x === g.cx + 9 ? w > room : x <= lastEnd + 4 || x < left) continue;
      out.push({ text, x, y: g.cy + 5 });
      lastEnd = x + w;
      return;
    }
  });
  return out;
}
