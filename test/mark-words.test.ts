import { describe, expect, it } from 'vitest';
import { markWords } from '../src/ui/timeline/mark-words';

// 7 px a character, as 13 px bold text is about.
const width = (t: string) => 7 * t.length;

describe('the heartbeat lane’s words (projector and full lanes)', () => {
  it('diamonds a few pixels apart share one line, in time order', () => {
    const marks = [
      { cx: 100, cy: 40, label: 'declared dead' },
      { cx: 103, cy: 40, label: 'takeover' },
      { cx: 104, cy: 40, label: 'ARP' },
    ];
    expect(markWords(marks, 1000, width)).toEqual([
      { text: 'declared dead · takeover · ARP', x: 113, y: 45 },
    ]);
  });

  it('a line with no room before the next diamond gives way to its first word, or to nothing', () => {
    const marks = [
      { cx: 100, cy: 40, label: 'crash' },
      { cx: 105, cy: 40, label: 'warn' },
      // 'crash · warn' needs 84 px, 'crash' 35: there are 46 before the next diamond.
      { cx: 169, cy: 40, label: 'declared dead' },
      // 30 px on: no word fits ('declared dead' needs 91).
      { cx: 199, cy: 40, label: 'takeover' },
    ];
    expect(markWords(marks, 1000, width).map((w) => w.text)).toEqual(['crash', 'takeover']);
  });

  it('the last marks near the right edge take their words on their left, clear of the words before', () => {
    const marks = [
      { cx: 500, cy: 40, label: 'membership' },
      { cx: 950, cy: 40, label: 'stopped (no quorum)' },
      { cx: 955, cy: 40, label: 'takeover' },
    ];
    const words = markWords(marks, 1000, width);
    expect(words[1]).toEqual({ text: 'stopped (no quorum) · takeover', x: 950 - 9 - 210, y: 45 });
    const [first, second] = words;
    expect(second?.x ?? 0).toBeGreaterThan((first?.x ?? Infinity) + width(first?.text ?? ''));
  });

  it('marks on different rows are not merged (the first then has no room before the second)', () => {
    const marks = [
      { cx: 100, cy: 20, label: 'a' },
      { cx: 102, cy: 40, label: 'b' },
    ];
    expect(markWords(marks, 1000, width).map((w) => w.text)).toEqual(['b']);
  });

  it('room runs to the next group’s first diamond, not its last', () => {
    const marks = [
      { cx: 90, cy: 40, label: 'crash' },
      // A group whose diamonds run 150 → 171: 'crash' (35 px from 99) fits before 150 − 9.
      { cx: 150, cy: 40, label: 'a' },
      { cx: 157, cy: 40, label: 'b' },
      { cx: 164, cy: 40, label: 'c' },
      { cx: 171, cy: 40, label: 'd' },
    ];
    const crash = markWords(marks, 1000, width).find((w) => w.text === 'crash');
    expect(crash?.x).toBe(99);
    const tight = markWords(
      [{ ...marks[0], cx: 110 } as (typeof marks)[number], ...marks.slice(1)],
      1000,
      width,
    );
    // 110 + 9 + 35 = 154 > 141: no room before the group's first diamond.
    expect(tight.map((w) => w.text)).not.toContain('crash');
  });

  it('words on the left of the last marks stay right of the plot’s left edge', () => {
    const marks = [{ cx: 60, cy: 40, label: 'declared dead — but the primary is alive!' }];
    // 287 px of words do not fit right of 60 before 200, nor left of it after 40.
    expect(markWords(marks, 200, width, 40)).toEqual([]);
  });

  it('a line that does not fit keeps its key steps before its first word (remus-failback read "membership")', () => {
    const marks = [
      { cx: 500, cy: 40, label: 'membership' },
      { cx: 502, cy: 40, label: 'stopped (failback)' },
      { cx: 506, cy: 40, label: 'takeover' },
      { cx: 506, cy: 40, label: 'ARP' },
    ];
    // The whole line is 336 px: 300 px are left before the right edge, 91 after the left one;
    // the stop and the takeover (203 px) fit on the right.
    expect(markWords(marks, 815, width, 400).map((w) => w.text)).toEqual([
      'stopped (failback) · takeover',
    ]);
  });

  it('where two words contend, the failover’s step wins over a membership change', () => {
    const marks = [
      { cx: 100, cy: 40, label: 'membership' },
      // The last group: no room on its right; on its left it needs 135 → 191, over membership's word.
      { cx: 200, cy: 40, label: 'takeover' },
    ];
    expect(markWords(marks, 230, width).map((w) => w.text)).toEqual(['takeover']);
  });

  it('words on the left of the last marks do not cross an earlier diamond', () => {
    const marks = [
      // Its own word (70 px) has no room before the next diamond.
      { cx: 150, cy: 40, label: 'membership' },
      { cx: 200, cy: 40, label: 'declared dead' },
    ];
    // 'declared dead' (91 px) left of 200 would run 100 → 191, over the diamond at 150.
    expect(markWords(marks, 230, width).map((w) => w.text)).not.toContain('declared dead');
  });

  it('the last group keeps its words on the right when its key steps fit there', () => {
    const marks = [
      { cx: 600, cy: 40, label: 'membership' },
      { cx: 602, cy: 40, label: 'stopped (no quorum)' },
      { cx: 604, cy: 40, label: 'takeover' },
    ];
    // The whole line (301 px) only fits on the left; 'stopped (no quorum) · takeover' (210) on the right.
    expect(markWords(marks, 840, width)).toEqual([
      { text: 'stopped (no quorum) · takeover', x: 613, y: 45 },
    ]);
  });
});
