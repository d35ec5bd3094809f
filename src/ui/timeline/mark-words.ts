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
 * How much a word says about the failover (higher first). The steps of the failover itself come
 * before the context around them: with room for one word in a group, "takeover" beats
 * "membership", and a takeover's word beats a later membership change's.
 */
function weight(label: string): number {
  if (label.startsWith('declared dead') || label === 'takeover') return 6;
  if (label.startsWith('stopped') || label === 'fenced' || label === 'crash') return 5;
  if (label === 'fence') return 4;
  if (label === 'ARP') return 3;
  return 2; // warn, membership
}
/** Weight of a key step: kept when its group's whole line does not fit. */
const KEY = 4;

interface Group {
  first: number;
  cx: number;
  cy: number;
  labels: string[];
  /** When it was reached in time order: words are given in weight order, ties by time. */
  order: number;
}

/**
 * Where the marks' words go, marks in time order. Words follow their marks, and only where the
 * whole line fits clear of every diamond and of the words already placed (the warning diamond
 * drawn over "crash" hid it). Diamonds a few pixels apart — declared dead, the takeover and its
 * ARP within a few ms — share one line ("declared dead · takeover · ARP"), else the last word hid
 * the first; a line that does not fit gives way to its key steps, then to its weightiest word.
 * Groups get their words weightiest first (a takeover's before a membership change's after it),
 * so a crowded stretch keeps the words that tell the failover. The last group takes its words
 * on its left when none of its lines fits on the right. Zooming in makes room for the ones left
 * out.
 */
export function markWords(
  marks: readonly Mark[],
  /** The plot's right and left edges: no word crosses them. */
  right: number,
  width: (text: string) => number,
  left = 0,
): MarkWords[] {
  const groups: Group[] = [];
  for (const m of marks) {
    const g = groups[groups.length - 1];
    if (g && m.cx - g.cx <= 8 && m.cy === g.cy) {
      g.cx = m.cx;
      if (!g.labels.includes(m.label)) g.labels.push(m.label);
    } else
      groups.push({ first: m.cx, cx: m.cx, cy: m.cy, labels: [m.label], order: groups.length });
  }
  // What a word may not cross: the other groups' diamonds (9 px either side; a word may touch
  // them), and the words already placed (4 px apart).
  const diamonds = groups.map((g): [number, number] => [g.first - 9, g.cx + 9]);
  const words: [number, number][] = [];
  const fits = (a: number, b: number, own: number): boolean =>
    a >= left &&
    b <= right &&
    diamonds.every(([s, e], i) => i === own || b <= s || a >= e) &&
    words.every(([s, e]) => b + 4 <= s || a >= e + 4);
  const placed: (MarkWords & { order: number })[] = [];
  const heaviest = (g: Group) => Math.max(...g.labels.map(weight));
  const byWeight = [...groups].sort((p, q) => heaviest(q) - heaviest(p) || p.order - q.order);
  for (const g of byWeight) {
    const key = g.labels.filter((l) => weight(l) >= KEY).join(' · ');
    const top = [...g.labels].sort((p, q) => weight(q) - weight(p))[0] as string;
    const texts = [g.labels.join(' · '), key, top].filter(
      (t, i, all) => t !== '' && all.indexOf(t) === i,
    );
    // Right of the group's last diamond, any of its texts; then the last group may take the
    // left of its first (pacemaker-partition's whole line ran back over the partition's line
    // where its key steps fitted on the right).
    const sides =
      g.order === groups.length - 1 ? (['right', 'left'] as const) : (['right'] as const);
    const spot = sides
      .flatMap((side) => texts.map((text) => ({ side, text, w: width(text) })))
      .map((c) => ({ ...c, x: c.side === 'right' ? g.cx + 9 : g.first - 9 - c.w }))
      .find((c) => fits(c.x, c.x + c.w, g.order));
    if (!spot) continue;
    placed.push({ text: spot.text, x: spot.x, y: g.cy + 5, order: g.order });
    words.push([spot.x, spot.x + spot.w]);
  }
  return placed.sort((p, q) => p.order - q.order).map(({ text, x, y }) => ({ text, x, y }));
}
