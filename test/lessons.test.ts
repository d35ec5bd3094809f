import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { PRESETS } from '../src/sim/scenario/presets';
import { judge, lessonFor, LESSONS } from '../src/ui/lessons/lessons';
import { preset } from './support/presets';
import { setPath } from '../src/sim/scenario/scenario';

/** Issue 9, item 4: every preset runs as a lesson whose answer comes out of the run. */
describe('lessons', () => {
  it('every preset has one', () => {
    expect(PRESETS.map((p) => lessonFor(p.id)?.presetId)).toEqual(PRESETS.map((p) => p.id));
    expect(LESSONS).toHaveLength(PRESETS.length);
  });

  for (const l of LESSONS)
    it(`${l.presetId}: the run answers the question and the explanation reads without NaN`, () => {
      const s = runToEnd(preset(l.presetId)).summary;
      const v = l.answer.of(s);
      expect(v).not.toBeNull();
      expect(Number.isFinite(v)).toBe(true);
      if (l.answer.kind === 'choice') {
        expect(Number.isInteger(v)).toBe(true);
        expect(l.answer.choices[v as number]).toBeDefined();
      }
      const text = l.explain(s).join(' ');
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
      expect(text).not.toContain('—');
    });

  it('a question quotes the scenario as it now is (the crash moved on the timeline)', () => {
    const l = lessonFor('primary-fails');
    const q = l?.question;
    expect(typeof q).toBe('function');
    const text = (s: ReturnType<typeof preset>) => (typeof q === 'function' ? q(s) : q);
    expect(text(preset('primary-fails'))).toMatch(/crashes at 30 s/);
    expect(text(setPath(preset('primary-fails'), 'failures.f1.atS', 20))).toMatch(
      /crashes at 20 s/,
    );
    for (const x of LESSONS) {
      const t = typeof x.question === 'function' ? x.question(preset(x.presetId)) : x.question;
      expect(t, x.presetId).not.toMatch(/NaN|undefined/);
    }
  });

  it('judges a prediction within 25 % as close', () => {
    expect(judge(1.1, 1.05)).toBe('close');
    expect(judge(0.5, 1.05)).toBe('low');
    expect(judge(35, 34)).toBe('close');
    expect(judge(90, 34)).toBe('high');
  });
});
