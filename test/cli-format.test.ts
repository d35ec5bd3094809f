import { describe, expect, it } from 'vitest';
import { formatSummary } from '../src/cli/format';
import { runToEnd } from '../src/sim/run';
import { preset } from './support/presets';

describe('the CLI’s text summary', () => {
  it('numbers calls from 1, as the page does (the JSON’s streams[].call is the 0-based index)', () => {
    const r = runToEnd(preset('remus-bursts'));
    const rows = formatSummary(r.summary, r.traceHash, 0)
      .split('\n')
      .filter((l) => /^ {2}call /.test(l));
    expect(r.summary.streams[0]?.call).toBe(0);
    expect(rows[0]).toMatch(/^ {2}call 1 /);
    expect(rows).toHaveLength(r.summary.streams.length);
    expect(rows.some((l) => /^ {2}call 0 /.test(l))).toBe(false);
  });
});
